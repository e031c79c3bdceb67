// Renders a message key in a language, falling back to the reference language; no loading, no I/O.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat, type Formatters } from 'intl-messageformat';
import { DateTime } from 'luxon';
import { TIME_ZONE, toRome } from './format.js';
import type { Lexicon } from './lexicon.js';
import { PARSE_OPTIONS, type LocaleBundles } from './locales.js';

type MessageParam = string | number | boolean | Date | DateTime | null | undefined;
export type MessageParams = Record<string, MessageParam>;

/** How the resident is addressed: `polite` in simple mode (Italian "Lei"); unset, the base texts. */
export interface Register {
  register?: 'polite';
}

export interface Translator {
  t(lang: string, key: string, params?: MessageParams, opts?: Register): string;
  has(lang: string, key: string): boolean;
  readonly languages: string[];
  /** The words residents type in each language, indexed (locales/<lang>/lexicon.yaml). */
  readonly lexicon: Lexicon;
}

interface Compiled {
  format: IntlMessageFormat;
  dateArgs: Set<string>;
}

export function createTranslator(bundles: LocaleBundles, opts: { lexicon: Lexicon; fallback?: string; polite?: LocaleBundles }): Translator {
  const fallback = opts.fallback ?? 'it';
  const { lexicon } = opts;
  if (!bundles.has(fallback)) throw new Error(`fallback language "${fallback}" has no locale bundle`);
  const formatters = romeFormatters();
  const cache = new Map<string, Compiled>();

  const polite = opts.polite ?? new Map<string, Map<string, string>>();
  // The resident's language before the register: a base text they can read beats a polite one in Italian. A language
  // with no overlay for a key has no T/V change there (or none at all: English). The fallback's polite text only
  // stands in when the language lacks the key altogether: then it is Italian anyway, and should be formal Italian.
  const resolve = (lang: string, key: string, register?: 'polite'): { lang: string; message: string } | undefined => {
    for (const l of [lang, fallback]) {
      const message = (register === 'polite' ? polite.get(l)?.get(key) : undefined) ?? bundles.get(l)?.get(key);
      if (message !== undefined) return { lang: l, message };
    }
    return undefined;
  };

  const compile = (lang: string, key: string, register?: 'polite'): Compiled => {
    const cacheKey = `${lang}\u0000${key}\u0000${register ?? ''}`;
    const hit = cache.get(cacheKey);
    if (hit) return hit;
    const found = resolve(lang, key, register);
    if (!found) throw new Error(`unknown message key "${key}" (not in ${lang} nor in ${fallback})`);
    const ast = parse(found.message, PARSE_OPTIONS);
    // Numbers and plurals follow the language the text is written in, even when it is the fallback.
    const format = new IntlMessageFormat(ast, lexicon.intlLocale(found.lang), undefined, { formatters, ...PARSE_OPTIONS });
    const compiled = { format, dateArgs: dateArguments(ast) };
    cache.set(cacheKey, compiled);
    return compiled;
  };

  return {
    t(lang, key, params = {}, { register } = {}) {
      const { format, dateArgs } = compile(lang, key, register);
      const values: Record<string, string | number | boolean | Date | null | undefined> = {};
      for (const [name, value] of Object.entries(params)) {
        if (DateTime.isDateTime(value)) values[name] = value.toJSDate();
        else if (typeof value === 'string' && dateArgs.has(name)) values[name] = toRome(value).toJSDate();
        else values[name] = value;
      }
      try {
        const out = format.format(values);
        return Array.isArray(out) ? out.join('') : String(out);
      } catch (err) {
        throw new Error(`cannot render "${key}" in ${lang}: ${(err as Error).message}`, { cause: err });
      }
    },
    // True when t() would render the key, in the language or through the fallback.
    has: (lang, key) => resolve(lang, key) !== undefined,
    languages: [fallback, ...[...bundles.keys()].filter((l) => l !== fallback).sort()],
    lexicon,
  };
}

function dateArguments(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.date || el.type === TYPE.time) into.add(el.value);
    if (el.type === TYPE.plural || el.type === TYPE.select) {
      for (const option of Object.values(el.options)) dateArguments(option.value, into);
    }
    if (el.type === TYPE.tag) dateArguments(el.children, into);
  }
  return into;
}

// ICU {d, date, …} and {d, time, …} must show Rome's wall clock whatever the server's zone.
function romeFormatters(): Formatters {
  const memo = <A extends unknown[], R>(make: (...args: A) => R) => {
    const seen = new Map<string, R>();
    return (...args: A): R => {
      const id = JSON.stringify(args);
      let made = seen.get(id);
      if (made === undefined) seen.set(id, (made = make(...args)));
      return made;
    };
  };
  return {
    getNumberFormat: memo((locales?: string | string[], o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(locales, o)),
    getDateTimeFormat: memo(
      (locales?: string | string[], o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locales, { ...o, timeZone: o?.timeZone ?? TIME_ZONE }),
    ),
    getPluralRules: memo((locales?: string | string[], o?: Intl.PluralRulesOptions) => new Intl.PluralRules(locales, o)),
  };
}
