// The polite register of simple mode: every text a resident can meet, in every form, free of the informal address.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadLocales, loadPoliteLocales, LocaleError } from '../../src/i18n/locales.js';
import { textForms } from '../../src/i18n/readability.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { INFORMAL } from '../support/informal.js';
import { lexicon } from '../support/lexicon.js';

const base = loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT });
const polite = loadPoliteLocales(LOCALES_DIR, base, { rootForMessages: PROJECT_ROOT });

/**
 * Texts a resident never reads in simple mode's register: staff's desk, and the Telegram channel's own lines (said
 * before any turn, so without the resident's profile; the command menu is the same for everybody).
 */
const NOT_FOR_THE_RESIDENT = /^(staff|telegram)\.|^handoff\.\w+_words$/;

/** What the resident reads in simple mode: the polite text where there is one, else the base text. */
function politeTexts(lang: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [key, message] of base.get(lang) ?? []) {
    if (NOT_FOR_THE_RESIDENT.test(key)) continue;
    for (const form of textForms(polite.get(lang)?.get(key) ?? message)) out.push([key, form]);
  }
  return out;
}

describe('the polite register', () => {
  it.each(Object.keys(INFORMAL))('in %s never addresses the resident informally, in any form of any text', (lang) => {
    const informal = politeTexts(lang).filter(([, text]) => INFORMAL[lang]!.some((re) => re.test(text)));
    expect(informal.map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('catches the informal Italian of the base texts (the word list can fail)', () => {
    const informal = [...base.get('it')!].filter(
      ([key, message]) => !NOT_FOR_THE_RESIDENT.test(key) && textForms(message).some((f) => INFORMAL.it![0]!.test(f)),
    );
    expect(informal.length).toBeGreaterThan(100);
    expect(informal.map(([key]) => key)).toEqual(
      expect.arrayContaining(['main.prompt', 'booking.identity.fiscal_code', 'eligibility.outcome.eligible']),
    );
  });
});

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function fixture(files: Record<string, string>): { root: string; dir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'sportello-polite-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    const full = path.join(root, 'locales', file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return { root, dir: path.join(root, 'locales') };
}

function problemsOf(files: Record<string, string>): string[] {
  const { root, dir } = fixture(files);
  try {
    loadPoliteLocales(dir, loadLocales(dir, { rootForMessages: root }), { rootForMessages: root });
  } catch (err) {
    if (err instanceof LocaleError) return err.problems;
    throw err;
  }
  return [];
}

describe('the translator in the polite register', () => {
  const { root, dir } = fixture({
    'it/main.yaml': 'prompt: "Scegli {n}"\nhello: "Buongiorno"\nonly_it: "Scrivi qui"\n',
    'it/polite/main.yaml': 'prompt: "Scelga {n}"\nonly_it: "Scriva qui"\n',
    'ro/main.yaml': 'prompt: "Alege {n}"\nhello: "Bună ziua"\n',
  });
  const bundles = loadLocales(dir, { rootForMessages: root });
  const t = createTranslator(bundles, { lexicon, polite: loadPoliteLocales(dir, bundles, { rootForMessages: root }) });
  const polite = { register: 'polite' } as const;

  it('uses the polite text when asked, the base text otherwise', () => {
    expect(t.t('it', 'main.prompt', { n: 1 }, polite)).toBe('Scelga 1');
    expect(t.t('it', 'main.prompt', { n: 1 })).toBe('Scegli 1');
    expect(t.t('it', 'main.hello', {}, polite)).toBe('Buongiorno'); // no polite text: nothing changes
  });

  it('prefers the resident’s own language to the fallback’s polite text, which stands in only for a missing key', () => {
    expect(t.t('ro', 'main.prompt', { n: 2 }, polite)).toBe('Alege 2');
    expect(t.t('ro', 'main.only_it', {}, polite)).toBe('Scriva qui');
    expect(t.t('ro', 'main.only_it')).toBe('Scrivi qui');
  });
});

describe('the polite overlays’ lint', () => {
  it('refuses a polite text whose base text is gone, naming the file and key', () => {
    const problems = problemsOf({ 'it/main.yaml': 'prompt: "Scegli"\n', 'it/polite/main.yaml': 'prompt: "Scelga"\nold: "Scriva"\n' });
    expect(problems).toEqual([expect.stringMatching(/^locales\/it\/polite\/main\.yaml: old: not in locales\/it\/main\.yaml/)]);
  });

  it('refuses a polite text whose placeholders differ from the base text’s (a stale overlay)', () => {
    const problems = problemsOf({ 'it/main.yaml': 'prompt: "Scegli tra {a} e {b}"\n', 'it/polite/main.yaml': 'prompt: "Scelga {a}"\n' });
    expect(problems).toEqual([
      expect.stringMatching(/^locales\/it\/polite\/main\.yaml: prompt: placeholders \{a\} differ from the base text's \{a, b\}/),
    ]);
  });

  it('reports the ICU syntax of a polite text as the base files’ lint does', () => {
    const problems = problemsOf({ 'it/main.yaml': 'prompt: "Scegli {n}"\n', 'it/polite/main.yaml': 'prompt: "Scelga {n"\n' });
    expect(problems).toEqual([expect.stringMatching(/^locales\/it\/polite\/main\.yaml: prompt: ICU syntax error/)]);
  });

  it('accepts the project’s overlays', () => {
    expect([...polite.keys()].sort()).toEqual(['it', 'ro']);
    expect(polite.get('it')!.size).toBeGreaterThan(100);
  });
});
