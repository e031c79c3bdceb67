import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDate, formatDateSpoken, formatDateTime, formatPrice, formatTime } from '../../src/i18n/format.js';
import { parseLanguageChoice, pickLanguage } from '../../src/i18n/language.js';
import { compareLocales, loadLocales, LocaleError, placeholdersOf } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { lexicon } from '../support/lexicon.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

// A project root holding locales/<lang>/<namespace>.yaml, as the loader sees it.
function fixture(files: Record<string, string>): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'sportello-i18n-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, 'locales', file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { root, dir: path.join(root, 'locales') };
}

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const GOOD = {
  'it/booking.yaml': `
confirm:
  title: "Confermi {service}?"
  price: "Costo: {price, number, ::currency/EUR}"
  children: "{n, plural, one {# figlio} other {# figli}}"
  when: "Il {when, date, long} alle {when, time, short}"
only_it: "Solo in italiano"
`,
  'en/booking.yaml': `
confirm:
  title: "Do you confirm {service}?"
  price: "Cost: {price, number, ::currency/EUR}"
  children: "{n, plural, one {# child} other {# children}}"
  when: "On {when, date, long} at {when, time, short}"
`,
  'it/common.yaml': `hello: "Ciao {name}, l’appuntamento è confermato"\n`,
  'en/common.yaml': `hello: "Hello {name}, your appointment is confirmed"\n`,
};

describe('loadLocales', () => {
  it('names keys <namespace>.<dotted path>, per language', () => {
    const { root, dir } = fixture(GOOD);
    const bundles = loadLocales(dir, { rootForMessages: root });
    expect([...bundles.keys()]).toEqual(['en', 'it']);
    expect(bundles.get('it')?.get('booking.confirm.title')).toBe('Confermi {service}?');
    expect(bundles.get('it')?.get('common.hello')).toMatch(/^Ciao/);
    expect(bundles.get('en')?.has('booking.only_it')).toBe(false);
  });

  it('reports every problem at once, naming file and path', () => {
    const { root, dir } = fixture({
      'it/booking.yaml': `confirm:\n  title: "Confermi {service"\n  count: 3\n  empty:\n`,
      'it/common.yaml': `hello: "Ciao all'{name}"\nbad: [unterminated\n`,
      'it/ok.yaml': `fine: "{n, plural, one {uno}}"\n`,
    });
    const error = (() => {
      try {
        loadLocales(dir, { rootForMessages: root });
      } catch (err) {
        return err;
      }
      throw new Error('loadLocales accepted broken locales');
    })();
    expect(error).toBeInstanceOf(LocaleError);
    const problems = (error as LocaleError).problems;
    expect(problems).toContainEqual(expect.stringMatching(/^locales\/it\/booking\.yaml: confirm\.title: ICU syntax error: .*column/));
    expect(problems).toContainEqual(expect.stringMatching(/^locales\/it\/booking\.yaml: confirm\.count: expected a text/));
    expect(problems).toContainEqual(expect.stringMatching(/^locales\/it\/booking\.yaml: confirm\.empty: empty value/));
    expect(problems).toContainEqual(expect.stringMatching(/^locales\/it\/common\.yaml: /));
    expect(problems).toContainEqual(expect.stringMatching(/^locales\/it\/ok\.yaml: fine: ICU syntax error: missing other clause/));
  });

  it('flags an elided apostrophe that would swallow a placeholder', () => {
    const { root, dir } = fixture({ 'it/common.yaml': `at: "all'{ora}"\n` });
    expect(() => loadLocales(dir, { rootForMessages: root })).toThrow(/locales\/it\/common\.yaml: at: "l'\{" quotes the placeholder/);
  });

  it('rejects a missing folder with its path', () => {
    expect(() => loadLocales('/nonexistent/locales', { rootForMessages: '/' })).toThrow(LocaleError);
  });
});

