// A pressed button: one of the current question becomes the option it stands for; one of an earlier question is expired.
import { payloadOf } from '../buttons.js';
import { reenter, say, type TurnStage } from './walk.js';

export const staleButtons: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  if (event.type !== 'choice') return next();
  // Buttons carry "<visit>:<option>" behind a short token: another visit is another question.
  const stamped = /^(\d+):(.+)$/.exec(payloadOf(session, event.payload) ?? '');
  if (!stamped || Number(stamped[1]) !== session.visit) {
    say(turn, 'engine.stale_choice');
    return reenter(turn);
  }
  turn.event = { type: 'choice', payload: stamped[2]! };
  return next();
};
