// Jobs in Redis (node-redis), claimed under a lease by any number of processes; every change is one atomic Lua script.
//
// Keys, under the prefix (default `sportello:`), all with the hash tag {jobs}, so each script touches one Cluster slot:
//   {jobs}:due       sorted set: ids waiting, by due time (ms).
//   {jobs}:leased    sorted set: ids claimed, by the end of their lease (ms, the claimer's clock).
//   {jobs}:ids       sorted set, every score 0: every id kept, ordered by name, so cancelPrefix is one ZRANGEBYLEX.
//   {jobs}:job:<id>  hash: kind, payload (JSON), dueAt (ms), attempts (claims since the id was first scheduled).
// An id kept is in exactly one of due and leased. No TTLs: a job stays until completed, dropped or cancelled, across restarts.
// CLAIM and CANCEL_PREFIX build job keys from the ids they find; sharing the hash tag, those keys live in the script's slot.
import { silentLogger, type Logger } from '../log.js';
import { luaScript, openRedis, readyWithin } from '../state/redis-connection.js';
import { checkClaim, checkPrefix, checkTime, jobJson, parsePayload, type Job, type JobScheduler } from './scheduler.js';

export interface RedisSchedulerOptions {
  url: string;
  /** Prefix of every key, so several deployments (or test runs) share one Redis; no braces (it sits before the hash tag). */
  prefix?: string;
  log?: Logger;
}

export interface RedisScheduler extends JobScheduler {
  /** Settles once the connection was attempted (it keeps retrying in the background). */
  ready: Promise<unknown>;
  keys: { due: string; leased: string; ids: string; job: (id: string) => string };
}

/** KEYS[1..3] are always due, leased, ids. */
const REMOVE = `
local function remove(key, id)
  redis.call('ZREM', KEYS[1], id)
  redis.call('ZREM', KEYS[2], id)
  redis.call('DEL', key)
  return redis.call('ZREM', KEYS[3], id)
end
local function holding(key, id, attempt)
  return redis.call('ZSCORE', KEYS[2], id) and tonumber(redis.call('HGET', key, 'attempts')) == tonumber(attempt)
end
`;

/** KEYS: due, leased, ids, job | ARGV: id, kind, payload, dueAt */
const SCHEDULE = `
redis.call('HSET', KEYS[4], 'kind', ARGV[2], 'payload', ARGV[3], 'dueAt', ARGV[4])
-- attempts never go back while the id is kept: a holder that lost the job cannot match a later claim's number.
redis.call('HSETNX', KEYS[4], 'attempts', 0)
-- In flight: taken back, so the new data is what gets delivered (the holder's complete and fail are refused).
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[3], 0, ARGV[1])
return 1
`;

/** KEYS: due, leased, ids, job | ARGV: id → 1 | 0 */
const CANCEL = `${REMOVE}
return remove(KEYS[4], ARGV[1])
`;

/** KEYS: due, leased, ids | ARGV: job key prefix, id prefix → how many */
const CANCEL_PREFIX = `${REMOVE}
local found = redis.call('ZRANGEBYLEX', KEYS[3], '[' .. ARGV[2], '(' .. ARGV[2] .. string.char(255))
for _, id in ipairs(found) do remove(ARGV[1] .. id, id) end
return #found
`;

/** KEYS: due, leased, ids | ARGV: job key prefix, now, limit, lease end → { {id, kind, payload, dueAt, attempts}… } */
const CLAIM = `
local due, leased, ids, jobs = KEYS[1], KEYS[2], KEYS[3], ARGV[1]
-- Ended leases first: a holder that died lets its jobs go, back in their place by due time.
for _, id in ipairs(redis.call('ZRANGEBYSCORE', leased, '-inf', ARGV[2])) do
  redis.call('ZREM', leased, id)
  local dueAt = redis.call('HGET', jobs .. id, 'dueAt')
  if dueAt then redis.call('ZADD', due, dueAt, id) else redis.call('ZREM', ids, id) end
end
local taken = {}
for _, id in ipairs(redis.call('ZRANGEBYSCORE', due, '-inf', ARGV[2], 'LIMIT', 0, ARGV[3])) do
  redis.call('ZREM', due, id)
  local job = redis.call('HMGET', jobs .. id, 'kind', 'payload', 'dueAt')
  if job[1] then
    local attempts = redis.call('HINCRBY', jobs .. id, 'attempts', 1)
    redis.call('ZADD', leased, ARGV[4], id)
    taken[#taken + 1] = { id, job[1], job[2], job[3], attempts }
  else
    redis.call('ZREM', ids, id) -- its hash was deleted by hand: nothing to deliver
  end
end
return taken
`;

/** KEYS: due, leased, ids, job | ARGV: id, attempt → 1 | 0 */
const COMPLETE = `${REMOVE}
if not holding(KEYS[4], ARGV[1], ARGV[2]) then return 0 end
remove(KEYS[4], ARGV[1])
return 1
`;

