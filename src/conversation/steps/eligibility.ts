// The eligibility step kinds: ask the questions the backend says are missing, then show its verdict.
import { ask_eligibility } from './eligibility/ask.js';
import { eligibility_outcome } from './eligibility/outcome.js';

export const eligibilityKinds = { ask_eligibility, eligibility_outcome };
