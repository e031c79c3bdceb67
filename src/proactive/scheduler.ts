// The job scheduler contract: due jobs taken under a lease by any number of replicas, whatever keeps them (memory or Redis).
// It decides nothing about what a job means or how it is sent; kinds and payloads are the caller's.

export interface Job {
  /** The caller's name for it, e.g. "booking:123:reminder": scheduling the same id again replaces the job. */
  id: string;
  kind: string;
  /** Epoch ms. */
  dueAt: number;
  /** Any JSON value; stored as JSON, so the caller never shares objects with the scheduler. */
  payload: unknown;
  /** How many times it was claimed since the id was first scheduled; a claim's number is its lease. */
  attempts: number;
}

export type JobDraft = Pick<Job, 'id' | 'kind' | 'dueAt' | 'payload'>;

interface JobCounts {
  /** Every job kept: waiting, due or in flight. */
  scheduled: number;
  /** Waiting with dueAt ≤ now, plus jobs whose lease ended: what a claim at `now` could take. */
  due: number;
  /** Held under a lease still running at `now`. */
  leased: number;
}

/**
 * Delivery is at least once: a job is handed out again only after its lease ended without `complete` or
 * `fail` (the holder died or was too slow). Exactly once is then the sender's dedupe by job id and attempt.
 */
export interface JobScheduler {
  /**
   * Adds or replaces the job with this id, which then waits for its (new) dueAt. A job in flight is taken
   * back too: its holder's complete and fail are refused, and the new data is delivered when due.
   */
  schedule(job: JobDraft): Promise<void>;
  /** Removes the job, waiting or in flight (a send under way cannot be recalled, but is never retried); true when it existed. */
  cancel(id: string): Promise<boolean>;
  /** Removes every job whose id starts with the (non-empty) prefix, e.g. "booking:123:"; returns how many. */
  cancelPrefix(prefix: string): Promise<number>;
  get(id: string): Promise<Job | undefined>;
  /**
   * Takes up to `limit` jobs with dueAt ≤ now, earliest first, each for `leaseMs` and with attempts + 1.
   * Leases ended by `now` go back to waiting first. `now` is the caller's clock: replicas' clocks must
   * agree to well within a lease.
   */
  claim(now: number, limit: number, leaseMs: number): Promise<Job[]>;
  /**
   * Removes the job for good. False when `claimedAttempt` no longer holds it (another claim took it after
   * the lease, or it was rescheduled or cancelled). A lease that ended but was not yet taken over still holds.
   */
  complete(id: string, claimedAttempt: number): Promise<boolean>;
  /** Waits again until `retryAt` (the next claim is attempt + 1), or drops the job when `retryAt` is undefined; false like `complete`. */
  fail(id: string, claimedAttempt: number, retryAt?: number): Promise<boolean>;
  counts(now: number): Promise<JobCounts>;
  close(): Promise<void>;
}

/** The draft checked, with its payload as stored: a mistake in the caller's code throws here, before anything is written. */
export function jobJson(job: JobDraft): string {
  if (typeof job.id !== 'string' || job.id === '') throw new TypeError('a job needs a non-empty string id');
  if (typeof job.kind !== 'string' || job.kind === '') throw new TypeError(`job ${job.id}: kind must be a non-empty string`);
  checkTime(job.dueAt, `job ${job.id}: dueAt`);
  const json = JSON.stringify(job.payload) as string | undefined;
  if (json === undefined) throw new TypeError(`job ${job.id}: the payload must be a JSON value`);
  return json;
}

export function checkTime(ms: unknown, what: string): asserts ms is number {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new TypeError(`${what} must be a finite number of epoch ms, not ${String(ms)}`);
}

export function checkClaim(now: number, limit: number, leaseMs: number): void {
  checkTime(now, 'claim: now');
  // A zero or negative count would mean "no limit" to ZRANGEBYSCORE … LIMIT.
  if (!Number.isInteger(limit) || limit < 1) throw new TypeError(`claim: limit must be a positive integer, not ${limit}`);
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) throw new TypeError(`claim: leaseMs must be positive, not ${leaseMs}`);
}

export function checkPrefix(prefix: string): void {
  // An empty prefix would cancel every job: most likely an id built from a missing value.
  if (typeof prefix !== 'string' || prefix === '')
    throw new TypeError('cancelPrefix needs a non-empty prefix; cancel jobs one by one to clear them all');
}

/** A payload as stored back to a value; one that is not JSON (written by hand) is handed on as the raw string for the caller's parse to refuse. */
export function parsePayload(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}
