// What every step kind shares: config atoms, catalogue text, short labels, global buttons, and the honest "backend down" offer.
import { z } from 'zod';
import { formatDateSpoken, formatDateTime } from '../../i18n/format.js';
import type { LocalizedText, ServiceSummary } from '../../welfare/contract.js';
import { BackendUnavailableError } from '../../welfare/errors.js';
import type { TurnEvent } from '../events.js';
import { text, type BotMessage, type Choice } from '../messages.js';
import { FlowError } from '../flow.js';
import { askChoice, misunderstood, readChoice, wait, type StepOutcome, type StepTurn } from '../step-kind.js';
import type { Lexicon } from '../../i18n/lexicon.js';
import type { Register } from '../../i18n/translator.js';
import { registerOf } from '../simple-mode.js';

export const Key = z.string().min(1);
export const Target = z.string().min(1);

export { text } from '../messages.js';

/** The service an earlier step chose; a flow that reaches `kind` without one is wrong, not the resident. */
export function chosenService(turn: StepTurn, kind: string): string {
  const id = turn.session.data.serviceId;
  if (!id) throw new FlowError(`${kind}: no service chosen (data.serviceId) before this step`);
  return id;
}

/** A date and time as the resident reads best: spoken ("martedì 3 marzo alle 10") in simple mode. */
export function whenText(turn: StepTurn, iso: string): string {
  return turn.profile.simpleMode
    ? formatDateSpoken(iso, turn.session.lang, turn.ctx.translator.lexicon)
    : formatDateTime(iso, turn.session.lang, turn.ctx.translator.lexicon);
}

/**
 * Said after catalogue text the backend has not translated into the resident's language (it is shown in Italian, the
 * language every text exists in): the resident knows why, and that it is the original.
 */
export function untranslatedNote(turn: StepTurn, ...values: LocalizedText[]): string | undefined {
  const lang = turn.session.lang;
  return lang !== 'it' && values.some((v) => v[lang] === undefined) ? turn.t('common.in_italian') : undefined;
}

/** Backend text in the resident's language, or in Italian followed by the note that it is the original. */
export function localizedWithNote(turn: StepTurn, value: LocalizedText): string {
  const note = untranslatedNote(turn, value);
  const shown = localizedFor(turn, value);
  return note ? `${shown} ${note}` : shown;
}

/**
 * Catalogue text in the resident's language, else in Italian (always present); in the polite register, its polite
 * variant in that language where the backend gives one (the usual wording is the same in both registers otherwise).
 */
export function localized(value: LocalizedText, lang: string, { register }: Register = {}): string {
  const shownIn = value[lang] !== undefined ? lang : 'it';
  return (register === 'polite' ? value.polite?.[shownIn] : undefined) ?? value[shownIn] ?? value.it;
}

/** Catalogue text as this resident reads it: in their language and in the register of their mode. */
export function localizedFor(turn: StepTurn, value: LocalizedText): string {
  return localized(value, turn.session.lang, registerOf(turn.profile));
}

/** The declared answer (main.yaml `answers.residence`) that says where the resident lives, if given in this conversation. */
export function residenceAnswer(turn: StepTurn): string | undefined {
  const key = turn.ctx.flows.entryPoints?.residenceAnswer;
  const answer = key === undefined ? undefined : turn.session.data.answers[key];
  return typeof answer === 'string' ? answer : undefined;
}

/** Where the resident lives: this conversation's answer, else the municipality their profile remembers. */
export function residenceOf(turn: StepTurn): string | undefined {
  return residenceAnswer(turn) ?? turn.profile.municipality;
}

export const MAX_LABEL = 40;

/**
 * A service's menu label: its short name where the catalogue gives one (long names are what a button would cut),
 * in the language its name is shown in. A backend without short names gets its names cut between words.
 */
export function serviceLabel(service: Pick<ServiceSummary, 'name' | 'shortName'>, lang: string, lexicon: Lexicon): string {
  const shownIn = service.name[lang] !== undefined ? lang : 'it';
  return shortLabel(service.shortName?.[shownIn] ?? localized(service.name, shownIn), lexicon);
}

/** A button label of at most 40 characters, cut between words; callers keep the full text as a synonym for typed answers. */
// A label cut after a dangling word (word data: "da", "of") reads as unfinished: "Sostegno alle famiglie con bambini da…".
export function shortLabel(name: string, lexicon: Lexicon, max = MAX_LABEL): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  const words = clean.slice(0, max - 1).split(' ');
  if (words.length > 1) words.pop(); // the last word may be cut in half
  while (words.length > 1 && lexicon.dangling.has(words.at(-1)!.toLowerCase())) words.pop();
  return `${words.join(' ').replace(/[\s,;:.(–-]+$/u, '')}…`;
}

/** Buttons the engine understands from any step (payload `cmd:…`), so a kind need not route them. */
export type GlobalButton = 'menu' | 'person';
const GLOBAL_LABEL: Record<GlobalButton, string> = { menu: 'common.menu', person: 'engine.talk_to_person' };
export const GLOBAL_TEXTS = ['common.menu', 'engine.talk_to_person'] as const;

const globalChoice = (turn: StepTurn, button: GlobalButton): Choice => ({ payload: `cmd:${button}`, label: turn.t(GLOBAL_LABEL[button]) });

/** A question with the step's own options followed by global buttons. */
export function askWithGlobals(turn: StepTurn, question: string, options: Parameters<typeof askChoice>[2], globals: GlobalButton[]): BotMessage {
  const message = askChoice(turn, question, options);
  return message.type === 'choices' ? { ...message, choices: [...message.choices, ...globals.map((g) => globalChoice(turn, g))] } : message;
}

const DOWN = 'backendDown';
const RETRY = 'retry';
export const DOWN_TEXTS = ['errors.backend_unavailable', 'common.retry', 'engine.not_understood', ...GLOBAL_TEXTS] as const;

/**
 * Says honestly that the backend does not answer (by default: nothing is lost) and offers
 * try again, the main menu, a person. `say` replaces the default text, e.g. "the booking may have gone through".
 */
export function backendDown(turn: StepTurn, say?: string): StepOutcome {
  const message = say ?? turn.t('errors.backend_unavailable');
  turn.session.scratch[DOWN] = message;
  return wait(askWithGlobals(turn, message, [{ id: RETRY, label: turn.t('common.retry') }], ['menu', 'person']));
}

/** Runs a step's work; a backend outage becomes the honest offer, any other error goes on to the turn boundary. */
export async function guarded(turn: StepTurn, work: () => Promise<StepOutcome>, say?: () => string): Promise<StepOutcome> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BackendUnavailableError) return backendDown(turn, say?.());
    throw err;
  }
}

/**
 * While the "backend down" offer is showing: "try again" runs `retry` (itself guarded), anything else shows the offer again.
 * Returns undefined when the offer is not showing, so the step reads the answer itself.
 */
export async function answerWhileDown(event: TurnEvent, turn: StepTurn, retry: () => Promise<StepOutcome>): Promise<StepOutcome | undefined> {
  const shown = turn.session.scratch[DOWN];
  if (typeof shown !== 'string') return undefined;
  const read = readChoice(event, turn);
  if (read.kind === 'chosen' && read.id === RETRY) {
    delete turn.session.scratch[DOWN];
    return retry();
  }
  return misunderstood(text(turn.t('engine.not_understood')), ...backendDown(turn, shown).messages);
}
