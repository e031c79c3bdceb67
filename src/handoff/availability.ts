// Which team would answer a resident and whether it is in now: office hours plus the municipalities' patron days.
import type { DateTime } from 'luxon';
import type { Availability, StaffAvailability } from '../conversation/context.js';
import { codeOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { WelfarePort } from '../welfare/port.js';
import { isOpen, nextOpening, openingMessage, teamFor, type OfficeHours, type PatronDays, type Team } from './office-hours.js';

/** Patron days change once a year at most: asked again after this, or after a failure. */
const PATRON_DAYS_TTL_MS = 6 * 60 * 60 * 1000;

export function createStaffAvailability(options: {
  hours: OfficeHours;
  welfare: Pick<WelfarePort, 'listMunicipalities'>;
  log: Logger;
}): StaffAvailability {
  const { hours, welfare, log } = options;
  let cached: { days: PatronDays; until: number } | undefined;

  async function patronDays(): Promise<PatronDays | undefined> {
    if (cached && cached.until > Date.now()) return cached.days;
    try {
      const days = await welfare.listMunicipalities();
      cached = { days, until: Date.now() + PATRON_DAYS_TTL_MS };
      return days;
    } catch (err) {
      log.warn({ code: codeOf(err) }, 'patron days unavailable; office hours checked without them');
      return cached?.days;
    }
  }

  /** Without the patron days (backend down) the team's weekly hours and the public holidays still decide. */
  async function calendarOf(found: Team): Promise<{ team: Team; known: PatronDays }> {
    const days = await patronDays();
    return days ? { team: found, known: days } : { team: { ...found, municipality: undefined }, known: [] };
  }

  return {
    describeOpening: openingMessage,
    async teamOpen(id, at) {
      const found = hours.teams.get(id);
      if (!found) return false;
      const { team, known } = await calendarOf(found);
      return isOpen(team, at, known);
    },
    async check(about, at: DateTime): Promise<Availability> {
      // A resident who needs a person must not be turned away because the backend is down.
      const { team, known } = await calendarOf(teamFor(hours, about));
      if (isOpen(team, at, known)) return { team: team.id, open: true, usualWaitMinutes: team.usual_wait_minutes };
      const opening = nextOpening(team, at, known);
      return { team: team.id, open: false, ...(opening ? { nextOpening: opening } : {}) };
    },
  };
}
