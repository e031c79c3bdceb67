// One contract, two stores: the in-memory default and Redis (the real server at REDIS_URL, under a prefix of its own).
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/state/memory-store.js';
import { createRedisStore, connectRedisStore } from '../../src/state/redis-store.js';
import { LeaseLostError, StoreUnavailableError, type ConversationStore, type HeldTurn } from '../../src/state/store.js';
import { cleanPrefix, keysUnder, redisUrl, testPrefix } from '../support/redis.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Made {
  store: ConversationStore;
  /** Every key the store holds now (Redis only). */
  keys?: () => Promise<string[]>;
}

type Options = { leaseMs?: number; sessionMs?: number; profileMs?: number; transcriptMs?: number; referenceMs?: number; transcriptLines?: number };
const ttlsOf = (opts?: Options) => ({
  ...(opts?.sessionMs ? { sessionMs: opts.sessionMs } : {}),
  ...(opts?.profileMs ? { profileMs: opts.profileMs } : {}),
  ...(opts?.transcriptMs ? { transcriptMs: opts.transcriptMs } : {}),
  ...(opts?.referenceMs ? { referenceMs: opts.referenceMs } : {}),
});
const linesOf = (opts?: Options) => (opts?.transcriptLines ? { transcriptLines: opts.transcriptLines } : {});

const implementations: [string, (opts?: Options) => Promise<Made>][] = [
  ['memory', async (opts) => ({ store: createMemoryStore({ ttls: ttlsOf(opts), ...linesOf(opts) }) })],
  [
    'redis',
    async (opts) => {
      const prefix = testPrefix('store');
      prefixes.push(prefix);
      const store = await connectRedisStore({
        url: redisUrl(),
        prefix,
        ...(opts?.leaseMs ? { leaseMs: opts.leaseMs } : {}),
        ttls: ttlsOf(opts),
        ...linesOf(opts),
      });
      const keys = () => keysUnder(redisUrl(), prefix);
      return { store, keys };
    },
  ],
];

const turn = (store: ConversationStore, conversation: string, updateId?: string) =>
  store.begin({ conversation, user: conversation, ...(updateId ? { updateId } : {}) });

async function held(store: ConversationStore, conversation: string, updateId?: string): Promise<HeldTurn> {
  const t = await turn(store, conversation, updateId);
  if (t === 'duplicate') throw new Error('unexpected duplicate');
  return t;
}

