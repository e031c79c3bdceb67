// One unmet-needs contract, two stores: in memory and in Redis (the real server, under a prefix of its own).
import { createClient } from 'redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryUnmetNeeds } from '../../src/unmet/memory-store.js';
import { connectRedisUnmetNeeds } from '../../src/unmet/redis-store.js';
import { DEFAULT_UNMET_RETENTION_MS, type UnmetNeeds, type UnmetNeedsOptions } from '../../src/unmet/store.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});
const opened: UnmetNeeds[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

interface Made {
  store: UnmetNeeds;
  /** Lets time pass: the memory store's clock, real time for Redis (it expires keys on its own clock). */
  wait(ms: number): Promise<void>;
  /** Every key the store wrote, with its size and remaining time to live (Redis only). */
  keys?: () => Promise<{ key: string; size: number; ttlMs: number }[]>;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const implementations: [string, (opts?: Omit<UnmetNeedsOptions, 'now'>) => Promise<Made>][] = [
  [
    'memory',
    async (opts) => {
      let at = Date.parse('2026-03-02T09:00:00.000Z');
      const store = createMemoryUnmetNeeds({ ...opts, now: () => new Date(at) });
      opened.push(store);
      return { store, wait: async (ms) => void (at += ms) };
    },
  ],
  [
    'redis',
    async (opts) => {
      const prefix = testPrefix('unmet');
      prefixes.push(prefix);
      const store = await connectRedisUnmetNeeds({ url: redisUrl(), prefix, ...opts });
      opened.push(store);
      const keys = async () => {
        const client = createClient({ url: redisUrl() });
        await client.connect();
        try {
          const found = await client.keys(`${prefix}*`);
          return await Promise.all(found.map(async (key) => ({ key, size: await client.zCard(key), ttlMs: await client.pTTL(key) })));
        } finally {
          await client.close();
        }
      };
      return {
        store,
        wait: async (ms) => {
          await pause(ms);
        },
        keys,
      };
    },
  ],
];

async function search(store: UnmetNeeds, lang: string, terms: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await store.record(lang, terms);
}

describe.each(implementations)('unmet needs in %s', (name, make) => {
  it('counts each search per language, most searched first', async () => {
    const { store } = await make();
    await search(store, 'it', 'assistenza domiciliare', 3);
    await search(store, 'it', 'pasti caldi', 1);
    await search(store, 'it', 'bonus bollette', 2);
    await search(store, 'en', 'help with rent', 1);
    expect(await store.top('it', 10)).toEqual([
      { terms: 'assistenza domiciliare', count: 3 },
      { terms: 'bonus bollette', count: 2 },
      { terms: 'pasti caldi', count: 1 },
    ]);
    expect(await store.top('it', 1)).toEqual([{ terms: 'assistenza domiciliare', count: 3 }]);
    expect(await store.top('en', 10)).toEqual([{ terms: 'help with rent', count: 1 }]);
    expect(await store.top('uk', 10)).toEqual([]);
    expect(await store.languages()).toEqual(['en', 'it']);
  });

  it('is bounded: past the limit the least searched terms go, the most searched stay', async () => {
    const { store, keys } = await make({ maxTerms: 3 });
    await search(store, 'it', 'affitto', 4);
    await search(store, 'it', 'bollette', 3);
    await search(store, 'it', 'trasporto', 2);
    for (const rare of ['alfa', 'beta', 'gamma', 'delta']) await search(store, 'it', rare);
    const top = await store.top('it', 100);
    expect(top).toHaveLength(3);
    expect(top.map((t) => t.terms)).toEqual(['affitto', 'bollette', 'trasporto']);
    if (keys) expect((await keys()).map((k) => k.size)).toEqual([3]);
  });

  it('forgets searches once the retention has passed', async () => {
    const retentionMs = 600;
    const { store, wait } = await make({ retentionMs });
    await search(store, 'it', 'affitto', 2);
    expect(await store.top('it', 10)).toEqual([{ terms: 'affitto', count: 2 }]);
    // A search lives its retention after its bucket (a third of the retention) ends: at most 4/3 of it.
    await wait(retentionMs * 2);
    expect(await store.top('it', 10)).toEqual([]);
    expect(await store.languages()).toEqual([]);
  });

  if (name === 'redis') {
    it('sets every key to expire: 90 days after its bucket ends by default', async () => {
      const { store, keys } = await make();
      await search(store, 'ar', 'مساعده في الايجار');
      const [kept] = await keys!();
      expect(kept!.key).toMatch(/\{unmet:ar\}:\d+$/);
      expect(kept!.ttlMs).toBeGreaterThan(DEFAULT_UNMET_RETENTION_MS - 60_000);
      expect(kept!.ttlMs).toBeLessThanOrEqual((DEFAULT_UNMET_RETENTION_MS * 4) / 3);
    });
  }
});
