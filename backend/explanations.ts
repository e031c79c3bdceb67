// Per-criterion explanation texts of the reference backend's rules, in Italian and English; no I/O.
import type { LocalizedText } from '../src/welfare/contract.js';

type Lang = 'it' | 'en';
const LANGS: Lang[] = ['it', 'en'];

export interface Shown {
  subject: LocalizedText;
  /** How the resident's answer reads, per language. */
  value?: LocalizedText;
}

function each(build: (lang: Lang) => string): LocalizedText {
  const out: Record<string, string> = {};
  for (const lang of LANGS) out[lang] = build(lang);
  return out as LocalizedText;
}

const pick = (text: LocalizedText, lang: Lang) => text[lang] ?? text.it;

function bounds(min: number | undefined, max: number | undefined, lang: Lang): string {
  if (lang === 'it') {
    if (min !== undefined && max !== undefined) return `da ${min} a ${max}`;
    return min !== undefined ? `almeno ${min}` : `al massimo ${max!}`; // out of range: with no minimum there is a maximum
  }
  if (min !== undefined && max !== undefined) return `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max!}`;
}

export const explain = {
  unanswered: (s: Shown) => each((l) => (l === 'it' ? `${pick(s.subject, l)}: ancora da indicare.` : `${pick(s.subject, l)}: not answered yet.`)),

  met: (s: Shown) =>
    each((l) =>
      l === 'it'
        ? `${pick(s.subject, l)}: ${pick(s.value!, l)}. Requisito rispettato.`
        : `${pick(s.subject, l)}: ${pick(s.value!, l)}. Requirement met.`,
    ),

  outOfRange: (s: Shown, min?: number, max?: number) =>
    each((l) =>
      l === 'it'
        ? `${pick(s.subject, l)}: ${pick(s.value!, l)}, ma il servizio richiede un valore ${bounds(min, max, l)}.`
        : `${pick(s.subject, l)}: ${pick(s.value!, l)}, but the service requires a value ${bounds(min, max, l)}.`,
    ),

  ageOutOfRange: (s: Shown, age: number, min?: number, max?: number) =>
    each((l) =>
      l === 'it'
        ? `${pick(s.subject, l)}: ${age} anni, ma il servizio è per chi ha ${bounds(min, max, l)} anni.`
        : `${pick(s.subject, l)}: ${age} years old, but the service is for people aged ${bounds(min, max, l)}.`,
    ),

  notExpected: (s: Shown, expected: LocalizedText) =>
    each((l) =>
      l === 'it'
        ? `${pick(s.subject, l)}: ${pick(s.value!, l)}, ma il servizio è previsto solo per: ${pick(expected, l)}.`
        : `${pick(s.subject, l)}: ${pick(s.value!, l)}, but the service is only for: ${pick(expected, l)}.`,
    ),

  reducedPrice: (s: Shown) =>
    each((l) =>
      l === 'it'
        ? `Hai diritto alla tariffa ridotta per questa risposta: ${pick(s.subject, l)}, ${pick(s.value!, l)}.`
        : `You are entitled to the reduced price because of this answer: ${pick(s.subject, l)}, ${pick(s.value!, l)}.`,
    ),

  fullPrice: (s: Shown, answered: boolean) =>
    each((l) => {
      if (l === 'it') {
        return answered
          ? `Tariffa intera: la tariffa ridotta dipende da questo dato (${pick(s.subject, l)}).`
          : `Tariffa intera, finché non indichi questo dato (${pick(s.subject, l)}): potresti avere diritto alla tariffa ridotta.`;
      }
      return answered
        ? `Full price: the reduced price depends on this (${pick(s.subject, l)}).`
        : `Full price until you tell us this (${pick(s.subject, l)}): you may be entitled to the reduced price.`;
    }),

  yes: each((l) => (l === 'it' ? 'sì' : 'yes')),
  no: each((l) => (l === 'it' ? 'no' : 'no')),
  years: (age: number) => each((l) => (l === 'it' ? `${age} anni` : `${age} years old`)),
  plain: (value: string) => each(() => value),
  list: (items: LocalizedText[]) => each((l) => items.map((i) => pick(i, l)).join(l === 'it' ? ', ' : ', ')),

  notice: {
    it: 'Questa è un’indicazione, non una decisione ufficiale: i requisiti sono verificati dall’ufficio competente.',
    en: 'This is guidance, not an official decision: the competent office checks the requirements.',
  } satisfies LocalizedText,
};
