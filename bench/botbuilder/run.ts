// One benchmark cell on the botbuilder side: N scripted booking conversations, K at a time, on memory or Redis storage; reports throughput, latency, size and round trips.
import { randomBytes } from 'node:crypto';
import { MemoryStorage, type Activity, type Storage } from 'botbuilder-core';
import { createClient } from 'redis';
import { measureCell, type CellOptions, type CellResult } from '../cell.js';
import { countCalls, type CallCounter } from '../measure.js';
import { InProcessAdapter, userMessage } from './adapter.js';
import type { Script } from '../flow-data.js';
import { createBookingBot, stateKeys, type BookingProfile } from './flow.js';
import { deleteByPrefix, RedisStorage } from './redis-storage.js';

export type { CellOptions, CellResult } from '../cell.js';

const CHANNEL = 'test';

interface StorageUnderTest {
  storage: Storage;
  /** Bytes held under a key right now (as last written). */
  sizeOf(key: string): number;
  forget(keys: string[]): void;
  close(): Promise<void>;
}

async function openStorage(options: CellOptions): Promise<StorageUnderTest> {
  if (options.storage === 'memory') {
    const memory: Record<string, string> = {}; // MemoryStorage keeps JSON strings here
    return {
      storage: new MemoryStorage(memory),
      sizeOf: (key) => Buffer.byteLength(memory[key] ?? ''),
      forget: (keys) => keys.forEach((key) => delete memory[key]),
      close: async () => {},
    };
  }
  // No reconnecting: a benchmark should stop at once, not wait for a Redis that is not there.
  const client = createClient({ url: options.redisUrl, socket: { reconnectStrategy: false } });
  client.on('error', (err: Error) => console.error(`bench: redis at ${options.redisUrl}: ${err.message}`));
  await client.connect();
  const prefix = `bench:bb:${randomBytes(4).toString('hex')}:`;
  const sizes = new Map<string, number>();
  return {
    storage: new RedisStorage(client, { prefix, onWrite: (key, bytes) => sizes.set(key, bytes) }),
    sizeOf: (key) => sizes.get(key) ?? 0,
    forget: (keys) => keys.forEach((key) => sizes.delete(key)),
    close: async () => {
      try {
        await deleteByPrefix(client, prefix);
      } finally {
        await client.close();
      }
    },
  };
}

export async function runBotbuilderCell(options: CellOptions): Promise<CellResult> {
  const under = await openStorage(options);
  try {
    const counter: CallCounter = { calls: 0 };
    const bot = createBookingBot(countCalls(under.storage, ['read', 'write', 'delete'], counter));
    const adapter = new InProcessAdapter();
    const logic = bot.run.bind(bot);
    const peaks = new Map<string, number>();
    return await measureCell(options, {
      async turn(script, text) {
        const replies: Partial<Activity>[] = await adapter.processActivity(userMessage(script.conversationId, script.userId, text), logic);
        if (replies.length === 0) throw new Error(`no reply to turn "${text}"`);
        const keys = stateKeys(CHANNEL, script.conversationId, script.userId);
        const size = under.sizeOf(keys.conversation) + under.sizeOf(keys.user);
        if (size > (peaks.get(script.conversationId) ?? 0)) peaks.set(script.conversationId, size);
        return replies.map((a) => a.text ?? '').join('\n');
      },
      async afterWarmUp(warmUp) {
        await dropConversations(under, warmUp);
        peaks.clear();
        counter.calls = 0;
      },
      roundTrips: () => counter.calls,
      peakBytes: () => [...peaks.values()],
      checkProfiles: (list, fail) => checkProfiles(under.storage, list, fail),
    });
  } finally {
    await under.close();
  }
}

// Read outside the timed run and outside the round-trip count.
async function checkProfiles(storage: Storage, list: Script[], fail: (script: Script, reason: string) => void): Promise<void> {
  const chunk = 500;
  for (let from = 0; from < list.length; from += chunk) {
    const part = list.slice(from, from + chunk);
    const keys = part.map((s) => stateKeys(CHANNEL, s.conversationId, s.userId).user);
    const items = await storage.read(keys);
    part.forEach((script, i) => {
      const stored = (items[keys[i]!] as { BookingProfile?: Partial<BookingProfile> } | undefined)?.BookingProfile;
      const { category, service, age, municipality, slot } = stored ?? {};
      const got = JSON.stringify({ category, service, age, municipality, slot });
      if (got !== JSON.stringify(script.expected)) fail(script, `profile ${got}`);
    });
  }
}

async function dropConversations(under: StorageUnderTest, list: Script[]): Promise<void> {
  const keys = list.flatMap((s) => Object.values(stateKeys(CHANNEL, s.conversationId, s.userId)));
  await under.storage.delete(keys);
  under.forget(keys);
}