describe.each(implementations)('store contract (%s)', (name, make) => {
  it('starts empty, then reads back what a turn committed, session and profile', async () => {
    const { store } = await make();
    const first = await held(store, 'tg:1');
    expect(first.session).toBeUndefined();
    expect(first.profile).toBeUndefined();
    await first.commit({ session: { v: 2, step: 'a' }, profile: { v: 1, lang: 'en' } });
    const second = await held(store, 'tg:1');
    expect(second.session).toEqual({ v: 2, step: 'a' });
    expect(second.profile).toEqual({ v: 1, lang: 'en' });
    await second.commit({ session: { v: 2, step: 'b' } });
    const third = await held(store, 'tg:1');
    expect(third.session).toEqual({ v: 2, step: 'b' });
    expect(third.profile).toEqual({ v: 1, lang: 'en' });
    await third.release();
    await store.close();
  });

  it('runs the turns of one conversation one after the other, in arrival order, none lost', async () => {
    const { store } = await make();
    const log: string[] = [];
    const step = async (label: string, ms: number) => {
      const t = await held(store, 'tg:order');
      const before = (t.session as { seq?: string[] } | undefined)?.seq ?? [];
      log.push(`start ${label}`);
      await pause(ms);
      log.push(`end ${label}`);
      await t.commit({ session: { seq: [...before, label] } });
    };
    await Promise.all([step('a', 30), step('b', 1), step('c', 10), step('d', 0)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
    const last = await held(store, 'tg:order');
    expect(last.session).toEqual({ seq: ['a', 'b', 'c', 'd'] });
    await last.release();
    await store.close();
  });

  it('runs different conversations in parallel', async () => {
    const { store } = await make();
    const log: string[] = [];
    const slow = (async () => {
      const t = await held(store, 'tg:slow');
      await pause(50);
      log.push('slow');
      await t.release();
    })();
    const fast = await held(store, 'tg:fast');
    log.push('fast');
    await fast.release();
    await slow;
    expect(log).toEqual(['fast', 'slow']);
    await store.close();
  });

  it('handles a redelivered update once, and only once it was committed', async () => {
    const { store } = await make();
    const failed = await held(store, 'tg:dup', 'u-1');
    await failed.release(); // the turn failed: a redelivery must be handled
    const first = await held(store, 'tg:dup', 'u-1');
    await first.commit({ session: { n: 1 } });
    expect(await turn(store, 'tg:dup', 'u-1')).toBe('duplicate');
    const other = await held(store, 'tg:dup', 'u-2');
    await other.release();
    expect(await turn(store, 'tg:other', 'u-1')).not.toBe('duplicate');
    await store.close();
  });

  it('lets a concurrent duplicate wait for the first delivery and then skips it', async () => {
    const { store } = await make();
    const first = await held(store, 'tg:race', 'u-9');
    const second = turn(store, 'tg:race', 'u-9');
    await pause(20);
    await first.commit({ session: { n: 1 } });
    expect(await second).toBe('duplicate');
    await store.close();
  });

  it('forgets a conversation: session, profile, transcript, reference and dedupe entries', async () => {
    const { store, keys } = await make();
    const t = await held(store, 'tg:forget', 'u-1');
    await t.commit({ session: { n: 1 }, profile: { v: 1, lang: 'it' }, transcript: [{ from: 'resident', text: 'mi chiamo Anna' }] });
    await store.saveReference('tg:forget', { chatId: 1 });
    const again = await held(store, 'tg:forget', 'u-2');
    await again.forget();
    expect(await store.recentTranscript('tg:forget')).toEqual([]);
    expect(await store.reference('tg:forget')).toBeUndefined();
    const after = await held(store, 'tg:forget', 'u-1');
    expect(after.session).toBeUndefined();
    expect(after.profile).toBeUndefined();
    await after.release();
    if (keys) expect(await keys()).toEqual([]);
    await store.close();
  });

  it('appends each turn’s transcript lines after the earlier ones, and reads them back oldest first', async () => {
    const { store } = await make();
    expect(await store.recentTranscript('tg:lines')).toEqual([]);
    const first = await held(store, 'tg:lines');
    await first.commit({
      session: { n: 1 },
      transcript: [
        { from: 'resident', text: 'ciao' },
        { from: 'assistant', text: 'Come posso aiutarti?' },
      ],
    });
    const quiet = await held(store, 'tg:lines');
    await quiet.commit({ session: { n: 2 } }); // a turn with nothing to add
    const failed = await held(store, 'tg:lines');
    await failed.release();
    const third = await held(store, 'tg:lines');
    await third.commit({ session: { n: 3 }, transcript: ['/menu'] });
    expect(await store.recentTranscript('tg:lines')).toEqual([
      { from: 'resident', text: 'ciao' },
      { from: 'assistant', text: 'Come posso aiutarti?' },
      '/menu',
    ]);
    expect(await store.recentTranscript('tg:someone-else')).toEqual([]);
    await store.close();
  });

  it('keeps only the newest transcript lines, within a turn and across turns', async () => {
    const { store } = await make({ transcriptLines: 3 });
    const first = await held(store, 'tg:cap');
    await first.commit({ session: {}, transcript: ['1', '2'] });
    const second = await held(store, 'tg:cap');
    await second.commit({ session: {}, transcript: ['3', '4'] });
    expect(await store.recentTranscript('tg:cap')).toEqual(['2', '3', '4']);
    const long = await held(store, 'tg:cap');
    await long.commit({ session: {}, transcript: ['5', '6', '7', '8', '9'] });
    expect(await store.recentTranscript('tg:cap')).toEqual(['7', '8', '9']);
    await store.close();
  });

  it('keeps a group chat’s transcript under the conversation, its members’ profiles apart', async () => {
    const { store } = await make();
    const t = await store.begin({ conversation: 'tg:group', user: 'tg:member' });
    if (t === 'duplicate') throw new Error('unexpected duplicate');
    await t.commit({ session: { n: 1 }, profile: { v: 1 }, transcript: ['ciao a tutti'] });
    expect(await store.recentTranscript('tg:group')).toEqual(['ciao a tutti']);
    expect(await store.recentTranscript('tg:member')).toEqual([]);
    const again = await store.begin({ conversation: 'tg:group', user: 'tg:member' });
    if (again === 'duplicate') throw new Error('unexpected duplicate');
    expect(again.profile).toEqual({ v: 1 });
    await again.release();
    await store.close();
  });

  it('expires an idle transcript, its TTL starting again at each append', async () => {
    const { store } = await make({ transcriptMs: 200 });
    const first = await held(store, 'tg:lines-ttl');
    await first.commit({ session: {}, transcript: ['a'] });
    await pause(120);
    const second = await held(store, 'tg:lines-ttl');
    await second.commit({ session: {}, transcript: ['b'] });
    await pause(120);
    expect(await store.recentTranscript('tg:lines-ttl')).toEqual(['a', 'b']); // 240 ms after the first line
    await pause(250);
    expect(await store.recentTranscript('tg:lines-ttl')).toEqual([]);
    await store.close();
  });

  it('expires an idle session, and keeps a profile in use alive', async () => {
    const { store } = await make({ sessionMs: 150, profileMs: 400 });
    const first = await held(store, 'tg:ttl');
    await first.commit({ session: { n: 1 }, profile: { v: 1 } });
    for (let i = 0; i < 4; i++) {
      await pause(150);
      const touched = await held(store, 'tg:ttl');
      expect(touched.profile).toEqual({ v: 1 }); // 600 ms after it was written, kept alive by use
      await touched.commit({ session: { n: i } });
    }
    await pause(250);
    const idle = await held(store, 'tg:ttl');
    expect(idle.session).toBeUndefined();
    await idle.release();
    await store.close();
  });

  it('keeps a conversation’s reference apart from its turns, the last one saved', async () => {
    const { store } = await make();
    expect(await store.reference('bf:ref')).toBeUndefined();
    const reference = {
      serviceUrl: 'https://smba.example/emea/',
      channelId: 'msteams',
      bot: { id: '28:bot' },
      conversation: { id: 'a:1', tenantId: 't-1' },
    };
    await store.saveReference('bf:ref', reference);
    expect(await store.reference('bf:ref')).toEqual(reference);
    await store.saveReference('bf:ref', { ...reference, serviceUrl: 'https://smba.example/amer/' });
    expect(await store.reference('bf:ref')).toEqual({ ...reference, serviceUrl: 'https://smba.example/amer/' });
    expect(await store.reference('bf:someone-else')).toBeUndefined();
    const t = await held(store, 'bf:ref');
    expect(t.session).toBeUndefined(); // not in the session, which must stay small
    await t.commit({ session: { n: 1 } });
    expect(await store.reference('bf:ref')).toEqual({ ...reference, serviceUrl: 'https://smba.example/amer/' });
    await store.close();
  });

  it('expires a reference not saved again', async () => {
    const { store } = await make({ referenceMs: 300 });
    await store.saveReference('bf:ref-ttl', { id: 1 });
    await pause(200);
    await store.saveReference('bf:ref-ttl', { id: 2 });
    await pause(200);
    expect(await store.reference('bf:ref-ttl')).toEqual({ id: 2 }); // 400 ms after the first save
    await pause(200);
    expect(await store.reference('bf:ref-ttl')).toBeUndefined();
    await store.close();
  });

  it('refuses a reference that is not a JSON value', async () => {
    const { store } = await make();
    await expect(store.saveReference('bf:bad', undefined)).rejects.toThrow(TypeError);
    expect(await store.reference('bf:bad')).toBeUndefined();
    await store.close();
  });

  it('ends a held turn only once', async () => {
    const { store } = await make();
    const t = await held(store, 'tg:once');
    await t.release();
    await expect(t.commit({ session: {} })).rejects.toThrow(/once/);
    await store.close();
  });

  if (name === 'redis') {
    it('keeps every key of a conversation under its hash tag, with a TTL on each', async () => {
      const { store, keys } = await make({ sessionMs: 60_000, transcriptMs: 30_000, referenceMs: 90_000 });
      const t = await held(store, 'tg:12345', 'u-1');
      await t.commit({ session: { n: 1 }, profile: { v: 1 }, transcript: ['ciao'] });
      await store.saveReference('tg:12345', { chatId: 12345 });
      const found = await keys!();
      expect(found.map((k) => k.replace(/^test:store:[0-9a-f]+:/, ''))).toEqual([
        '{tg:12345}:profile',
        '{tg:12345}:reference',
        '{tg:12345}:seen',
        '{tg:12345}:session',
        '{tg:12345}:transcript',
      ]);
      const client = createClient({ url: redisUrl() });
      await client.connect();
      for (const key of found) expect(await client.pTTL(key)).toBeGreaterThan(0);
      expect(await client.pTTL(found.find((k) => k.endsWith(':session'))!)).toBeLessThanOrEqual(60_000);
      expect(await client.pTTL(found.find((k) => k.endsWith(':transcript'))!)).toBeLessThanOrEqual(30_000);
      expect(await client.pTTL(found.find((k) => k.endsWith(':reference'))!)).toBeLessThanOrEqual(90_000);
      client.destroy();
      await store.close();
    });

    it('skips a transcript line that is not JSON and reads the others', async () => {
      const prefix = testPrefix('lines');
      prefixes.push(prefix);
      const store = await connectRedisStore({ url: redisUrl(), prefix });
      const t = await held(store, 'tg:junk');
      await t.commit({ session: {}, transcript: [{ from: 'resident', text: 'ciao' }] });
      const client = createClient({ url: redisUrl() });
      await client.connect();
      await client.rPush(store.keysOf('tg:junk').transcript, ['{not json', '"dopo"']);
      client.destroy();
      expect(await store.recentTranscript('tg:junk')).toEqual([{ from: 'resident', text: 'ciao' }, 'dopo']);
      await store.close();
    });

    it('sends its scripts again when Redis lost its script cache (a restart)', async () => {
      const prefix = testPrefix('noscript');
      prefixes.push(prefix);
      const store = await connectRedisStore({ url: redisUrl(), prefix });
      const first = await held(store, 'tg:flush');
      await first.commit({ session: { n: 1 } });
      const client = createClient({ url: redisUrl() });
      await client.connect();
      await client.scriptFlush(); // every store here falls back to EVAL: other tests running now are not hurt
      client.destroy();
      const second = await held(store, 'tg:flush');
      expect(second.session).toEqual({ n: 1 });
      await second.commit({ session: { n: 2 } });
      const third = await held(store, 'tg:flush');
      expect(third.session).toEqual({ n: 2 });
      await third.release();
      await store.close();
    });

    it('reads a reference that is not JSON as none', async () => {
      const prefix = testPrefix('reference');
      prefixes.push(prefix);
      const store = await connectRedisStore({ url: redisUrl(), prefix });
      const client = createClient({ url: redisUrl() });
      await client.connect();
      await client.set(store.keysOf('bf:junk').reference, '{not json');
      client.destroy();
      expect(await store.reference('bf:junk')).toBeUndefined();
      await store.close();
    });

    it('forgets a group chat’s reference with the conversation, and the member’s profile apart', async () => {
      const { store, keys } = await make();
      const t = await store.begin({ conversation: 'tg:group-forget', user: 'tg:member-forget' });
      if (t === 'duplicate') throw new Error('unexpected duplicate');
      await t.commit({ session: { n: 1 }, profile: { v: 1 }, transcript: ['ciao'] });
      await store.saveReference('tg:group-forget', { chatId: -100 });
      const again = await store.begin({ conversation: 'tg:group-forget', user: 'tg:member-forget' });
      if (again === 'duplicate') throw new Error('unexpected duplicate');
      await again.forget();
      expect(await keys!()).toEqual([]);
      await store.close();
    });

    it('lets the next turn in after the lease when a holder dies, and refuses the dead holder’s late write', async () => {
      const url = redisUrl();
      const prefix = testPrefix('lease');
      prefixes.push(prefix);
      const dying = await connectRedisStore({ url, prefix, leaseMs: 600 });
      const survivor = await connectRedisStore({ url, prefix, leaseMs: 600 });
      const stuck = await held(dying, 'tg:lease');
      // The holder's process freezes: no more heartbeats, as if it had been killed.
      await dying.close();
      const started = Date.now();
      const next = await held(survivor, 'tg:lease');
      const waited = Date.now() - started;
      expect(waited).toBeLessThan(3000);
      await next.commit({ session: { by: 'survivor' } });
      await expect(stuck.commit({ session: { by: 'dead' } })).rejects.toBeInstanceOf(StoreUnavailableError);
      const check = await held(survivor, 'tg:lease');
      expect(check.session).toEqual({ by: 'survivor' });
      await check.release();
      await survivor.close();
    });

    it('refuses a write whose lease was taken over, so turns never land out of order', async () => {
      const url = redisUrl();
      const prefix = testPrefix('lost');
      prefixes.push(prefix);
      const a = createRedisStore({ url, prefix, leaseMs: 600 });
      const b = createRedisStore({ url, prefix, leaseMs: 600 });
      await Promise.all([a.ready, b.ready]);
      const slowTurn = await held(a, 'tg:lost');
      // Simulate a stalled process: its heartbeat key vanishes, as after a lease expiry.
      const client = createClient({ url });
      await client.connect();
      await client.del(`${a.keysOf('tg:lost').queue}:1`);
      client.destroy();
      const fastTurn = await held(b, 'tg:lost');
      await fastTurn.commit({ session: { by: 'b' }, transcript: ['from b'] });
      await expect(slowTurn.commit({ session: { by: 'a' }, transcript: ['from a'] })).rejects.toBeInstanceOf(LeaseLostError);
      expect(await b.recentTranscript('tg:lost')).toEqual(['from b']); // the late turn appended nothing
      await a.close();
      await b.close();
    });

    it('fails fast with StoreUnavailableError when Redis does not answer', async () => {
      const store = await connectRedisStore({ url: 'redis://127.0.0.1:1', prefix: 'test:down:', waitMs: 200 });
      const started = Date.now();
      await expect(store.begin({ conversation: 'tg:1', user: 'tg:1' })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.recentTranscript('tg:1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.saveReference('tg:1', { chatId: 1 })).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.reference('tg:1')).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1000);
      await store.close();
    });
  }
});