describe('placeholdersOf and compareLocales', () => {
  it('collects arguments inside plural and select branches, sorted', () => {
    expect(placeholdersOf('{who, select, a {{n, plural, one {# da {service}} other {#}}} other {x}} {when, date}')).toEqual([
      'n',
      'service',
      'when',
      'who',
    ]);
    expect(placeholdersOf('nessuno')).toEqual([]);
  });

  it('finds a missing key, an extra key and differing placeholders', () => {
    const bundles = new Map([
      [
        'it',
        new Map([
          ['booking.confirm.title', 'Confermi {service} il {when}?'],
          ['booking.done', 'Fatto'],
        ]),
      ],
      [
        'en',
        new Map([
          ['booking.confirm.title', 'Confirm {service}?'],
          ['booking.extra', 'Extra'],
        ]),
      ],
    ]);
    expect(compareLocales(bundles)).toEqual([
      'locales/en/booking.yaml: confirm.title: placeholders {service} differ from it {service, when}',
      'locales/en/booking.yaml: done: missing (present in it)',
      'locales/en/booking.yaml: extra: not in it (extra key)',
    ]);
  });

  it('is quiet when locales agree', () => {
    const { root, dir } = fixture({ 'it/a.yaml': 'x: "{n} ciao"\n', 'en/a.yaml': 'x: "hi {n}"\n' });
    expect(compareLocales(loadLocales(dir, { rootForMessages: root }))).toEqual([]);
  });
});

describe('createTranslator', () => {
  const { root, dir } = fixture(GOOD);
  const tr = createTranslator(loadLocales(dir, { rootForMessages: root }), { fallback: 'it', lexicon });

  it('renders in the language and falls back to Italian', () => {
    expect(tr.t('en', 'booking.confirm.title', { service: 'Doposcuola' })).toBe('Do you confirm Doposcuola?');
    expect(tr.t('en', 'booking.only_it')).toBe('Solo in italiano');
    expect(tr.t('de', 'common.hello', { name: 'Anna' })).toBe('Ciao Anna, l’appuntamento è confermato');
    expect(tr.has('en', 'booking.only_it')).toBe(true);
    expect(tr.has('en', 'booking.nope')).toBe(false);
    expect(tr.languages).toEqual(['it', 'en']);
  });

  it('throws naming a key missing everywhere, and a missing parameter', () => {
    expect(() => tr.t('it', 'booking.nope')).toThrow(/booking\.nope/);
    expect(() => tr.t('it', 'booking.confirm.title')).toThrow(/booking\.confirm\.title/);
  });

  it('applies each language’s plural rules', () => {
    expect(tr.t('it', 'booking.confirm.children', { n: 1 })).toBe('1 figlio');
    expect(tr.t('it', 'booking.confirm.children', { n: 3 })).toBe('3 figli');
    expect(tr.t('en', 'booking.confirm.children', { n: 1 })).toBe('1 child');
    expect(tr.t('en', 'booking.confirm.children', { n: 0 })).toBe('0 children');
  });

  it('formats currency per language', () => {
    expect(nbsp(tr.t('it', 'booking.confirm.price', { price: 12.5 }))).toBe('Costo: 12,50 €');
    expect(tr.t('en', 'booking.confirm.price', { price: 12.5 })).toBe('Cost: €12.50');
  });

  it('renders ICU dates in Europe/Rome from ISO strings and luxon values', () => {
    // 09:00Z is 10:00 in Rome in winter
    expect(nbsp(tr.t('it', 'booking.confirm.when', { when: '2026-12-03T09:00:00Z' }))).toBe('Il 3 dicembre 2026 alle 10:00');
    const summer = DateTime.fromISO('2026-07-01T08:30:00Z');
    expect(nbsp(tr.t('en', 'booking.confirm.when', { when: summer }))).toMatch(/^On 1 July 2026 at 10:30/);
  });
});

