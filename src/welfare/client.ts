// WelfarePort over HTTP: every body parsed with the contract; retries only safe replays; a breaker for outages.
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import type { z } from 'zod';
import {
  API_PREFIX,
  Booking,
  BookingList,
  CategoryList,
  EligibilityResult,
  Feedback,
  MunicipalityList,
  Problem,
  Service,
  ServiceList,
  SlotList,
  VoucherApplication,
  VoucherChangeFeed,
  WelfareAccount,
  WelfareAccountList,
} from './contract.js';
import {
  BackendConflictError,
  BackendContractError,
  BackendNotFoundError,
  BackendRejectedError,
  BackendUnavailableError,
  isBackendError,
  type BackendErrorCode,
} from './errors.js';
import type { WelfarePort } from './port.js';

type BreakerState = 'closed' | 'open' | 'half-open';

export interface CallInfo {
  endpoint: string;
  ms: number;
  outcome: 'ok' | BackendErrorCode | 'internal';
}

export interface WelfareClientOptions {
  baseUrl: string;
  /** Per attempt. */
  timeoutMs?: number;
  /** Attempts in all, the first included. */
  maxAttempts?: number;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** Consecutive failed attempts (network, timeout, 5xx) that open the circuit. */
  breakerThreshold?: number;
  halfOpenAfterMs?: number;
  fetch?: typeof fetch;
  /** Sent as "Authorization: Bearer <token>" (WELFARE_BACKEND_TOKEN); unset: no header. */
  token?: string;
  onCall?: (info: CallInfo) => void;
}

export type WelfareClient = WelfarePort & { readonly breakerState: BreakerState };

type Replay = 'read' | 'write' | 'never';

interface Call<T> {
  method: 'GET' | 'POST';
  /** Path template after /v1, e.g. `/services/{id}`: it names the endpoint in errors and metrics. */
  path: string;
  params?: Record<string, string>;
  query?: Record<string, unknown>;
  body?: unknown;
  idempotencyKey?: string;
  /** POSTs are replayed only when the backend treats a repeat as the same request. */
  idempotent?: boolean;
  schema: z.ZodType<T>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

// Timeouts come out of cockatiel as TaskCancelledError; everything else transient is already typed.
function isOutage(err: Error): boolean {
  return err instanceof TaskCancelledError || err instanceof BackendUnavailableError;
}

function isTransient(err: Error, replay: Replay): boolean {
  if (err instanceof TaskCancelledError) return true;
  if (!(err instanceof BackendUnavailableError)) return false;
  if (err.reason === 'network') return true;
  const status = err.status ?? 0;
  // a 500 on a write may have half-happened: only reads are replayed after it
  return RETRYABLE_STATUS.has(status) || (replay === 'read' && status === 500);
}

export function createWelfareClient(options: WelfareClientOptions): WelfareClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 3000;
  const maxAttempts = options.maxAttempts ?? 3;
  const backoff = new ExponentialBackoff({
    initialDelay: options.backoffInitialMs ?? 100,
    maxDelay: options.backoffMaxMs ?? 1000,
  });

