// Loads locales/<lang>/<namespace>.yaml (and the polite overlays, locales/<lang>/polite/) into flat key → ICU message
// maps and lints them; never formats a message.
// lexicon.yaml in the same folders is word data, not messages: lexicon.ts reads it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { SportelloError } from '../errors.js';

export type LocaleBundles = Map<string, Map<string, string>>;

export class LocaleError extends SportelloError {
  readonly code = 'locale_invalid';
  constructor(readonly problems: string[]) {
    super(`invalid locales:\n  ${problems.join('\n  ')}`);
    this.name = 'LocaleError';
  }
}

const LocaleMap = z.record(z.string(), z.unknown(), { error: 'a locale file must be a map of keys to texts' });
const LocaleKey = z.string().regex(/^[^.\s]+$/, { error: 'a key may not contain dots or spaces' });
const LocaleValue = z.union([z.string(), LocaleMap], {
  error: (issue) =>
    issue.input === null || issue.input === undefined
      ? 'empty value; write a text'
      : `expected a text or a nested map, got ${Array.isArray(issue.input) ? 'a list' : typeof issue.input} (quote it)`,
});

// Entry by entry, so one bad value does not hide the problems of its siblings.
function collect(node: Record<string, unknown>, prefix: string, out: Map<string, string>, report: (p: string) => void): void {
  for (const [key, value] of Object.entries(node)) {
    const at = prefix + key;
    const badKey = LocaleKey.safeParse(key).error?.issues[0];
    if (badKey) report(`${at}: ${badKey.message}`);
    const parsed = LocaleValue.safeParse(value);
    if (!parsed.success) report(`${at}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    else if (typeof parsed.data === 'string') out.set(at, parsed.data);
    else collect(parsed.data, `${at}.`, out, report);
  }
}

// Same options as the translator, so what the lint accepts is what renders.
export const PARSE_OPTIONS = { ignoreTag: true } as const;

const LANG_DIR = /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/;
/** Word data, not messages: read by lexicon.ts. */
const NOT_MESSAGES = new Set(['lexicon.yaml']);

/** The languages: the folders of the locales folder, sorted. Throws LocaleError when there are none. */
export function languageFolders(dir: string, show: (file: string) => string = (f) => f): string[] {
  let langs: string[];
  try {
    langs = readdirSync(dir).filter((name) => LANG_DIR.test(name) && statSync(path.join(dir, name)).isDirectory());
  } catch (err) {
    throw new LocaleError([`${show(dir)}: cannot read the locales folder (${(err as Error).message})`]);
  }
  if (langs.length === 0) throw new LocaleError([`${show(dir)}: no language folders (expected e.g. it/, en/)`]);
  return langs.sort();
}

export function loadLocales(dir: string, opts: { rootForMessages?: string } = {}): LocaleBundles {
  const show = shower(opts.rootForMessages);
  const problems: string[] = [];
  const bundles: LocaleBundles = new Map();
  for (const lang of languageFolders(dir, show)) bundles.set(lang, readMessages(path.join(dir, lang), show, problems));
  if (problems.length > 0) throw new LocaleError(problems);
  return bundles;
}

/** The folder of a language's polite register: texts for residents in simple mode (formal "Lei" in Italian). */
export const POLITE_FOLDER = 'polite';

/**
 * Each language's polite overlay, locales/<lang>/polite/<namespace>.yaml: for the keys whose wording changes, the same
 * text in the polite register. A key the base files do not have, or with other placeholders, is stale: refused, so the
 * engine never renders a text that lost a placeholder or outlived its base text. A language without the folder has none.
 */
export function loadPoliteLocales(dir: string, base: LocaleBundles, opts: { rootForMessages?: string } = {}): LocaleBundles {
  const show = shower(opts.rootForMessages);
  const problems: string[] = [];
  const overlays: LocaleBundles = new Map();
  for (const lang of languageFolders(dir, show)) {
    const folder = path.join(dir, lang, POLITE_FOLDER);
    if (!existsSync(folder)) continue;
    const messages = readMessages(folder, show, problems);
    overlays.set(lang, messages);
    const own = base.get(lang) ?? new Map<string, string>();
    for (const [key, message] of messages) {
      const dot = key.indexOf('.');
      const where = `${show(path.join(folder, `${key.slice(0, dot)}.yaml`))}: ${key.slice(dot + 1)}`;
      const baseMessage = own.get(key);
      if (baseMessage === undefined) {
        problems.push(`${where}: not in ${show(path.join(dir, lang))}/${key.slice(0, dot)}.yaml (a polite text replaces a base text)`);
        continue;
      }
      const mine = placeholdersOf(message);
      const theirs = placeholdersOf(baseMessage);
      if (mine.join() !== theirs.join())
        problems.push(`${where}: placeholders {${mine.join(', ')}} differ from the base text's {${theirs.join(', ')}}`);
    }
  }
  if (problems.length > 0) throw new LocaleError(problems);
  return overlays;
}

