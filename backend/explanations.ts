// Per-criterion explanation sentences of the reference backend's rules, in Italian and English, from the criteria's wording; no I/O.
// Each sentence also comes in the polite register ("Lei") where its words differ, so simple mode reads it that way.
import { withPolite, type AnswerValue, type LocalizedText } from '../src/welfare/contract.js';
import type { CriterionDef } from './catalogue-schema.js';

type Lang = 'it' | 'en';
const LANGS: Lang[] = ['it', 'en'];

/** `polite`: the sentence in the polite register, built from the polite wording of the criterion where it has one. */
function each(build: (lang: Lang, polite: boolean) => string): LocalizedText {
  const out = { it: '' } as { it: string } & Record<string, string>;
  const polite: Record<string, string> = {};
  for (const lang of LANGS) {
    out[lang] = build(lang, false);
    const formal = build(lang, true);
    if (formal !== out[lang]) polite[lang] = formal;
  }
  return withPolite(out, polite);
}

function pick(text: LocalizedText | undefined, lang: Lang, polite = false): string {
  if (!text) return '';
  const shownIn = text[lang] !== undefined ? lang : 'it';
  return (polite ? text.polite?.[shownIn] : undefined) ?? text[shownIn] ?? text.it;
}

/** Replaces `{name}` by its value; the loader has checked that a template names only what its criterion offers. */
const fill = (template: string, vars: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);

const OR: Record<Lang, string> = { it: 'o', en: 'or' };
function orList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${OR[lang]} ${items.at(-1)!}`;
}

/** Ages in years: every `range` and `age_from_date` rule of the catalogue bounds an age. */
function bounds(min: number | undefined, max: number | undefined, lang: Lang): string {
  if (lang === 'it') {
    if (min !== undefined && max !== undefined) return `da ${min} a ${max} anni`;
    return min !== undefined ? `da ${min} anni in su` : `fino a ${max!} anni`;
  }
  if (min !== undefined && max !== undefined) return `aged ${min} to ${max}`;
  return min !== undefined ? `aged ${min} or over` : `aged up to ${max!}`;
}

/** One value as it reads inside a sentence: the option's label (a choice's in lower case), through the criterion's `each`. */
function valueText(def: CriterionDef, value: AnswerValue, lang: Lang, polite: boolean): string {
  const option = def.options?.find((o) => o.value === value);
  let label = option ? pick(option.label, lang, polite) : String(value);
  if (option && def.type === 'choice') label = label.charAt(0).toLocaleLowerCase(lang) + label.slice(1);
  return def.each ? fill(pick(def.each, lang, polite), { label }) : label;
}

interface Answered {
  yes: string;
  no: string;
  quoted: (v: string) => string;
}
const ANSWERED: Record<Lang, Answered> = {
  it: { yes: 'hai risposto di sì', no: 'hai risposto di no', quoted: (v) => `hai risposto «${v}»` },
  en: { yes: 'you answered yes', no: 'you answered no', quoted: (v) => `you answered “${v}”` },
};
const ANSWERED_POLITE: Record<Lang, Answered> = {
  ...ANSWERED,
  it: { yes: 'ha risposto di sì', no: 'ha risposto di no', quoted: (v) => `ha risposto «${v}»` },
};

/** What the resident's answer says; `years` replaces the answer when the rule judges an age worked out from it. */
function hasText(def: CriterionDef, value: AnswerValue, lang: Lang, polite: boolean, years?: number): string {
  const answered = (polite ? ANSWERED_POLITE : ANSWERED)[lang];
  if (typeof value === 'boolean' && !def.has) return value ? answered.yes : answered.no;
  const shown = years !== undefined ? String(years) : valueText(def, value, lang, polite);
  return def.has ? fill(pick(def.has, lang, polite), { value: shown }) : answered.quoted(shown);
}

/** Whom the rule is for: ages between bounds, or one of some values. */
export type Wanted = { bounds: { min?: number; max?: number } } | { values: AnswerValue[] };

function wantsText(def: CriterionDef, wanted: Wanted, lang: Lang, polite: boolean): string {
  const vars: Record<string, string> =
    'bounds' in wanted
      ? { bounds: bounds(wanted.bounds.min, wanted.bounds.max, lang) }
      : {
          values: orList(
            wanted.values.map((v) => valueText(def, v, lang, polite)),
            lang,
          ),
        };
  return fill(pick(def.wants, lang, polite), vars);
}

const IF_YOU_TELL: Record<Lang, (subject: string) => string> = {
  it: (subject) => `Se mi dici ${subject}, vedo se ti spetta.`,
  en: (subject) => `If you tell me ${subject}, I can see whether it applies to you.`,
};
const IF_YOU_TELL_POLITE: Record<Lang, (subject: string) => string> = {
  ...IF_YOU_TELL,
  it: (subject) => `Se mi dice ${subject}, vedo se Le spetta.`,
};

export const explain = {
  unanswered: (def: CriterionDef) =>
    each((l, p) => (l === 'it' ? `Non so ancora ${pick(def.subject, l, p)}.` : `I don't know ${pick(def.subject, l, p)} yet.`)),

  /** "Il servizio è per bambini da 6 a 14 anni: il bambino ne ha 4." — the same sentence whether the rule is met or not. */
  rule: (def: CriterionDef, wanted: Wanted, value: AnswerValue, years?: number) =>
    each((l, p) => `${wantsText(def, wanted, l, p)}: ${hasText(def, value, l, p, years)}.`),

  /** A price criterion left unanswered: who has the reduced price, and that telling it may lower the price. */
  priceUnanswered: (def: CriterionDef, wanted: Wanted) =>
    each((l, p) => `${wantsText(def, wanted, l, p)}. ${(p ? IF_YOU_TELL_POLITE : IF_YOU_TELL)[l](pick(def.subject, l, p))}`),

  notice: {
    it: 'Questa è un’indicazione, non una decisione ufficiale: i requisiti sono verificati dall’ufficio competente.',
    en: 'This is guidance, not an official decision: the competent office checks the requirements.',
  } satisfies LocalizedText,
};