  // Retry wraps the breaker, so each attempt counts and an opened circuit stops the remaining attempts.
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: options.halfOpenAfterMs ?? 10_000,
    breaker: new ConsecutiveBreaker(options.breakerThreshold ?? 5),
  });
  const perAttempt = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const retrying = (replay: Replay) => {
    const retries = maxAttempts - 1; // cockatiel's maxAttempts counts retries, not attempts
    return wrap(
      retry(
        handleWhen((err) => isTransient(err, replay)),
        { maxAttempts: retries, backoff },
      ),
      breaker,
      perAttempt,
    );
  };
  const policies: Record<Replay, IPolicy> = {
    read: retrying('read'),
    write: retrying('write'),
    never: wrap(breaker, perAttempt),
  };

  async function attempt<T>(call: Call<T>, endpoint: string, signal: AbortSignal): Promise<T> {
    const path = call.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(call.params?.[name] ?? ''));
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (call.idempotencyKey !== undefined) headers['idempotency-key'] = call.idempotencyKey;
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${baseUrl}${API_PREFIX}${path}${queryString(call.query)}`, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal,
      });
      text = await res.text();
    } catch (cause) {
      if (signal.aborted) throw cause; // the timeout policy owns this one
      throw new BackendUnavailableError({ endpoint, reason: 'network' }, { cause });
    }
    if (res.ok) return parseBody(call.schema, text, endpoint);
    throw statusError(endpoint, res.status, text);
  }

  async function request<T>(call: Call<T>): Promise<T> {
    const endpoint = `${call.method} ${API_PREFIX}${call.path}`;
    const replay: Replay = call.method === 'GET' ? 'read' : call.idempotencyKey !== undefined || call.idempotent ? 'write' : 'never';
    const started = performance.now();
    let outcome: CallInfo['outcome'] = 'internal';
    try {
      // A signal of its own per call: cockatiel's shared default collects a listener per concurrent call.
      const value = await policies[replay].execute(({ signal }) => attempt(call, endpoint, signal), new AbortController().signal);
      outcome = 'ok';
      return value;
    } catch (err) {
      const typed = toTyped(err, endpoint);
      if (isBackendError(typed)) outcome = typed.code;
      throw typed;
    } finally {
      options.onCall?.({ endpoint, ms: performance.now() - started, outcome });
    }
  }

  return {
    get breakerState(): BreakerState {
      if (breaker.state === CircuitState.Closed) return 'closed';
      return breaker.state === CircuitState.HalfOpen ? 'half-open' : 'open';
    },
    listMunicipalities: async () => (await request({ method: 'GET', path: '/municipalities', schema: MunicipalityList })).items,
    listCategories: async () => (await request({ method: 'GET', path: '/categories', schema: CategoryList })).items,
    searchServices: (query) => request({ method: 'GET', path: '/services', query, schema: ServiceList }),
    getService: (id) => request({ method: 'GET', path: '/services/{id}', params: { id }, schema: Service }),
    checkEligibility: (id, answers) =>
      // a pure computation on the backend: safe to replay
      request({
        method: 'POST',
        path: '/services/{id}/eligibility',
        params: { id },
        body: { answers },
        idempotent: true,
        schema: EligibilityResult,
      }),
    listSlots: async (id, query) => (await request({ method: 'GET', path: '/services/{id}/slots', params: { id }, query, schema: SlotList })).items,
    createBooking: (body, idempotencyKey) => request({ method: 'POST', path: '/bookings', body, idempotencyKey, schema: Booking }),
    listBookings: async (ownerKey) => (await request({ method: 'GET', path: '/bookings', query: { ownerKey }, schema: BookingList })).items,
    findBooking: (reference, fiscalCode) => request({ method: 'GET', path: '/bookings/lookup', query: { reference, fiscalCode }, schema: Booking }),
    cancelBooking: (id) => request({ method: 'POST', path: '/bookings/{id}/cancel', params: { id }, idempotent: true, schema: Booking }),
    applyForVouchers: (body, idempotencyKey) =>
      request({ method: 'POST', path: '/voucher-applications', body, idempotencyKey, schema: VoucherApplication }),
    getVoucherApplication: (id) => request({ method: 'GET', path: '/voucher-applications/{id}', params: { id }, schema: VoucherApplication }),
    findVoucherApplication: (reference, fiscalCode) =>
      request({ method: 'GET', path: '/voucher-applications/lookup', query: { reference, fiscalCode }, schema: VoucherApplication }),
    voucherChanges: (after, limit) =>
      request({ method: 'GET', path: '/voucher-applications/changes', query: { after, limit }, schema: VoucherChangeFeed }),
    giveFeedback: (bookingId, body) =>
      request({ method: 'POST', path: '/bookings/{id}/feedback', params: { id: bookingId }, body, schema: Feedback }),
    getWelfareAccount: (accountId) =>
      request({ method: 'GET', path: '/welfare-accounts/{accountId}', params: { accountId }, schema: WelfareAccount }),
    linkedWelfareAccounts: async (aadObjectId) =>
      (await request({ method: 'GET', path: '/welfare-accounts', query: { aadObjectId }, schema: WelfareAccountList })).items,
  };
}

function queryString(query: Record<string, unknown> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs === '' ? '' : `?${qs}`;
}

function parseBody<T>(schema: z.ZodType<T>, text: string, endpoint: string): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new BackendContractError(endpoint, ['(body is not JSON)'], { cause });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  // path and issue code only: zod messages may echo allowed values, the payload may be personal
  const paths = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} (${i.code})`);
  throw new BackendContractError(endpoint, [...new Set(paths)], { cause: parsed.error });
}

function parseProblem(text: string): Problem | undefined {
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch (err) {
    // a non-JSON error body (proxy page, empty) still maps by status
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

function statusError(endpoint: string, status: number, text: string): Error {
  if (status >= 500) return new BackendUnavailableError({ endpoint, reason: 'status', status });
  const problem = parseProblem(text);
  if (status === 404) return new BackendNotFoundError(endpoint, problem?.type);
  if (status === 409) return new BackendConflictError(endpoint, problem?.type, problem?.pendingReference);
  if (status >= 400) return new BackendRejectedError(endpoint, status, problem?.type, problem?.errors ?? []);
  return new BackendContractError(endpoint, [`(status ${status})`]);
}

function toTyped(err: unknown, endpoint: string): unknown {
  const unavailable = (reason: 'timeout' | 'circuit_open') => new BackendUnavailableError({ endpoint, reason }, { cause: err });
  if (err instanceof TaskCancelledError) return unavailable('timeout');
  if (err instanceof BrokenCircuitError) return unavailable('circuit_open');
  return err;
}
