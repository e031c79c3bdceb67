// Italian public holidays, Sundays and patron days, judged by the Europe/Rome calendar date; knows nothing of services or slots.
import Holidays from 'date-holidays';
import type { DateTime } from 'luxon';

export const ROME = 'Europe/Rome';

export interface PublicHoliday {
  date: string; // YYYY-MM-DD
  name: string;
}

interface YearHolidays {
  list: readonly PublicHoliday[];
  dates: ReadonlySet<string>;
}

const italy = new Holidays('IT', { languages: 'it' });
const byYear = new Map<number, YearHolidays>();

function holidaysOf(year: number): YearHolidays {
  let cached = byYear.get(year);
  if (!cached) {
    const list = italy
      .getHolidays(year, 'it')
      .filter((h) => h.type === 'public')
      // `date` is the local Italian date ("2026-04-06 00:00:00"); `start` is a UTC instant.
      .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
    cached = { list, dates: new Set(list.map((h) => h.date)) };
    byYear.set(year, cached);
  }
  return cached;
}

function inRome(day: DateTime): DateTime {
  if (!day.isValid) throw new Error(`invalid date: ${day.invalidExplanation ?? day.invalidReason ?? 'unknown reason'}`);
  return day.setZone(ROME);
}

export function publicHolidays(year: number): PublicHoliday[] {
  return holidaysOf(year).list.map((h) => ({ ...h }));
}

export function isPublicHoliday(day: DateTime): boolean {
  const local = inRome(day);
  return holidaysOf(local.year).dates.has(local.toFormat('yyyy-MM-dd'));
}

export function isPatronDay(patronDay: { date: string }, day: DateTime): boolean {
  return inRome(day).toFormat('MM-dd') === patronDay.date;
}

function isSunday(day: DateTime): boolean {
  return inRome(day).weekday === 7;
}

export function isClosedDay(day: DateTime, patronDays: ReadonlyArray<{ date: string }>): boolean {
  return isSunday(day) || isPublicHoliday(day) || patronDays.some((p) => isPatronDay(p, day));
}
