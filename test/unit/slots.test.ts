import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { ServiceDef, type ScheduleEntry } from '../../backend/catalogue-schema.js';
import {
  MAX_SLOT_RANGE_DAYS,
  defaultSlotRange,
  findSlot,
  generateSlots,
  parseSlotId,
  scheduleClashes,
  slotId,
  validateSlotRange,
} from '../../backend/slots.js';
import { ROME } from '../../src/calendar/holidays.js';
import type { Municipality } from '../../src/welfare/contract.js';

const rome = (iso: string) => DateTime.fromISO(iso, { zone: ROME });
const NOW = rome('2026-04-01T08:00');
const WORKDAYS = [1, 2, 3, 4, 5, 6];

const municipalities = new Map<string, Municipality>(
  [
    { id: 'campo-san-martino', name: 'Campo San Martino', province: 'PD', patronDay: { date: '11-11', saint: { it: 'San Martino' } } },
    { id: 'limena', name: 'Limena', province: 'PD', patronDay: { date: '03-07', saint: { it: 'San Felice' } } },
  ].map((m) => [m.id, m]),
);

function service(schedule: ScheduleEntry[]): ServiceDef {
  return ServiceDef.parse({
    id: 'doposcuola-online',
    name: { it: 'Doposcuola online' },
    summary: { it: 'Aiuto compiti' },
    description: { it: 'Aiuto compiti con un educatore' },
    category: 'scuola',
    audience: ['children'],
    lifeEvents: ['school_life'],
    provider: 'coop-esempio',
    municipalities: ['campo-san-martino', 'limena'],
    delivery: ['online', 'in_person'],
    price: { full: 5, reduced: 0, unit: 'session' },
    access: 'booking',
    requirements: [],
    contactPoint: { name: 'Sportello' },
    eligibility: [],
    schedule,
  });
}

const entry = (over: Partial<ScheduleEntry> = {}): ScheduleEntry => ({
  weekdays: WORKDAYS,
  time: '15:00',
  minutes: 60,
  capacity: 8,
  municipality: 'limena',
  delivery: 'online',
  ...over,
});

const doposcuola = service([entry(), entry({ municipality: 'campo-san-martino', delivery: 'in_person' })]);
const slotDates = (slots: { start: string }[]) => [...new Set(slots.map((s) => s.start.slice(0, 10)))];
const generate = (from: string, to: string, now = NOW, def = doposcuola) => generateSlots(def, municipalities, { from, to }, now);

