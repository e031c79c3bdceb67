// A booking's price: the unit price times the slot's length in that unit.
import { describe, expect, it } from 'vitest';
import { bookingTotal, slotMinutes, unitsOf } from '../../src/welfare/booking-price.js';

const slot = (minutes: number) => ({
  start: '2026-03-03T17:00:00+01:00',
  end: new Date(Date.parse('2026-03-03T17:00:00+01:00') + minutes * 60_000).toISOString(),
});

describe('booking price', () => {
  it('multiplies a price per hour by the hours of the slot', () => {
    expect(slotMinutes(slot(180))).toBe(180);
    expect(bookingTotal({ amount: 12, unit: 'hour' }, slot(180))).toBe(36);
    expect(bookingTotal({ amount: 25, unit: 'hour' }, slot(90))).toBe(37.5);
    expect(bookingTotal({ amount: 12.35, unit: 'hour' }, slot(90))).toBe(18.53);
  });

  it('counts a session, a month or a course as one unit, however long the slot', () => {
    for (const unit of ['session', 'month', 'course'] as const) {
      expect(unitsOf({ unit }, slot(90))).toBe(1);
      expect(bookingTotal({ amount: 10, unit }, slot(90))).toBe(10);
    }
  });
});
