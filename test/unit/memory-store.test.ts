// The embedded store: per-conversation order, parallel conversations, idle expiry, forgetting.
import { describe, expect, it } from 'vitest';
import { newSession } from '../../src/conversation/session.js';
import { createMemoryStore } from '../../src/state/memory-store.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('memory store', () => {
  it('runs the turns of one conversation one at a time, in the order they arrived', async () => {
    const store = createMemoryStore();
    const log: string[] = [];
    const turn = (name: string, ms: number) =>
      store.withLock('c1', async () => {
        log.push(`start ${name}`);
        await pause(ms);
        log.push(`end ${name}`);
      });
    await Promise.all([turn('a', 30), turn('b', 1), turn('c', 10)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets other conversations run in parallel, and a failed turn does not block the next', async () => {
    const store = createMemoryStore();
    const log: string[] = [];
    const slow = store.withLock('c1', async () => {
      await pause(30);
      log.push('c1');
    });
    await store.withLock('c2', async () => log.push('c2'));
    await slow;
    expect(log).toEqual(['c2', 'c1']);
    await expect(store.withLock('c3', async () => Promise.reject(new Error('turn failed')))).rejects.toThrow('turn failed');
    await expect(store.withLock('c3', async () => 'next')).resolves.toBe('next');
  });

  it('forgets an idle session after its TTL and on request', async () => {
    let now = 1_000;
    const store = createMemoryStore({ ttlMs: 100, now: () => now });
    await store.saveSession('c1', newSession('c1', 'it', 'x'));
    now += 99;
    expect(await store.loadSession('c1')).toMatchObject({ key: 'c1' });
    await store.saveSession('c1', newSession('c1', 'en', 'x'));
    now += 99; // saving refreshed the TTL
    expect(await store.loadSession('c1')).toMatchObject({ lang: 'en' });
    now += 101;
    expect(await store.loadSession('c1')).toBeUndefined();
    await store.saveSession('c2', newSession('c2', 'it', 'x'));
    await store.forget('c2');
    expect(await store.loadSession('c2')).toBeUndefined();
  });

  it('hands out copies, never the stored object', async () => {
    const store = createMemoryStore();
    const session = newSession('c1', 'it', 'x');
    await store.saveSession('c1', session);
    session.lang = 'en';
    expect(await store.loadSession('c1')).toMatchObject({ lang: 'it' });
  });
});
