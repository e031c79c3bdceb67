// Staff took or closed the ticket, or the resident left: the step that asked for a person decides what follows.
import type { StaffEvent } from '../events.js';
import { stepAt } from '../flow.js';
import { answer, type EngineTurn, type TurnStage } from './walk.js';

export const staffEvents: TurnStage = async (turn, next) => {
  if (turn.event.type !== 'staff') return next();
  return fromStaff(turn, turn.event);
};

/** Also how the staff line hands on a resident who leaves. */
export async function fromStaff(turn: EngineTurn, event: StaffEvent): Promise<void> {
  const { session } = turn;
  // Nobody is on the line any more (the resident left, or "delete my data"): nothing to say.
  if (!session.handoff || !session.position || !stepAt(turn.ctx.flows, session.position)) return;
  return answer(turn, event);
}
