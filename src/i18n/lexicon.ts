// The words residents type, per language, read from locales/<lang>/lexicon.yaml and indexed once at load; no matching here.
// The matchers (conversation/choice-match.ts, commands.ts, answer-parsers.ts…) take a Lexicon and only look things up.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { fold, foldKey } from './fold.js';
import { LanguageWords, type DateWords } from './lexicon-schema.js';
import { LocaleError, languageFolders } from './locales.js';
import { numberTable, ordinalTable } from './number-table.js';

export { LanguageWords };

/** The word data's file in each language folder; the message loader leaves it alone. */
export const LEXICON_FILE = 'lexicon.yaml';

interface AdvertisedCommand {
  command: string;
  name: string;
}

export interface Lexicon {
  /** The languages, in the order of their folders. */
  readonly languages: string[];
  /** The raw data of a language, as its file says it (defaults filled in). */
  words(lang: string): LanguageWords | undefined;
  direction(lang: string): 'ltr' | 'rtl';
  intlLocale(lang: string): string;
  /** How dates and times are written and said in a language, when its data says. */
  dates(lang: string): DateWords | undefined;
  // Phrase lists, folded, every language together: a Romanian may well answer with the Italian words.
  readonly yes: string[][];
  readonly no: string[][];
  readonly yesNoFiller: string[][];
  readonly choiceFiller: string[][];
  readonly numberAffixes: string[][];
  readonly numberFiller: string[][];
  readonly stopwords: ReadonlySet<string>;
  readonly numberPrefixes: ReadonlySet<string>;
  readonly ordinalSuffixes: ReadonlySet<string>;
  readonly digitSuffixes: ReadonlySet<string>;
  /** Every language's date marks (see date_markers): the month marks, and the marks only dropped. */
  readonly dateMarkers: { month: ReadonlySet<string>; other: ReadonlySet<string> };
  readonly negative: ReadonlySet<string>;
  readonly ageUnits: ReadonlySet<string>;
  readonly oneArticle: ReadonlySet<string>;
  readonly why: ReadonlySet<string>;
  readonly greetings: ReadonlySet<string>;
  /** Lower case, as written: words a shortened label must not end on. */
  readonly dangling: ReadonlySet<string>;
  /** Folded: words naming one child, and the words allowed between one and its age. */
  readonly childAge: { child: ReadonlySet<string>; links: ReadonlySet<string>; units: ReadonlySet<string> };
  /** Chinese words of the lists above, to split a run of characters that has no spaces. */
  readonly han: { yesNo: ReadonlySet<string>; numberChoice: ReadonlySet<string>; number: ReadonlySet<string> };
  // Per language: numbers, ordinals, "last", months (each month's folded names; the first is the slip target).
  readonly cardinals: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly ordinals: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly lasts: ReadonlyMap<string, ReadonlySet<string>>;
  readonly months: ReadonlyMap<string, string[][][]>;
  readonly twoWordMonths: ReadonlySet<string>;
  /** Folded phrase → command name; slash command (lower case, no "_") → command name. */
  readonly commands: ReadonlyMap<string, string>;
  readonly slashCommands: ReadonlyMap<string, string>;
  advertisedCommands(lang: string): AdvertisedCommand[];
  /** A language's name as typed (folded the language-choice way) → its code. */
  readonly languageNames: ReadonlyMap<string, string>;
  readonly languageFiller: ReadonlySet<string>;
  readonly household: { alone: ReadonlySet<string>; filler: ReadonlySet<string> };
}

