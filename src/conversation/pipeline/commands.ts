// Global commands: a command event, a `cmd:` button or a typed command word runs the command; menu, back, help and
// stop are the engine's own, every other command opens the flow main.yaml's `entry_points.commands` names.
import type { Lexicon } from '../../i18n/lexicon.js';
import { commandOf } from '../commands.js';
import { CommandName, MAX_TEXT_CHARS, type UserEvent } from '../events.js';
import { stepAt } from '../flow.js';
import { OFFERED_PERSON } from './misunderstandings.js';
import {
  declared,
  end,
  enter,
  entryPoints,
  follow,
  home,
  interrupt,
  kindOf,
  reenter,
  say,
  userEvent,
  type EngineTurn,
  type TurnStage,
} from './walk.js';

export const commands: TurnStage = async (turn, next) => {
  turn.event = asCommand(userEvent(turn), turn.ctx.translator.lexicon);
  if (turn.event.type === 'command') return runCommand(turn, turn.event.name);
  return next();
};

/** The event as a command when it is one; text is cut to what any step reads. */
function asCommand(event: UserEvent, lexicon: Lexicon): UserEvent {
  if (event.type === 'choice' && event.payload.startsWith('cmd:')) {
    // Payloads come back from the platform: never trust one to name a real command.
    const name = CommandName.safeParse(event.payload.slice(4));
    return name.success ? { type: 'command', name: name.data } : { type: 'choice', payload: 'stale' };
  }
  if (event.type === 'text') {
    const text = event.text.slice(0, MAX_TEXT_CHARS);
    const command = commandOf(text, lexicon);
    return command ? { type: 'command', name: command } : { type: 'text', text };
  }
  return event;
}

/** Also run by the answer stage, for a typed label of a command button shown with the question. */
export async function runCommand(turn: EngineTurn, name: CommandName): Promise<void> {
  const { session } = turn;
  switch (name) {
    case 'menu':
      return home(turn, false);
    case 'back': {
      const here = session.position && stepAt(turn.ctx.flows, session.position);
      const within = here ? await kindOf(here.kind).back?.(here.config, turn) : undefined;
      if (within) return follow(turn, within, 0);
      const previous = session.history.pop();
      if (!previous) return home(turn, false);
      return enter(turn, previous, 0);
    }
    case 'help': {
      const step = session.position && stepAt(turn.ctx.flows, session.position);
      say(turn, step?.help ?? (step ? `help.${step.kind}` : 'help.generic'), {}, 'help.generic');
      return session.position ? reenter(turn) : home(turn, false);
    }
    case 'stop':
      end(turn);
      return;
    default: {
      const target = declared(entryPoints(turn).commands[name], `entry_points.commands.${name}`, `the "${name}" command`);
      // Pressing the offer made after two misunderstandings tells staff why the resident needs them.
      return interrupt(turn, target, name === 'person' ? (session.scratch[OFFERED_PERSON] ? 'misunderstood' : 'asked') : undefined);
    }
  }
}
