// Smoke test of the botbuilder side of the benchmark: a tiny cell on memory and on Redis, and the Redis Storage's eTag contract next to MemoryStorage's.
import { MemoryStorage, type Storage } from 'botbuilder-core';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { runBotbuilderCell } from '../../bench/botbuilder/run.js';
import { RedisStorage } from '../../bench/botbuilder/redis-storage.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

describe.each(['memory', 'redis'] as const)('botbuilder cell on %s', (storage) => {
  it('books every conversation and stores the five answers in the user profile', async () => {
    const result = await runBotbuilderCell({ storage, redisUrl: redisUrl(), concurrency: 3, conversations: 5, seed: 7 });
    expect(result.failureExamples).toEqual([]);
    expect(result).toMatchObject({ checked: 5, failures: 0 });
    expect(result.turns).toBeGreaterThanOrEqual(5 * 7);
    expect(result.turns).toBeLessThanOrEqual(5 * 8);
    // One read and one write of the conversation per turn, plus the profile's read and write on the last.
    expect(result.roundTripsPerTurn).toBeCloseTo((2 * result.turns + 2 * 5) / result.turns, 6);
    expect(result.bytesPerConversationAtPeak).toBeGreaterThan(100);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
  });
});

const prefixes: string[] = [];
const clients: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const client of clients) await client.close();
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});

const storages: [string, () => Promise<Storage>][] = [
  ['MemoryStorage', async () => new MemoryStorage()],
  [
    'RedisStorage',
    async () => {
      const client = createClient({ url: redisUrl() });
      await client.connect();
      clients.push(client);
      const prefix = testPrefix('bench-bb');
      prefixes.push(prefix);
      return new RedisStorage(client, { prefix });
    },
  ],
];

describe.each(storages)('%s eTags', (_name, make) => {
  it('accepts the eTag it handed out, rejects a stale one, and always accepts "*"', async () => {
    const storage = await make();
    expect(await storage.read(['k'])).toEqual({});
    await storage.write({ k: { n: 1 } });
    const first = (await storage.read(['k'])).k as { n: number; eTag: string };
    expect(first).toMatchObject({ n: 1, eTag: expect.any(String) });

    await storage.write({ k: { ...first, n: 2 } });
    await expect(storage.write({ k: { ...first, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['k'])).k).toMatchObject({ n: 2 });

    await storage.write({ k: { n: 4, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ n: 4 });
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
  });
});
