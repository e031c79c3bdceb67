// RFC 9457 problem details for the reference backend: building them and sending them; no business logic.
import type { Response } from 'express';
import type { z } from 'zod';
import { ProblemType, type Problem } from '../src/welfare/contract.js';

const TITLES: Record<ProblemType, string> = {
  [ProblemType.validation]: 'The request is not valid',
  [ProblemType.invalidFiscalCode]: 'The fiscal code is not valid',
  [ProblemType.notFound]: 'Not found',
  [ProblemType.slotFull]: 'The slot is full',
  [ProblemType.slotUnavailable]: 'The slot does not exist or can no longer be booked',
  [ProblemType.idempotencyKeyRequired]: 'An Idempotency-Key header is required',
  [ProblemType.idempotencyConflict]: 'The Idempotency-Key was already used with a different request',
  [ProblemType.notEligible]: 'The person is not eligible for the service',
  [ProblemType.notBookable]: 'The service cannot be booked',
  [ProblemType.alreadyBooked]: 'The person has already booked this slot',
  [ProblemType.invalidTransition]: 'The status change is not allowed',
  [ProblemType.insufficientCredit]: 'The welfare account has not enough credit',
  [ProblemType.notCoveredByPlan]: 'The welfare plan does not cover this service',
  [ProblemType.accountExpired]: 'The welfare account has expired',
  [ProblemType.unknownAccount]: 'There is no such welfare account',
  [ProblemType.feedbackExists]: 'Feedback was already given for this booking',
  [ProblemType.voucherPending]: 'The household already has an application being examined',
  [ProblemType.unauthorized]: 'A valid bearer token is required',
  [ProblemType.internal]: 'Internal error',
};

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export function problem(
  type: ProblemType,
  status: number,
  detail?: string,
  errors?: Problem['errors'],
  extra: Pick<Problem, 'pendingReference'> = {},
): ProblemError {
  return new ProblemError({ type, title: TITLES[type], status, ...(detail ? { detail } : {}), ...(errors?.length ? { errors } : {}), ...extra });
}

function fieldErrors(error: z.ZodError, prefix = ''): NonNullable<Problem['errors']> {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)',
    message: issue.message,
  }));
}

/** Parses `input` with `schema` or throws a 400 problem listing every failing field. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw problem(ProblemType.validation, 400, 'Some fields are missing or have the wrong type.', fieldErrors(parsed.error, prefix));
}

export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type('application/problem+json').send(JSON.stringify(p));
}
