// Typed readers of a resident's answer to an eligibility question (date, whole number, "why?"); pure, no session, no I/O.
import { DateTime } from 'luxon';
import { distance } from 'fastest-levenshtein';
import { fold, parseNumberAnswer } from './choice-match.js';
import type { Lexicon } from '../i18n/lexicon.js';
import { cardinalValue, digitsValue, ordinalValue, westernDigits } from './number-words.js';

type DateProblem = 'unreadable' | 'ambiguous_year' | 'incomplete' | 'impossible' | 'future' | 'too_early' | 'too_late';
export type DateAnswer = { ok: true; date: string } | { ok: false; reason: DateProblem };

/** Earliest and latest allowed day, ISO `YYYY-MM-DD`, both inclusive. */
export interface DateBounds {
  min?: string;
  max?: string;
}

// The resident's language first, then the others: a Romanian may well use the Italian texts. No name is two different
// months ("mar", "august" are March and August wherever they occur), so the order only matters for slips.
function monthOf(word: string, lang: string, lexicon: Lexicon): number | undefined {
  const langs = [lang, ...lexicon.languages.filter((l) => l !== lang)];
  const calendars = langs.flatMap((l) => lexicon.months.get(l) ?? []);
  for (const months of calendars) {
    const index = months.findIndex((names) => names.includes(word));
    if (index >= 0) return index + 1;
  }
  // One slip in a long month name ("febraio", "setembre") is still clearly that month.
  if (word.length < 5) return undefined;
  const near = new Set<number>();
  for (const months of calendars) {
    months.forEach((names, i) => {
      if (distance(word, names[0] as string) <= 1) near.add(i + 1);
    });
  }
  return near.size === 1 ? [...near][0] : undefined;
}

// fold() splits "1948年3月15日" into 1948 年 3 月 15 日: the number before a month mark (月) makes one word with it, spelt
// as in the word data ("3 月", "三月"); the other marks (年, 日, 号) only mark the year and the day, and are dropped.
function markedMonths(words: string[], lexicon: Lexicon): string[] {
  const { month, other } = lexicon.dateMarkers;
  const out: string[] = [];
  for (const w of words) {
    if (month.has(w) && out.length > 0) out.push(fold(`${out.pop() as string}${w}`).join(' '));
    else if (!other.has(w)) out.push(w);
  }
  return out;
}

function dayOf(word: string, lang: string, lexicon: Lexicon): number | undefined {
  const digits = digitsValue(word, lexicon, 2);
  if (digits !== undefined) return digits;
  const ordinal = ordinalValue(word, lexicon, [lang, 'it', 'en']);
  if (typeof ordinal === 'number') return ordinal;
  const cardinal = cardinalValue([word], lexicon, [lang, 'it', 'en']);
  return cardinal !== undefined && cardinal >= 1 && cardinal <= 31 ? cardinal : undefined;
}

type Parts = { day: number; month: number; year: number };

function numeric(text: string): Parts | DateProblem | undefined {
  const m = /(^|[^\d])(\d{1,4})\s*([/.-])\s*(\d{1,2})\s*\3\s*(\d{1,4})(?!\d)/.exec(text);
  if (!m) return undefined;
  const [a, b, c] = [m[2] as string, m[4] as string, m[5] as string];
  if (a.length === 4) return { year: Number(a), month: Number(b), day: Number(c) };
  if (a.length > 2) return 'unreadable';
  if (c.length === 4) return { day: Number(a), month: Number(b), year: Number(c) };
  // "12.03.50" could be 1950 or 2050: never guess a century.
  return c.length <= 2 ? 'ambiguous_year' : 'unreadable';
}

function worded(words: string[], lang: string, lexicon: Lexicon): Parts | DateProblem | undefined {
  const months = new Set<number>();
  const years: string[] = [];
  const small: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    // كانون الثاني is one month: الثاني alone would read as a day ("the second")
    const pair = lexicon.twoWordMonths.has(`${w} ${words[i + 1] ?? ''}`);
    const month = monthOf(pair ? `${w} ${words[i + 1] as string}` : w, lang, lexicon);
    if (pair) i++;
    if (month !== undefined) {
      months.add(month);
      continue;
    }
    if (/^\d{3,}$/.test(w)) years.push(w);
    else {
      const day = dayOf(w, lang, lexicon);
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
export function parseDateAnswer(text: string, lexicon: Lexicon, lang: string, today: string, bounds: DateBounds = {}): DateAnswer {
  const plain = westernDigits(text).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[°º]/g, ' ');
  const marks = [...lexicon.dateMarkers.month, ...lexicon.dateMarkers.other];
  const spaced = marks.length > 0 ? plain.replace(new RegExp(`(${marks.map(escapeRegExp).join('|')})`, 'gu'), ' $1 ') : plain;
  const words = markedMonths(fold(spaced), lexicon);
  const parts = numeric(plain) ?? worded(words, lang, lexicon) ?? (words.some((w) => /^\d{4}$/.test(w)) ? 'incomplete' : 'unreadable');
  if (typeof parts === 'string') return { ok: false, reason: parts };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1) return { ok: false, reason: 'impossible' };
  const day = DateTime.fromObject(parts, { zone: 'Europe/Rome' });
  if (!day.isValid) return { ok: false, reason: 'impossible' };
  const iso = day.toISODate();
  if (iso > today) return { ok: false, reason: 'future' };
  if (bounds.min && iso < bounds.min) return { ok: false, reason: 'too_early' };
  if (bounds.max && iso > bounds.max) return { ok: false, reason: 'too_late' };
  return { ok: true, date: iso };
}

export type IntegerAnswer = { ok: true; value: number } | { ok: false; reason: 'not_a_number' | 'too_small' | 'too_large' };

/** A whole number in digits or words ("9", "nove", "ha 9 anni"), checked against the criterion's bounds. */
export function parseIntegerAnswer(text: string, lexicon: Lexicon, bounds: { min?: number; max?: number } = {}): IntegerAnswer {
  const value = parseNumberAnswer(text, lexicon);
  if (value === undefined) return { ok: false, reason: 'not_a_number' };
  if (bounds.min !== undefined && value < bounds.min) return { ok: false, reason: 'too_small' };
  if (bounds.max !== undefined && value > bounds.max) return { ok: false, reason: 'too_large' };
  return { ok: true, value };
}

/** True when the whole message asks why a question is asked ("perché?", "why do you need this?"). */
export function isWhyQuestion(text: string, lexicon: Lexicon): boolean {
  return lexicon.why.has(fold(text).join(' '));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
