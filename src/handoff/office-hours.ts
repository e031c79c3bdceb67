// Staff teams' office hours (config/office-hours.yaml): open or closed, next opening, which phrase tells residents; reads only its own file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import { ROME, isPatronDay, isPublicHoliday } from '../calendar/holidays.js';
import { DataFileError } from '../errors.js';
import { CONFIG_DIR, shownPath } from '../paths.js';
import type { MessageParams } from '../i18n/translator.js';

export const defaultOfficeHoursFile = join(CONFIG_DIR, 'office-hours.yaml');

export class OfficeHoursError extends DataFileError {
  readonly code = 'office_hours_invalid';
  override readonly name = 'OfficeHoursError';
  constructor(problems: string[]) {
    super(problems, 'the office hours');
  }
}

// ── Schema: what the operator may write ────────────────────────────────────

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
type Weekday = (typeof WEEKDAYS)[number];

const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters, digits and dashes, e.g. "servizi-sociali"');

/** Minutes after midnight on Rome's wall clock; `to` is excluded (13:00 is closed when the range ends at 13:00). */
interface TimeRange {
  from: number;
  to: number;
}

const RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const TimeRange = z.string().transform((text, ctx): TimeRange => {
  const m = RANGE.exec(text);
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not a range; write "HH:mm-HH:mm", e.g. "09:00-13:00"` });
    return z.NEVER;
  }
  const [from, to] = [Number(m[1]) * 60 + Number(m[2]), Number(m[3]) * 60 + Number(m[4])];
  if (from >= to) ctx.addIssue({ code: 'custom', message: `"${text}" ends before it starts` });
  return { from, to };
});

// One-off closures (2026-12-24) and yearly ones (12-24), so Christmas Eve need not be re-added every January.
const Closure = z
  .string()
  .refine(
    (d) => (/^\d{4}-\d{2}-\d{2}$/.test(d) && DateTime.fromISO(d).isValid) || (/^\d{2}-\d{2}$/.test(d) && DateTime.fromISO(`2024-${d}`).isValid),
    { error: (issue) => `"${String(issue.input)}" is not a date; write YYYY-MM-DD (that day) or MM-DD (every year)` },
  );

const Day = z.array(TimeRange).default([]);
const Weekly = z.strictObject(
  { monday: Day, tuesday: Day, wednesday: Day, thursday: Day, friday: Day, saturday: Day, sunday: Day } satisfies Record<Weekday, typeof Day>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `unknown day ${issue.keys.map((k) => `"${k}"`).join(', ')}; write ${WEEKDAYS.join(', ')}` : undefined,
  },
);

const TeamConfig = z.strictObject({
  weekly: Weekly,
  closures: z.array(Closure).default([]),
  municipality: Slug.optional(),
  /** What residents are told before they wait: "usually within N minutes". */
  usual_wait_minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** The Slack channel (id, e.g. C0123ABCD) where this team's tickets go; SLACK_STAFF_CHANNEL otherwise. */
  slack_channel: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id such as C0123ABCD')
    .optional(),
});

const OfficeHoursFile = z.strictObject({
  teams: z.record(Slug, TeamConfig),
  routing: z.strictObject({
    default: Slug,
    categories: z.record(Slug, Slug).default({}),
    municipalities: z.record(Slug, Slug).default({}),
  }),
});
type OfficeHoursFile = z.output<typeof OfficeHoursFile>;

export type Team = z.output<typeof TeamConfig> & { id: string };
export interface OfficeHours {
  file: string;
  teams: ReadonlyMap<string, Team>;
  routing: OfficeHoursFile['routing'];
}

/** What the backend serves for each municipality; `Municipality[]` fits. */
export type PatronDays = ReadonlyArray<{ id: string; patronDay: { date: string } }>;

// ── Loading ────────────────────────────────────────────────────────────────

export function loadOfficeHours(file: string = defaultOfficeHoursFile): OfficeHours {
  const problems: string[] = [];
  const report = (path: string | readonly PropertyKey[], message: string) =>
    problems.push(`${shownPath(file)}: ${typeof path === 'string' ? path : path.length === 0 ? '(root)' : path.map(String).join('.')}: ${message}`);

  if (!existsSync(file)) throw new OfficeHoursError([`${shownPath(file)}: (file): file not found`]);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  for (const e of doc.errors) {
    report(`line ${e.linePos?.[0].line ?? '?'}`, `bad YAML syntax: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  if (problems.length > 0) throw new OfficeHoursError(problems);
  const parsed = OfficeHoursFile.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) report(issue.path, issue.message);
    throw new OfficeHoursError(problems);
  }

  const { teams, routing } = parsed.data;
  for (const [id, team] of Object.entries(teams)) {
    if (WEEKDAYS.every((d) => team.weekly[d].length === 0)) report(['teams', id, 'weekly'], 'no opening hours: the office would never open');
    for (const day of WEEKDAYS) {
      const ranges = team.weekly[day];
      ranges.forEach((r, i) => {
        const clash = ranges.findIndex((o, j) => j < i && o.from < r.to && r.from < o.to);
        if (clash >= 0) report(['teams', id, 'weekly', day, i], `overlaps ${day}'s range ${clash}`);
      });
      ranges.sort((a, b) => a.from - b.from);
    }
  }
  const known = Object.keys(teams);
  const checkTeam = (path: PropertyKey[], team: string) => {
    if (!(team in teams)) report(path, `unknown team "${team}" (${known.join(', ') || 'no teams'})`);
  };
  checkTeam(['routing', 'default'], routing.default);
  for (const [key, table] of [
    ['categories', routing.categories],
    ['municipalities', routing.municipalities],
  ] as const) {
    for (const [from, team] of Object.entries(table)) checkTeam(['routing', key, from], team);
  }
  if (problems.length > 0) throw new OfficeHoursError(problems);

  return { file, teams: new Map(Object.entries(teams).map(([id, t]) => [id, { ...t, id }])), routing };
}

