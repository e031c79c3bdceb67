// Forgiving readers of a resident's typed answer: menu choice, yes/no, a whole number; no I/O, no session.
import { distance } from 'fastest-levenshtein';
import { cardinalValue, ordinalValue } from './number-words.js';

export type ChoiceOption = { id: string; labels: string[] };
export type ChoiceMatch =
  | { kind: 'match'; id: string; by: 'number' | 'label' | 'partial' | 'typo' }
  | { kind: 'ambiguous'; ids: string[] }
  | { kind: 'none' };

export function fold(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

const phrases = (...list: string[]) => list.map((p) => p.split(' '));

// Removes every occurrence of the phrases (longest first), so "il primo per favore" reads "primo".
function without(words: string[], drop: string[][]): string[] {
  const sorted = [...drop].sort((a, b) => b.length - a.length);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const hit = sorted.find((p) => p.every((w, j) => words[i + j] === w));
    if (hit) i += hit.length;
    else out.push(words[i++] as string);
  }
  return out;
}

const POLITE = phrases('per favore', 'per piacere', 'perfavore', 'grazie', 'grazie mille', 'prego', 'please', 'pls',
  'thanks', 'thank you', 'thx', 'cortesemente');
const CHOICE_FILLER = [...POLITE, ...phrases('il', 'lo', 'la', 'l', 'i', 'gli', 'le', 'un', 'the', 'a', 'an', 'vorrei',
  'voglio', 'scelgo', 'prendo', 'allora', 'ok', 'okay', 'quello', 'quella', 'i want', 'i d like', 'i would like',
  'i choose', 'i ll take', 'i take')];
// Ignored only when checking that the input's words appear in a label: "supporto per anziani".
const STOPWORDS = new Set(['di', 'da', 'del', 'della', 'dei', 'delle', 'per', 'e', 'a', 'al', 'alla', 'in', 'con',
  'su', 'of', 'for', 'and', 'to', 'with', 'on']);
const NUMBER_PREFIX = new Set(['numero', 'num', 'nr', 'n', 'no', 'number', 'opzione', 'option', 'scelta', 'choice']);
const ORDINAL_SUFFIX = new Set(['one', 'opzione', 'option', 'scelta', 'choice']);

// The whole input must be a number expression: "ho due figli" is not a choice of option 2.
function numberExpression(words: string[], langs?: readonly string[]): number | 'last' | undefined {
  const rest = words.length > 1 && NUMBER_PREFIX.has(words[0] as string) ? words.slice(1) : words;
  if (rest.length === 1) {
    const w = rest[0] as string;
    const digits = /^(\d{1,3})(st|nd|rd|th|o|a)?$/.exec(w);
    if (digits) return Number(digits[1]);
    const ordinal = ordinalValue(w, langs);
    if (ordinal !== undefined) return ordinal;
  }
  if (rest.length === 2 && ORDINAL_SUFFIX.has(rest[1] as string)) {
    const ordinal = ordinalValue(rest[0] as string, langs);
    if (ordinal !== undefined) return ordinal;
  }
  return rest.length > 0 ? cardinalValue(rest, langs) : undefined;
}

const letters = (words: string[]) => words.join('').length;
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

