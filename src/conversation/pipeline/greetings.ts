// A conversation with no current step (new, ended, or its step gone from the flows): welcome and the main menu, and a
// first message that is not a greeting is read there as what the resident needs.
import { stepAt } from '../flow.js';
import { answer, home, type TurnStage } from './walk.js';

const GREETINGS = new Set([
  'ciao', 'salve', 'buongiorno', 'buonasera', 'hello', 'hi', 'hey', 'good morning', 'good evening', 'start',
  'bună', 'buna', 'salut', 'bună ziua', 'привіт', 'вітаю', 'добрий день', 'здравствуйте', 'مرحبا', 'مرحباً', 'السلام عليكم', 'أهلا',
  'përshëndetje', 'tungjatjeta', 'mirëdita', '你好', '您好',
]);

export const greetings: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  if (session.position && stepAt(turn.ctx.flows, session.position)) return next();
  await home(turn, true);
  if (event.type === 'text' && !GREETINGS.has(event.text.trim().toLowerCase())) await answer(turn, event);
};
