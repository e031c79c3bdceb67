import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { ROME } from '../../src/calendar/holidays.js';
import {
  OfficeHoursError,
  isOpen,
  loadOfficeHours,
  nextOpening,
  openingMessage,
  teamFor,
  unknownMunicipalities,
  type PatronDays,
} from '../../src/handoff/office-hours.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { lexicon } from '../support/lexicon.js';

const rome = (iso: string) => DateTime.fromISO(iso, { zone: ROME });
const hours = loadOfficeHours();
const team = (id: string) => {
  const found = hours.teams.get(id);
  if (!found) throw new Error(`no team ${id} in config/office-hours.yaml`);
  return found;
};
const social = team('servizi-sociali');
const coop = team('cooperativa-jonathan');
const campoSanMartino = team('sportello-campo-san-martino');
const patronDays: PatronDays = [
  { id: 'campo-san-martino', patronDay: { date: '11-11' } },
  { id: 'limena', patronDay: { date: '03-07' } },
];
const openAt = (t: typeof social, iso: string) => isOpen(t, rome(iso), patronDays);
const next = (t: typeof social, iso: string) => nextOpening(t, rome(iso), patronDays)?.toISO();

const scratch = mkdtempSync(join(tmpdir(), 'office-hours-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
function configFile(name: string, yaml: string): string {
  const file = join(scratch, name);
  writeFileSync(file, yaml);
  return file;
}

describe('isOpen', () => {
  it('opens at 9:00 and closes at 13:00 sharp', () => {
    // Monday 13 April 2026
    expect(openAt(social, '2026-04-13T08:59')).toBe(false);
    expect(openAt(social, '2026-04-13T09:00')).toBe(true);
    expect(openAt(social, '2026-04-13T12:59')).toBe(true);
    expect(openAt(social, '2026-04-13T13:00')).toBe(false);
  });

  it('opens again on Tuesday and Thursday afternoons only', () => {
    expect(openAt(social, '2026-04-14T14:59')).toBe(false);
    expect(openAt(social, '2026-04-14T15:00')).toBe(true);
    expect(openAt(social, '2026-04-14T17:29')).toBe(true);
    expect(openAt(social, '2026-04-14T17:30')).toBe(false);
    expect(openAt(social, '2026-04-16T16:00')).toBe(true);
    expect(openAt(social, '2026-04-15T16:00')).toBe(false);
    expect(openAt(coop, '2026-04-15T16:00')).toBe(true);
  });

  it('judges the hour in Rome, whatever the zone of the instant', () => {
    expect(isOpen(social, DateTime.fromISO('2026-04-13T07:00:00Z', { zone: 'utc' }), patronDays)).toBe(true); // 9:00 in Rome
    expect(isOpen(social, DateTime.fromISO('2026-04-13T06:59:00Z', { zone: 'utc' }), patronDays)).toBe(false);
  });

  it('is closed on Saturday and Sunday', () => {
    expect(openAt(social, '2026-04-11T10:00')).toBe(false);
    expect(openAt(coop, '2026-04-11T10:00')).toBe(false);
    expect(openAt(coop, '2026-04-12T10:00')).toBe(false);
  });

  it('is closed on public holidays: Easter Monday, 25 April, 1 May', () => {
    expect(openAt(coop, '2026-04-06T10:00')).toBe(false);
    expect(openAt(coop, '2026-04-07T10:00')).toBe(true);
    expect(openAt(coop, '2025-04-25T10:00')).toBe(false); // a Friday
    expect(openAt(coop, '2026-05-01T10:00')).toBe(false); // a Friday
  });

  it('closes a team on the patron day of its municipality, not the other teams', () => {
    // Wednesday 11 November 2026, San Martino
    expect(openAt(campoSanMartino, '2026-11-11T10:00')).toBe(false);
    expect(openAt(social, '2026-11-11T10:00')).toBe(true);
    expect(openAt(campoSanMartino, '2026-11-18T10:00')).toBe(true);
  });

  it('refuses to guess when the patron day of the team’s municipality is not given', () => {
    expect(() => isOpen(campoSanMartino, rome('2026-11-11T10:00'), [])).toThrow(/campo-san-martino.*patron day/);
  });

  it('keeps the team’s closures: yearly and one-off', () => {
    expect(openAt(social, '2026-12-24T10:00')).toBe(false); // a Thursday, "12-24" every year
    expect(openAt(social, '2027-12-31T10:00')).toBe(false);
    const file = configFile(
      'once.yaml',
      'teams:\n  ufficio:\n    weekly: { monday: ["09:00-13:00"] }\n    closures: ["2026-04-13"]\nrouting: { default: ufficio }\n',
    );
    const ufficio = teamFor(loadOfficeHours(file), {});
    expect(isOpen(ufficio, rome('2026-04-13T10:00'), [])).toBe(false);
    expect(isOpen(ufficio, rome('2026-04-20T10:00'), [])).toBe(true);
  });

  it('opens on Sunday when a team lists it, but not on a public holiday', () => {
    const file = configFile('sunday.yaml', 'teams:\n  festivi:\n    weekly: { sunday: ["10:00-12:00"] }\nrouting: { default: festivi }\n');
    const festivi = teamFor(loadOfficeHours(file), {});
    expect(isOpen(festivi, rome('2026-04-12T10:30'), [])).toBe(true);
    expect(isOpen(festivi, rome('2026-04-05T10:30'), [])).toBe(false); // Easter Sunday is a public holiday
  });
});

describe('nextOpening', () => {
  it('is the moment asked for when the office is open', () => {
    expect(next(social, '2026-04-13T10:15')).toBe('2026-04-13T10:15:00.000+02:00');
  });

  it('finds the afternoon opening on the same day', () => {
    expect(next(social, '2026-04-14T13:00')).toBe('2026-04-14T15:00:00.000+02:00');
  });

  it('goes from Friday evening to Monday at 9:00', () => {
    expect(next(social, '2026-04-17T18:00')).toBe('2026-04-20T09:00:00.000+02:00');
  });

  it('skips Easter Monday', () => {
    expect(next(coop, '2026-04-03T18:30')).toBe('2026-04-07T09:00:00.000+02:00');
    expect(next(coop, '2026-04-06T08:00')).toBe('2026-04-07T09:00:00.000+02:00');
  });

  it('keeps 9:00 on the wall clock across the October DST change', () => {
    // clocks go back on Sunday 25 October 2026
    expect(next(social, '2026-10-24T20:00')).toBe('2026-10-26T09:00:00.000+01:00');
    expect(next(social, '2026-03-28T20:00')).toBe('2026-03-30T09:00:00.000+02:00');
  });

  it('skips the patron day of the team’s municipality', () => {
    expect(next(campoSanMartino, '2026-11-11T10:00')).toBe('2026-11-13T09:00:00.000+01:00');
    expect(next(social, '2026-11-11T10:00')).toBe('2026-11-11T10:00:00.000+01:00');
  });

  it('gives up after the horizon', () => {
    expect(nextOpening(social, rome('2026-12-23T14:00'), patronDays, { horizonDays: 0 })).toBeUndefined();
    expect(nextOpening(social, rome('2026-12-23T14:00'), patronDays)?.toISO()).toBe('2026-12-28T09:00:00.000+01:00');
  });
});

describe('the opening, in words', () => {
  const translator = createTranslator(loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }), { lexicon });
  const say = (opening: string, at: string, lang: string) => {
    const { key, params } = openingMessage(rome(opening), rome(at));
    return translator.t(lang, key, params);
  };
  const cases: [string, string, string, string][] = [
    ['2026-04-14T15:00', '2026-04-14T13:30', 'oggi alle 15:00', 'today at 15:00'],
    ['2026-04-14T09:00', '2026-04-13T18:00', 'domani alle 9:00', 'tomorrow at 9:00'],
    ['2026-04-20T09:00', '2026-04-17T18:00', 'lunedì alle 9:00', 'on Monday at 9:00'],
    ['2026-04-20T09:00', '2026-04-14T18:00', 'lunedì alle 9:00', 'on Monday at 9:00'], // 6 days away
    ['2026-04-07T09:00', '2026-03-31T08:00', 'martedì 7 aprile alle 9:00', 'on Tuesday 7 April at 9:00'], // 7 days away
    ['2026-10-26T09:00', '2026-10-24T20:00', 'lunedì alle 9:00', 'on Monday at 9:00'], // across the DST change
  ];
  it.each(cases)('opening %s seen at %s: "%s" / "%s"', (opening, at, it, en) => {
    expect(say(opening, at, 'it')).toBe(it);
    expect(say(opening, at, 'en')).toBe(en);
  });

  it('counts days on Rome’s calendar, not in 24-hour steps', () => {
    // 23:30 UTC on Monday is already Tuesday in Rome
    const at = DateTime.fromISO('2026-04-13T22:30:00Z', { zone: 'utc' });
    expect(openingMessage(rome('2026-04-14T09:00'), at)).toMatchObject({ key: 'office.opens_today' });
  });
});

