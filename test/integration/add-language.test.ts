// Adding a language is adding a folder: a copy of locales/ with German (copied from English) passes dialogs:check and
// books in German, with nothing changed under src/; a folder without its word data is refused, naming the file.
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { lintDialogs } from '../../src/conversation/dialog-lint.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { maria } from '../e2e/phrases.js';
import { conversation, type Talk } from '../support/conversation.js';

const run = promisify(execFile);
const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const cli = path.join(PROJECT_ROOT, 'src/conversation/dialogs-check-cli.ts');
const roots: string[] = [];

/** A temporary copy of locales/ with a German folder copied from English, its own names and one German "yes". */
function localesWithGerman(change: (deDir: string) => void = () => {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'sportello-add-language-'));
  roots.push(root);
  const locales = path.join(root, 'locales');
  cpSync(LOCALES_DIR, locales, { recursive: true });
  const de = path.join(locales, 'de');
  cpSync(path.join(locales, 'en'), de, { recursive: true });
  const lexicon = path.join(de, 'lexicon.yaml');
  writeFileSync(
    lexicon,
    readFileSync(lexicon, 'utf8')
      .replace(/^ {2}names: .*$/m, '  names: [deutsch, tedesco, german, de, "🇩🇪"]')
      .replace(/^ {2}intl_locale: .*\n/m, '')
      .replace(/^yes: \[/m, 'yes: [ja, '),
  );
  writeFileSync(
    path.join(de, 'language.yaml'),
    'name: "Deutsch"\nprompt: "Which language would you like to use?"\nchanged: "Gut, from now on we speak German."\n',
  );
  change(de);
  return locales;
}

const check = (locales: string) =>
  run(tsx, [cli, '--locales', locales], { cwd: PROJECT_ROOT }).catch((e: unknown) => e as { code: number; stdout: string; stderr: string });

let talk: Talk | undefined;
afterEach(async () => {
  await talk?.close();
  talk = undefined;
});
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

describe('adding a language', () => {
  it('is accepted by dialogs:check when its folder is complete', async () => {
    const result = await check(localesWithGerman());
    expect(result).toMatchObject({ stdout: expect.stringMatching(/languages ar, de, en, it, ro, sq, uk, zh: no problems/) });
  }, 60_000);

  it('books in the new language, its own words understood, with the assistant unchanged', async () => {
    const locales = localesWithGerman();
    talk = conversation({ lang: 'de', localesDir: locales });
    await talk
      .send({ type: 'start' })
      .expect(/Hello! I am Sportello/)
      .say('1')
      .say('2')
      .say('1')
      .say('1') // a topic, school support, the online homework help, check and book
      .say('4')
      .say('10')
      .say('2') // Limena, a child of 10, primary school
      .expect(/sensitive personal information/)
      .say('ja') // yes, in the word the German folder added
      .say('1')
      .say('1')
      .say('1') // up to 10,000 €, the first slot, take my data
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .say('1')
      .expect(/Booking confirmed!/);
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings.map((b) => b.reference)).toEqual([talk.lastReference()]);
    expect(talk.assistant.translator.languages).toContain('de');
    expect(talk.assistant.translator.lexicon.languageNames.get('deutsch')).toBe('de');
  }, 60_000);

  it('is refused by dialogs:check when the folder has no word data, naming the file', async () => {
    const result = await check(localesWithGerman((de) => rmSync(path.join(de, 'lexicon.yaml'))));
    expect(result).toMatchObject({ code: 1, stderr: expect.stringContaining('de/lexicon.yaml: missing') });
  }, 60_000);

  const lintWith = (edit: (text: string) => string) => {
    const locales = localesWithGerman((de) =>
      writeFileSync(path.join(de, 'lexicon.yaml'), edit(readFileSync(path.join(de, 'lexicon.yaml'), 'utf8'))),
    );
    return lintDialogs({ dialogs: DIALOGS_DIR, locales, root: path.dirname(locales) }).problems;
  };

  it('names the list that is empty or missing', () => {
    const problems = lintWith((text) => text.replace(/^no: \[.*\]$/m, 'no: []').replace(/^why: .*\n/m, ''));
    expect(problems).toEqual(['locales/de/lexicon.yaml: no: an empty list; write at least one word', 'locales/de/lexicon.yaml: why: missing']);
  });

  it('names a language name another language already has', () => {
    const problems = lintWith((text) => text.replace('names: [deutsch,', 'names: [english, deutsch,'));
    expect(problems).toEqual(['locales/en/lexicon.yaml: language.names: "english" is also a name of de']);
  });
});
