// A conversation with no current step (new, ended, or its step gone from the flows): welcome and the main menu, and a
// first message that is not a greeting is read there as what the resident needs.
import { stepAt } from '../flow.js';
import { answer, home, type TurnStage } from './walk.js';

export const greetings: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  if (session.position && stepAt(turn.ctx.flows, session.position)) return next();
  await home(turn, true);
  if (event.type === 'text' && !turn.ctx.translator.lexicon.greetings.has(event.text.trim().toLowerCase())) await answer(turn, event);
};
