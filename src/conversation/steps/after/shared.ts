// What the after-booking and voucher kinds share: which of its questions a step asked last; no I/O.
import type { StepTurn } from '../../step-kind.js';

/** The scratch key naming what the step asked last, so `onEvent` knows how to read the answer. */
const ASKING = 'asking';

export function asking(turn: StepTurn): string | undefined {
  const value = turn.session.scratch[ASKING];
  return typeof value === 'string' ? value : undefined;
}

export function setAsking(turn: StepTurn, what: string): void {
  turn.session.scratch[ASKING] = what;
}
