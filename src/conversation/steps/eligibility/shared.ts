// What both eligibility kinds share: the service being checked and the backend check, dropping answers it refuses.
import type { Answers, EligibilityResult } from '../../../welfare/contract.js';
import { BackendRejectedError } from '../../../welfare/errors.js';
import type { StepTurn } from '../../step-kind.js';

/** `data.vars` key remembering that the resident chose not to answer a price criterion: it is not asked again, unless they ask. */
export const skipVar = (criterionId: string): string => `eligibility_skipped_${criterionId}`;

/** The `skipVar` value of a price criterion whose consent was refused; a skipped question stores `true`. */
export const CONSENT_REFUSED = 'consent_refused';

/** Why a price criterion is not asked: its question was skipped, or its consent refused (then it is not offered again). */
export function notAsked(turn: StepTurn, criterionId: string): 'skipped' | 'refused' | undefined {
  const value = turn.session.data.vars[skipVar(criterionId)];
  return value === CONSENT_REFUSED ? 'refused' : value === true ? 'skipped' : undefined;
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