describe('teamFor', () => {
  it('routes by category first, then municipality, then the default', () => {
    expect(teamFor(hours, { category: 'supporto-scolastico' }).id).toBe('cooperativa-jonathan');
    expect(teamFor(hours, { municipality: 'campo-san-martino' }).id).toBe('sportello-campo-san-martino');
    expect(teamFor(hours, { category: 'supporto-scolastico', municipality: 'campo-san-martino' }).id).toBe('cooperativa-jonathan');
    expect(teamFor(hours, { category: 'anziani', municipality: 'limena' }).id).toBe('servizi-sociali');
    expect(teamFor(hours, {}).id).toBe('servizi-sociali');
  });
});

describe('loadOfficeHours', () => {
  it('names the file and the dotted path of every problem at once', () => {
    const file = configFile(
      'broken.yaml',
      [
        'teams:',
        '  servizi-sociali:',
        '    weekly:',
        '      monday: ["9-13"]',
        '      tuesday: ["13:00-09:00"]',
        '      lunedi: ["09:00-13:00"]',
        '    closures: ["2026-02-30"]',
        'routing:',
        '  default: servizi-sociali',
        '',
      ].join('\n'),
    );
    expect(() => loadOfficeHours(file)).toThrow(OfficeHoursError);
    expect(() => loadOfficeHours(file)).toThrow(
      expect.objectContaining({
        code: 'office_hours_invalid',
        problems: [
          `${file}: teams.servizi-sociali.weekly.monday.0: "9-13" is not a range; write "HH:mm-HH:mm", e.g. "09:00-13:00"`,
          `${file}: teams.servizi-sociali.weekly.tuesday.0: "13:00-09:00" ends before it starts`,
          `${file}: teams.servizi-sociali.weekly: unknown day "lunedi"; write monday, tuesday, wednesday, thursday, friday, saturday, sunday`,
          `${file}: teams.servizi-sociali.closures.0: "2026-02-30" is not a date; write YYYY-MM-DD (that day) or MM-DD (every year)`,
        ],
      }),
    );
  });

  it('checks the routing and the ranges against each other', () => {
    const file = configFile(
      'routing.yaml',
      [
        'teams:',
        '  ufficio:',
        '    weekly: { monday: ["09:00-13:00", "12:00-14:00"] }',
        '  vuoto:',
        '    weekly: {}',
        'routing:',
        '  default: uffico',
        '  categories: { anziani: nessuno }',
        '',
      ].join('\n'),
    );
    expect(() => loadOfficeHours(file)).toThrow(
      expect.objectContaining({
        problems: [
          `${file}: teams.ufficio.weekly.monday.1: overlaps monday's range 0`,
          `${file}: teams.vuoto.weekly: no opening hours: the office would never open`,
          `${file}: routing.default: unknown team "uffico" (ufficio, vuoto)`,
          `${file}: routing.categories.anziani: unknown team "nessuno" (ufficio, vuoto)`,
        ],
      }),
    );
  });

  it('reports bad YAML with its line, and a missing file', () => {
    const file = configFile('syntax.yaml', 'teams:\n  ufficio: [\n');
    expect(() => loadOfficeHours(file)).toThrow(new RegExp(`${file.replace(/[.\\]/g, '\\$&')}: line \\d+: bad YAML syntax`));
    expect(() => loadOfficeHours(join(scratch, 'nowhere.yaml'))).toThrow(/nowhere\.yaml: \(file\): file not found/);
  });

  it('lists municipalities the backend does not know', () => {
    expect(unknownMunicipalities(hours, patronDays)).toEqual([]);
    expect(unknownMunicipalities(hours, [{ id: 'limena', patronDay: { date: '03-07' } }])).toEqual([
      'config/office-hours.yaml: teams.sportello-campo-san-martino.municipality: unknown municipality "campo-san-martino"',
      'config/office-hours.yaml: routing.municipalities.campo-san-martino: unknown municipality "campo-san-martino"',
    ]);
  });
});
