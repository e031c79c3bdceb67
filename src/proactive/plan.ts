// When Sportello may write first, on Rome's wall clock: reminders, follow-ups, quiet hours (the weekly cap is the engine's). No I/O.
import { DateTime } from 'luxon';
import { ROME } from '../calendar/holidays.js';

/** Reminders go out at 18:00 the day before: late enough to be relevant, early enough to cancel. */
const REMINDER_HOUR = 18;
/** The follow-up asks "did it help?" two days after the service, mid-morning. */
const FOLLOW_UP_DAYS = 2;
const FOLLOW_UP_HOUR = 10;
/** No message from 20:30 to 8:30, except a reminder that could not wait (below). */
const QUIET = { from: { hour: 20, minute: 30 }, to: { hour: 8, minute: 30 } } as const;

const rome = (at: DateTime) => at.setZone(ROME);

/**
 * 18:00 on the day before the booking, in Rome, whatever the offsets (the day before a daylight-saving change is a
 * calendar day, not 24 hours); right away when the booking is made after that.
 */
export function reminderAt(slotStart: string | DateTime, bookedAt: DateTime): DateTime {
  const start = rome(typeof slotStart === 'string' ? DateTime.fromISO(slotStart, { setZone: true }) : slotStart);
  const at = start.startOf('day').minus({ days: 1 }).set({ hour: REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });
  return bookedAt >= at ? rome(bookedAt) : at;
}

export function followUpAt(slotStart: string | DateTime): DateTime {
  const start = rome(typeof slotStart === 'string' ? DateTime.fromISO(slotStart, { setZone: true }) : slotStart);
  return start.startOf('day').plus({ days: FOLLOW_UP_DAYS }).set({ hour: FOLLOW_UP_HOUR });
}

export function inQuietHours(at: DateTime): boolean {
  const local = rome(at);
  const minutes = local.hour * 60 + local.minute;
  return minutes >= QUIET.from.hour * 60 + QUIET.from.minute || minutes < QUIET.to.hour * 60 + QUIET.to.minute;
}

/** The end of the quiet hours `at` falls in (8:30 that morning, or the next one). */
function quietHoursEnd(at: DateTime): DateTime {
  const local = rome(at);
  const morning = local.set({ hour: QUIET.to.hour, minute: QUIET.to.minute, second: 0, millisecond: 0 });
  return local < morning ? morning : morning.plus({ days: 1 });
}

/**
 * When a message may go: `at` itself outside quiet hours; otherwise 8:30 — unless it is the reminder of a booking
 * that starts before then or soon after (an early-morning booking), which would be useless at 8:30.
 */
export function sendableAt(at: DateTime, job: { kind: string; slotStart?: string }): DateTime {
  if (!inQuietHours(at)) return at;
  const end = quietHoursEnd(at);
  if (job.kind === 'reminder' && job.slotStart && DateTime.fromISO(job.slotStart) <= end.plus({ hours: 2 })) return at;
  return end;
}
