// No text of any locale states office hours: they come from config/office-hours.yaml or the backend's contact data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { LOCALES_DIR } from '../../src/paths.js';

/** Times of day and weekday spans, as each of the seven languages writes them. */
const HOURS = [
  /\b([01]?\d|2[0-3])[:.][0-5]\d\b/, // 9:00, 12.30
  /\b(dalle|alle)\s+\d{1,2}\b/i, // Italian: "dalle 9", "alle 13"
  // A span of hours; a rating scale ("from 1 (not at all) to 5") has words between, so it is not one.
  /(?<!\p{L})(from|de la|nga ora|nga)\s+\d{1,2}\s*(to|la|deri në|–|-)\s*\d{1,2}(?!\d)/iu,
  /\b\d{1,2}\s*(am|pm|a\.m\.|p\.m\.)(?!\p{L})/iu,
  /(?<!\p{L})з\s+\d{1,2}(?!\d)|الساعة\s*\d|\d+\s*点/u,
  /lunedì al venerdì|monday to friday|monday[-–]friday|luni până (vineri|sâmbătă)|понеділка по|الاثنين إلى|e hëna në të premte|周一至周[五六]/i,
];

function strings(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (typeof value === 'string') out.push([path, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${path}[${String(i)}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, path ? `${path}.${k}` : k, out);
  return out;
}

/** What a resident could read: ICU placeholders ({opening, time, ::Hmm}) are filled from data, so they go. */
const statesHours = (text: string) => HOURS.some((re) => re.test(text.replace(/\{[^{}]*\}/g, ' ')));

describe('office hours in the locales', () => {
  it('the check catches the ways hours were once written', () => {
    for (const once of [
      'Gli uffici rispondono dal lunedì al venerdì, dalle 9 alle 13',
      'The offices answer Monday to Friday, 9 am to 1 pm',
      'de luni până vineri, de la 9 la 13',
      'з понеділка по п’ятницю, з 9:00 до 13:00',
      'من الاثنين إلى الجمعة، من الساعة 9 إلى الساعة 13',
      'nga e hëna në të premte, nga ora 9 deri në 13',
      '周一至周五，上午 9 点到下午 1 点',
    ])
      expect(statesHours(once), once).toBe(true);
    expect(statesHours('Riaprono {opening, date, ::EEEE} alle {opening, time, ::Hmm}.')).toBe(false);
  });

  it('no text of any locale states hours or opening days', () => {
    const found: string[] = [];
    for (const lang of readdirSync(LOCALES_DIR)) {
      for (const file of readdirSync(join(LOCALES_DIR, lang)).filter((f) => f.endsWith('.yaml') && f !== 'lexicon.yaml')) {
        const texts = strings(parse(readFileSync(join(LOCALES_DIR, lang, file), 'utf8')), '', []);
        for (const [key, text] of texts) if (statesHours(text)) found.push(`${lang}/${file}: ${key}: ${text}`);
      }
    }
    expect(found).toEqual([]);
  });
});
