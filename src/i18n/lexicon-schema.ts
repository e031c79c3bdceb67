// What a language's word data (locales/<lang>/lexicon.yaml) may say: the zod schema and its type; no loading.
import { z } from 'zod';

const Word = z.string().min(1, { error: 'an empty word' });
const Words = z.array(Word);
/** Words that must be there: an empty list is a problem, as a missing one. */
const SomeWords = z.array(Word).min(1, { error: 'an empty list; write at least one word' });
/** One number's or one ordinal's spellings: masculine, feminine, colloquial… */
const Spellings = z.union([Word, z.array(Word).min(1)]);
/** A spelling made of parts: "{tens} {unit}", "cento{rest}". */
const Template = z.string().min(1);

const Numbers = z
  .object({
    units: z.array(Spellings).length(20, { error: 'the words for 0 to 19, in order (20 entries)' }),
    tens: z.array(Spellings).length(8, { error: 'the words for 20, 30, … 90, in order (8 entries)' }),
    tens_and_unit: z.array(Template).min(1),
    // Italian ventuno, trentotto, centuno: before a unit that starts with a vowel, also the form without the vowel before it.
    elide_vowel: z.boolean().default(false),
    hundred: z.array(Template).min(1),
    // Each entry applies to the rests from..to (1..99 when unset): Chinese says 一百零五 but 一百一十五 and 一百二十.
    hundred_and: z
      .array(
        z.union([
          Template,
          z.object({ from: z.number().int().min(1).optional(), to: z.number().int().max(99).optional(), forms: z.array(Template).min(1) }).strict(),
        ]),
      )
      .min(1),
  })
  .strict();

// luxon formats; spoken_time says a time the way a person would aloud (simple mode).
const Dates = z
  .object({
    date: z.string().min(1),
    time: z.string().min(1),
    date_time: z.string().min(1),
    spoken_date: z.string().min(1),
    spoken_time: z
      .object({
        midnight: z.string().min(1),
        noon: z.string().min(1),
        hour: z.string().min(1),
        hour_minutes: z.string().min(1),
        at: z.string().min(1),
        at_pm: z.string().min(1).optional(),
        at_hours: z.record(z.string().regex(/^\d{1,2}$/), z.string().min(1)).default({}),
      })
      .strict(),
  })
  .strict();
export type DateWords = z.infer<typeof Dates>;

const Months = z.array(SomeWords).length(12, { error: 'twelve months, each a list of names (the first is the one slips are measured against)' });

export const LanguageWords = z
  .object({
    language: z
      .object({
        // Names as a resident might type them: the language's own name, the Italian and the English one, the code, a flag.
        names: SomeWords,
        filler: Words.default([]),
        direction: z.enum(['ltr', 'rtl']).default('ltr'),
        // The BCP 47 locale handed to Intl and luxon when it is not the folder's name (English is British here).
        intl_locale: z.string().min(2).optional(),
      })
      .strict(),
    greetings: SomeWords,
    yes: SomeWords,
    no: SomeWords,
    polite: Words.default([]),
    yes_no_filler: Words.default([]),
    choice_filler: Words.default([]),
    stopwords: Words.default([]),
    number_prefixes: Words.default([]),
    ordinal_suffixes: Words.default([]),
    // Written straight after a digit to make it an ordinal: "3rd", "2nd" (en), "1o", "1a" (it).
    digit_suffixes: Words.default([]),
    // Characters that mark a date's parts with no space around them: 1948年3月15日. The number before `month` makes one
    // word with it ("3月", as the months are spelt); the `other` marks (year, day) are only dropped.
    date_markers: z
      .object({ month: Word, other: Words.default([]) })
      .strict()
      .optional(),
    // Only to read a choice as a number ("我要第三个"); labels never lose these.
    number_affixes: Words.default([]),
    number_filler: Words.default([]),
    // Words that say a number is an age ("9 anni"); with one of them, "un"/"a" alone reads 1.
    age_units: Words.default([]),
    one_article: Words.default([]),
    negative: Words.default([]),
    why: SomeWords,
    months: Months,
    // Another calendar residents of this language write (many Ukrainians write Russian).
    also_months: z.array(Months).default([]),
    numbers: Numbers,
    ordinals: z.array(Spellings).length(10, { error: 'the ordinals 1st to 10th, in order (10 entries)' }),
    last: SomeWords,
    // Command name → whole-message phrases; never a word that is also an answer.
    commands: z.record(z.string(), SomeWords),
    // Command name → slash commands ("/aiuto"), without the slash.
    slash_commands: z.record(z.string(), Words).default({}),
    // Slash commands the channels advertise (Telegram's command menu), in order.
    advertised_commands: z.array(z.object({ command: z.string().regex(/^[a-z0-9_]{1,32}$/), name: z.string() }).strict()).default([]),
    // A button label cut after one of these reads as unfinished: "Sostegno alle famiglie con bambini da…".
    dangling: Words.default([]),
    // A child's age said in passing ("mio figlio di 9 anni"): the words naming one child, and those allowed between
    // it and the number ("di", "ha", "is"), and the words for years of age. In Chinese a word may hold a child word (我儿子).
    child_age: z
      .object({ child: Words.default([]), links: Words.default([]), units: Words.default([]) })
      .strict()
      .default({ child: [], links: [], units: [] }),
    // Unset: luxon's own localized formats for the language.
    dates: Dates.optional(),
    household: z
      .object({ alone: Words.default([]), filler: Words.default([]) })
      .strict()
      .default({ alone: [], filler: [] }),
  })
  .strict();
export type LanguageWords = z.infer<typeof LanguageWords>;
export type NumberWords = z.infer<typeof Numbers>;
