// Coded errors of the welfare HTTP client; messages name endpoints and field paths, never personal data.
import { SportelloError } from '../errors.js';

/** `METHOD /v1/path/{template}`: never a concrete URL, which may carry a fiscal code. */
export type Endpoint = string;

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export class BackendNotFoundError extends SportelloError {
  readonly code = 'backend_not_found';
  override readonly name = 'BackendNotFoundError';
  constructor(
    readonly endpoint: Endpoint,
    readonly problemType?: string,
  ) {
    super(`${endpoint}: not found`);
  }
}

/**
 * 409: `problemType` tells a full slot (ProblemType.slotFull) from a reused key (ProblemType.idempotencyConflict),
 * and a refused welfare payment: ProblemType.insufficientCredit, notCoveredByPlan, accountExpired.
 */
export class BackendConflictError extends SportelloError {
  readonly code = 'backend_conflict';
  override readonly name = 'BackendConflictError';
  constructor(
    readonly endpoint: Endpoint,
    readonly problemType: string | undefined,
    /** With ProblemType.voucherPending: the code of the application already pending. */
    readonly pendingReference?: string,
  ) {
    super(`${endpoint}: conflict (${problemType ?? 'no problem type'})`);
  }
}

/** 400/422 and other 4xx; `fieldErrors` messages come from the backend, so they stay out of `message`. */
export class BackendRejectedError extends SportelloError {
  readonly code = 'backend_rejected';
  override readonly name = 'BackendRejectedError';
  constructor(
    readonly endpoint: Endpoint,
    readonly status: number,
    readonly problemType: string | undefined,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    const at = fieldErrors.length > 0 ? ` at ${fieldErrors.map((e) => e.path).join(', ')}` : '';
    super(`${endpoint}: rejected with ${status} (${problemType ?? 'no problem type'})${at}`);
  }
}

export type UnavailableReason = 'network' | 'timeout' | 'status' | 'circuit_open';

export class BackendUnavailableError extends SportelloError {
  readonly code = 'backend_unavailable';
  override readonly name = 'BackendUnavailableError';
  readonly endpoint: Endpoint;
  readonly reason: UnavailableReason;
  readonly status: number | undefined;
  constructor(init: { endpoint: Endpoint; reason: UnavailableReason; status?: number }, options?: ErrorOptions) {
    super(`${init.endpoint}: backend unavailable (${init.status ?? init.reason.replace('_', ' ')})`, options);
    this.endpoint = init.endpoint;
    this.reason = init.reason;
    this.status = init.status;
  }
}

/** A response outside the contract; `paths` are the failing fields, the values are never shown. */
export class BackendContractError extends SportelloError {
  readonly code = 'backend_contract';
  override readonly name = 'BackendContractError';
  constructor(
    readonly endpoint: Endpoint,
    readonly paths: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`${endpoint}: response breaks the contract at ${paths.join(', ')}`, options);
  }
}

export type BackendError = BackendNotFoundError | BackendConflictError | BackendRejectedError | BackendUnavailableError | BackendContractError;
export type BackendErrorCode = BackendError['code'];

export function isBackendError(err: unknown): err is BackendError {
  return (
    err instanceof BackendNotFoundError ||
    err instanceof BackendConflictError ||
    err instanceof BackendRejectedError ||
    err instanceof BackendUnavailableError ||
    err instanceof BackendContractError
  );
}
