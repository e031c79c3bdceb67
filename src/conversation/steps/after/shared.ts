// What the after-booking and voucher kinds share: the "backend is not answering" prompt and small readers; no I/O.
import type { LocalizedText } from '../../../welfare/contract.js';
import type { UserEvent } from '../../events.js';
import type { BotMessage, Choice } from '../../messages.js';
import { askChoice, misunderstood, readChoice, type StepOutcome, type StepTurn } from '../../step-kind.js';

/** The scratch key naming what the step asked last, so `onEvent` knows how to read the answer. */
export const ASKING = 'asking';
const TROUBLE_TEXT = 'troubleText';

export function asking(turn: StepTurn): string | undefined {
  const value = turn.session.scratch[ASKING];
  return typeof value === 'string' ? value : undefined;
}

export function setAsking(turn: StepTurn, what: string): void {
  turn.session.scratch[ASKING] = what;
}

/** Buttons the engine understands wherever the resident is: home and a person. */
export function globalChoices(turn: StepTurn): Choice[] {
  return [
    { payload: 'cmd:menu', label: turn.t('common.menu') },
    { payload: 'cmd:person', label: turn.t('engine.talk_to_person') },
  ];
}

export const troubleTexts = ['common.retry', 'common.menu', 'engine.talk_to_person', 'engine.not_understood', 'errors.backend_unavailable'] as const;

/**
 * The backend did not answer: say so (the text says nothing was lost) and offer to try again,
 * the main menu or a person. Only "try again" is a step option; the other two are global commands.
 */
export function troublePrompt(turn: StepTurn, textKey: string): BotMessage {
  turn.session.scratch[TROUBLE_TEXT] = textKey;
  const message = askChoice(turn, turn.t(textKey), [{ id: 'retry', label: turn.t('common.retry') }]);
  setAsking(turn, 'trouble');
  return message.type === 'choices' ? { ...message, choices: [...message.choices, ...globalChoices(turn)] } : message;
}

/** Reads the answer to `troublePrompt`: "try again" re-enters the step from what `session.data` holds. */
export async function onTrouble(event: UserEvent, turn: StepTurn, retry: () => Promise<StepOutcome>): Promise<StepOutcome> {
  const textKey = String(turn.session.scratch[TROUBLE_TEXT] ?? 'errors.backend_unavailable');
  if (readChoice(event, turn).kind === 'chosen') {
    turn.session.scratch = {};
    return retry();
  }
  return misunderstood({ type: 'text', text: turn.t('engine.not_understood') }, troublePrompt(turn, textKey));
}

/** The backend's text in the resident's language, else in Italian (always present). */
export function localized(text: LocalizedText, lang: string): string {
  return text[lang] ?? text.it;
}

/** Button labels stay short on every channel. */
export function shortLabel(label: string, max = 40): string {
  return label.length <= max ? label : `${label.slice(0, max - 1).trimEnd()}…`;
}
