// Answers a resident gives in passing, in their own words ("mio figlio di 9 anni"): read conservatively, from the word data only.
import type { Lexicon } from '../i18n/lexicon.js';
import { cardinalValue, fold } from './number-words.js';

const MAX_LINKS = 3;
const MAX_CHILD_AGE = 17;
const HAN = /^\p{Script=Han}+$/u;

/** A word naming one child; a Chinese word may hold one ("我儿子今年"). */
function namesChild(word: string, lexicon: Lexicon): boolean {
  if (lexicon.childAge.child.has(word)) return true;
  return HAN.test(word) && [...lexicon.childAge.child].some((c) => HAN.test(c) && word.includes(c));
}

/** A Chinese unit may start a longer word ("岁的儿子"). */
function isUnit(word: string | undefined, lexicon: Lexicon): boolean {
  if (word === undefined) return false;
  if (lexicon.childAge.units.has(word)) return true;
  return HAN.test(word) && [...lexicon.childAge.units].some((u) => HAN.test(u) && word.startsWith(u));
}

function numberAt(words: string[], i: number, lexicon: Lexicon): number | undefined {
  const word = words[i];
  if (word === undefined) return undefined;
  if (/^\d{1,2}$/.test(word)) return Number(word);
  return cardinalValue([word], lexicon);
}

/** "figlio (di|ha|is…){0,3} 9 (anni)": the unit may be left out only at the end of the message ("my son is 9"). */
function after(words: string[], i: number, lexicon: Lexicon): number | undefined {
  let j = i + 1;
  while (j < words.length && j - i - 1 < MAX_LINKS && lexicon.childAge.links.has(words[j]!)) j += 1;
  const n = numberAt(words, j, lexicon);
  if (n === undefined) return undefined;
  return isUnit(words[j + 1], lexicon) || j === words.length - 1 ? n : undefined;
}

/** "9 anni … figlio", "9 year old son", "9岁的儿子": a number and its unit, then a child within two words. */
function before(words: string[], i: number, lexicon: Lexicon): number | undefined {
  for (let j = Math.max(0, i - 4); j < i; j += 1) {
    const n = numberAt(words, j, lexicon);
    if (n !== undefined && isUnit(words[j + 1], lexicon) && i - (j + 1) <= 2) return n;
  }
  const word = words[i]!;
  const joined = /^(\d{1,2})$/.exec(words[i - 1] ?? '');
  // Chinese: "9" "岁的儿子" — the unit and the child in one word
  if (joined && HAN.test(word) && isUnit(word, lexicon)) return Number(joined[1]);
  return undefined;
}

/** The age of the one child the text speaks of, when it says it plainly; two different ages say nothing. */
export function statedChildAge(text: string, lexicon: Lexicon): number | undefined {
  if (/[-−]\s*\d/u.test(text)) return undefined; // folding drops the sign: "-3" is no age
  const words = fold(text);
  const ages = new Set<number>();
  words.forEach((word, i) => {
    if (!namesChild(word, lexicon)) return;
    const n = after(words, i, lexicon) ?? before(words, i, lexicon);
    if (n !== undefined && n <= MAX_CHILD_AGE) ages.add(n);
  });
  return ages.size === 1 ? [...ages][0] : undefined;
}
