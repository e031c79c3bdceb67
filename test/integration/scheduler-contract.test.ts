// One scheduler contract, two schedulers: in memory and in Redis (the real server at REDIS_URL, under a prefix of its own).
// Leases end on the clock passed to claim, so no test here waits for real time.
import { createClient } from 'redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryScheduler } from '../../src/proactive/memory-scheduler.js';
import { connectRedisScheduler, createRedisScheduler, type RedisScheduler } from '../../src/proactive/redis-scheduler.js';
import type { JobDraft, JobScheduler } from '../../src/proactive/scheduler.js';
import { StoreUnavailableError } from '../../src/state/store.js';
import { cleanPrefix, keysUnder, redisUrl, testPrefix } from '../support/redis.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});
const opened: JobScheduler[] = [];
afterEach(async () => {
  for (const scheduler of opened.splice(0)) await scheduler.close();
});

interface Made {
  scheduler: JobScheduler;
  /** Another client on the same jobs: a second replica, or this one after a restart (Redis only). */
  another?: () => Promise<RedisScheduler>;
  prefix?: string;
}

const implementations: [string, () => Promise<Made>][] = [
  [
    'memory',
    async () => {
      const scheduler = createMemoryScheduler();
      opened.push(scheduler);
      return { scheduler };
    },
  ],
  [
    'redis',
    async () => {
      const prefix = testPrefix('jobs');
      prefixes.push(prefix);
      const another = async () => {
        const scheduler = await connectRedisScheduler({ url: redisUrl(), prefix });
        opened.push(scheduler);
        return scheduler;
      };
      return { scheduler: await another(), another, prefix };
    },
  ],
];

