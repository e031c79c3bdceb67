// The few coded error classes Sportello throws; expected outcomes are data, not errors.

export abstract class SportelloError extends Error {
  abstract readonly code: string;
}

/** Normalises anything thrown into a stable string code for logs and metrics. */
export function codeOf(err: unknown): string {
  if (err instanceof SportelloError) return err.code;
  if (err instanceof Error && err.name === 'AbortError') return 'aborted';
  return 'internal';
}

/** A data file an operator edits (catalogue, office hours) with mistakes: all of them at once, each naming file and path. */
export abstract class DataFileError extends SportelloError {
  constructor(
    readonly problems: string[],
    what: string,
  ) {
    super(`${what} ${problems.length === 1 ? 'has 1 problem' : `has ${problems.length} problems`}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The platform says the person cannot be written to any more (blocked the bot, left the team): do not retry. */
export class UnreachableError extends SportelloError {
  readonly code: string = 'recipient_unreachable';
  override readonly name: string = 'UnreachableError';
}

/** A message the platform did not take, for now (rate limits exhausted, a network error): worth trying again later. */
export class NotDeliveredError extends SportelloError {
  readonly code = 'not_delivered';
  override readonly name = 'NotDeliveredError';
}

/** A part the assistant needs at start (a platform's API, a token) did not answer as it should: one clear line, exit 1. */
export class StartupError extends SportelloError {
  readonly code = 'startup_failed';
  override readonly name = 'StartupError';
}
