// The contract between the engine and a step kind, and the helpers every kind uses to ask and read answers.
import type { z } from 'zod';
import type { MessageParams } from '../i18n/translator.js';
import { matchChoice, matchYesNo } from './choice-match.js';
import { westernDigits } from './number-words.js';
import type { Effect, TurnContext } from './context.js';
import type { TurnEvent } from './events.js';
import type { BotMessage, Choice } from './messages.js';
import type { Session } from './session.js';
import type { Profile } from './profile.js';

/** What a step does with a turn: wait for an answer, move on, or say it did not understand. */
export type StepOutcome =
  { type: 'wait'; messages: BotMessage[] } | { type: 'go'; to: string; messages: BotMessage[] } | { type: 'misunderstood'; messages: BotMessage[] };

export interface StepTurn {
  /** The draft session of this turn: steps change it in place; the engine saves it. */
  session: Session;
  /** The draft profile of the resident (across conversations): steps may change it; the runner saves it. */
  profile: Profile;
  ctx: TurnContext;
  effects: Effect[];
  t(key: string, params?: MessageParams): string;
}

export interface StepKind<C> {
  /** What the YAML may say besides `kind` and `help`. */
  config: z.ZodType<C>;
  /** Every transition the config names, for the loader and the lint. */
  targets(config: C): string[];
  /** Text keys the config names, for the lint. */
  texts(config: C): string[];
  /** Text keys the code itself uses, for the lint. */
  ownTexts: readonly string[];
  enter(config: C, turn: StepTurn): Promise<StepOutcome>;
  onEvent(config: C, event: TurnEvent, turn: StepTurn): Promise<StepOutcome>;
  /**
   * "Back" inside a step that asks several questions: undo its last answer and ask it again.
   * Undefined (or no hook) lets the engine go back to the previous step.
   */
  back?(config: C, turn: StepTurn): Promise<StepOutcome | undefined>;
  /** The step reads a shared contact (a phone number); elsewhere the engine answers that it is not used. */
  acceptsContact?: boolean;
}

export const wait = (...messages: BotMessage[]): StepOutcome => ({ type: 'wait', messages });
export const go = (to: string, ...messages: BotMessage[]): StepOutcome => ({ type: 'go', to, messages });
export const misunderstood = (...messages: BotMessage[]): StepOutcome => ({ type: 'misunderstood', messages });

export interface Option {
  id: string;
  label: string;
  /** Other words that choose it, in any language. */
  synonyms?: string[];
}

const OPTIONS = 'options';

/** Payloads carry the visit number, so a button of an earlier question is recognised as stale. */
export function choicePayload(session: Session, optionId: string): string {
  return `${session.visit}:${optionId}`;
}

/** Asks a question with options, and remembers them so a typed answer can be matched later. */
export function askChoice(turn: StepTurn, question: string, options: Option[]): BotMessage {
  turn.session.scratch[OPTIONS] = options;
  const choices: Choice[] = options.map((o) => ({ payload: choicePayload(turn.session, o.id), label: o.label }));
  return { type: 'choices', text: question, choices };
}

export function currentOptions(turn: StepTurn): Option[] {
  return (turn.session.scratch[OPTIONS] as Option[] | undefined) ?? [];
}

export type Read = { kind: 'chosen'; id: string } | { kind: 'unclear' };

/** Reads a pressed button or a typed answer ("2", "due", the label, a near-typo) against the options asked. */
export function readChoice(event: TurnEvent, turn: StepTurn): Read {
  const options = currentOptions(turn);
  if (event.type === 'choice') {
    return options.some((o) => o.id === event.payload) ? { kind: 'chosen', id: event.payload } : { kind: 'unclear' };
  }
  if (event.type !== 'text') return { kind: 'unclear' };
  const exact = exactChoice(event.text, options);
  if (exact) return { kind: 'chosen', id: exact };
  const yesNo = matchYesNo(event.text, turn.ctx.translator.lexicon);
  if (yesNo && options.some((o) => o.id === yesNo)) return { kind: 'chosen', id: yesNo };
  const match = matchChoice(
    event.text,
    options.map((o) => ({ id: o.id, labels: [o.label, ...(o.synonyms ?? [])] })),
    turn.ctx.translator.lexicon,
    { langs: [turn.session.lang, 'it', 'en'] },
  );
  return match.kind === 'match' ? { kind: 'chosen', id: match.id } : { kind: 'unclear' };
}

/** The common answers, a position ("2") or a label as shown, read without the fuzzy matcher: most turns are one of these. */
function exactChoice(text: string, options: Option[]): string | undefined {
  const typed = westernDigits(text.trim());
  if (/^[1-9]\d?$/.test(typed)) return options[Number(typed) - 1]?.id;
  const lower = typed.toLowerCase();
  return options.find((o) => o.label.toLowerCase() === lower)?.id;
}

export function yesNoOptions(turn: StepTurn): Option[] {
  return [
    { id: 'yes', label: turn.t('common.yes') },
    { id: 'no', label: turn.t('common.no') },
  ];
}

/** Re-asks the options after an answer that matched none of them. */
export function reask(turn: StepTurn, question: string): StepOutcome {
  return misunderstood({ type: 'text', text: turn.t('engine.not_understood') }, askChoice(turn, question, currentOptions(turn)));
}
