// Step kinds for reaching a person: escalate to staff (live, or a call-back when the office is closed), then rate the help.
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { EscalationFacts } from '../context.js';
import { EscalationReason } from '../escalation.js';
import { matchYesNo } from '../choice-match.js';
import { westernDigits } from '../number-words.js';
import { LINE_BUTTONS, LINE_TEXTS, lineRequest } from '../staff-line.js';
import { askChoice, go, readChoice, reask, wait, yesNoOptions, type StepKind, type StepTurn } from '../step-kind.js';
import { text, Target } from './common.js';
import { NO_DESK_TEXTS, noDeskAnswer, noDeskEnter } from './no-desk.js';

const HandoffConfig = z.object({ next: Target, after: Target }).strict();
type HandoffConfig = z.infer<typeof HandoffConfig>;

/** What the step keeps between its questions (the call-back offer): the scratch is this step's own. */
const Pending = z.object({
  stage: z.enum(['offer', 'consent', 'phone']),
  facts: z.custom<EscalationFacts>((v) => typeof v === 'object' && v !== null),
  /** ISO time the office opens next, when known. */
  opening: z.string().optional(),
});
type Pending = z.infer<typeof Pending>;
const PENDING = 'handoff';

/** Digits, spaces and a leading +; an Italian number written with dots or dashes is accepted and tidied. */
export function readPhone(typed: string): string | undefined {
  const tidy = westernDigits(typed)
    .replace(/[.\-/()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!/^(\+|00)?[0-9 ]+$/.test(tidy)) return undefined;
  const digits = tidy.replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15) return undefined;
  const international = tidy.startsWith('+') || tidy.startsWith('00');
  const shown = tidy.startsWith('00') ? `+${tidy.slice(2).trim()}` : tidy;
  // As typed when it fits a ticket (staff read "333 123 4567" more easily), else the bare digits.
  return shown.length <= 20 ? shown : `${international ? '+' : ''}${tidy.startsWith('00') ? digits.slice(2) : digits}`;
}

async function factsOf(turn: StepTurn, reason: EscalationReason): Promise<Omit<EscalationFacts, 'team'>> {
  const { data, resume } = turn.session;
  const residence = data.answers['residence'];
  let category = data.category;
  if (!category && data.serviceId) {
    // Only for routing: without it the default team answers, so a backend that is down changes nothing else.
    category = await turn.ctx.welfare.getService(data.serviceId).then(
      (s) => s.category,
      () => undefined,
    );
  }
  const from = resume.at(-1);
  return {
    reason,
    ...(data.serviceId ? { serviceId: data.serviceId } : {}),
    ...(category ? { category } : {}),
    ...(typeof residence === 'string' ? { municipality: residence } : {}),
    ...(from ? { step: `${from.flow}.${from.step}` } : {}),
    // Only who already agreed that the offices receive their name and fiscal code (to book, to apply) is shown unmasked.
    share: Boolean(data.consent.booking ?? data.consent.vouchers),
  };
}

function openingText(turn: StepTurn, iso: string | undefined): string {
  // The desk that knew the opening may be gone by the next turn (a restart without Slack): then it is unknown.
  if (!iso || !turn.ctx.staff) return turn.t('handoff.opening_unknown');
  const { key, params } = turn.ctx.staff.describeOpening(DateTime.fromISO(iso, { setZone: true }), turn.ctx.now);
  return turn.t(key, params);
}

const askPhone = (turn: StepTurn) => ({ type: 'text' as const, text: turn.t('handoff.phone_ask') });

/**
 * Hands the conversation to staff when the office is open (the engine then relays the resident's words
 * until staff close), or offers a call-back when it is not. Without a staff desk it gives the offices' real contacts.
 */