const T0 = Date.parse('2026-10-24T16:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const LEASE = 24 * 60 * 60_000; // longer than any test's clock moves, unless a test means a lease to end
const job = (id: string, dueAt: number, payload: unknown = { booking: id }): JobDraft => ({ id, kind: 'reminder', dueAt, payload });
const ids = (jobs: { id: string }[]) => jobs.map((j) => j.id);

describe.each(implementations)('scheduler contract (%s)', (name, make) => {
  it('reads back a scheduled job with no attempts, and cancels it once', async () => {
    const { scheduler } = await make();
    await scheduler.schedule({ id: 'booking:1:reminder', kind: 'reminder', dueAt: T0, payload: { booking: 1, lang: 'it', at: null } });
    expect(await scheduler.get('booking:1:reminder')).toEqual({
      id: 'booking:1:reminder',
      kind: 'reminder',
      dueAt: T0,
      payload: { booking: 1, lang: 'it', at: null },
      attempts: 0,
    });
    expect(await scheduler.get('booking:2:reminder')).toBeUndefined();
    expect(await scheduler.cancel('booking:1:reminder')).toBe(true);
    expect(await scheduler.cancel('booking:1:reminder')).toBe(false);
    expect(await scheduler.get('booking:1:reminder')).toBeUndefined();
    expect(await scheduler.claim(T0 + minutes(60), 10, LEASE)).toEqual([]);
  });

  it('stores the payload as JSON: later changes to the caller’s object do not reach it', async () => {
    const { scheduler } = await make();
    const payload = { lines: ['a'] };
    await scheduler.schedule(job('j', T0, payload));
    payload.lines.push('b');
    expect((await scheduler.get('j'))?.payload).toEqual({ lines: ['a'] });
    await expect(scheduler.schedule({ id: 'bad', kind: 'reminder', dueAt: T0, payload: undefined })).rejects.toThrow(/JSON value/);
    await expect(scheduler.schedule(job('nan', Number.NaN))).rejects.toThrow(/dueAt/);
    await expect(scheduler.schedule(job('', T0))).rejects.toThrow(/id/);
    expect(await scheduler.get('bad')).toBeUndefined();
  });

  it('cancels every job of a booking by prefix, and only those', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('booking:12:follow-up', T0 - 1));
    for (const id of ['booking:12:reminder', 'booking:123:reminder', 'booking:1:reminder', 'voucher:12:status'])
      await scheduler.schedule(job(id, T0));
    const [taken] = await scheduler.claim(T0, 1, LEASE); // one in flight goes too
    expect(taken?.id).toBe('booking:12:follow-up');
    expect(await scheduler.cancelPrefix('booking:12:')).toBe(2);
    expect(await scheduler.cancelPrefix('booking:12:')).toBe(0);
    expect(await scheduler.complete('booking:12:follow-up', 1)).toBe(false);
    expect(ids(await scheduler.claim(T0, 10, LEASE)).sort()).toEqual(['booking:123:reminder', 'booking:1:reminder', 'voucher:12:status']);
    await expect(scheduler.cancelPrefix('')).rejects.toThrow(/non-empty/);
  });

  it('claims only due jobs, earliest first, up to the limit, each with attempt 1', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('later', T0 + minutes(10)));
    await scheduler.schedule(job('second', T0 - minutes(1)));
    await scheduler.schedule(job('first', T0 - minutes(5)));
    await scheduler.schedule(job('third', T0));
    const first = await scheduler.claim(T0, 2, LEASE);
    expect(first.map((j) => [j.id, j.attempts])).toEqual([
      ['first', 1],
      ['second', 1],
    ]);
    expect(ids(await scheduler.claim(T0, 2, LEASE))).toEqual(['third']);
    expect(await scheduler.claim(T0 + minutes(9), 10, LEASE)).toEqual([]);
    expect(ids(await scheduler.claim(T0 + minutes(10), 10, LEASE))).toEqual(['later']);
    await expect(scheduler.claim(T0, 0, LEASE)).rejects.toThrow(/limit/);
  });

  it('does not hand a leased job to anyone else until its lease ends', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('j', T0));
    const [mine] = await scheduler.claim(T0, 10, 1000);
    expect(mine).toMatchObject({ id: 'j', attempts: 1 });
    expect(await scheduler.claim(T0 + 999, 10, 1000)).toEqual([]);
    expect((await scheduler.get('j'))?.attempts).toBe(1);
  });

  it('removes a completed job for good', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('j', T0));
    const [mine] = await scheduler.claim(T0, 10, 1000);
    expect(await scheduler.complete('j', mine!.attempts)).toBe(true);
    expect(await scheduler.complete('j', mine!.attempts)).toBe(false);
    expect(await scheduler.get('j')).toBeUndefined();
    expect(await scheduler.claim(T0 + minutes(60), 10, 1000)).toEqual([]);
    expect(await scheduler.counts(T0 + minutes(60))).toEqual({ scheduled: 0, due: 0, leased: 0 });
  });

  it('hands a job out again when its lease ends, and refuses the old holder’s complete', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('j', T0));
    const [dead] = await scheduler.claim(T0, 10, 1000);
    // Ended but not taken over yet: the slow holder still holds it.
    expect(await scheduler.counts(T0 + 1000)).toEqual({ scheduled: 1, due: 1, leased: 0 });
    const [next] = await scheduler.claim(T0 + 1000, 10, 1000);
    expect(next).toMatchObject({ id: 'j', attempts: 2 });
    expect(await scheduler.complete('j', dead!.attempts)).toBe(false);
    expect(await scheduler.fail('j', dead!.attempts, T0 + minutes(5))).toBe(false);
    expect(await scheduler.complete('j', next!.attempts)).toBe(true);
  });

  it('lets a slow holder complete after its lease ended, while nobody took the job over', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('j', T0));
    const [slow] = await scheduler.claim(T0, 10, 1000);
    expect(await scheduler.complete('j', slow!.attempts)).toBe(true);
    expect(await scheduler.claim(T0 + 5000, 10, 1000)).toEqual([]);
  });

  it('retries a failed job at retryAt with the next attempt, and drops it without', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('retried', T0));
    await scheduler.schedule(job('dropped', T0));
    const claimed = await scheduler.claim(T0, 10, LEASE);
    expect(await scheduler.fail('retried', 1, T0 + minutes(2))).toBe(true);
    expect(await scheduler.fail('dropped', 1)).toBe(true);
    expect(await scheduler.fail('dropped', 1)).toBe(false);
    expect(claimed).toHaveLength(2);
    expect(await scheduler.get('dropped')).toBeUndefined();
    expect(await scheduler.get('retried')).toMatchObject({ dueAt: T0 + minutes(2), attempts: 1 });
    expect(await scheduler.claim(T0 + minutes(1), 10, LEASE)).toEqual([]);
    const [again] = await scheduler.claim(T0 + minutes(2), 10, LEASE);
    expect(again).toMatchObject({ id: 'retried', attempts: 2 });
    expect(await scheduler.complete('retried', 1)).toBe(false); // the first attempt's number is spent
    await expect(scheduler.fail('retried', 2, Number.NaN)).rejects.toThrow(/retryAt/);
  });

  it('moves a job scheduled again under the same id, replacing its data, once', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('booking:7:reminder', T0, { at: '10:00' }));
    await scheduler.schedule(job('booking:7:reminder', T0 + minutes(30), { at: '10:30' }));
    await scheduler.schedule(job('booking:7:reminder', T0 + minutes(30), { at: '10:30' }));
    expect(await scheduler.counts(T0 + minutes(30))).toEqual({ scheduled: 1, due: 1, leased: 0 });
    expect(await scheduler.claim(T0, 10, LEASE)).toEqual([]);
    const taken = await scheduler.claim(T0 + minutes(30), 10, LEASE);
    expect(taken).toEqual([{ id: 'booking:7:reminder', kind: 'reminder', dueAt: T0 + minutes(30), payload: { at: '10:30' }, attempts: 1 }]);
  });

  it('takes back a job in flight when it is scheduled again: the new data goes out, the old holder is refused', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('booking:7:reminder', T0, { at: '10:00' }));
    const [old] = await scheduler.claim(T0, 10, LEASE);
    await scheduler.schedule(job('booking:7:reminder', T0 + minutes(1), { at: '11:00' }));
    expect(await scheduler.complete('booking:7:reminder', old!.attempts)).toBe(false);
    const [fresh] = await scheduler.claim(T0 + minutes(1), 10, LEASE);
    // attempts carry on, so the old holder's number can never match the new claim.
    expect(fresh).toMatchObject({ payload: { at: '11:00' }, attempts: 2 });
    expect(await scheduler.complete('booking:7:reminder', old!.attempts)).toBe(false);
    expect(await scheduler.complete('booking:7:reminder', fresh!.attempts)).toBe(true);
  });

  it('cancels a job in flight: never retried, its holder refused', async () => {
    const { scheduler } = await make();
    await scheduler.schedule(job('j', T0));
    const [mine] = await scheduler.claim(T0, 10, 1000);
    expect(await scheduler.cancel('j')).toBe(true);
    expect(await scheduler.fail('j', mine!.attempts, T0 + 1)).toBe(false);
    expect(await scheduler.claim(T0 + minutes(1), 10, 1000)).toEqual([]);
  });

  it('counts jobs kept, due now and leased', async () => {
    const { scheduler } = await make();
    expect(await scheduler.counts(T0)).toEqual({ scheduled: 0, due: 0, leased: 0 });
    for (let i = 0; i < 5; i++) await scheduler.schedule(job(`now:${i}`, T0 - i));
    await scheduler.schedule(job('tomorrow', T0 + minutes(24 * 60)));
    await scheduler.claim(T0, 2, 1000);
    expect(await scheduler.counts(T0)).toEqual({ scheduled: 6, due: 3, leased: 2 });
    expect(await scheduler.counts(T0 + 1000)).toEqual({ scheduled: 6, due: 5, leased: 0 });
  });

  if (name === 'redis') {
    it('keeps its jobs across clients: a replica restarted finds them, and the leases they hold', async () => {
      const { scheduler, another } = await make();
      await scheduler.schedule(job('a', T0, { n: 1 }));
      await scheduler.schedule(job('b', T0 + 1));
      const [held] = await scheduler.claim(T0, 1, 1000);
      await scheduler.close();
      const restarted = await another!();
      expect(await restarted.get('a')).toEqual({ id: 'a', kind: 'reminder', dueAt: T0, payload: { n: 1 }, attempts: 1 });
      expect(ids(await restarted.claim(T0 + 1, 10, 1000))).toEqual(['b']);
      expect(await restarted.complete('a', held!.attempts)).toBe(true);
    });

    it('keeps every key under the prefix and the {jobs} hash tag, and leaves none behind', async () => {
      const { scheduler, prefix } = await make();
      await scheduler.schedule(job('booking:9:reminder', T0));
      await scheduler.schedule(job('booking:9:follow-up', T0 + 1));
      await scheduler.claim(T0, 1, 1000);
      const found = (await keysUnder(redisUrl(), prefix!)).map((k) => k.slice(prefix!.length));
      expect(found).toEqual(['{jobs}:due', '{jobs}:ids', '{jobs}:job:booking:9:follow-up', '{jobs}:job:booking:9:reminder', '{jobs}:leased']);
      await scheduler.complete('booking:9:reminder', 1);
      await scheduler.cancelPrefix('booking:9:');
      expect(await keysUnder(redisUrl(), prefix!)).toEqual([]);
    });

    it('skips a job whose hash was deleted by hand, and reads a payload that is not JSON as the raw text', async () => {
      const { scheduler, another } = await make();
      const replica = await another!();
      await scheduler.schedule(job('gone', T0));
      await scheduler.schedule(job('junk', T0 + 1));
      const client = createClient({ url: redisUrl() });
      await client.connect();
      await client.del(replica.keys.job('gone'));
      await client.hSet(replica.keys.job('junk'), 'payload', '{not json');
      client.destroy();
      expect(await scheduler.claim(T0 + 1, 10, 1000)).toEqual([{ id: 'junk', kind: 'reminder', dueAt: T0 + 1, payload: '{not json', attempts: 1 }]);
      expect(await scheduler.counts(T0 + 1)).toEqual({ scheduled: 1, due: 0, leased: 1 });
    });

    it('sends a script again when Redis lost its script cache (a restart)', async () => {
      const { scheduler } = await make();
      await scheduler.schedule(job('j', T0));
      const client = createClient({ url: redisUrl() });
      await client.connect();
      await client.scriptFlush(); // every store here falls back to EVAL: other tests running now are not hurt
      client.destroy();
      expect(ids(await scheduler.claim(T0, 10, 1000))).toEqual(['j']);
    });

    it('refuses a prefix with braces, which would move the hash tag', () => {
      expect(() => createRedisScheduler({ url: redisUrl(), prefix: 'test:{x}:' })).toThrow(/braces/);
    });

    it('fails fast with StoreUnavailableError when Redis does not answer', async () => {
      const scheduler = await connectRedisScheduler({ url: 'redis://127.0.0.1:1', prefix: 'test:down:', waitMs: 200 });
      opened.push(scheduler);
      const started = Date.now();
      await expect(scheduler.schedule(job('j', T0))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.cancel('j')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.cancelPrefix('j')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.get('j')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.claim(T0, 10, 1000)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.complete('j', 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.fail('j', 1)).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(scheduler.counts(T0)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  }
});
