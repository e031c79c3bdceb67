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
