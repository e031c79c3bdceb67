// The Redis store (node-redis): ordered, deduplicated turns shared by any number of processes; keys hash-tagged per conversation.
import { silentLogger, type Logger } from '../log.js';
import { openRedis, readyWithin } from './redis-connection.js';
import { turnScripts } from './redis-scripts.js';
import {
  DEFAULT_TTLS,
  LeaseLostError,
  parseTranscript,
  referenceJson,
  TRANSCRIPT_LINES,
  transcriptJson,
  type ConversationStore,
  type HeldTurn,
  type StoreObserver,
  type StoreTtls,
} from './store.js';

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key, so several deployments (or test runs) share one Redis. */
  prefix?: string;
  ttls?: Partial<StoreTtls>;
  /** How long a turn may go without a heartbeat before the conversation's next turn goes ahead. */
  leaseMs?: number;
  log?: Logger;
  observe?: StoreObserver;
  /** Transcript lines kept per conversation (tests use a few). */
  transcriptLines?: number;
}

export interface RedisStore extends ConversationStore {
  /** Settles once both connections were attempted (they keep retrying in the background). */
  ready: Promise<unknown>;
  /** The keys a conversation and its user may occupy, for tests and operators. */
  keysOf(
    conversation: string,
    user?: string,
  ): { queue: string; session: string; seen: string; transcript: string; reference: string; profile: string };
}

/** Expired dedupe entries are trimmed on about one commit in this many. */
const TRIM_EVERY = 8;

/** Creates the store and waits (up to `waitMs`) for Redis; a Redis still down then is retried in the background. */
export async function connectRedisStore(options: RedisStoreOptions & { waitMs?: number }): Promise<RedisStore> {
  const store = createRedisStore(options);
  await readyWithin(store.ready, options.waitMs);
  return store;
}