/** Municipalities named in the file but unknown to the backend, for a check at start-up. */
export function unknownMunicipalities(hours: OfficeHours, municipalities: PatronDays): string[] {
  const ids = new Set(municipalities.map((m) => m.id));
  const where = shownPath(hours.file);
  const problems: string[] = [];
  for (const team of hours.teams.values()) {
    if (team.municipality && !ids.has(team.municipality))
      problems.push(`${where}: teams.${team.id}.municipality: unknown municipality "${team.municipality}"`);
  }
  for (const m of Object.keys(hours.routing.municipalities)) {
    if (!ids.has(m)) problems.push(`${where}: routing.municipalities.${m}: unknown municipality "${m}"`);
  }
  return problems;
}

// ── Questions ──────────────────────────────────────────────────────────────

/** Category first: it says who delivers that kind of help, wherever the resident lives. */
export function teamFor(hours: OfficeHours, about: { category?: string | undefined; municipality?: string | undefined }): Team {
  const id =
    (about.category !== undefined ? hours.routing.categories[about.category] : undefined) ??
    (about.municipality !== undefined ? hours.routing.municipalities[about.municipality] : undefined) ??
    hours.routing.default;
  const team = hours.teams.get(id);
  if (!team) throw new Error(`office hours: routing names unknown team "${id}"`); // loadOfficeHours rules this out
  return team;
}

function closedAllDay(team: Team, day: DateTime, patronDays: PatronDays): boolean {
  if (isPublicHoliday(day)) return true;
  if (team.closures.includes(day.toFormat('yyyy-MM-dd')) || team.closures.includes(day.toFormat('MM-dd'))) return true;
  if (team.municipality === undefined) return false;
  const patron = patronDays.find((m) => m.id === team.municipality);
  // Loud: a silent miss would promise an open office on its patron day.
  if (!patron) throw new Error(`office hours: team "${team.id}" observes municipality "${team.municipality}", whose patron day was not given`);
  return isPatronDay(patron.patronDay, day);
}

function rangesOn(team: Team, day: DateTime): TimeRange[] {
  return team.weekly[WEEKDAYS[day.weekday - 1]!];
}

export function isOpen(team: Team, at: DateTime, patronDays: PatronDays): boolean {
  const local = inRome(at);
  const minute = local.hour * 60 + local.minute;
  // Sundays close through `weekly` (no hours listed), holidays through the calendar.
  return !closedAllDay(team, local, patronDays) && rangesOn(team, local).some((r) => r.from <= minute && minute < r.to);
}

/** `at` when open; otherwise the next opening, or undefined when none comes within `horizonDays`. */
export function nextOpening(team: Team, at: DateTime, patronDays: PatronDays, opts: { horizonDays?: number } = {}): DateTime | undefined {
  if (isOpen(team, at, patronDays)) return at;
  const start = inRome(at).startOf('day');
  for (let d = 0; d <= (opts.horizonDays ?? 60); d++) {
    // Calendar arithmetic, not 24-hour steps: across a DST change 9:00 stays 9:00 on the wall clock.
    const day = start.plus({ days: d });
    const ranges = rangesOn(team, day);
    if (ranges.length === 0 || closedAllDay(team, day, patronDays)) continue;
    for (const r of ranges) {
      const opening = day.set({ hour: Math.floor(r.from / 60), minute: r.from % 60 });
      if (opening > at) return opening;
    }
  }
  return undefined;
}

/** The message for "the office opens …", relative to `at` in Rome's calendar. */
export function openingMessage(opening: DateTime, at: DateTime): { key: string; params: MessageParams } {
  const local = inRome(opening);
  // Rounded: a calendar day across a DST change lasts 23 or 25 hours.
  const days = Math.round(local.startOf('day').diff(inRome(at).startOf('day'), 'days').days);
  const key =
    days === 0
      ? 'office.opens_today'
      : days === 1
        ? 'office.opens_tomorrow'
        : days >= 2 && days <= 6
          ? 'office.opens_this_week'
          : 'office.opens_later';
  return { key, params: { opening: local } };
}

function inRome(at: DateTime): DateTime {
  if (!at.isValid) throw new Error(`office hours: invalid date-time (${at.invalidExplanation ?? at.invalidReason ?? 'unknown reason'})`);
  return at.setZone(ROME);
}
