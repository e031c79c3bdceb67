// A contact point (phone, e-mail, hours) as lines for a resident, its hours worded by Intl from the backend's data;
// no locale string holds a day or an hour. Does no I/O.
import type { ContactPoint, OpeningHours } from '../welfare/contract.js';
import { localized } from './steps/common.js';

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
// 1 January 2024 was a Monday: day i of the week is 1 + i January, read in UTC so no zone shifts it.
const dayAt = (i: number, minutes = 0) => new Date(Date.UTC(2024, 0, 1 + i, Math.floor(minutes / 60), minutes % 60));

function minutesOf(hhmm: string): number {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

/** "lunedì–venerdì 09:00–12:30; giovedì anche…": days sharing the same hours are one group, in week order. */
function openingHoursText(hours: OpeningHours, intlLocale: string): string {
  const weekday = new Intl.DateTimeFormat(intlLocale, { weekday: 'long', timeZone: 'UTC' });
  const clock = new Intl.DateTimeFormat(intlLocale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
  const and = new Intl.ListFormat(intlLocale, { style: 'long', type: 'conjunction' });
  const groups: { days: number[]; ranges: string[] }[] = [];
  DAYS.forEach((day, i) => {
    const ranges = hours[day] ?? [];
    if (ranges.length === 0) return;
    const same = groups.find((g) => g.ranges.join() === ranges.join());
    if (same) same.days.push(i);
    else groups.push({ days: [i], ranges: [...ranges] });
  });
  return groups
    .map(({ days, ranges }) => {
      // Three or more days in a row read better as a span ("lunedì–venerdì") than as a list.
      const runs: number[][] = [];
      for (const d of days) {
        const run = runs.at(-1);
        if (run && run.at(-1) === d - 1) run.push(d);
        else runs.push([d]);
      }
      const dayParts = runs.flatMap((run) =>
        run.length >= 3 ? [`${weekday.format(dayAt(run[0]!))}–${weekday.format(dayAt(run.at(-1)!))}`] : run.map((d) => weekday.format(dayAt(d))),
      );
      const times = ranges.map((r) => {
        const [from = '', to = ''] = r.split('-');
        return clock.formatRange(dayAt(0, minutesOf(from)), dayAt(0, minutesOf(to)));
      });
      return `${and.format(dayParts)} ${and.format(times)}`;
    })
    .join('; ');
}

type T = (key: string, params?: Record<string, string>) => string;

/** A contact's hours in the resident's language: the structured hours win over a backend's prose, if any. */
export function contactHours(contact: ContactPoint, lang: string, intlLocale: string): string | undefined {
  if (contact.openingHours) return openingHoursText(contact.openingHours, intlLocale);
  return contact.hours ? localized(contact.hours, lang) : undefined;
}

/** The contact's name, then one line each for phone, e-mail and hours. */
export function contactLines(contact: ContactPoint, lang: string, intlLocale: string, t: T): string {
  const hours = contactHours(contact, lang, intlLocale);
  return [
    contact.name,
    contact.phone ? t('handoff.contact.phone', { phone: contact.phone }) : undefined,
    contact.email ? t('handoff.contact.email', { email: contact.email }) : undefined,
    hours ? t('handoff.contact.hours', { hours }) : undefined,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
}
