// A message Sportello writes first: the opt-out and the weekly cap for the non-essential ones, then say or ask.
import type { DateTime } from 'luxon';
import type { ProactivePolicy } from '../context.js';
import type { ProactiveNotice } from '../events.js';
import { declared, entryPoints, interrupt, say, type EngineTurn, type TurnStage } from './walk.js';

/** What applies when the runner is given no policy: follow-ups are the only messages the resident did not ask for. */
export const DEFAULT_PROACTIVE_POLICY: ProactivePolicy = { weeklyCap: 3, nonEssential: ['followup'] };

/** Sent times of the last 7 days, plus now: whether one more stays within `perWeek`. */
export function withinWeeklyCap(sent: readonly string[], now: DateTime, perWeek: number): boolean {
  const since = now.minus({ days: 7 }).toMillis();
  return sent.filter((iso) => Date.parse(iso) > since).length < perWeek;
}

/**
 * A reminder or a follow-up asks its question as an interruption (the resident then carries on where they were),
 * a status change only says.
 */
export const proactive: TurnStage = async (turn, next) => {
  if (turn.event.type !== 'proactive') return next();
  const { notice } = turn.event;
  if (!allowed(turn, notice)) return;
  if (notice.kind === 'voucher_status') {
    const status = turn.t(`vouchers.status.label.${notice.status}`);
    say(turn, 'proactive.voucher_status', { reference: notice.reference, status });
    return;
  }
  // Someone from the offices is talking with the resident: no question in the middle of that.
  if (turn.session.handoff) {
    say(turn, notice.kind === 'reminder' ? 'proactive.reminder_on_the_line' : 'proactive.followup_on_the_line');
    return;
  }
  return interrupt(
    turn,
    declared(entryPoints(turn).proactive[notice.kind], `entry_points.proactive.${notice.kind}`, `the ${notice.kind} message`),
    undefined,
    { notice },
  );
};

/** Whether the policy lets this one go; a skipped one is an effect, so the operator sees it. */
function allowed(turn: EngineTurn, notice: ProactiveNotice): boolean {
  const policy = turn.ctx.proactivePolicy ?? DEFAULT_PROACTIVE_POLICY;
  if (!policy.nonEssential.includes(notice.kind)) return true;
  const { profile } = turn;
  if (profile.proactiveOptOut) {
    turn.effects.push({ type: 'proactive_skipped', kind: notice.kind, reason: 'opted_out' });
    return false;
  }
  const { now } = turn.ctx;
  const recent = (profile.proactiveSent ?? []).filter((iso) => Date.parse(iso) > now.minus({ days: 7 }).toMillis());
  if (!withinWeeklyCap(recent, now, policy.weeklyCap)) {
    turn.effects.push({ type: 'proactive_skipped', kind: notice.kind, reason: 'weekly_cap' });
    return false;
  }
  profile.proactiveSent = [...recent, turn.session.updatedAt];
  return true;
}
