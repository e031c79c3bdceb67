// Looks up cardinal and ordinal number words in the languages' word data (locales/<lang>/lexicon.yaml); never parses a sentence.
import type { Lexicon } from '../i18n/lexicon.js';

export { fold, westernDigits } from '../i18n/fold.js';

const pick = (lexicon: Lexicon, langs: readonly string[] | undefined) => langs ?? lexicon.languages;

// Accepts "settanta cinque" as well as "settantacinque", "seventy five" as well as "seventyfive".
export function cardinalValue(words: readonly string[], lexicon: Lexicon, langs?: readonly string[]): number | undefined {
  for (const code of pick(lexicon, langs)) {
    const table = lexicon.cardinals.get(code);
    const hit = table?.get(words.join(' ')) ?? table?.get(words.join(''));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/** An ordinal, given folded: one word ("terza") or a phrase ("al doilea", "e dyta"). */
export function ordinalValue(phrase: string, lexicon: Lexicon, langs?: readonly string[]): number | 'last' | undefined {
  for (const code of pick(lexicon, langs)) {
    const hit = lexicon.ordinals.get(code)?.get(phrase);
    if (hit !== undefined) return hit;
    if (lexicon.lasts.get(code)?.has(phrase)) return 'last';
  }
  return undefined;
}

/** A number written with an ordinal ending ("3rd", "1o") or none: its value. */
export function digitsValue(word: string, lexicon: Lexicon, maxDigits: number): number | undefined {
  const m = /^(\d+)(\p{L}*)$/u.exec(word);
  if (!m || m[1]!.length > maxDigits || (m[2] && !lexicon.digitSuffixes.has(m[2]))) return undefined;
  return Number(m[1]);
}
