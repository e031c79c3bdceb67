// What no step reads: a location, a contact the step does not ask for, a photo or a sticker; a voice note asks for a person.
import { stepAt } from '../flow.js';
import { declared, entryPoints, interrupt, kindOf, reenter, say, type TurnStage } from './walk.js';

export const attachments: TurnStage = async (turn, next) => {
  const { event, session } = turn;
  if (event.type === 'location' || (event.type === 'contact' && !kindOf(stepAt(turn.ctx.flows, session.position!)!.kind).acceptsContact)) {
    // No flow reads a position or a phone yet: say so plainly, keep nothing, and ask the question again.
    say(turn, event.type === 'location' ? 'engine.location_unused' : 'engine.contact_unused');
    return reenter(turn);
  }
  if (event.type !== 'attachment') return next();
  if (event.kind === 'voice' || event.kind === 'audio')
    return interrupt(turn, declared(entryPoints(turn).commands['person'], 'entry_points.commands.person', 'the "person" command'), 'voice');
  say(turn, 'engine.attachment_unsupported');
  return reenter(turn);
};
