// The embedded scheduler: jobs in this process's memory with the Redis scheduler's semantics; one process only, lost on restart.
import { checkClaim, checkPrefix, checkTime, jobJson, parsePayload, type Job, type JobScheduler } from './scheduler.js';

interface Entry {
  kind: string;
  payload: string;
  dueAt: number;
  attempts: number;
  /** Set while claimed: when the lease ends (the claimer's clock). */
  leasedUntil?: number;
}

export function createMemoryScheduler(): JobScheduler {
  const jobs = new Map<string, Entry>();

  const toJob = (id: string, e: Entry): Job => ({ id, kind: e.kind, dueAt: e.dueAt, payload: parsePayload(e.payload), attempts: e.attempts });
  // As in Redis: held while still leased with the same attempt, even past its end until another claim takes it back.
  const held = (id: string, attempt: number): Entry | undefined => {
    const e = jobs.get(id);
    return e?.leasedUntil !== undefined && e.attempts === attempt ? e : undefined;
  };

  return {
    async schedule(job) {
      const payload = jobJson(job);
      // attempts never go back while the id is kept: a holder that lost the job cannot match a later claim's number.
      const attempts = jobs.get(job.id)?.attempts ?? 0;
      jobs.set(job.id, { kind: job.kind, payload, dueAt: job.dueAt, attempts });
    },
    async cancel(id) {
      return jobs.delete(id);
    },
    async cancelPrefix(prefix) {
      checkPrefix(prefix);
      let removed = 0;
      for (const id of [...jobs.keys()]) if (id.startsWith(prefix) && jobs.delete(id)) removed++;
      return removed;
    },
    async get(id) {
      const e = jobs.get(id);
      return e && toJob(id, e);
    },
    async claim(now, limit, leaseMs) {
      checkClaim(now, limit, leaseMs);
      for (const e of jobs.values()) if (e.leasedUntil !== undefined && e.leasedUntil <= now) delete e.leasedUntil;
      const ready = [...jobs].filter(([, e]) => e.leasedUntil === undefined && e.dueAt <= now);
      // Redis's order: by due time, then by id.
      ready.sort(([a, x], [b, y]) => x.dueAt - y.dueAt || (a < b ? -1 : a > b ? 1 : 0));
      return ready.slice(0, limit).map(([id, e]) => {
        e.attempts += 1;
        e.leasedUntil = now + leaseMs;
        return toJob(id, e);
      });
    },
    async complete(id, claimedAttempt) {
      return held(id, claimedAttempt) !== undefined && jobs.delete(id);
    },
    async fail(id, claimedAttempt, retryAt) {
      if (retryAt !== undefined) checkTime(retryAt, `fail ${id}: retryAt`);
      const e = held(id, claimedAttempt);
      if (!e) return false;
      if (retryAt === undefined) return jobs.delete(id);
      delete e.leasedUntil;
      e.dueAt = retryAt;
      return true;
    },
    async counts(now) {
      let due = 0;
      let leased = 0;
      for (const e of jobs.values()) {
        if (e.leasedUntil !== undefined && e.leasedUntil > now) leased++;
        else if (e.leasedUntil !== undefined || e.dueAt <= now) due++;
      }
      return { scheduled: jobs.size, due, leased };
    },
    async close() {},
  };
}