const handoff: StepKind<HandoffConfig> = {
  config: HandoffConfig,
  targets: (c) => [c.next, c.after],
  texts: () => [],
  ownTexts: [
    'handoff.voice',
    'handoff.voice_no_desk',
    ...NO_DESK_TEXTS,
    'handoff.live',
    'handoff.while_waiting',
    'handoff.closed_now',
    'handoff.opening_unknown',
    'handoff.callback_offer',
    'handoff.callback_consent',
    'handoff.callback_declined',
    'handoff.phone_ask',
    'handoff.phone_invalid',
    'handoff.callback_registered',
    'handoff.taken',
    'handoff.ended',
    'handoff.left',
    'handoff.relayed_waiting',
    'handoff.voice_on_line',
    'handoff.on_the_line_waiting',
    'handoff.on_the_line_taken',
    'handoff.position',
    'handoff.position_taken',
    'handoff.position_unknown',
    ...LINE_TEXTS,
  ],
  acceptsContact: true,
  enter: async (c, turn) => {
    const parsed = EscalationReason.safeParse(turn.session.scratch['handoffReason']);
    const reason = parsed.success ? parsed.data : 'asked';
    const from = turn.session.resume.at(-1);
    turn.ctx.signal?.({ type: 'escalated', step: from ? `${from.flow}.${from.step}` : 'none', reason });
    const staff = turn.ctx.staff;
    if (!staff) return noDeskEnter(c.next, turn, reason === 'voice' ? [text(turn.t('handoff.voice_no_desk'))] : []);
    const lead = reason === 'voice' ? [text(turn.t('handoff.voice'))] : [];
    const known = await factsOf(turn, reason);
    const availability = await staff.check(
      { ...(known.category ? { category: known.category } : {}), ...(known.municipality ? { municipality: known.municipality } : {}) },
      turn.ctx.now,
    );
    const facts: EscalationFacts = { ...known, team: availability.team };
    if (availability.open) {
      turn.session.handoff = { since: turn.session.updatedAt, taken: false, told: false };
      turn.effects.push({ type: 'handoff_requested', kind: 'live', ...facts });
      return wait(...lead, text(turn.t('handoff.live', { minutes: availability.usualWaitMinutes })), {
        type: 'choices',
        text: turn.t('handoff.while_waiting'),
        choices: [
          { payload: LINE_BUTTONS.position, label: turn.t('handoff.position_button') },
          { payload: LINE_BUTTONS.leave, label: turn.t('handoff.leave_button') },
        ],
      });
    }
    const opening = availability.nextOpening?.toISO() ?? undefined;
    const pending: Pending = { stage: 'offer', facts, ...(opening ? { opening } : {}) };
    turn.session.scratch[PENDING] = pending;
    return wait(
      ...lead,
      text(turn.t('handoff.closed_now', { opening: openingText(turn, opening) })),
      askChoice(turn, turn.t('handoff.callback_offer'), yesNoOptions(turn)),
    );
  },
  onEvent: async (c, event, turn) => {
    const { session } = turn;
    if (event.type === 'staff') {
      switch (event.change) {
        case 'taken':
          if (session.handoff) session.handoff.taken = true;
          return wait(text(turn.t('handoff.taken')));
        case 'closed':
          delete session.handoff;
          return go(c.after, text(turn.t('handoff.ended')));
        case 'left':
          delete session.handoff;
          return go(c.next, text(turn.t('handoff.left')));
      }
    }
    const town = await noDeskAnswer(c.next, event, turn);
    if (town) return town;
    const pending = Pending.safeParse(session.scratch[PENDING]);
    // Not waiting for a call-back answer (a stale session): carry on where the resident was.
    if (!pending.success) return go(c.next);
    const { stage, facts, opening } = pending.data;
    const moveTo = (next: Pending['stage']) => {
      session.scratch[PENDING] = { ...pending.data, stage: next };
    };
    switch (stage) {
      case 'offer': {
        const read = readChoice(event, turn);
        if (read.kind !== 'chosen') return reask(turn, turn.t('handoff.callback_offer'));
        if (read.id === 'no') return go(c.next, text(turn.t('handoff.callback_declined')));
        if (session.data.consent.callback) {
          moveTo('phone');
          return wait(askPhone(turn));
        }
        moveTo('consent');
        return wait(askChoice(turn, turn.t('handoff.callback_consent'), yesNoOptions(turn)));
      }
      case 'consent': {
        const read = readChoice(event, turn);
        if (read.kind !== 'chosen') return reask(turn, turn.t('handoff.callback_consent'));
        if (read.id === 'no') return go(c.next, text(turn.t('handoff.callback_declined')));
        session.data.consent.callback = turn.ctx.now.toUTC().toISO()!;
        moveTo('phone');
        return wait(askPhone(turn));
      }
      case 'phone': {
        const declined =
          event.type === 'text' &&
          (matchYesNo(event.text, turn.ctx.translator.lexicon) === 'no' ||
            lineRequest(event, { t: (k) => turn.t(k), lexicon: turn.ctx.translator.lexicon }, { taken: true }) === 'leave');
        if (declined) return go(c.next, text(turn.t('handoff.callback_declined')));
        const phone = event.type === 'contact' ? readPhone(event.phone) : event.type === 'text' ? readPhone(event.text) : undefined;
        // Not counted as a misunderstanding: offering "talk to a person" here would go round in a circle.
        if (!phone) return wait(text(turn.t('handoff.phone_invalid')), askPhone(turn));
        // The number travels in the effect to the ticket only: the session never keeps it.
        turn.effects.push({ type: 'handoff_requested', kind: 'callback', phone, ...facts });
        return go(c.next, text(turn.t('handoff.callback_registered', { opening: openingText(turn, opening) })));
      }
    }
  },
};

const RATINGS = ['1', '2', '3', '4', '5'] as const;

/** A short question after a person closed the conversation; any other answer skips it. */
const rate_help: StepKind<{ next: string }> = {
  config: z.object({ next: Target }).strict(),
  targets: (c) => [c.next],
  texts: () => [],
  ownTexts: ['handoff.rate_question', 'handoff.rate_thanks', 'handoff.rate_skip', ...RATINGS.map((r) => `handoff.rate_${r}`)],
  enter: async (_c, turn) =>
    wait(
      askChoice(turn, turn.t('handoff.rate_question'), [
        ...RATINGS.map((r) => ({ id: r, label: turn.t(`handoff.rate_${r}`) })),
        { id: 'skip', label: turn.t('handoff.rate_skip') },
      ]),
    ),
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen' || read.id === 'skip') return go(c.next);
    turn.effects.push({ type: 'handoff_rated', rating: Number(read.id) });
    return go(c.next, text(turn.t('handoff.rate_thanks')));
  },
};

export const handoffKinds = { handoff, rate_help };