describe('generateSlots', () => {
  it('skips Sundays, Easter Monday and 25 April, keeping their neighbours', () => {
    const dates = slotDates(generate('2026-04-04', '2026-04-27'));
    expect(dates).not.toContain('2026-04-05'); // Easter Sunday
    expect(dates).not.toContain('2026-04-06'); // Easter Monday
    expect(dates).not.toContain('2026-04-12'); // Sunday
    expect(dates).not.toContain('2026-04-25'); // Liberation Day, a Saturday
    expect(dates).toEqual(expect.arrayContaining(['2026-04-04', '2026-04-07', '2026-04-11', '2026-04-13', '2026-04-24', '2026-04-27']));
  });

  it("closes campo-san-martino on San Martino, not limena's slots", () => {
    const slots = generate('2026-11-10', '2026-11-12');
    const where = (date: string) => slots.filter((s) => s.start.startsWith(date)).map((s) => s.municipality);
    expect(where('2026-11-10')).toEqual(['campo-san-martino', 'limena']);
    expect(where('2026-11-11')).toEqual(['limena']);
    expect(where('2026-11-12')).toEqual(['campo-san-martino', 'limena']);
  });

  it('builds complete slots with the Rome offset: +02:00 in April, +01:00 in November', () => {
    expect(generate('2026-04-07', '2026-04-07')).toEqual([
      {
        id: 'doposcuola-online.campo-san-martino.20260407T1500',
        serviceId: 'doposcuola-online',
        start: '2026-04-07T15:00:00+02:00',
        end: '2026-04-07T16:00:00+02:00',
        municipality: 'campo-san-martino',
        delivery: 'in_person',
        capacity: 8,
      },
      expect.objectContaining({ id: 'doposcuola-online.limena.20260407T1500', start: '2026-04-07T15:00:00+02:00' }),
    ]);
    expect(generate('2026-11-10', '2026-11-10').map((s) => s.end)).toEqual(['2026-11-10T16:00:00+01:00', '2026-11-10T16:00:00+01:00']);
  });

  it('keeps 09:00 local on both sides of a clock change', () => {
    const morning = service([entry({ time: '09:00' })]);
    expect(generate('2026-10-24', '2026-10-26', NOW, morning).map((s) => s.start)).toEqual([
      '2026-10-24T09:00:00+02:00',
      '2026-10-26T09:00:00+01:00',
    ]);
    expect(generate('2026-03-28', '2026-03-30', rome('2026-03-01'), morning).map((s) => s.start)).toEqual([
      '2026-03-28T09:00:00+01:00',
      '2026-03-30T09:00:00+02:00',
    ]);
  });

  it('leaves out slots that start at or before now', () => {
    const now = rome('2026-04-08T15:00');
    const slots = generate('2026-04-01', '2026-04-09', now, service([entry(), entry({ time: '16:00' })]));
    expect(slots.map((s) => s.id)).toEqual([
      'doposcuola-online.limena.20260408T1600',
      'doposcuola-online.limena.20260409T1500',
      'doposcuola-online.limena.20260409T1600',
    ]);
  });

  it('sorts by start, then municipality, and honours each entry’s weekdays', () => {
    const def = service([
      entry({ time: '17:00', weekdays: [2] }),
      entry({ time: '10:00', weekdays: [2, 4], municipality: 'campo-san-martino' }),
      entry({ time: '10:00', weekdays: [4] }),
    ]);
    expect(generate('2026-04-13', '2026-04-16', NOW, def).map((s) => s.id.split('.').slice(1).join('.'))).toEqual([
      'campo-san-martino.20260414T1000',
      'limena.20260414T1700',
      'campo-san-martino.20260416T1000',
      'limena.20260416T1000',
    ]);
  });

  it('fails loudly on a municipality missing from the catalogue', () => {
    const def = service([entry({ municipality: 'nowhere' })]);
    expect(() => generate('2026-04-07', '2026-04-07', NOW, def)).toThrow(/unknown municipality "nowhere"/);
  });
});

describe('slotId and parseSlotId', () => {
  it('round-trip through Rome local time', () => {
    const start = DateTime.fromISO('2026-04-06T13:00:00Z'); // 15:00 in Rome
    const id = slotId('doposcuola-online', 'limena', start);
    expect(id).toBe('doposcuola-online.limena.20260406T1500');
    expect(parseSlotId(id)).toEqual({
      serviceId: 'doposcuola-online',
      municipality: 'limena',
      localStart: '2026-04-06T15:00',
    });
  });

  it.each([
    ['', 'empty'],
    ['doposcuola-online.limena', 'no time'],
    ['doposcuola-online.limena.20260406T15:00', 'colon in time'],
    ['doposcuola-online.limena.20260406T1500.x', 'extra part'],
    ['Doposcuola.limena.20260406T1500', 'not a slug'],
    ['doposcuola-online.limena.20260230T1500', '30 February'],
    ['doposcuola-online.limena.20260406T2460', 'no such time'],
  ])('rejects %j (%s)', (id) => {
    expect(parseSlotId(id)).toBeUndefined();
  });
});

