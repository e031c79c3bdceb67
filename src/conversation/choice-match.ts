// Forgiving readers of a resident's typed answer: menu choice, yes/no, a whole number; no I/O, no session.
// The words (fillers, yes, no, numbers) come from the Lexicon passed in, built from locales/<lang>/lexicon.yaml.
import { distance } from 'fastest-levenshtein';
import type { Lexicon } from '../i18n/lexicon.js';
import { cardinalValue, digitsValue, fold, ordinalValue, westernDigits } from './number-words.js';

export { fold };

export type ChoiceOption = { id: string; labels: string[] };
export type ChoiceMatch =
  { kind: 'match'; id: string; by: 'number' | 'label' | 'partial' | 'typo' } | { kind: 'ambiguous'; ids: string[] } | { kind: 'none' };

// Removes every occurrence of the phrases (longest first), so "il primo per favore" reads "primo".
function without(words: string[], drop: readonly string[][]): string[] {
  const sorted = [...drop].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = sorted.find((p) => p.every((w, j) => words[i + j] === w));
    if (hit) i += hit.length;
    else out.push(words[i++] as string);
  }
  return out;
}

const HAN = /^\p{Script=Han}+$/u;

// Chinese writes no spaces: "好的谢谢" is 好的 + 谢谢. Known words are split off either end of a Chinese word,
// longest first; what is left in the middle stays one word, so an unknown word never passes for a known one.
function splitHan(words: string[], known: ReadonlySet<string>): string[] {
  const longest = (fits: (k: string) => boolean) => [...known].filter(fits).sort((a, b) => b.length - a.length)[0];
  return words.flatMap((word) => {
    if (!HAN.test(word)) return [word];
    const head: string[] = [];
    const tail: string[] = [];
    let rest = word;
    for (let k = longest((w) => rest.startsWith(w)); k && rest; k = longest((w) => rest.startsWith(w))) {
      head.push(k);
      rest = rest.slice(k.length);
    }
    for (let k = longest((w) => rest.endsWith(w)); k && rest; k = longest((w) => rest.endsWith(w))) {
      tail.unshift(k);
      rest = rest.slice(0, -k.length);
    }
    return [...head, ...(rest ? [rest] : []), ...tail];
  });
}

// The whole input must be a number expression: "ho due figli" is not a choice of option 2.
function numberExpression(words: string[], lexicon: Lexicon, langs?: readonly string[]): number | 'last' | undefined {
  const rest = words.length > 1 && lexicon.numberPrefixes.has(words[0] as string) ? words.slice(1) : words;
  if (rest.length === 0) return undefined;
  if (rest.length === 1) {
    const digits = digitsValue(rest[0] as string, lexicon, 3);
    if (digits !== undefined) return digits;
  }
  const ordinal = ordinalValue(rest.join(' '), lexicon, langs);
  if (ordinal !== undefined) return ordinal;
  if (rest.length >= 2 && lexicon.ordinalSuffixes.has(rest[rest.length - 1] as string)) {
    const before = ordinalValue(rest.slice(0, -1).join(' '), lexicon, langs);
    if (before !== undefined) return before;
  }
  return cardinalValue(rest, lexicon, langs);
}

// A Chinese character says about as much as a short Latin word: "作业" is enough to look for.
function chineseNumber(core: string[], lexicon: Lexicon, langs?: readonly string[]): number | 'last' | undefined {
  const split = splitHan(core, lexicon.han.numberChoice);
  const rest = without(split, lexicon.numberAffixes);
  return rest.length > 0 && rest.length < split.length ? numberExpression(rest, lexicon, langs) : undefined;
}

const letters = (words: string[]) => [...words.join('')].reduce((n, ch) => n + (HAN.test(ch) ? 3 : 1), 0);
const typoBudget = (length: number) => (length <= 3 ? 0 : length <= 6 ? 1 : 2);

// Levenshtein counts a swap of two neighbouring letters as 2; residents make it often, so it costs 1 here.
function typoDistance(a: string, b: string): number {
  const d = distance(a, b);
  if (d !== 2 || a.length !== b.length) return d;
  const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i] ? 1 : d;
}

interface Label {
  full: string;
  core: string[];
}

function decide(ids: string[], by: 'label' | 'partial' | 'typo'): ChoiceMatch | undefined {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return undefined;
  return unique.length === 1 ? { kind: 'match', id: unique[0] as string, by } : { kind: 'ambiguous', ids: unique };
}

