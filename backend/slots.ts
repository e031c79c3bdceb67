// Bookable slots of a service from its weekly schedule, minus Sundays, public holidays and patron days; pure, `now` passed in.
import { DateTime } from 'luxon';
import type { Municipality, Slot } from '../src/welfare/contract.js';
import { ROME, isClosedDay } from '../src/calendar/holidays.js';
import type { ScheduleEntry, ServiceDef } from './catalogue-schema.js';

export type GeneratedSlot = Omit<Slot, 'available'>;
export type PatronDays = ReadonlyMap<string, Pick<Municipality, 'patronDay'>>;
export interface SlotRange {
  from: string; // YYYY-MM-DD, Europe/Rome
  to: string; // inclusive
}
export type SlotRangeCheck = ({ ok: true } & SlotRange) | { ok: false; reason: string };

const DEFAULT_SLOT_RANGE_DAYS = 14;
// Measured as to − from, like the default: 2026-04-01..2026-06-02 is allowed, one more day is not.
export const MAX_SLOT_RANGE_DAYS = 62;

const ID_TIME = "yyyyMMdd'T'HHmm";
const LOCAL_START = "yyyy-MM-dd'T'HH:mm";
const SLUG = '[a-z0-9]+(?:[-_][a-z0-9]+)*';
const SLOT_ID = new RegExp(`^(${SLUG})\\.(${SLUG})\\.(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})$`);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function slotId(serviceId: string, municipality: string, start: DateTime): string {
  if (!start.isValid) throw new Error(`slotId: invalid start for ${serviceId}.${municipality}`);
  return `${serviceId}.${municipality}.${start.setZone(ROME).toFormat(ID_TIME)}`;
}

export function parseSlotId(id: string): { serviceId: string; municipality: string; localStart: string } | undefined {
  const m = SLOT_ID.exec(id);
  if (!m) return undefined;
  const [, serviceId = '', municipality = '', y = '', mo = '', d = '', h = '', mi = ''] = m;
  // calendar check in UTC: whether the local time exists in Rome (DST gap) is findSlot's business
  const wall = DateTime.fromObject({ year: +y, month: +mo, day: +d, hour: +h, minute: +mi }, { zone: 'utc' });
  if (!wall.isValid) return undefined;
  return { serviceId, municipality, localStart: `${y}-${mo}-${d}T${h}:${mi}` };
}

function romeDay(isoDate: string): DateTime | undefined {
  if (!ISO_DATE.test(isoDate)) return undefined;
  const day = DateTime.fromISO(isoDate, { zone: ROME });
  return day.isValid ? day : undefined;
}

function patronDayOf(service: ServiceDef, municipalities: PatronDays, entry: ScheduleEntry) {
  const m = municipalities.get(entry.municipality);
  // a catalogue that passed cross-checks never gets here: fail loudly rather than open slots on a patron day
  if (!m) throw new Error(`service ${service.id}: schedule names unknown municipality "${entry.municipality}"`);
  return m.patronDay;
}

function startOn(day: DateTime, entry: ScheduleEntry): DateTime {
  const [hour = 0, minute = 0] = entry.time.split(':').map(Number);
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: ROME });
}

function toSlot(service: ServiceDef, entry: ScheduleEntry, start: DateTime): GeneratedSlot {
  return {
    id: slotId(service.id, entry.municipality, start),
    serviceId: service.id,
    start: start.toISO({ suppressMilliseconds: true })!,
    end: start.plus({ minutes: entry.minutes }).toISO({ suppressMilliseconds: true })!,
    municipality: entry.municipality,
    delivery: entry.delivery,
    capacity: entry.capacity,
  };
}

