// Typed readers of a resident's answer to an eligibility question (date, whole number, "why?"); pure, no session, no I/O.
import { DateTime } from 'luxon';
import { distance } from 'fastest-levenshtein';
import { fold, parseNumberAnswer } from './choice-match.js';
import { cardinalValue, ordinalValue } from './number-words.js';

export type DateProblem = 'unreadable' | 'ambiguous_year' | 'incomplete' | 'impossible' | 'future' | 'too_early' | 'too_late';
export type DateAnswer = { ok: true; date: string } | { ok: false; reason: DateProblem };

/** Earliest and latest allowed day, ISO `YYYY-MM-DD`, both inclusive. */
export interface DateBounds {
  min?: string;
  max?: string;
}

const MONTHS: Record<string, string[][]> = {
  it: [['gennaio', 'gen'], ['febbraio', 'feb'], ['marzo', 'mar'], ['aprile', 'apr'], ['maggio', 'mag'], ['giugno', 'giu'],
    ['luglio', 'lug'], ['agosto', 'ago'], ['settembre', 'set', 'sett'], ['ottobre', 'ott'], ['novembre', 'nov'], ['dicembre', 'dic']],
  en: [['january', 'jan'], ['february', 'feb'], ['march', 'mar'], ['april', 'apr'], ['may'], ['june', 'jun'],
    ['july', 'jul'], ['august', 'aug'], ['september', 'sep', 'sept'], ['october', 'oct'], ['november', 'nov'], ['december', 'dec']],
};

// The resident's language first, then the others: "mar" is March in both, so order only matters for future languages.
function monthOf(word: string, lang: string): number | undefined {
  const langs = [lang, ...Object.keys(MONTHS).filter((l) => l !== lang)];
  for (const l of langs) {
    const index = MONTHS[l]?.findIndex((names) => names.includes(word)) ?? -1;
    if (index >= 0) return index + 1;
  }
  // One slip in a long month name ("febraio", "setembre") is still clearly that month.
  if (word.length < 5) return undefined;
  const near = new Set<number>();
  for (const l of langs) {
    MONTHS[l]?.forEach((names, i) => {
      if (distance(word, names[0] as string) <= 1) near.add(i + 1);
    });
  }
  return near.size === 1 ? [...near][0] : undefined;
}

function dayOf(word: string, lang: string): number | undefined {
  const digits = /^(\d{1,2})(st|nd|rd|th|o)?$/.exec(word);
  if (digits) return Number(digits[1]);
  const ordinal = ordinalValue(word, [lang, 'it', 'en']);
  if (typeof ordinal === 'number') return ordinal;
  const cardinal = cardinalValue([word], [lang, 'it', 'en']);
  return cardinal !== undefined && cardinal >= 1 && cardinal <= 31 ? cardinal : undefined;
}

type Parts = { day: number; month: number; year: number };

function numeric(text: string): Parts | DateProblem | undefined {
  const m = /(^|[^\d])(\d{1,4})\s*([/.\-])\s*(\d{1,2})\s*\3\s*(\d{1,4})(?!\d)/.exec(text);
  if (!m) return undefined;
  const [a, b, c] = [m[2] as string, m[4] as string, m[5] as string];
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c) };
  if (a.length > 2) return 'unreadable';
  if (c.length === 4) return { day: Number(a), month: Number(b), year: Number(c) };
  // "12.03.50" could be 1950 or 2050: never guess a century.
  return c.length <= 2 ? 'ambiguous_year' : 'unreadable';
}

function worded(words: string[], lang: string): Parts | DateProblem | undefined {
  const months = new Set<number>();
  const years: string[] = [];
  const small: number[] = [];
  for (const w of words) {
    const month = monthOf(w, lang);
    if (month !== undefined) {
      months.add(month);
      continue;
    }
    if (/^\d{3,}$/.test(w)) years.push(w);
    else {
      const day = dayOf(w, lang);
      if (day !== undefined) small.push(day);
    }
  }
  if (months.size === 0) return undefined;
  if (months.size > 1 || years.length > 1 || small.length > 2) return 'unreadable';
  const month = [...months][0] as number;
  if (years.length === 1) {
    if ((years[0] as string).length !== 4 || small.length !== 1) return small.length === 0 ? 'incomplete' : 'unreadable';
    return { day: small[0] as number, month, year: Number(years[0]) };
  }
  if (small.length === 2) return 'ambiguous_year';
  return 'incomplete';
}

/**
 * Reads a date typed by a resident: 12/03/1950, 12-3-1950, 12.03.1950, 1950-03-12, "3 marzo 1950", "March 3rd, 1950".
 * Two-digit years are refused, never guessed. `today` is the ISO date in Europe/Rome.
 */
export function parseDateAnswer(text: string, lang: string, today: string, bounds: DateBounds = {}): DateAnswer {
  const plain = text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[°º]/g, ' ');
  const words = fold(plain);
  const parts = numeric(plain) ?? worded(words, lang) ?? (words.some((w) => /^\d{4}$/.test(w)) ? 'incomplete' : 'unreadable');
  if (typeof parts === 'string') return { ok: false, reason: parts };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1) return { ok: false, reason: 'impossible' };
  const day = DateTime.fromObject(parts, { zone: 'Europe/Rome' });
  if (!day.isValid) return { ok: false, reason: 'impossible' };
  const iso = day.toISODate() as string;
  if (iso > today) return { ok: false, reason: 'future' };
  if (bounds.min && iso < bounds.min) return { ok: false, reason: 'too_early' };
  if (bounds.max && iso > bounds.max) return { ok: false, reason: 'too_late' };
  return { ok: true, date: iso };
}

export type IntegerAnswer = { ok: true; value: number } | { ok: false; reason: 'not_a_number' | 'too_small' | 'too_large' };

/** A whole number in digits or words ("9", "nove", "ha 9 anni"), checked against the criterion's bounds. */
export function parseIntegerAnswer(text: string, bounds: { min?: number; max?: number } = {}): IntegerAnswer {
  const value = parseNumberAnswer(text);
  if (value === undefined) return { ok: false, reason: 'not_a_number' };
  if (bounds.min !== undefined && value < bounds.min) return { ok: false, reason: 'too_small' };
  if (bounds.max !== undefined && value > bounds.max) return { ok: false, reason: 'too_large' };
  return { ok: true, value };
}

const WHY = new Set(
  ['perche', 'perche me lo chiedi', 'perche lo chiedi', 'perche lo vuoi sapere', 'perche ti serve', 'a cosa serve', 'a che serve',
    'xche', 'xke', 'why', 'why do you ask', 'why do you need it', 'why do you need this', 'what is it for', 'what for'],
);

/** True when the whole message asks why a question is asked ("perché?", "why do you need this?"). */
export function isWhyQuestion(text: string): boolean {
  return WHY.has(fold(text).join(' '));
}