const HAN = /^\p{Script=Han}+$/u;
const phrases = (list: readonly string[]) => list.map(fold).filter((p) => p.length > 0);
const hanWords = (list: string[][]) => new Set(list.flat().filter((w) => HAN.test(w)));
/** Language names are matched on the text with marks removed, not word by word (flags are not words). */
export const foldName = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Indexes every language's words; built once, when the assistant (or a test) loads the locales. */
function buildLexicon(data: ReadonlyMap<string, LanguageWords>): Lexicon {
  const all = [...data.values()];
  const every = (pick: (w: LanguageWords) => readonly string[]) => all.flatMap((w) => [...pick(w)]);
  const polite = phrases(every((w) => w.polite));
  const yes = phrases(every((w) => w.yes));
  const no = phrases(every((w) => w.no));
  const yesNoFiller = [...polite, ...phrases(every((w) => w.yes_no_filler))];
  const choiceFiller = [...polite, ...phrases(every((w) => w.choice_filler))];
  const numberAffixes = phrases(every((w) => w.number_affixes));
  const numberFiller = phrases(every((w) => w.number_filler));
  const wordSet = (pick: (w: LanguageWords) => readonly string[]) => new Set(phrases(every(pick)).flat());
  const keySet = (pick: (w: LanguageWords) => readonly string[]) => new Set(every(pick).map(foldKey));

  const months = new Map([...data].map(([lang, w]) => [lang, [w.months, ...w.also_months].map((cal) => cal.map((names) => names.map(foldKey)))]));
  const commands = new Map<string, string>();
  const slashCommands = new Map<string, string>();
  const languageNames = new Map<string, string>();
  for (const [lang, w] of data) {
    for (const [name, list] of Object.entries(w.commands)) for (const p of list) commands.set(p === '?' ? '?' : foldKey(p), name);
    for (const [name, list] of Object.entries(w.slash_commands)) for (const s of list) slashCommands.set(s.toLowerCase().replace(/_/g, ''), name);
    for (const n of w.language.names) languageNames.set(foldName(n), lang);
  }
  return {
    languages: [...data.keys()],
    words: (lang) => data.get(lang),
    direction: (lang) => data.get(lang)?.language.direction ?? 'ltr',
    intlLocale: (lang) => data.get(lang)?.language.intl_locale ?? lang,
    dates: (lang) => data.get(lang)?.dates,
    yes,
    no,
    yesNoFiller,
    choiceFiller,
    numberAffixes,
    numberFiller,
    stopwords: wordSet((w) => w.stopwords),
    numberPrefixes: wordSet((w) => w.number_prefixes),
    ordinalSuffixes: wordSet((w) => w.ordinal_suffixes),
    digitSuffixes: wordSet((w) => w.digit_suffixes),
    dateMarkers: {
      month: new Set(every((w) => (w.date_markers ? [w.date_markers.month] : []))),
      other: new Set(every((w) => w.date_markers?.other ?? [])),
    },
    negative: wordSet((w) => w.negative),
    ageUnits: wordSet((w) => w.age_units),
    oneArticle: wordSet((w) => w.one_article),
    why: keySet((w) => w.why),
    greetings: new Set(every((w) => w.greetings)),
    dangling: new Set(every((w) => w.dangling).map((w) => w.toLowerCase())),
    childAge: {
      child: wordSet((w) => w.child_age.child),
      links: wordSet((w) => w.child_age.links),
      units: wordSet((w) => w.child_age.units),
    },
    han: {
      yesNo: hanWords([...yes, ...no, ...yesNoFiller]),
      numberChoice: hanWords([...choiceFiller, ...numberAffixes]),
      number: hanWords(numberFiller),
    },
    cardinals: new Map([...data].map(([lang, w]) => [lang, numberTable(w.numbers)])),
    ordinals: new Map([...data].map(([lang, w]) => [lang, ordinalTable(w.ordinals)])),
    lasts: new Map([...data].map(([lang, w]) => [lang, new Set(w.last.map(foldKey))])),
    months,
    twoWordMonths: new Set([...months.values()].flat(3).filter((n) => n.includes(' '))),
    commands,
    slashCommands,
    advertisedCommands: (lang) => data.get(lang)?.advertised_commands ?? [],
    languageNames,
    languageFiller: new Set(every((w) => w.language.filler)),
    household: { alone: keySet((w) => w.household.alone), filler: wordSet((w) => w.household.filler) },
  };
}

/** Reads and checks every language's word data; throws LocaleError naming each file and path at fault. */
export function loadLexicon(dir: string, opts: { rootForMessages?: string } = {}): Lexicon {
  const { data, problems } = readLexicons(dir, opts);
  if (problems.length > 0) throw new LocaleError(problems);
  return buildLexicon(data);
}

/** Every language's word data and every problem found, for the loader and for `dialogs:check`. */
export function readLexicons(dir: string, opts: { rootForMessages?: string } = {}): { data: Map<string, LanguageWords>; problems: string[] } {
  const root = opts.rootForMessages ?? process.cwd();
  const show = (file: string) => path.relative(root, file).split(path.sep).join('/');
  const data = new Map<string, LanguageWords>();
  const problems: string[] = [];
  for (const lang of languageFolders(dir, show)) {
    const file = path.join(dir, lang, LEXICON_FILE);
    const where = show(file);
    if (!existsSync(file)) {
      problems.push(`${where}: missing (every language needs its word data: copy it from locales/en/${LEXICON_FILE})`);
      continue;
    }
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors.length > 0) {
      for (const e of doc.errors) problems.push(`${where}: ${(e.message.split('\n')[0] ?? '').replace(/:$/, '')}`);
      continue;
    }
    const parsed = LanguageWords.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) problems.push(`${where}: ${[...issue.path, key].join('.')}: not a key of the word data (a typo?)`);
          continue;
        }
        const at = issue.path.length > 0 ? issue.path.join('.') : '(top)';
        const message = issue.code === 'invalid_type' && issue.input === undefined ? 'missing' : issue.message;
        problems.push(`${where}: ${at}: ${message}`);
      }
      continue;
    }
    data.set(lang, parsed.data);
  }
  return { data, problems };
}
