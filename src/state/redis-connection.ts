// One Redis connection as the stores want it: failing fast while Redis is away, reconnecting quietly, Lua scripts
// registered with node-redis (defineScript). Used by every Redis store; knows nothing of what they keep.
import { createClient, defineScript, type CommandParser, type RedisClientType, type RedisDefaultModules, type RedisScripts } from 'redis';
import type { Logger } from '../log.js';
import { StoreUnavailableError } from './store.js';

/**
 * A Lua script, called as `client.<name>(keys, args)`. node-redis sends EVALSHA, and the source itself once when
 * Redis has forgotten it (NOSCRIPT, after a restart or SCRIPT FLUSH). The key count goes with the keys: some of
 * our scripts take one key more or less depending on the call (a profile in the same slot, the keys to delete).
 */
export const luaScript = (SCRIPT: string) =>
  defineScript({
    SCRIPT,
    parseCommand(parser: CommandParser, keys: string[], args: (string | number)[]) {
      parser.pushKeysLength(keys);
      parser.push(...args.map(String));
    },
    transformReply: (reply: unknown) => reply,
  });

/** Waits for a connection attempt at most `waitMs`: a Redis still down then is retried in the background. */
export async function readyWithin(ready: Promise<unknown>, waitMs = 3000): Promise<void> {
  await Promise.race([ready, new Promise((resolve) => setTimeout(resolve, waitMs).unref())]);
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- `{}` is node-redis's own "no functions" (FUNCTION LOAD); any other spelling types the client differently
type RedisClient<S extends RedisScripts> = RedisClientType<RedisDefaultModules, {}, S>;

export interface RedisConnectionOptions<S extends RedisScripts> {
  url: string;
  log: Logger;
  /** Names the store in the line logged when the connection drops ("ticket store", "scheduler"). */
  what: string;
  /** Lua scripts (luaScript), callable as methods of the client: pick names no Redis command has. */
  scripts: S;
  /** Listens to a pub/sub channel on a second connection of its own (a subscribed connection sends no commands). */
  subscribe?: { channel: string; listener: (message: string) => void };
  /** Told of every command `call` sends (the benchmark counts round trips): it must be cheap. */
  onCommand?: () => void;
  /** The error a failed command becomes when it is not Redis being away (a script's own refusal); undefined: StoreUnavailableError. */
  refine?: (err: unknown) => Error | undefined;
}

export interface RedisConnection<S extends RedisScripts> {
  client: RedisClient<S>;
  /** Settles once the connection (and the subscription) was attempted; it keeps retrying in the background. */
  ready: Promise<unknown>;
  /** Runs a command or script; rejects with StoreUnavailableError when Redis is away or does not answer. */
  call<T>(work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export function openRedis<S extends RedisScripts>(options: RedisConnectionOptions<S>): RedisConnection<S> {
  const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000) };
  // Without the offline queue a command fails at once while Redis is away, instead of piling up.
  const client: RedisClient<S> = createClient({ url: options.url, disableOfflineQueue: true, socket, scripts: options.scripts });
  const subscriber = options.subscribe ? client.duplicate() : undefined;
  let lastErrorLog = 0;
  for (const c of subscriber ? [client, subscriber] : [client]) {
    c.on('error', (err: Error) => {
      // A dead Redis errors on every reconnection attempt: one line every few seconds is enough.
      if (Date.now() - lastErrorLog > 5000) {
        lastErrorLog = Date.now();
        options.log.warn({ err: { message: err.message }, code: 'store_unavailable' }, `${options.what}: redis connection error; reconnecting`);
      }
    });
  }
  const subscribed = subscriber && options.subscribe;
  const ready = Promise.allSettled([
    client.connect(),
    ...(subscriber && subscribed ? [subscriber.connect().then(() => subscriber.subscribe(subscribed.channel, subscribed.listener))] : []),
  ]);

  async function call<T>(work: () => Promise<T>): Promise<T> {
    if (!client.isReady) throw new StoreUnavailableError('redis is not connected');
    options.onCommand?.();
    try {
      return await work();
    } catch (err) {
      throw options.refine?.(err) ?? new StoreUnavailableError('redis did not answer', { cause: err });
    }
  }

  return {
    client,
    ready,
    call,
    async close() {
      for (const c of subscriber ? [subscriber, client] : [client]) {
        // A client still trying to reach a dead Redis has nothing to flush: stop it at once.
        if (c.isReady) await c.close();
        else if (c.isOpen) c.destroy();
      }
    },
  };
}
