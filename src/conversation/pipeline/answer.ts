// The last stage: the current step reads the answer, unless it is the typed label of a command button shown with it.
import { typedCommand } from '../buttons.js';
import { runCommand } from './commands.js';
import { answer, userEvent, type TurnStage } from './walk.js';

export const answerStep: TurnStage = async (turn) => {
  const event = userEvent(turn);
  const command = event.type === 'text' ? typedCommand(turn.session, event.text, turn.ctx.translator.lexicon) : undefined;
  if (command) return runCommand(turn, command);
  return answer(turn, event);
};
