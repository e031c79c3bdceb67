// How easy the Italian texts are to read, measured the simple way: words per sentence and words per message, on every
// form a message can take (each select and plural branch). Part of `npm run dialogs:check`; no I/O.
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { PARSE_OPTIONS, type LocaleBundles } from './locales.js';

/**
 * Thresholds for the texts residents read, simple mode's polite texts included: short sentences an
 * elderly reader can hold in mind, and messages that fit a phone screen. The README lists them.
 */
export const READABILITY = { maxWordsPerSentence: 20, maxWordsPerMessage: 50 } as const;

/** A message's possible texts, one per combination of select/plural branches (capped: a few forms are enough). */
export function textForms(message: string, cap = 64): string[] {
  const forms = (elements: MessageFormatElement[]): string[] => {
    let out = [''];
    for (const el of elements) {
      let pieces: string[];
      if (el.type === TYPE.literal) pieces = [el.value];
      else if (el.type === TYPE.pound) pieces = ['3'];
      else if (el.type === TYPE.tag) pieces = forms(el.children);
      else if (el.type === TYPE.select || el.type === TYPE.plural) pieces = Object.values(el.options).flatMap((o) => forms(o.value));
      // A placeholder reads as one word (a name, a date is a few, but the reader takes it in at a glance).
      else pieces = ['X'];
      out = out.flatMap((before) => pieces.map((p) => before + p)).slice(0, cap);
    }
    return out;
  };
  return forms(parse(message, PARSE_OPTIONS));
}

const wordsIn = (text: string) => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Sentences end at . ! ? : ; or a line break (a list item is a sentence of its own). */
export function sentencesOf(text: string): string[] {
  return text.split(/(?<=[.!?:;])\s+|\n+/).filter((s) => s.trim() !== '');
}

export function readabilityProblems(bundles: LocaleBundles, opts: { lang?: string; dirForMessages?: string; subfolder?: string } = {}): string[] {
  const lang = opts.lang ?? 'it';
  const messages = bundles.get(lang);
  if (!messages) return [];
  const dir = `${opts.dirForMessages ?? 'locales'}/${lang}${opts.subfolder ? `/${opts.subfolder}` : ''}`;
  const problems: string[] = [];
  for (const [key, message] of messages) {
    const dot = key.indexOf('.');
    const where = `${dir}/${key.slice(0, dot)}.yaml: ${key.slice(dot + 1)}`;
    let longestSentence = 0;
    let longestMessage = 0;
    for (const form of textForms(message)) {
      longestMessage = Math.max(longestMessage, wordsIn(form));
      for (const sentence of sentencesOf(form)) longestSentence = Math.max(longestSentence, wordsIn(sentence));
    }
    if (longestSentence > READABILITY.maxWordsPerSentence) {
      problems.push(`${where}: a sentence of ${longestSentence} words (at most ${READABILITY.maxWordsPerSentence}): split it`);
    }
    if (longestMessage > READABILITY.maxWordsPerMessage) {
      problems.push(`${where}: ${longestMessage} words (at most ${READABILITY.maxWordsPerMessage}): shorten it or split it in two messages`);
    }
  }
  return problems;
}
