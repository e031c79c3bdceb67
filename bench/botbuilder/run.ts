// One benchmark cell on the botbuilder side: N scripted booking conversations, K at a time, on memory or Redis storage; reports throughput, latency, size and round trips.
import { randomBytes } from 'node:crypto';
import { MemoryStorage, type Activity, type Storage } from 'botbuilder-core';
import { createClient } from 'redis';
import { countCalls, msSince, percentile, runPool, type CallCounter } from '../measure.js';
import { InProcessAdapter, userMessage } from './adapter.js';
import { scripts, type Script } from '../flow-data.js';
import { createBookingBot, stateKeys, type BookingProfile } from './flow.js';
import { deleteByPrefix, RedisStorage } from './redis-storage.js';

export interface CellOptions {
  storage: 'memory' | 'redis';
  redisUrl: string;
  concurrency: number;
  conversations: number;
  seed: number;
}

export interface CellResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerConversationAtPeak: number;
  roundTripsPerTurn: number;
  checked: number;
  failures: number;
  /** Up to three, to say what went wrong. */
  failureExamples: string[];
}

const CHANNEL = 'test';
const WARM_UP_CONVERSATIONS = 300;


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

    const latencies: number[] = [];
    const peaks: number[] = [];
    const failureExamples: string[] = [];
    const failed = new Set<string>(); // conversations, however many checks each one failed
    const fail = (script: Script, reason: string) => {
      failed.add(script.conversationId);
      if (failureExamples.length < 3) failureExamples.push(`${script.conversationId}: ${reason}`);
    };

    const talk = async (script: Script, record: boolean) => {
      const keys = stateKeys(CHANNEL, script.conversationId, script.userId);
      let peak = 0;
      let last: Partial<Activity>[] = [];
      for (const text of script.texts) {
        const start = process.hrtime.bigint();
        last = await adapter.processActivity(userMessage(script.conversationId, script.userId, text), logic);
        if (record) latencies.push(msSince(start));
        peak = Math.max(peak, under.sizeOf(keys.conversation) + under.sizeOf(keys.user));
        if (last.length === 0) throw new Error(`no reply to turn "${text}"`);
      }
      if (record) peaks.push(peak);
      const final = last.map((a) => a.text ?? '').join('\n');
      if (!final.includes(script.expected.service) || !final.includes(script.expected.slot)) fail(script, `final reply "${final}"`);
    };
    const runAll = (list: Script[], record: boolean) =>
      runPool(list.length, options.concurrency, async (i) => {
        const script = list[i]!;
        try {
          await talk(script, record);
        } catch (err) {
          fail(script, err instanceof Error ? err.message : String(err));
        }
      });

    // Warm-up (JIT, connection): not measured, keys removed before the timed run.
    const warmUp = scripts(options.seed ^ 0x5eed, WARM_UP_CONVERSATIONS, 'warm-');
    await runAll(warmUp, false);
    await dropConversations(under, warmUp);
    if (failed.size > 0) throw new Error(`warm-up failed: ${failureExamples.join('; ')}`);
    counter.calls = 0;

    const timed = scripts(options.seed, options.conversations, '');
    const start = process.hrtime.bigint();
    await runAll(timed, true);
    const seconds = msSince(start) / 1000;
    const roundTrips = counter.calls;

    await checkProfiles(under.storage, timed, fail);
    const turns = latencies.length;
    return {
      turns,
      seconds,
      turnsPerSecond: turns / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      bytesPerConversationAtPeak: peaks.length === 0 ? 0 : peaks.reduce((a, b) => a + b, 0) / peaks.length,
      roundTripsPerTurn: turns === 0 ? 0 : roundTrips / turns,
      checked: timed.length,
      failures: failed.size,
      failureExamples,
    };
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