describe('format', () => {
  it('writes dates and times in Rome, across both DST changes', () => {
    expect(formatDateTime('2026-12-03T09:00:00Z', 'it', lexicon)).toBe('giovedì 3 dicembre 2026, 10:00');
    expect(formatDateTime('2026-12-03T09:00:00Z', 'en', lexicon)).toBe('Thursday 3 December 2026, 10:00');
    // clocks go forward at 02:00 on 29 March 2026, back at 03:00 on 25 October 2026
    expect(formatTime('2026-03-29T00:30:00Z', 'it', lexicon)).toBe('01:30');
    expect(formatTime('2026-03-29T01:30:00Z', 'it', lexicon)).toBe('03:30');
    expect(formatTime('2026-10-25T00:30:00Z', 'it', lexicon)).toBe('02:30');
    expect(formatTime('2026-10-25T01:30:00Z', 'it', lexicon)).toBe('02:30');
    expect(formatDate('2026-03-28T23:30:00Z', 'it', lexicon)).toBe('29 marzo 2026');
  });

  // Texts put a date after a preposition ("scaduto il giorno …", "până la …", "valid until …"): a weekday there reads wrong.
  it.each([
    ['it', '31 dicembre 2025'],
    ['en', '31 December 2025'],
    ['ro', '31 decembrie 2025'],
    ['sq', '31 dhjetor 2025'],
    ['uk', '31 грудня 2025 р.'],
    ['ar', '31 ديسمبر 2025'],
    ['zh', '2025年12月31日'],
  ])('writes a date alone without its weekday (%s)', (lang, said) => {
    expect(formatDate('2025-12-31', lang, lexicon)).toBe(said);
  });

  it('reads an ISO string without offset as Rome wall-clock time', () => {
    expect(formatTime('2026-07-01T10:00', 'en', lexicon)).toBe('10:00');
  });

  it('says the date as a person would in simple mode', () => {
    expect(formatDateSpoken('2026-12-03T09:00:00Z', 'it', lexicon)).toBe('giovedì 3 dicembre alle 10');
    expect(formatDateSpoken('2026-12-03T09:00:00Z', 'en', lexicon)).toBe('Thursday 3 December at 10 am');
    expect(formatDateSpoken('2026-12-03T14:30:00Z', 'it', lexicon)).toBe('giovedì 3 dicembre alle 15:30');
    expect(formatDateSpoken('2026-12-03T14:30:00Z', 'en', lexicon)).toBe('Thursday 3 December at 3:30 pm');
    expect(formatDateSpoken('2026-12-03T00:00:00Z', 'it', lexicon)).toBe("giovedì 3 dicembre all'1");
  });

  it('formats prices, dropping zero cents', () => {
    expect(nbsp(formatPrice(12.5, 'it', lexicon))).toBe('12,50 €');
    expect(formatPrice(12.5, 'en', lexicon)).toBe('€12.50');
    expect(nbsp(formatPrice(30, 'it', lexicon))).toBe('30 €');
  });

  it('rejects an invalid date loudly', () => {
    expect(() => formatDate('3 dicembre', 'it', lexicon)).toThrow(/3 dicembre/);
  });
});

describe('language', () => {
  it.each([
    [{ profile: 'en', channelHint: 'it' }, 'en'],
    [{ profile: 'de', channelHint: 'en-US' }, 'en'],
    [{ channelHint: 'en_GB' }, 'en'],
    [{ channelHint: 'de' }, 'it'],
    [{ channelHint: 'IT' }, 'it'],
    [{}, 'it'],
    // SPORTELLO_LOCALE: the language of a new conversation when the channel gives no hint it can use.
    [{ fallback: 'en' }, 'en'],
    [{ channelHint: 'de', fallback: 'en' }, 'en'],
    [{ channelHint: 'it', fallback: 'en' }, 'it'],
    [{ fallback: 'de' }, 'it'],
  ])('pickLanguage(%j) → %s', (hints, expected) => {
    expect(pickLanguage(hints, ['it', 'en'])).toBe(expected);
  });

  it.each([
    ['english', 'en'],
    ['Inglese', 'en'],
    ['ITALIANO', 'it'],
    ['italian', 'it'],
    ['en', 'en'],
    ['it', 'it'],
    ['română', 'ro'],
    ['romana', 'ro'],
    ['українська', 'uk'],
    ['العربية', 'ar'],
    ['shqip', 'sq'],
    ['中文', 'zh'],
    ['in inglese per favore', 'en'],
    ['English please', 'en'],
    ['🇬🇧', 'en'],
    ['albanese', 'sq'],
  ])('parseLanguageChoice(%s, lexicon) → %s', (text, expected) => {
    expect(parseLanguageChoice(text, lexicon)).toBe(expected);
  });

  it.each(['deutsch', 'non parlo italiano', '', 'ciao'])('parseLanguageChoice(%s, lexicon) → undefined', (text) => {
    expect(parseLanguageChoice(text, lexicon)).toBeUndefined();
  });
});
