// The Redis floor: how many GET+SET pairs per second one node-redis client completes with N pairs in flight; keys under bench:bb:floor:, deleted after.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { msSince } from './measure.js';
import { deleteByPrefix } from './botbuilder/redis-storage.js';

// About the size of one conversation's stored state on either side.
const VALUE = JSON.stringify({ state: 'x'.repeat(1000) });
const WARM_UP_MS = 300;

export async function redisFloor(redisUrl: string, inFlight: number, seconds = 3): Promise<{ pairsPerSecond: number }> {
  // No reconnecting: a benchmark should stop at once, not wait for a Redis that is not there.
  const client = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
  client.on('error', (err: Error) => console.error(`bench: redis at ${redisUrl}: ${err.message}`));
  await client.connect();
  const prefix = `bench:bb:floor:${randomBytes(4).toString('hex')}:`;
  try {
    const loop = async (key: string, until: bigint, counter: { pairs: number }) => {
      while (process.hrtime.bigint() < until) {
        await client.get(key);
        await client.set(key, VALUE);
        counter.pairs++;
      }
    };
    const run = async (ms: number) => {
      const counter = { pairs: 0 };
      const start = process.hrtime.bigint();
      const until = start + BigInt(Math.round(ms * 1e6));
      await Promise.all(Array.from({ length: Math.max(1, inFlight) }, (_, i) => loop(`${prefix}${i}`, until, counter)));
      return counter.pairs / (msSince(start) / 1000);
    };
    await run(WARM_UP_MS);
    return { pairsPerSecond: await run(seconds * 1000) };
  } finally {
    try {
      await deleteByPrefix(client, prefix);
    } finally {
      await client.close();
    }
  }
}
