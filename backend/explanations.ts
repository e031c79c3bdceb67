// Per-criterion explanation sentences of the reference backend's rules, in Italian and English, from the criteria's wording; no I/O.
import type { AnswerValue, LocalizedText } from '../src/welfare/contract.js';
import type { CriterionDef } from './catalogue-schema.js';

type Lang = 'it' | 'en';
const LANGS: Lang[] = ['it', 'en'];

function each(build: (lang: Lang) => string): LocalizedText {
  const out: Record<string, string> = {};
  for (const lang of LANGS) out[lang] = build(lang);
  return out as LocalizedText;
}

const pick = (text: LocalizedText | undefined, lang: Lang) => (text ? (text[lang] ?? text.it) : '');

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
function valueText(def: CriterionDef, value: AnswerValue, lang: Lang): string {
  const option = def.options?.find((o) => o.value === value);
  let label = option ? pick(option.label, lang) : String(value);
  if (option && def.type === 'choice') label = label.charAt(0).toLocaleLowerCase(lang) + label.slice(1);
  return def.each ? fill(pick(def.each, lang), { label }) : label;
}

const ANSWERED: Record<Lang, { yes: string; no: string; quoted: (v: string) => string }> = {
  it: { yes: 'hai risposto di sì', no: 'hai risposto di no', quoted: (v) => `hai risposto «${v}»` },
  en: { yes: 'you answered yes', no: 'you answered no', quoted: (v) => `you answered “${v}”` },
};

/** What the resident's answer says; `years` replaces the answer when the rule judges an age worked out from it. */
function hasText(def: CriterionDef, value: AnswerValue, lang: Lang, years?: number): string {
  if (typeof value === 'boolean' && !def.has) return value ? ANSWERED[lang].yes : ANSWERED[lang].no;
  const shown = years !== undefined ? String(years) : valueText(def, value, lang);
  return def.has ? fill(pick(def.has, lang), { value: shown }) : ANSWERED[lang].quoted(shown);
}

/** Whom the rule is for: ages between bounds, or one of some values. */
export type Wanted = { bounds: { min?: number; max?: number } } | { values: AnswerValue[] };

function wantsText(def: CriterionDef, wanted: Wanted, lang: Lang): string {
  const vars: Record<string, string> =
    'bounds' in wanted
      ? { bounds: bounds(wanted.bounds.min, wanted.bounds.max, lang) }
      : {
          values: orList(
            wanted.values.map((v) => valueText(def, v, lang)),
            lang,
          ),
        };
  return fill(pick(def.wants, lang), vars);
}

const IF_YOU_TELL: Record<Lang, (subject: string) => string> = {
  it: (subject) => `Se mi dici ${subject}, vedo se ti spetta.`,
  en: (subject) => `If you tell me ${subject}, I can see whether it applies to you.`,
};

export const explain = {
  unanswered: (def: CriterionDef) =>
    each((l) => (l === 'it' ? `Non so ancora ${pick(def.subject, l)}.` : `I don't know ${pick(def.subject, l)} yet.`)),

  /** "Il servizio è per bambini da 6 a 14 anni: il bambino ne ha 4." — the same sentence whether the rule is met or not. */
  rule: (def: CriterionDef, wanted: Wanted, value: AnswerValue, years?: number) =>
    each((l) => `${wantsText(def, wanted, l)}: ${hasText(def, value, l, years)}.`),

  /** A price criterion left unanswered: who has the reduced price, and that telling it may lower the price. */
  priceUnanswered: (def: CriterionDef, wanted: Wanted) => each((l) => `${wantsText(def, wanted, l)}. ${IF_YOU_TELL[l](pick(def.subject, l))}`),

  notice: {
    it: 'Questa è un’indicazione, non una decisione ufficiale: i requisiti sono verificati dall’ufficio competente.',
    en: 'This is guidance, not an official decision: the competent office checks the requirements.',
  } satisfies LocalizedText,
};
