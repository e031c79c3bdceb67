// Step kinds for the messages Sportello writes first: a booking's reminder (coming? or cancel), the follow-up after a
// service (1–5 and a comment), and the switch for non-essential messages.
import { z } from 'zod';
import { ProactiveNotice } from '../events.js';
import { FlowError } from '../flow.js';
import { askChoice, go, readChoice, reask, wait, type StepKind, type StepTurn } from '../step-kind.js';
import { guarded, DOWN_TEXTS, localized, text, Target, whenText } from './common.js';

const NextOnly = z.object({ next: Target }).strict();
type NextOnly = z.infer<typeof NextOnly>;

function noticeOf<K extends ProactiveNotice['kind']>(turn: StepTurn, kind: K): Extract<ProactiveNotice, { kind: K }> {
  const parsed = ProactiveNotice.safeParse(turn.session.scratch['notice']);
  if (!parsed.success || parsed.data.kind !== kind) throw new FlowError(`${kind}: reached without its notice (a proactive flow entered by hand?)`);
  return parsed.data as Extract<ProactiveNotice, { kind: K }>;
}

async function serviceName(turn: StepTurn, serviceId: string): Promise<string> {
  const service = await turn.ctx.welfare.getService(serviceId);
  return localized(service.name, turn.session.lang);
}

/** The reminder the day before: "will you come?" — yes, or cancel the booking there and then (the seat goes to others). */
const attendance: StepKind<NextOnly> = {
  config: NextOnly,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['proactive.reminder', 'proactive.coming', 'proactive.cancel', 'proactive.kept', 'proactive.cancelled', ...DOWN_TEXTS],
  enter: (_c, turn) =>
    guarded(turn, async () => {
      const notice = noticeOf(turn, 'reminder');
      const question = turn.t('proactive.reminder', { service: await serviceName(turn, notice.serviceId), when: whenText(turn, notice.slotStart) });
      return wait(
        askChoice(turn, question, [
          { id: 'coming', label: turn.t('proactive.coming') },
          { id: 'cancel', label: turn.t('proactive.cancel') },
        ]),
      );
    }),
  onEvent: (c, event, turn) =>
    guarded(turn, async () => {
      const read = readChoice(event, turn);
      if (read.kind !== 'chosen') return reask(turn, turn.t('proactive.cancel'));
      if (read.id === 'coming') return go(c.next, text(turn.t('proactive.kept')));
      const notice = noticeOf(turn, 'reminder');
      await turn.ctx.welfare.cancelBooking(notice.bookingId);
      turn.effects.push({ type: 'booking_cancelled', bookingId: notice.bookingId });
      return go(c.next, text(turn.t('proactive.cancelled')));
    }),
};

const RATINGS = ['1', '2', '3', '4', '5'] as const;
const STAGE = 'followupStage';
const RATING = 'followupRating';

/** "Did it help?" two days after a service: 1 to 5, then a comment if the resident wants; both go to the backend. */
const followup_rating: StepKind<NextOnly> = {
  config: NextOnly,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: [
    'proactive.followup',
    'proactive.comment',
    'proactive.no_comment',
    'proactive.thanks',
    'handoff.rate_skip',
    ...RATINGS.map((r) => `handoff.rate_${r}`),
    ...DOWN_TEXTS,
  ],
  enter: (_c, turn) =>
    guarded(turn, async () => {
      const notice = noticeOf(turn, 'followup');
      const question = turn.t('proactive.followup', { service: await serviceName(turn, notice.serviceId) });
      return wait(
        askChoice(turn, question, [
          ...RATINGS.map((r) => ({ id: r, label: turn.t(`handoff.rate_${r}`) })),
          { id: 'skip', label: turn.t('handoff.rate_skip') },
        ]),
      );
    }),
  onEvent: async (c, event, turn) => {
    const { scratch } = turn.session;
    const notice = noticeOf(turn, 'followup');
    if (scratch[STAGE] === 'comment') {
      const read = readChoice(event, turn);
      const comment = read.kind === 'chosen' || event.type !== 'text' ? undefined : event.text.trim().slice(0, 500);
      turn.effects.push({ type: 'feedback_given', bookingId: notice.bookingId, rating: Number(scratch[RATING]), ...(comment ? { comment } : {}) });
      return go(c.next, text(turn.t('proactive.thanks')));
    }
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('proactive.followup', { service: '' }));
    if (read.id === 'skip') return go(c.next);
    scratch[STAGE] = 'comment';
    scratch[RATING] = read.id;
    return wait(askChoice(turn, turn.t('proactive.comment'), [{ id: 'none', label: turn.t('proactive.no_comment') }]));
  },
};

/** Messages Sportello would write first without being asked (follow-ups) on or off; reminders of bookings stay. */
const toggle_notifications: StepKind<NextOnly> = {
  config: NextOnly,
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['proactive.opted_out', 'proactive.opted_in'],
  enter: async (c, turn) => {
    const out = !turn.profile.proactiveOptOut;
    turn.profile.proactiveOptOut = out;
    return go(c.next, text(turn.t(out ? 'proactive.opted_out' : 'proactive.opted_in')));
  },
  onEvent: async (c) => go(c.next),
};

export const proactiveKinds = { attendance, followup_rating, toggle_notifications };
