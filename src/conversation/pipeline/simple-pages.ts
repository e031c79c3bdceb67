// Simple mode: "altri" shows the next page of the question, and a number the menu shown does not have is not understood.
import { westernDigits } from '../number-words.js';
import { hasSimpleMenu, MORE, nextPage, SIMPLE_PAGE } from '../simple-mode.js';
import { enter, home, notUnderstood, say, type TurnStage } from './walk.js';

export const simplePages: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  // Still text after the simple-keys stage: no key of the menu shown. The step numbers its options differently
  // (a page, no 0 and 9), so its own reading of the number would be a different item.
  if (event.type === 'text' && hasSimpleMenu(session) && /^\d{1,2}$/.test(westernDigits(event.text.trim())) && session.position) {
    say(turn, 'engine.not_understood');
    notUnderstood(turn);
    return enter(turn, session.position, 0, { [SIMPLE_PAGE]: session.scratch[SIMPLE_PAGE] ?? 0 });
  }
  if (event.type === 'choice' && event.payload === MORE) {
    // The step is entered afresh: its lists may have changed.
    if (!session.position) return home(turn, false);
    return enter(turn, session.position, 0, { [SIMPLE_PAGE]: nextPage(session) });
  }
  return next();
};
