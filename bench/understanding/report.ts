// The figures of an evaluation: per language, per intent, per service, and the commonest confusions, as text tables.
import { describe, type Scored } from './evaluate.js';

interface Figures {
  n: number;
  top1: number;
  top3: number;
}

export interface LanguageFigures {
  services: Figures;
  intents: Figures;
  tune: { services: Figures; intents: Figures };
  holdout: { services: Figures; intents: Figures };
}

const isService = (s: Scored) => 'services' in s.utterance.expect;
const expected = (s: Scored) => ('services' in s.utterance.expect ? s.utterance.expect.services.join('|') : `intent:${s.utterance.expect.intent}`);

function figures(scored: Scored[]): Figures {
  return { n: scored.length, top1: scored.filter((s) => s.top1).length, top3: scored.filter((s) => s.top3).length };
}

const both = (scored: Scored[]) => ({ services: figures(scored.filter(isService)), intents: figures(scored.filter((s) => !isService(s))) });

/** The project's order of languages (Italian first); a language added later comes after them. */
const ORDER = ['it', 'en', 'ro', 'sq', 'uk', 'ar', 'zh'];
const rank = (lang: string) => (ORDER.includes(lang) ? ORDER.indexOf(lang) : ORDER.length);

function languagesOf(scored: Scored[]): string[] {
  return [...new Set(scored.map((s) => s.utterance.lang))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Per language: services (top-1, top-3) and intents, over all the lines and over each split. */
export function byLanguage(scored: Scored[]): Record<string, LanguageFigures> {
  return Object.fromEntries(
    languagesOf(scored).map((lang) => {
      const mine = scored.filter((s) => s.utterance.lang === lang);
      return [
        lang,
        {
          ...both(mine),
          tune: both(mine.filter((s) => s.utterance.split === 'tune')),
          holdout: both(mine.filter((s) => s.utterance.split === 'holdout')),
        },
      ];
    }),
  );
}

/** A share as a whole percentage; a dash when there is nothing to count. */
export const percent = (hits: number, n: number): number | undefined => (n === 0 ? undefined : Math.round((hits / n) * 100));
const cell = (hits: number, n: number) => {
  const p = percent(hits, n);
  return p === undefined ? '–' : `${p}%`;
};

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function languageTable(scored: Scored[]): string {
  const all = byLanguage(scored);
  const row = (name: string, f: LanguageFigures) => [
    name,
    String(f.services.n),
    cell(f.services.top1, f.services.n),
    cell(f.services.top3, f.services.n),
    String(f.intents.n),
    cell(f.intents.top1, f.intents.n),
    cell(f.tune.services.top3, f.tune.services.n),
    cell(f.tune.intents.top1, f.tune.intents.n),
    cell(f.holdout.services.top3, f.holdout.services.n),
    cell(f.holdout.intents.top1, f.holdout.intents.n),
  ];
  const total: LanguageFigures = {
    ...both(scored),
    tune: both(scored.filter((s) => s.utterance.split === 'tune')),
    holdout: both(scored.filter((s) => s.utterance.split === 'holdout')),
  };
  return table(
    ['lang', 'needs', 'top-1', 'top-3', 'intents', 'intent acc.', 'tune top-3', 'tune intents', 'holdout top-3', 'holdout intents'],
    [...Object.entries(all).map(([lang, f]) => row(lang, f)), row('**all**', total)],
  );
}

/** Rows of `keyOf` values, a column per language, each cell hits of `hit` among the lines. */
function matrix(scored: Scored[], keyOf: (s: Scored) => string[], hit: (s: Scored) => boolean, title: string): string {
  const langs = languagesOf(scored);
  const keys = [...new Set(scored.flatMap(keyOf))].sort();
  const cellOf = (lines: Scored[]) => (lines.length === 0 ? '–' : `${lines.filter(hit).length}/${lines.length}`);
  const rows = keys.map((key) => {
    const lines = scored.filter((s) => keyOf(s).includes(key));
    return [key, ...langs.map((lang) => cellOf(lines.filter((s) => s.utterance.lang === lang))), cell(lines.filter(hit).length, lines.length)];
  });
  return table([title, ...langs, 'all'], rows);
}

function confusions(scored: Scored[], limit: number): string {
  const counts = new Map<string, { n: number; langs: Set<string> }>();
  for (const s of scored.filter((x) => !x.top1)) {
    const key = `${expected(s)} → ${describe(s.reading)}`;
    const seen = counts.get(key) ?? { n: 0, langs: new Set<string>() };
    seen.n += 1;
    seen.langs.add(s.utterance.lang);
    counts.set(key, seen);
  }
  const rows = [...counts.entries()]
    .sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key, { n, langs }]) => {
      const [want, got] = key.split(' → ');
      return [want!, got!, String(n), [...langs].join(' ')];
    });
  return table(['expected', 'the assistant did', 'times', 'languages'], rows);
}

/** The whole report, in Markdown so that it can be pasted into docs/understanding.md as it is. */
export function formatReport(scored: Scored[]): string {
  const services = scored.filter(isService);
  const intents = scored.filter((s) => !isService(s));
  const intentOf = (s: Scored) => ('intent' in s.utterance.expect ? [s.utterance.expect.intent] : []);
  const servicesExpected = (s: Scored) => ('services' in s.utterance.expect ? s.utterance.expect.services.slice(0, 1) : []);
  return [
    `${scored.length} utterances (${services.length} needs, ${intents.length} intents), ${scored.filter((s) => s.utterance.split === 'holdout').length} of them holdout.`,
    '',
    '### Per language',
    '',
    'Needs: the service expected is the first listed (top-1) or among the first three (top-3). Intents: the assistant did what was asked.',
    '',
    languageTable(scored),
    '',
    '### Per intent (right / lines)',
    '',
    matrix(intents, intentOf, (s) => s.top1, 'intent'),
    '',
    '### Per service, top-3 (right / lines whose first expected service it is)',
    '',
    matrix(services, servicesExpected, (s) => s.top3, 'service'),
    '',
    '### Commonest confusions (top-1 misses)',
    '',
    'A need read as `services:none` found nothing; `services:<id>` is the first service listed.',
    '',
    confusions(scored, 25),
  ].join('\n');
}
