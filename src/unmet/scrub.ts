// What of a resident's search may be kept to tell the municipalities what is looked for: the words of a need, never
// a person. Pure; knows no word of any language.
//
// Names cannot be recognised in general (no list of names, seven languages), so the rule errs on dropping:
// - an entry that holds anything that can identify someone is dropped whole, not cleaned: digits of any kind
//   (fiscal codes, phones, IBANs, dates, house numbers, card numbers), an "@" (e-mail), a web or e-mail address
//   (a dot inside a word, "://", "www"), a 16-letter fiscal code written with omocodia letters;
// - a word written with a capital letter after the first word is most likely a name ("aiuto per Mario Rossi"), so
//   the entry is dropped too; scripts without case (Arabic, Chinese) cannot tell, which is why the store is bounded
//   and expires, and the report lists counts, where a search typed once is rarely a service anybody else needs;
// - a long message is a story, not a search, and stories hold personal details: more than MAX_WORDS words is dropped;
// - what is kept is folded (lower case, no accents or marks) letter-only words, one space between them.
import { fold } from '../i18n/fold.js';

const MAX_WORDS = 6;
const MAX_WORD_CHARS = 30;
/** A fiscal code as typed, omocodia included (digits replaced by LMNPQRSTUV). */
const FISCAL_CODE = /\b[a-z]{6}[\dlmnp-v]{2}[abcdehlmprst][\dlmnp-v]{2}[a-z][\dlmnp-v]{3}[a-z]\b/i;

/** The words of a search to keep, as one folded phrase; undefined when nothing may be kept. */
export function scrubSearch(text: string): string | undefined {
  const raw = text.normalize('NFKC').trim();
  if (raw === '' || raw.length > 200) return undefined;
  if (/\p{N}/u.test(raw) || raw.includes('@') || /:\/\/|\bwww\b/iu.test(raw) || /\p{L}\.\p{L}/u.test(raw) || FISCAL_CODE.test(raw)) return undefined;
  const written = raw.split(/[^\p{L}\p{M}'’-]+/u).filter(Boolean);
  if (written.slice(1).some((word) => /^\p{Lu}/u.test(word))) return undefined;
  const words = fold(raw).filter((word) => word.length >= 2 || /\p{Script=Han}/u.test(word));
  if (words.length === 0 || words.length > MAX_WORDS || words.some((word) => word.length > MAX_WORD_CHARS || !/^\p{L}+$/u.test(word)))
    return undefined;
  return words.join(' ');
}
