// The staff line: while a person has the conversation the flows wait, and the resident's words go to staff.
import { MAX_TEXT_CHARS } from '../events.js';
import { lineRequest, noteForStaff } from '../staff-line.js';
import { fromStaff } from './staff-events.js';
import { say, userEvent, type TurnStage } from './walk.js';

export const onTheLine: TurnStage = async (turn, next) => {
  const { session } = turn;
  if (!session.handoff) return next();
  const event = userEvent(turn);
  const request = lineRequest(event, { t: (key) => turn.t(key), lexicon: turn.ctx.translator.lexicon }, { taken: session.handoff.taken });
  switch (request) {
    case 'leave':
      turn.effects.push({ type: 'handoff_left' });
      return fromStaff(turn, { type: 'staff', change: 'left' });
    case 'position':
      turn.effects.push({ type: 'queue_position_requested' });
      return;
    case 'reminder':
      say(turn, session.handoff.taken ? 'handoff.on_the_line_taken' : 'handoff.on_the_line_waiting');
      return;
  }
  const note = noteForStaff(event.type === 'text' ? { type: 'text', text: event.text.slice(0, MAX_TEXT_CHARS) } : event);
  if (event.type === 'attachment' && (event.kind === 'voice' || event.kind === 'audio')) say(turn, 'handoff.voice_on_line');
  turn.effects.push({ type: 'relay_to_staff', text: note });
  // While nobody has taken the request, say once that the words will be read; after that, as in any chat, silence.
  if (!session.handoff.taken && !session.handoff.told) {
    session.handoff.told = true;
    say(turn, 'handoff.relayed_waiting');
  }
};
