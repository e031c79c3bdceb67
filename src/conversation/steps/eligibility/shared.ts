// What both eligibility kinds share: the backend check (dropping answers it refuses), the "backend down" message, catalogue text.
import type { Answers, EligibilityResult, LocalizedText } from '../../../welfare/contract.js';
import { BackendRejectedError, BackendUnavailableError } from '../../../welfare/errors.js';
import type { BotMessage, Choice } from '../../messages.js';
import { askChoice, misunderstood, readChoice, wait, type StepOutcome, type StepTurn } from '../../step-kind.js';
import type { UserEvent } from '../../events.js';

/** Catalogue text in the resident's language, else in Italian (always present). */
export function localized(text: LocalizedText, lang: string): string {
  return text[lang] ?? text.it;
}

export const text = (value: string): BotMessage => ({ type: 'text', text: value });

/** Buttons are short; the full text stays a synonym, so typing it still chooses. */
export function shortLabel(label: string, max = 40): string {
  if (label.length <= max) return label;
  const cut = label.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  // Cut between words when that keeps most of the label: "Home support for pupils with special…".
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/u, '')}…`;
}

export function serviceIdOf(turn: StepTurn): string {
  const id = turn.session.data.serviceId;
  // The flow reaches eligibility only after a service is chosen: without one the flow itself is wrong.
  if (!id) throw new Error('eligibility step entered without data.serviceId');
  return id;
}

const ANSWER_PATH = /^answers\.([a-z0-9_-]+)$/;

export interface Checked {
  result: EligibilityResult;
  /** Answers the backend refused (422) and that were removed, to be asked again. */
  dropped: string[];
}

/**
 * Asks the backend with the answers given so far. A 422 naming answers (an answer kept from another service,
 * a bound the backend knows better) removes them and asks once more, so they are simply asked again.
 */
export async function checkAnswers(turn: StepTurn, serviceId: string): Promise<Checked> {
  const { data } = turn.session;
  try {
    return { result: await turn.ctx.welfare.checkEligibility(serviceId, data.answers), dropped: [] };
  } catch (err) {
    if (!(err instanceof BackendRejectedError) || err.status !== 422) throw err;
    const dropped = err.fieldErrors.flatMap((e) => ANSWER_PATH.exec(e.path)?.[1] ?? []).filter((id) => id in data.answers);
    if (dropped.length === 0) throw err;
    const kept: Answers = { ...data.answers };
    for (const id of dropped) delete kept[id];
    data.answers = kept;
    return { result: await turn.ctx.welfare.checkEligibility(serviceId, kept), dropped };
  }
}

const RETRY = 'retry';
export const DOWN = 'backend_down';

export const DOWN_TEXTS = ['errors.backend_unavailable', 'common.retry', 'common.menu', 'engine.talk_to_person'] as const;

function downMessage(turn: StepTurn): BotMessage {
  const asked = askChoice(turn, turn.t('errors.backend_unavailable'), [{ id: RETRY, label: turn.t('common.retry') }]);
  const global: Choice[] = [
    { payload: 'cmd:menu', label: turn.t('common.menu') },
    { payload: 'cmd:person', label: turn.t('engine.talk_to_person') },
  ];
  return asked.type === 'choices' ? { ...asked, choices: [...asked.choices, ...global] } : asked;
}

/** Runs `work`; if the backend is down, says so honestly and offers retry, menu and a person. Nothing is lost. */
export async function unlessDown(turn: StepTurn, work: () => Promise<StepOutcome>): Promise<StepOutcome> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof BackendUnavailableError)) throw err;
    turn.session.scratch[DOWN] = true;
    return wait(downMessage(turn));
  }
}

/** True while the "backend down" message is the question on screen. */
export const isDown = (turn: StepTurn): boolean => turn.session.scratch[DOWN] === true;

/** Reads the answer to the "backend down" message: `retry` runs the step again, anything else shows it again. */
export async function onDown(event: UserEvent, turn: StepTurn, retry: () => Promise<StepOutcome>): Promise<StepOutcome> {
  const read = readChoice(event, turn);
  if (read.kind === 'chosen' && read.id === RETRY) {
    delete turn.session.scratch[DOWN];
    return unlessDown(turn, retry);
  }
  return misunderstood(text(turn.t('engine.not_understood')), downMessage(turn));
}
