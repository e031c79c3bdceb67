import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ROME, isClosedDay, isPatronDay, isPublicHoliday, publicHolidays } from '../../src/calendar/holidays.js';

const rome = (iso: string) => DateTime.fromISO(iso, { zone: ROME });
const datesOf = (year: number) => publicHolidays(year).map((h) => h.date);

describe('publicHolidays', () => {
  it('lists the 2026 public holidays, Easter Monday and 4 October included', () => {
    expect(datesOf(2026)).toEqual(expect.arrayContaining(['2026-01-01', '2026-04-06', '2026-04-25', '2026-06-02', '2026-10-04', '2026-12-26']));
    expect(publicHolidays(2026).find((h) => h.date === '2026-04-06')?.name).toMatch(/angelo/i);
  });

  it('moves Easter Monday with Easter', () => {
    expect(datesOf(2027)).toContain('2027-03-29');
    expect(datesOf(2027)).not.toContain('2027-04-06');
  });

  it('leaves out observances such as Mother’s Day', () => {
    expect(datesOf(2026)).not.toContain('2026-05-10');
  });

  it('returns a copy, so callers cannot corrupt the cache', () => {
    publicHolidays(2026).pop();
    publicHolidays(2026)[0]!.date = '1999-01-01';
    expect(datesOf(2026)).toContain('2026-12-26');
    expect(isPublicHoliday(rome('2026-01-01'))).toBe(true);
  });
});

describe('isPublicHoliday', () => {
  it('judges the Rome calendar date, whatever the zone of the instant', () => {
    // 23:30 UTC on 5 April is already Easter Monday in Rome
    expect(isPublicHoliday(DateTime.fromISO('2026-04-05T23:30:00Z', { zone: 'utc' }))).toBe(true);
    expect(isPublicHoliday(DateTime.fromISO('2026-04-06T22:30:00Z', { zone: 'utc' }))).toBe(false);
    expect(isPublicHoliday(rome('2026-04-07T10:00'))).toBe(false);
  });

  it('throws on an invalid date rather than answering', () => {
    expect(() => isPublicHoliday(DateTime.invalid('test'))).toThrow(/invalid date/);
  });
});

describe('isPatronDay and isClosedDay', () => {
  const sanMartino = { date: '11-11' };
  const limena = { date: '03-07' };

  it('matches the patron day every year', () => {
    expect(isPatronDay(sanMartino, rome('2026-11-11T09:00'))).toBe(true);
    expect(isPatronDay(sanMartino, rome('2031-11-11'))).toBe(true);
    expect(isPatronDay(sanMartino, rome('2026-11-12'))).toBe(false);
  });

  it('closes on Sundays, public holidays and the given patron days only', () => {
    expect(isClosedDay(rome('2026-04-12'), [])).toBe(true); // Sunday
    expect(isClosedDay(rome('2026-04-06'), [])).toBe(true); // Easter Monday
    expect(isClosedDay(rome('2026-11-11'), [sanMartino])).toBe(true);
    expect(isClosedDay(rome('2026-11-11'), [limena])).toBe(false);
    expect(isClosedDay(rome('2026-04-11'), [sanMartino, limena])).toBe(false); // Saturday
  });
});
