// A contact point's lines, its hours worded from structured data in each locale's own words.
import { describe, expect, it } from 'vitest';
import { contactHours, contactLines } from '../../src/conversation/contact-text.js';
import type { ContactPoint } from '../../src/welfare/contract.js';
import { lexicon } from '../support/lexicon.js';

const office: ContactPoint = {
  name: 'Comune di Limena – Servizi sociali',
  phone: '+39 049 884 0411',
  email: 'servizisociali@comune.limena.pd.it',
  openingHours: {
    monday: ['09:00-12:30'],
    tuesday: ['09:00-12:30'],
    wednesday: ['09:00-12:30'],
    thursday: ['09:00-12:30', '15:00-17:30'],
    saturday: ['09:00-12:30'],
  },
};
const at = (lang: string) => lexicon.intlLocale(lang);

describe('contact lines', () => {
  it('words the hours: days in a row as a span, days with other hours apart, closed days left out', () => {
    expect(contactHours(office, 'it', at('it'))).toBe('lunedì–mercoledì e sabato 09:00–12:30; giovedì 09:00–12:30 e 15:00–17:30');
    expect(contactHours(office, 'en', at('en'))).toBe('Monday–Wednesday and Saturday 09:00–12:30; Thursday 09:00–12:30 and 15:00–17:30');
  });

  it.each(['ro', 'uk', 'ar', 'sq', 'zh'])('in %s, with the language’s own day names, never Italian or English ones', (lang) => {
    const hours = contactHours(office, lang, at(lang))!;
    expect(hours).not.toMatch(/monday|lunedì|thursday|giovedì|friday|venerdì/i);
    expect(hours.length).toBeGreaterThan(10);
  });

  it('prefers the structured hours to a prose note and falls back to it, in Italian when untranslated', () => {
    expect(contactHours({ ...office, hours: { it: 'su appuntamento' } }, 'en', at('en'))).toMatch(/^Monday/);
    expect(contactHours({ name: 'x', hours: { it: 'su appuntamento' } }, 'uk', at('uk'))).toBe('su appuntamento');
    expect(contactHours({ name: 'x' }, 'it', at('it'))).toBeUndefined();
  });

  it('gives name, phone, e-mail and hours, one a line, and leaves out what is unknown', () => {
    const t = (key: string, params?: Record<string, string>) => `${key}=${Object.values(params ?? {}).join()}`;
    expect(contactLines(office, 'it', at('it'), t).split('\n')).toEqual([
      office.name,
      'handoff.contact.phone=+39 049 884 0411',
      'handoff.contact.email=servizisociali@comune.limena.pd.it',
      expect.stringMatching(/^handoff\.contact\.hours=lunedì/),
    ]);
    expect(contactLines({ name: 'Sportello', phone: '049 1' }, 'it', at('it'), t)).toBe('Sportello\nhandoff.contact.phone=049 1');
  });
});