export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const prefix = options.prefix ?? 'sportello:';
  const ttls = { ...DEFAULT_TTLS, ...options.ttls };
  const leaseMs = options.leaseMs ?? 5000;
  const keepLines = options.transcriptLines ?? TRANSCRIPT_LINES;
  const log = options.log ?? silentLogger;
  // A waiter looks again this often even without a wake-up, and so keeps its own place alive.
  const pollMs = Math.max(10, Math.min(200, Math.floor(leaseMs / 3)));
  const queueTtlMs = Math.max(ttls.sessionMs, leaseMs * 10);
  const channel = `${prefix}turns`;

  const waiters = new Map<string, Set<() => void>>();
  const redis = openRedis({
    url: options.url,
    log,
    what: 'session store',
    scripts: turnScripts,
    // Released turns are announced here, so a waiter goes on at once instead of at its next look.
    subscribe: {
      channel,
      listener: (queue) => {
        for (const wake of waiters.get(queue) ?? []) wake();
      },
    },
    onCommand: () => options.observe?.roundTrip?.(),
    refine: (err) =>
      err instanceof Error && /LEASE_LOST/.test(err.message)
        ? new LeaseLostError('the turn lost its hold on the conversation', { cause: err })
        : undefined,
  });
  const { client, call } = redis;

  const keysOf = (conversation: string, user = conversation) => ({
    queue: `${prefix}{${conversation}}:turns`,
    session: `${prefix}{${conversation}}:session`,
    seen: `${prefix}{${conversation}}:seen`,
    transcript: `${prefix}{${conversation}}:transcript`,
    reference: `${prefix}{${conversation}}:reference`,
    profile: `${prefix}{${user}}:profile`,
  });

  function nextWakeUp(queue: string): Promise<void> {
    return new Promise((resolve) => {
      const set = waiters.get(queue) ?? new Set();
      waiters.set(queue, set);
      const done = () => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0) waiters.delete(queue);
        resolve();
      };
      const timer = setTimeout(done, pollMs);
      set.add(done);
    });
  }

  const parse = (raw: unknown): unknown => {
    if (typeof raw !== 'string') return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      // Not JSON: hand it on as it is; the caller treats an unreadable document as none and says so.
      return raw;
    }
  };

  return {
    keysOf,
    ready: redis.ready,
    async begin(request) {
      const k = keysOf(request.conversation, request.user);
      const sameSlot = request.user === request.conversation;
      // The profile goes last: it is a key of this slot only in a one-to-one chat.
      const keys = sameSlot ? [k.queue, k.session, k.seen, k.transcript, k.profile] : [k.queue, k.session, k.seen, k.transcript];
      const updateId = request.updateId ?? '';
      let reply = (await call(() => client.takeTurn(keys, ['', updateId, leaseMs, queueTtlMs]))) as unknown[];
      const ticket = Number(reply[0]);
      while (reply.length === 2) {
        await nextWakeUp(k.queue);
        reply = (await call(() => client.takeTurn(keys, [ticket, updateId, leaseMs, queueTtlMs]))) as unknown[];
      }
      const [, , session, profile, seen] = reply;
      const releaseArgs = [ticket, channel];
      if (seen === 1) {
        await call(() => client.releaseTurn([k.queue], releaseArgs));
        return 'duplicate';
      }
      const heartbeat = setInterval(
        () => {
          client.pExpire(`${k.queue}:${ticket}`, leaseMs).catch(() => undefined); // a missed beat is what the lease is for
        },
        Math.floor(leaseMs / 3),
      );
      heartbeat.unref();
      let ended = false;
      const end = async (work: () => Promise<unknown>) => {
        if (ended) throw new Error('a held turn ends once');
        ended = true;
        clearInterval(heartbeat);
        await work();
      };
      const held: HeldTurn = {
        session: parse(session),
        // Another slot (a group chat's member): one more read, outside the script.
        profile: parse(sameSlot ? profile : await call(() => client.get(k.profile))),
        commit: (w) =>
          end(async () => {
            const profileJson = w.profile === undefined ? '' : JSON.stringify(w.profile);
            const sessionJson = JSON.stringify(w.session);
            const lines = transcriptJson(w.transcript, keepLines);
            options.observe?.wrote?.('session', request.conversation, Buffer.byteLength(sessionJson));
            if (profileJson) options.observe?.wrote?.('profile', request.user, Buffer.byteLength(profileJson));
            if (lines.length > 0)
              options.observe?.wrote?.(
                'transcript',
                request.conversation,
                lines.reduce((sum, j) => sum + Buffer.byteLength(j), 0),
              );
            await call(() =>
              client.commitTurn(keys, [
                ticket,
                channel,
                sessionJson,
                ttls.sessionMs,
                updateId,
                Date.now(),
                ttls.dedupeMs,
                sameSlot ? profileJson : '',
                ttls.profileMs,
                Math.random() < 1 / TRIM_EVERY ? 1 : 0,
                ttls.transcriptMs,
                keepLines,
                ...lines,
              ]),
            );
            if (!sameSlot) {
              if (profileJson) await call(() => client.set(k.profile, profileJson, { expiration: { type: 'PX', value: ttls.profileMs } }));
              else await call(() => client.pExpire(k.profile, ttls.profileMs));
            }
          }),
        forget: () =>
          end(async () => {
            const gone = [k.session, k.seen, k.transcript, k.reference, ...(sameSlot ? [k.profile] : [])];
            await call(() => client.forgetTurn([k.queue, ...gone], releaseArgs));
            if (!sameSlot) await call(() => client.del(k.profile));
          }),
        release: () => end(() => call(() => client.releaseTurn([k.queue], releaseArgs))),
      };
      return held;
    },
    async recentTranscript(conversation) {
      return parseTranscript(await call(() => client.lRange(keysOf(conversation).transcript, 0, -1)));
    },
    async saveReference(conversation, reference) {
      const json = referenceJson(reference);
      await call(() => client.set(keysOf(conversation).reference, json, { expiration: { type: 'PX', value: ttls.referenceMs } }));
    },
    async reference(conversation) {
      const raw = await call(() => client.get(keysOf(conversation).reference));
      if (raw === null) return undefined;
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return undefined; // not JSON (written by hand, or by an older version): as if none were kept
      }
    },
    async ping() {
      await call(() => client.ping());
    },
    close: () => redis.close(),
  };
}