// not localeCompare: ICU may ignore the hyphens in slugs
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Italy changes clock at 02:00/03:00 on Sundays, which never have slots, so a schedule time is never skipped or doubled.
export function generateSlots(service: ServiceDef, municipalitiesById: PatronDays, range: SlotRange, now: DateTime): GeneratedSlot[] {
  const from = romeDay(range.from);
  const to = romeDay(range.to);
  if (!from || !to) throw new Error(`generateSlots: invalid range ${range.from}..${range.to}`);
  const today = now.setZone(ROME).startOf('day');
  const found: Array<{ at: number; slot: GeneratedSlot }> = [];
  const seen = new Set<string>();
  for (let day = from < today ? today : from; day <= to; day = day.plus({ days: 1 })) {
    for (const entry of service.schedule) {
      if (!entry.weekdays.includes(day.weekday)) continue;
      if (isClosedDay(day, [patronDayOf(service, municipalitiesById, entry)])) continue;
      const start = startOn(day, entry);
      if (start <= now) continue;
      const slot = toSlot(service, entry, start);
      // same municipality and time twice would share an id; the first entry wins, as in findSlot
      if (seen.has(slot.id)) continue;
      seen.add(slot.id);
      found.push({ at: start.toMillis(), slot });
    }
  }
  return found.sort((a, b) => a.at - b.at || byCodePoint(a.slot.municipality, b.slot.municipality)).map((f) => f.slot);
}

export function findSlot(service: ServiceDef, municipalitiesById: PatronDays, id: string, now: DateTime): GeneratedSlot | undefined {
  const parsed = parseSlotId(id);
  if (!parsed || parsed.serviceId !== service.id) return undefined;
  const start = DateTime.fromFormat(parsed.localStart, LOCAL_START, { zone: ROME });
  // a local time that does not exist in Rome (DST gap) would be shifted by luxon: reject it instead
  if (!start.isValid || start.toFormat(LOCAL_START) !== parsed.localStart) return undefined;
  const time = start.toFormat('HH:mm');
  const entry = service.schedule.find((e) => e.municipality === parsed.municipality && e.time === time && e.weekdays.includes(start.weekday));
  if (!entry || start <= now) return undefined;
  if (isClosedDay(start, [patronDayOf(service, municipalitiesById, entry)])) return undefined;
  return toSlot(service, entry, start);
}

export function defaultSlotRange(now: DateTime): SlotRange {
  const today = now.setZone(ROME).startOf('day');
  return { from: today.toISODate()!, to: today.plus({ days: DEFAULT_SLOT_RANGE_DAYS }).toISODate()! };
}

export function validateSlotRange(from: string | undefined, to: string | undefined, now: DateTime): SlotRangeCheck {
  if (from === undefined && to === undefined) return { ok: true, ...defaultSlotRange(now) };
  const fromDay = from === undefined ? now.setZone(ROME).startOf('day') : romeDay(from);
  if (!fromDay) return { ok: false, reason: `from must be a calendar date YYYY-MM-DD, got "${from!}"` }; // only a given date can fail
  const toDay = to === undefined ? fromDay.plus({ days: DEFAULT_SLOT_RANGE_DAYS }) : romeDay(to);
  if (!toDay) return { ok: false, reason: `to must be a calendar date YYYY-MM-DD, got "${to!}"` };
  const fromIso = fromDay.toISODate()!;
  const toIso = toDay.toISODate()!;
  if (fromDay > toDay) return { ok: false, reason: `from (${fromIso}) is after to (${toIso})` };
  const days = toDay.diff(fromDay, 'days').days;
  if (days > MAX_SLOT_RANGE_DAYS) {
    return { ok: false, reason: `range ${fromIso}..${toIso} spans ${days} days, more than ${MAX_SLOT_RANGE_DAYS}` };
  }
  return { ok: true, from: fromIso, to: toIso };
}

export function scheduleClashes(schedule: readonly ScheduleEntry[]): string[] {
  const clashes: string[] = [];
  schedule.forEach((a, i) =>
    schedule.slice(0, i).forEach((b, j) => {
      const days = a.weekdays.filter((d) => b.weekdays.includes(d));
      if (a.municipality === b.municipality && a.time === b.time && days.length > 0) {
        clashes.push(`schedule[${i}] repeats ${a.municipality} at ${a.time} on weekday ${days.join(', ')} of schedule[${j}]`);
      }
    }),
  );
  return clashes;
}
