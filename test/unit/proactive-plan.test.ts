// When Sportello writes first, on Rome's wall clock: across daylight-saving changes, late bookings and quiet hours.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { followUpAt, inQuietHours, reminderAt, sendableAt } from '../../src/proactive/plan.js';
import { withinWeeklyCap } from '../../src/conversation/pipeline/proactive.js';

const rome = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Rome' });
const local = (at: DateTime) => at.setZone('Europe/Rome').toFormat('yyyy-MM-dd HH:mm ZZ');

describe('reminders', () => {
  it('go at 18:00 Rome the day before', () => {
    expect(local(reminderAt('2026-03-03T10:00:00+01:00', rome('2026-02-20T09:00')))).toBe('2026-03-02 18:00 +01:00');
  });

  it('stay at 18:00 on the wall clock across the October daylight-saving change', () => {
    // Clocks go back on Sunday 25 October 2026: a Monday booking is reminded on Sunday at 18:00 winter time.
    const at = reminderAt('2026-10-26T09:00:00+01:00', rome('2026-10-20T12:00'));
    expect(local(at)).toBe('2026-10-25 18:00 +01:00');
    // And a Sunday booking on Saturday at 18:00 summer time.
    expect(local(reminderAt('2026-10-25T10:00:00+01:00', rome('2026-10-20T12:00')))).toBe('2026-10-24 18:00 +02:00');
  });

  it('go right away for a booking made after 18:00 the day before', () => {
    const booked = rome('2026-03-02T19:15');
    expect(reminderAt('2026-03-03T10:00:00+01:00', booked).toMillis()).toBe(booked.toMillis());
  });
});

describe('follow-ups', () => {
  it('come two days after the service at 10:00', () => {
    expect(local(followUpAt('2026-03-27T15:00:00+01:00'))).toBe('2026-03-29 10:00 +02:00'); // across the March change
  });
});

describe('quiet hours', () => {
  it('are 20:30 to 8:30 in Rome', () => {
    expect(inQuietHours(rome('2026-03-02T20:29'))).toBe(false);
    expect(inQuietHours(rome('2026-03-02T20:30'))).toBe(true);
    expect(inQuietHours(rome('2026-03-03T08:29'))).toBe(true);
    expect(inQuietHours(rome('2026-03-03T08:30'))).toBe(false);
  });

  it('defer a status message to 8:30, the same morning or the next', () => {
    expect(local(sendableAt(rome('2026-03-02T23:10'), { kind: 'voucher_status' }))).toBe('2026-03-03 08:30 +01:00');
    expect(local(sendableAt(rome('2026-03-03T06:00'), { kind: 'voucher_status' }))).toBe('2026-03-03 08:30 +01:00');
    expect(local(sendableAt(rome('2026-03-03T12:00'), { kind: 'voucher_status' }))).toBe('2026-03-03 12:00 +01:00');
  });

  it('let through the reminder of an early-morning booking, and defer one for later in the day', () => {
    const late = rome('2026-03-02T22:00');
    expect(sendableAt(late, { kind: 'reminder', slotStart: '2026-03-03T09:00:00+01:00' }).toMillis()).toBe(late.toMillis());
    expect(local(sendableAt(late, { kind: 'reminder', slotStart: '2026-03-03T15:00:00+01:00' }))).toBe('2026-03-03 08:30 +01:00');
  });
});

describe('weekly cap', () => {
  it('counts the messages of the last seven days', () => {
    const now = rome('2026-03-10T12:00');
    expect(withinWeeklyCap(['2026-03-02T12:00:00Z', '2026-03-09T12:00:00Z'], now, 2)).toBe(true);
    expect(withinWeeklyCap(['2026-03-05T12:00:00Z', '2026-03-09T12:00:00Z'], now, 2)).toBe(false);
  });
});
