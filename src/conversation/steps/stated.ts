// Answers said in passing in the resident's own words: kept as answers by the search, acknowledged when they spare a question.
import { statedChildAge } from '../stated-answers.js';
import type { StepTurn } from '../step-kind.js';

/** `data.vars` key: the child's age taken from the resident's words, until the question it answers is reached. */
const STATED_CHILD_AGE = 'stated_child_age';

/** A child's age said in the resident's own words ("mio figlio di 9 anni") becomes that question's answer: not asked again. */
export function keepStatedAnswers(turn: StepTurn, said: string): void {
  const key = turn.ctx.flows.entryPoints?.childAgeAnswer;
  const age = key === undefined ? undefined : statedChildAge(said, turn.ctx.translator.lexicon);
  if (key === undefined || age === undefined) return;
  turn.session.data.answers[key] = age;
  turn.session.data.vars[STATED_CHILD_AGE] = age;
}

/**
 * Once, when the service judges the child's age taken from the resident's words: says which age is used, so a misreading
 * shows (and "indietro" or a new search corrects it).
 */
export function statedNote(turn: StepTurn, judged: string[]): string | undefined {
  const key = turn.ctx.flows.entryPoints?.childAgeAnswer;
  const { vars, answers } = turn.session.data;
  const age = vars[STATED_CHILD_AGE];
  if (key === undefined || typeof age !== 'number' || !judged.includes(key)) return undefined;
  delete vars[STATED_CHILD_AGE];
  return answers[key] === age ? turn.t('eligibility.stated_child_age', { age }) : undefined;
}

export const STATED_TEXTS = ['eligibility.stated_child_age'] as const;
