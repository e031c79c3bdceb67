// What residents type at the main menu must not be understood worse than it was: the labelled set of
// test/fixtures/utterances runs through the real assistant (npm run eval:understanding) and each language stays above
// its floor, set just below the figures measured when the set was written (docs/understanding.md). Raise a floor when
// tuning raises a figure; never lower one to let a change through.
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateUnderstanding } from '../../bench/understanding/evaluate.js';
import { byLanguage, percent, type LanguageFigures } from '../../bench/understanding/report.js';

/** Percent: needs whose expected service is listed first, or among the first three; intents the assistant did. */
const FLOORS: Record<string, { top1: number; top3: number; intents: number }> = {
  it: { top1: 75, top3: 84, intents: 37 },
  en: { top1: 74, top3: 86, intents: 32 },
  ro: { top1: 50, top3: 70, intents: 20 },
  sq: { top1: 32, top3: 40, intents: 38 },
  uk: { top1: 12, top3: 12, intents: 26 },
  ar: { top1: 12, top3: 12, intents: 32 },
  zh: { top1: 5, top3: 5, intents: 26 },
};

describe('understanding what residents type', () => {
  let figures: Record<string, LanguageFigures>;
  beforeAll(async () => {
    figures = byLanguage(await evaluateUnderstanding());
  });

  it('measures every language that has a floor, and has a floor for every language measured', () => {
    expect(Object.keys(figures).sort()).toEqual(Object.keys(FLOORS).sort());
  });

  it.each(Object.entries(FLOORS))('%s stays above its floors', (lang, floor) => {
    const f = figures[lang]!;
    const got = {
      top1: percent(f.services.top1, f.services.n),
      top3: percent(f.services.top3, f.services.n),
      intents: percent(f.intents.top1, f.intents.n),
    };
    for (const figure of ['top1', 'top3', 'intents'] as const) expect(got[figure], `${lang} ${figure}`).toBeGreaterThanOrEqual(floor[figure]);
  });
});