describe('findSlot', () => {
  const find = (id: string, now = NOW) => findSlot(doposcuola, municipalities, id, now);

  it('finds the same slot that generateSlots lists', () => {
    const listed = generate('2026-04-07', '2026-04-07');
    for (const slot of listed) expect(find(slot.id)).toEqual(slot);
  });

  it.each([
    ['doposcuola-online.limena.20260412T1500', 'a Sunday'],
    ['doposcuola-online.limena.20260406T1500', 'Easter Monday'],
    ['doposcuola-online.campo-san-martino.20261111T1500', 'the patron day'],
    ['doposcuola-online.limena.20260407T1600', 'a time not in the schedule'],
    ['doposcuola-online.padova.20260407T1500', 'a municipality not in the schedule'],
    ['altro-servizio.limena.20260407T1500', 'another service'],
    ['doposcuola-online.limena.2026-04-07T1500', 'a malformed id'],
    ['doposcuola-online.limena.20260331T1500', 'a past slot'],
    ['doposcuola-online.limena.20260401T0800', 'a time equal to now'],
  ])('rejects %s (%s)', (id) => {
    expect(find(id)).toBeUndefined();
  });

  it("accepts limena on campo-san-martino's patron day", () => {
    expect(find('doposcuola-online.limena.20261111T1500')?.start).toBe('2026-11-11T15:00:00+01:00');
  });

  it('rejects a local time that does not exist in Rome', () => {
    // 02:30 on 29 March 2026 does not exist in Rome; clocks change on Sundays, so it is closed as well
    const night = service([entry({ time: '02:30', weekdays: WORKDAYS })]);
    expect(findSlot(night, municipalities, 'doposcuola-online.limena.20260329T0230', rome('2026-03-01'))).toBeUndefined();
  });
});

describe('slot ranges', () => {
  it('defaults to today … today + 14 in Rome', () => {
    // 23:30 UTC on 31 March is already 1 April in Rome
    expect(defaultSlotRange(DateTime.fromISO('2026-03-31T23:30:00Z', { zone: 'utc' }))).toEqual({
      from: '2026-04-01',
      to: '2026-04-15',
    });
  });

  it('fills the missing side', () => {
    expect(validateSlotRange(undefined, undefined, NOW)).toEqual({ ok: true, from: '2026-04-01', to: '2026-04-15' });
    expect(validateSlotRange('2026-05-10', undefined, NOW)).toEqual({ ok: true, from: '2026-05-10', to: '2026-05-24' });
    expect(validateSlotRange(undefined, '2026-04-20', NOW)).toEqual({ ok: true, from: '2026-04-01', to: '2026-04-20' });
  });

  it(`allows up to ${MAX_SLOT_RANGE_DAYS} days across a clock change, not one more`, () => {
    expect(validateSlotRange('2026-03-01', '2026-05-02', NOW)).toEqual({ ok: true, from: '2026-03-01', to: '2026-05-02' });
    expect(validateSlotRange('2026-03-01', '2026-05-03', NOW)).toEqual({ ok: false, reason: expect.stringMatching(/63 days/) });
  });

  it('rejects from after to, and dates that are not dates', () => {
    expect(validateSlotRange('2026-04-10', '2026-04-09', NOW)).toEqual({ ok: false, reason: expect.stringMatching(/after/) });
    expect(validateSlotRange(undefined, '2026-03-20', NOW)).toMatchObject({ ok: false });
    expect(validateSlotRange('2026-02-30', undefined, NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/from/) });
    expect(validateSlotRange('2026-04-01', '1 maggio', NOW)).toMatchObject({ ok: false, reason: expect.stringMatching(/to/) });
  });

  it('accepts a single day', () => {
    expect(validateSlotRange('2026-04-07', '2026-04-07', NOW)).toMatchObject({ ok: true });
  });
});

describe('scheduleClashes', () => {
  it('names entries that would share slot ids', () => {
    expect(scheduleClashes([entry({ weekdays: [1, 3] }), entry({ weekdays: [3, 5], delivery: 'in_person' })])).toEqual([
      'schedule[1] repeats limena at 15:00 on weekday 3 of schedule[0]',
    ]);
    expect(scheduleClashes(doposcuola.schedule)).toEqual([]);
  });
});
