// The read-back price is one plain line, no brackets inside brackets, and a slot's length is said as people say it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingPriceText, lengthText } from '../../src/conversation/steps/booking/shared.js';
import type { QuotedPrice } from '../../src/welfare/contract.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
});
afterAll(() => h.close());

const LANGS = ['it', 'en', 'ro', 'sq', 'uk', 'ar', 'zh'] as const;

/** A slot of `minutes` from 15:00 on a winter day. */
const slot = (minutes: number) => ({
  start: '2026-12-09T15:00:00+01:00',
  end: new Date(Date.parse('2026-12-09T15:00:00+01:00') + minutes * 60_000).toISOString(),
});

const reduced: QuotedPrice = { tier: 'reduced', amount: 12, currency: 'EUR', unit: 'hour' };

const LENGTHS: Record<(typeof LANGS)[number], Record<number, string>> = {
  it: { 45: '45 minuti', 60: '1 ora', 90: '1 ora e mezza', 150: '2 ore e mezza', 180: '3 ore', 75: '1 ora e 15 minuti' },
  en: { 45: '45 minutes', 60: '1 hour', 90: 'an hour and a half', 150: '2 and a half hours', 180: '3 hours', 75: '1 hour and 15 minutes' },
  ro: { 45: '45 de minute', 60: '1 oră', 90: '1 oră și jumătate', 150: '2 ore și jumătate', 180: '3 ore', 75: '1 oră și 15 minute' },
  sq: { 45: '45 minuta', 60: '1 orë', 90: '1 orë e gjysmë', 150: '2 orë e gjysmë', 180: '3 orë', 75: '1 orë e 15 minuta' },
  uk: { 45: '45 хвилин', 60: '1 година', 90: 'півтори години', 150: '2 з половиною години', 180: '3 години', 75: '1 година 15 хвилин' },
  ar: { 45: '45 دقيقة', 60: 'ساعة واحدة', 90: 'ساعة ونصف', 150: 'ساعتان ونصف', 180: '3 ساعات', 75: 'ساعة و15 دقيقة' },
  zh: { 45: '45分钟', 60: '1小时', 90: '1个半小时', 150: '2个半小时', 180: '3小时', 75: '1小时15分钟' },
};

const TOTALS: Record<(typeof LANGS)[number], string> = {
  it: '18\u00a0€ in tutto: 12\u00a0€ all’ora, prezzo ridotto, per 1 ora e mezza',
  en: '€18 in all: €12 per hour, reduced price, for an hour and a half',
  ro: '18\u00a0EUR în total: 12\u00a0EUR pe oră, preț redus, pentru 1 oră și jumătate',
  sq: '18\u00a0€ gjithsej: 12\u00a0€ në orë, çmim i reduktuar, për 1 orë e gjysmë',
  uk: '18\u00a0EUR загалом: 12\u00a0EUR за годину, знижена ціна; тривалість: півтори години',
  ar: 'للساعة، بسعر مخفّض، والمدة ساعة ونصف',
  zh: '共 €18：每小时 €12，优惠价，时长1个半小时',
};

describe.each(LANGS)('booking price and length (%s)', (lang) => {
  it('says a length in hours and minutes the way people say it, never "1,5 ore"', () => {
    const turn = h.turn(lang);
    for (const [minutes, said] of Object.entries(LENGTHS[lang])) expect(lengthText(turn, slot(Number(minutes)))).toBe(said);
  });

  it('reads back the total, the unit price, its tier and the length in one line without nested brackets', () => {
    const said = bookingPriceText(h.turn(lang), reduced, slot(90));
    expect(said).toContain(TOTALS[lang]);
    expect(said).not.toMatch(/[(（].*[(（]/);
    expect(said).not.toMatch(/[()（）]/);
  });
});
