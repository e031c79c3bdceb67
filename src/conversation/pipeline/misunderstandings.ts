// Two answers in a row the step could not read: offer a person (and simple mode) with the question. Says nothing else.
import type { EngineTurn, TurnStage } from './walk.js';

/** Set in the scratch of the step that offered a person: pressing the offer tells staff why the resident needs them. */
export const OFFERED_PERSON = 'offeredPerson';

/** Runs the turn, then looks at the count `follow` keeps: a misunderstanding always ends the turn, so this is the moment. */
export const misunderstandings: TurnStage = async (turn, next) => {
  await next();
  if (turn.session.misunderstood < 2) return;
  turn.session.misunderstood = 0;
  offerPerson(turn);
};

/** Adds "talk to a person" to the question just asked, so its number follows the question's own options. */
function offerPerson(turn: EngineTurn): void {
  const { out } = turn;
  turn.session.scratch[OFFERED_PERSON] = true;
  const simple = turn.profile.simpleMode;
  // Simple mode is offered too, until it is on: numbered answers are often what was missing.
  const buttons = [
    ...(simple ? [] : [{ payload: 'cmd:simple', label: turn.t('main.simple_mode') }]),
    { payload: 'cmd:person', label: turn.t('engine.talk_to_person') },
  ];
  const offer = turn.t(simple ? 'engine.offer_person' : 'engine.offer_help');
  const index = out.findLastIndex((m) => m.type === 'choices');
  const question = out[index];
  if (question?.type === 'choices') {
    const missing = buttons.filter((b) => !question.choices.some((c) => c.payload === b.payload));
    if (missing.length > 0) {
      out.splice(index, 0, { type: 'text', text: offer });
      out[index + 1] = { ...question, choices: [...question.choices, ...missing] };
      return;
    }
  }
  out.push({ type: 'choices', text: offer, choices: buttons });
}