export function matchChoice(input: string, options: ChoiceOption[], lexicon: Lexicon, opts: { langs?: string[] } = {}): ChoiceMatch {
  const all = fold(input);
  if (all.length === 0) return { kind: 'none' };
  const core = without(all, lexicon.choiceFiller);

  const n = core.length > 0 ? (numberExpression(core, lexicon, opts.langs) ?? chineseNumber(core, lexicon, opts.langs)) : undefined;
  if (n !== undefined) {
    const option = options[n === 'last' ? options.length - 1 : n - 1];
    return option ? { kind: 'match', id: option.id, by: 'number' } : { kind: 'none' };
  }

  const labelled = options.map((o) => ({
    id: o.id,
    labels: o.labels.map((l): Label => {
      const words = fold(l);
      const stripped = without(words, lexicon.choiceFiller);
      return { full: words.join(' '), core: stripped.length > 0 ? stripped : words };
    }),
  }));
  const inputCore = core.length > 0 ? core : all;
  const coreText = inputCore.join(' ');

  const allText = all.join(' ');
  const exact = labelled.filter((o) => o.labels.some((l) => l.full === allText || l.core.join(' ') === coreText));
  const byLabel = decide(
    exact.map((o) => o.id),
    'label',
  );
  if (byLabel) return byLabel;
  if (letters(inputCore) < 3) return { kind: 'none' };

  const wanted = inputCore.filter((w) => !lexicon.stopwords.has(w));
  if (wanted.length === 0) return { kind: 'none' };
  // Chinese has no spaces to start a word at: "作业" is in "辅导作业".
  const inLabel = (w: string, l: Label) =>
    l.core.some((v) => v === w || (w.length >= 3 && v.startsWith(w)) || (HAN.test(w) && w.length >= 2 && v.includes(w)));
  const partial = labelled.filter((o) =>
    o.labels.some((l) => wanted.every((w) => inLabel(w, l)) || (letters(l.core) >= 3 && ` ${coreText} `.includes(` ${l.core.join(' ')} `))),
  );
  const byPartial = decide(
    partial.map((o) => o.id),
    'partial',
  );
  if (byPartial) return byPartial;

  const typoScore = (l: Label): number => {
    const whole = typoDistance(coreText, l.core.join(' '));
    let words = 0;
    for (const w of wanted) {
      if (inLabel(w, l)) continue;
      const best = Math.min(...l.core.map((v) => typoDistance(w, v)));
      if (best > typoBudget(w.length)) {
        words = Infinity;
        break;
      }
      words += best;
    }
    return Math.min(whole <= typoBudget(coreText.length) ? whole : Infinity, words);
  };
  const scored = labelled.map((o) => ({ id: o.id, score: Math.min(...o.labels.map(typoScore)) }));
  const best = Math.min(...scored.map((s) => s.score));
  if (best === Infinity) return { kind: 'none' };
  return (
    decide(
      scored.filter((s) => s.score === best).map((s) => s.id),
      'typo',
    ) ?? { kind: 'none' }
  );
}

// Elongated answers ("siii", "nooo", "okkk") are common and unambiguous.
function squeeze(word: string): string {
  if (/^s+i+$/.test(word)) return 'si';
  if (/^n+o+$/.test(word)) return 'no';
  if (/^o+k+$/.test(word)) return 'ok';
  if (/^y+e+s+$/.test(word)) return 'yes';
  return word;
}

export function matchYesNo(input: string, lexicon: Lexicon): 'yes' | 'no' | undefined {
  const emojiAsWords = input.replace(/👍|✅|👌|✔/gu, ' si ').replace(/👎|❌|✖/gu, ' no ');
  const words = splitHan(fold(emojiAsWords).map(squeeze), lexicon.han.yesNo);
  const rest = without(words, lexicon.yesNoFiller);
  if (rest.length === 0) return undefined;
  const afterYes = without(rest, lexicon.yes);
  const afterNo = without(rest, lexicon.no);
  if (afterYes.length === 0 && afterNo.length > 0) return 'yes';
  if (afterNo.length === 0 && afterYes.length > 0) return 'no';
  return undefined;
}

export function parseNumberAnswer(input: string, lexicon: Lexicon): number | undefined {
  const plain = westernDigits(input)
    .toLowerCase()
    .replace(/(\d)[.,'’](?=\d{3}(?!\d))/g, '$1');
  if (/\d[.,]\d/.test(plain)) return undefined; // a decimal is not a whole number
  if (/(^|[^\p{L}\p{N}])[-−–]\s*\d/u.test(plain)) return undefined;
  const words = splitHan(fold(plain), lexicon.han.number);
  if (words.some((w) => lexicon.negative.has(w))) return undefined;
  const hadUnit = words.some((w) => lexicon.ageUnits.has(w));
  const rest = without(words, lexicon.numberFiller);
  if (rest.length === 1 && /^\d+$/.test(rest[0] as string)) {
    const n = Number(rest[0]);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (hadUnit && rest.length === 1 && lexicon.oneArticle.has(rest[0] as string)) return 1;
  return rest.length > 0 ? cardinalValue(rest, lexicon) : undefined;
}