export function matchChoice(input: string, options: ChoiceOption[], opts: { langs?: string[] } = {}): ChoiceMatch {
  const all = fold(input);
  if (all.length === 0) return { kind: 'none' };
  const core = without(all, CHOICE_FILLER);

  const n = core.length > 0 ? numberExpression(core, opts.langs) : undefined;
  if (n !== undefined) {
    const option = options[n === 'last' ? options.length - 1 : n - 1];
    return option ? { kind: 'match', id: option.id, by: 'number' } : { kind: 'none' };
  }

  const labelled = options.map((o) => ({
    id: o.id,
    labels: o.labels.map((l): Label => {
      const words = fold(l);
      const stripped = without(words, CHOICE_FILLER);
      return { full: words.join(' '), core: stripped.length > 0 ? stripped : words };
    }),
  }));
  const inputCore = core.length > 0 ? core : all;
  const coreText = inputCore.join(' ');

  const allText = all.join(' ');
  const exact = labelled.filter((o) => o.labels.some((l) => l.full === allText || l.core.join(' ') === coreText));
  const byLabel = decide(exact.map((o) => o.id), 'label');
  if (byLabel) return byLabel;
  if (letters(inputCore) < 3) return { kind: 'none' };

  const wanted = inputCore.filter((w) => !STOPWORDS.has(w));
  if (wanted.length === 0) return { kind: 'none' };
  const inLabel = (w: string, l: Label) => l.core.some((v) => v === w || (w.length >= 3 && v.startsWith(w)));
  const partial = labelled.filter((o) =>
    o.labels.some(
      (l) =>
        wanted.every((w) => inLabel(w, l)) ||
        (letters(l.core) >= 3 && ` ${coreText} `.includes(` ${l.core.join(' ')} `)),
    ),
  );
  const byPartial = decide(partial.map((o) => o.id), 'partial');
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
  return decide(scored.filter((s) => s.score === best).map((s) => s.id), 'typo') ?? { kind: 'none' };
}

const YES = phrases('si', 'certo', 'certamente', 'va bene', 'ok', 'okay', 'okey', 'd accordo', 'daccordo', 'esatto',
  'esattamente', 'giusto', 'confermo', 'perfetto', 'certo che si', 'yes', 'yeah', 'yep', 'yup', 'sure', 'correct',
  'confirm', 'of course', 'absolutely', 'si si');
const NO = phrases('no', 'nope', 'nah', 'non voglio', 'non confermo', 'non va bene', 'non ancora', 'assolutamente no',
  'certo che no', 'non mi interessa', 'no way', 'not really', 'not yet', 'no no');
const YES_NO_FILLER = [...POLITE, ...phrases('allora', 'beh', 'well', 'oh', 'ah', 'eh', 'mh')];

// Elongated answers ("siii", "nooo", "okkk") are common and unambiguous.
function squeeze(word: string): string {
  if (/^s+i+$/.test(word)) return 'si';
  if (/^n+o+$/.test(word)) return 'no';
  if (/^o+k+$/.test(word)) return 'ok';
  if (/^y+e+s+$/.test(word)) return 'yes';
  return word;
}

export function matchYesNo(input: string): 'yes' | 'no' | undefined {
  const emojiAsWords = input.replace(/👍|✅|👌|✔/gu, ' si ').replace(/👎|❌|✖/gu, ' no ');
  const words = fold(emojiAsWords).map(squeeze);
  const rest = without(words, YES_NO_FILLER);
  if (rest.length === 0) return undefined;
  const afterYes = without(rest, YES);
  const afterNo = without(rest, NO);
  if (afterYes.length === 0 && afterNo.length > 0) return 'yes';
  if (afterNo.length === 0 && afterYes.length > 0) return 'no';
  return undefined;
}

const NUMBER_FILLER = phrases('ha', 'ho', 'hanno', 'abbiamo', 'ne ha', 'sono', 'e', 'di', 'anni', 'anno', 'eta',
  'circa', 'years', 'year', 'yrs', 'old', 'about', 'around', 'aged', 'age', 'is', 'he', 'she', 's', 'i', 'm', 'am',
  'and', 'it');

export function parseNumberAnswer(input: string): number | undefined {
  const plain = input.toLowerCase().replace(/(\d)[.,'’](?=\d{3}(?!\d))/g, '$1');
  if (/\d[.,]\d/.test(plain)) return undefined; // a decimal is not a whole number
  if (/(^|[^\p{L}\p{N}])[-−–]\s*\d/u.test(plain)) return undefined;
  const words = fold(plain);
  if (words.some((w) => w === 'meno' || w === 'minus')) return undefined;
  const hadUnit = words.some((w) => /^(anno|anni|year|years)$/.test(w));
  const rest = without(words, NUMBER_FILLER);
  if (rest.length === 1 && /^\d+$/.test(rest[0] as string)) {
    const n = Number(rest[0]);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (hadUnit && rest.length === 1 && ['un', 'una', 'a', 'an'].includes(rest[0] as string)) return 1;
  return rest.length > 0 ? cardinalValue(rest) : undefined;
}
