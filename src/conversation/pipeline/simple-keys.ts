// Simple mode: a typed key ("3", "tre", "il terzo") of the menu last shown becomes the button it names. Nothing else.
import { simpleAnswer } from '../simple-mode.js';
import type { TurnStage } from './walk.js';

export const simpleKeys: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  // Once a person has taken the request, a digit may be an answer to them: the menu keys no longer apply.
  if (turn.profile.simpleMode && event.type === 'text' && !session.handoff?.taken) {
    const words = { langs: [session.lang, 'it', 'en'], yes: turn.t('common.yes'), no: turn.t('common.no'), lexicon: turn.ctx.translator.lexicon };
    const payload = simpleAnswer(session, event.text, words);
    if (payload) turn.event = { type: 'choice', payload };
  }
  return next();
};