function shower(root = process.cwd()): (file: string) => string {
  return (file) => path.relative(root, file).split(path.sep).join('/');
}

/** The message files of one folder, keys prefixed by their namespace (the file name); problems are reported, not thrown. */
function readMessages(folder: string, show: (file: string) => string, problems: string[]): Map<string, string> {
  const messages = new Map<string, string>();
  const files = readdirSync(folder)
    .filter((f) => /\.ya?ml$/.test(f) && !NOT_MESSAGES.has(f))
    .sort();
  for (const fileName of files) {
    const file = path.join(folder, fileName);
    const namespace = fileName.replace(/\.ya?ml$/, '');
    const where = show(file);
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${where}: ${(e.message.split('\n')[0] ?? '').replace(/:$/, '')}`);
      continue;
    }
    const top = LocaleMap.safeParse(doc.toJS() ?? {});
    if (!top.success) {
      problems.push(`${where}: ${top.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    const leaves = new Map<string, string>();
    collect(top.data, '', leaves, (p) => problems.push(`${where}: ${p}`));
    for (const [subKey, message] of leaves) {
      const problem = checkMessage(message);
      if (problem) problems.push(`${where}: ${subKey}: ${problem}`);
      else messages.set(`${namespace}.${subKey}`, message);
    }
  }
  return messages;
}

function checkMessage(message: string): string | undefined {
  try {
    parse(message, PARSE_OPTIONS);
  } catch (err) {
    const location = (err as { location?: { start: { line: number; column: number } } }).location?.start;
    const kind = (err as Error).message.toLowerCase().replaceAll('_', ' ');
    return `ICU syntax error: ${kind}${location ? ` at line ${location.line}, column ${location.column}` : ''}`;
  }
  // ICU treats '{ as the start of a quoted literal, so Italian elision before a placeholder silently hides it.
  const elided = /\p{L}'\{/u.exec(message);
  if (elided) return `"${elided[0]}" quotes the placeholder in ICU; write ’ (typographic apostrophe) or '' instead`;
  return undefined;
}

export function placeholdersOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound) continue;
      if (el.type === TYPE.tag) {
        walk(el.children);
        continue;
      }
      names.add(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message, PARSE_OPTIONS));
  return [...names].sort();
}

export function compareLocales(bundles: LocaleBundles, reference = 'it', opts: { dirForMessages?: string } = {}): string[] {
  const dir = opts.dirForMessages ?? 'locales';
  const where = (lang: string, key: string) => {
    const dot = key.indexOf('.');
    return `${dir}/${lang}/${key.slice(0, dot)}.yaml: ${key.slice(dot + 1)}`;
  };
  const ref = bundles.get(reference);
  if (!ref) return [`${dir}/${reference}: reference language missing`];
  const problems: string[] = [];
  const list = (names: string[]) => `{${names.join(', ')}}`;
  for (const [lang, messages] of [...bundles].sort(([a], [b]) => a.localeCompare(b))) {
    if (lang === reference) continue;
    for (const [key, refMessage] of ref) {
      const message = messages.get(key);
      if (message === undefined) {
        problems.push(`${where(lang, key)}: missing (present in ${reference})`);
        continue;
      }
      const mine = placeholdersOf(message);
      const theirs = placeholdersOf(refMessage);
      if (mine.join() !== theirs.join()) {
        problems.push(`${where(lang, key)}: placeholders ${list(mine)} differ from ${reference} ${list(theirs)}`);
      }
    }
    for (const key of messages.keys()) {
      if (!ref.has(key)) problems.push(`${where(lang, key)}: not in ${reference} (extra key)`);
    }
  }
  return problems;
}
