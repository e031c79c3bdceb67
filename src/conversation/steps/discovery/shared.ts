// What the discovery kinds share: config atoms, short labels, the honest "the backend is down" answer; no I/O of its own.
import { z } from 'zod';
import { BackendUnavailableError } from '../../../welfare/errors.js';
import type { UserEvent } from '../../events.js';
import type { Choice } from '../../messages.js';
import { askChoice, misunderstood, readChoice, wait, type StepOutcome, type StepTurn } from '../../step-kind.js';

export const Key = z.string().min(1);
export const Target = z.string().min(1);

const MAX_LABEL = 40;
// A label cut after one of these reads as unfinished: "Sostegno alle famiglie con bambini da…".
const DANGLING = new Set(['a', 'al', 'alla', 'alle', 'con', 'da', 'dal', 'de', 'dei', 'del', 'della', 'delle', 'di', 'e', 'in', 'o',
  'per', 'su', 'tra', 'and', 'for', 'of', 'or', 'the', 'to', 'with']);

/** A button label of at most 40 characters, cut between words; the full name stays a synonym for typed answers. */
export function shortLabel(name: string): string {
  const clean = name.trim().replace(/\s+/g, ' ');
  if (clean.length <= MAX_LABEL) return clean;
  const words = clean.slice(0, MAX_LABEL - 1).split(' ');
  if (words.length > 1) words.pop(); // the last word may be cut in half
  while (words.length > 1 && DANGLING.has(words.at(-1)!.toLowerCase())) words.pop();
  return `${words.join(' ').replace(/[\s,;:.–-]+$/, '')}…`;
}

const DOWN = 'down';
const RETRY = '_retry';

export const DOWN_TEXTS = ['errors.backend_unavailable', 'common.retry', 'common.menu', 'engine.talk_to_person'] as const;

/** Says honestly that the backend does not answer, and offers: try again, the menu, a person. */
export function backendDown(turn: StepTurn): StepOutcome {
  turn.session.scratch = { [DOWN]: true };
  const text = turn.t('errors.backend_unavailable');
  const asked = askChoice(turn, text, [{ id: RETRY, label: turn.t('common.retry') }]);
  const retry: Choice[] = asked.type === 'choices' ? asked.choices : [];
  return wait({
    type: 'choices',
    text,
    choices: [
      ...retry,
      { payload: 'cmd:menu', label: turn.t('common.menu') },
      { payload: 'cmd:person', label: turn.t('engine.talk_to_person') },
    ],
  });
}

/** Runs a step's work; a backend outage becomes the honest answer, any other error goes on to the turn boundary. */
export async function guarded(turn: StepTurn, work: () => Promise<StepOutcome>): Promise<StepOutcome> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BackendUnavailableError) return backendDown(turn);
    throw err;
  }
}

/**
 * While the "backend is down" question is showing: "try again" enters the step afresh, anything else asks again.
 * Returns undefined when that question is not showing.
 */
export async function answerWhileDown(
  event: UserEvent,
  turn: StepTurn,
  enter: () => Promise<StepOutcome>,
): Promise<StepOutcome | undefined> {
  if (turn.session.scratch[DOWN] !== true) return undefined;
  const read = readChoice(event, turn);
  if (read.kind === 'chosen' && read.id === RETRY) {
    turn.session.scratch = {};
    return enter();
  }
  return misunderstood(...backendDown(turn).messages);
}
