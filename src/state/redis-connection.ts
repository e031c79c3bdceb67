// One Redis connection as the stores want it: failing fast while Redis is away, reconnecting quietly, scripts by
// their hash with the source sent again after a Redis restart. Used by the ticket store and the job scheduler.
import { createHash } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import type { Logger } from '../log.js';
import { StoreUnavailableError } from './store.js';

export const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** Waits for a connection attempt at most `waitMs`: a Redis still down then is retried in the background. */
export async function readyWithin(ready: Promise<unknown>, waitMs = 3000): Promise<void> {
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

export interface RedisConnection {
  client: RedisClientType;
  /** Settles once the connection was attempted (it keeps retrying in the background). */
  ready: Promise<unknown>;
  /** Runs a command; rejects with StoreUnavailableError when Redis is away or does not answer. */
  call<T>(work: () => Promise<T>): Promise<T>;
  /** A Lua script by its SHA-1, its source once more when Redis has forgotten it (after a restart). */
  script(source: string, sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  close(): Promise<void>;
}

/** `what` names the store in the line logged when the connection drops ("ticket store", "scheduler"). */
export function openRedis(options: { url: string; log: Logger; what: string }): RedisConnection {
  const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) };
  // Without the offline queue a command fails at once while Redis is away, instead of piling up.
  const client: RedisClientType = createClient({ url: options.url, disableOfflineQueue: true, socket });
  let lastErrorLog = 0;
  client.on('error', (err: Error) => {
    // A dead Redis errors on every reconnection attempt: one line every few seconds is enough.
    if (Date.now() - lastErrorLog > 5000) {
      lastErrorLog = Date.now();
      options.log.warn({ err: { message: err.message }, code: 'store_unavailable' }, `${options.what}: redis connection error; reconnecting`);
    }
  });
  const ready = Promise.allSettled([client.connect()]);

  async function call<T>(work: () => Promise<T>): Promise<T> {
    if (!client.isReady) throw new StoreUnavailableError('redis is not connected');
    try {
      return await work();
    } catch (err) {
      throw new StoreUnavailableError('redis did not answer', { cause: err });
    }
  }

  return {
    client,
    ready,
    call,
    script: (source, sha, scriptOptions) =>
      call(async () => {
        try {
          return await client.evalSha(sha, scriptOptions);
        } catch (err) {
          if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return client.eval(source, scriptOptions);
          throw err;
        }
      }),
    async close() {
      // A client still trying to reach a dead Redis has nothing to flush: stop it at once.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
}