/** KEYS: due, leased, ids, job | ARGV: id, attempt, retry at ('' drops it) → 1 | 0 */
const FAIL = `${REMOVE}
if not holding(KEYS[4], ARGV[1], ARGV[2]) then return 0 end
if ARGV[3] == '' then
  remove(KEYS[4], ARGV[1])
else
  redis.call('ZREM', KEYS[2], ARGV[1])
  redis.call('HSET', KEYS[4], 'dueAt', ARGV[3])
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
end
return 1
`;

/** KEYS: due, leased, ids | ARGV: now → { scheduled, due, leased } */
const COUNTS = `
local ended = redis.call('ZCOUNT', KEYS[2], '-inf', ARGV[1])
return { redis.call('ZCARD', KEYS[3]), redis.call('ZCOUNT', KEYS[1], '-inf', ARGV[1]) + ended, redis.call('ZCARD', KEYS[2]) - ended }
`;

// Named apart from Redis's own commands: node-redis makes each a method of the client.
const scripts = {
  scheduleJob: luaScript(SCHEDULE),
  cancelJob: luaScript(CANCEL),
  cancelJobPrefix: luaScript(CANCEL_PREFIX),
  claimJobs: luaScript(CLAIM),
  completeJob: luaScript(COMPLETE),
  failJob: luaScript(FAIL),
  countJobs: luaScript(COUNTS),
};
type ScriptName = keyof typeof scripts;

/** Creates the scheduler and waits (up to `waitMs`) for Redis; a Redis still down then is retried in the background. */
export async function connectRedisScheduler(options: RedisSchedulerOptions & { waitMs?: number }): Promise<RedisScheduler> {
  const scheduler = createRedisScheduler(options);
  await readyWithin(scheduler.ready, options.waitMs);
  return scheduler;
}

export function createRedisScheduler(options: RedisSchedulerOptions): RedisScheduler {
  const prefix = options.prefix ?? 'sportello:';
  // A brace in the prefix would become the hash tag instead of {jobs}, and the scripts' keys could span slots.
  if (/[{}]/.test(prefix))
    throw new TypeError(`scheduler prefix "${prefix}" must not contain braces: write e.g. "sportello:" and the keys get {jobs} themselves`);
  const log = options.log ?? silentLogger;
  const jobPrefix = `${prefix}{jobs}:job:`;
  const keys = { due: `${prefix}{jobs}:due`, leased: `${prefix}{jobs}:leased`, ids: `${prefix}{jobs}:ids`, job: (id: string) => `${jobPrefix}${id}` };
  const sets = [keys.due, keys.leased, keys.ids];

  const redis = openRedis({ url: options.url, log, what: 'scheduler', scripts });
  const { client, ready, call } = redis;

  function run(name: ScriptName, scriptKeys: string[], args: (string | number)[]): Promise<unknown> {
    return call(() => client[name](scriptKeys, args));
  }

  const toJob = (id: string, kind: string, payload: string, dueAt: string, attempts: unknown): Job => ({
    id,
    kind,
    dueAt: Number(dueAt),
    payload: parsePayload(payload),
    attempts: Number(attempts),
  });

  return {
    ready,
    keys,
    async schedule(job) {
      const payload = jobJson(job);
      await run('scheduleJob', [...sets, keys.job(job.id)], [job.id, job.kind, payload, job.dueAt]);
    },
    async cancel(id) {
      return (await run('cancelJob', [...sets, keys.job(id)], [id])) === 1;
    },
    async cancelPrefix(idPrefix) {
      checkPrefix(idPrefix);
      return Number(await run('cancelJobPrefix', sets, [jobPrefix, idPrefix]));
    },
    async get(id) {
      const [kind, payload, dueAt, attempts] = await call(() => client.hmGet(keys.job(id), ['kind', 'payload', 'dueAt', 'attempts']));
      if (kind == null || payload == null || dueAt == null) return undefined;
      return toJob(id, kind, payload, dueAt, attempts ?? 0);
    },
    async claim(now, limit, leaseMs) {
      checkClaim(now, limit, leaseMs);
      const taken = (await run('claimJobs', sets, [jobPrefix, now, limit, now + leaseMs])) as [string, string, string, string, number][];
      return taken.map(([id, kind, payload, dueAt, attempts]) => toJob(id, kind, payload, dueAt, attempts));
    },
    async complete(id, claimedAttempt) {
      return (await run('completeJob', [...sets, keys.job(id)], [id, claimedAttempt])) === 1;
    },
    async fail(id, claimedAttempt, retryAt) {
      if (retryAt !== undefined) checkTime(retryAt, `fail ${id}: retryAt`);
      return (await run('failJob', [...sets, keys.job(id)], [id, claimedAttempt, retryAt ?? ''])) === 1;
    },
    async counts(now) {
      checkTime(now, 'counts: now');
      const [scheduled, due, leased] = (await run('countJobs', sets, [now])) as number[];
      return { scheduled: scheduled ?? 0, due: due ?? 0, leased: leased ?? 0 };
    },
    close: () => redis.close(),
  };
}
