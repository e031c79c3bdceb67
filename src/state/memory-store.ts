// The embedded store: documents in this process's memory with idle TTLs; turns of one conversation queued in arrival order.
import {
  DEFAULT_TTLS,
  parseTranscript,
  referenceJson,
  TRANSCRIPT_LINES,
  transcriptJson,
  type ConversationStore,
  type HeldTurn,
  type StoreObserver,
  type StoreTtls,
} from './store.js';

interface Entry {
  json: string;
  expiresAt: number;
}

interface Lines {
  json: string[];
  expiresAt: number;
}

export interface MemoryStoreOptions {
  ttls?: Partial<StoreTtls>;
  now?: () => number;
  observe?: StoreObserver;
  /** Transcript lines kept per conversation (tests use a few). */
  transcriptLines?: number;
}

export function createMemoryStore(options: MemoryStoreOptions = {}): ConversationStore {
  const ttls = { ...DEFAULT_TTLS, ...options.ttls };
  const now = options.now ?? Date.now;
  const keep = options.transcriptLines ?? TRANSCRIPT_LINES;
  const documents = new Map<string, Entry>();
  const transcripts = new Map<string, Lines>();
  // Apart from the documents: a reference is neither a session nor a profile to the observer.
  const references = new Map<string, Entry>();
  const seen = new Map<string, number>();
  const queues = new Map<string, Promise<void>>();

  const live = (map: Map<string, Entry>, key: string): Entry | undefined => {
    const entry = map.get(key);
    if (!entry || entry.expiresAt > now()) return entry;
    map.delete(key);
    return undefined;
  };
  // Stored as JSON, as Redis would: a caller never shares objects with the store.
  const parse = (entry: Entry | undefined): unknown => (entry ? (JSON.parse(entry.json) as unknown) : undefined);
  const read = (key: string): unknown => parse(live(documents, key));
  const write = (key: string, value: unknown, ttlMs: number) => {
    const json = JSON.stringify(value);
    options.observe?.wrote?.(key.startsWith('s:') ? 'session' : 'profile', key.slice(2), Buffer.byteLength(json));
    documents.set(key, { json, expiresAt: now() + ttlMs });
  };
  // A profile in use stays: its idle TTL starts again at every turn.
  const touch = (key: string, ttlMs: number) => {
    const entry = documents.get(key);
    if (entry && entry.expiresAt > now()) entry.expiresAt = now() + ttlMs;
  };
  const liveLines = (conversation: string): string[] => {
    const lines = transcripts.get(conversation);
    if (lines && lines.expiresAt > now()) return lines.json;
    transcripts.delete(conversation);
    return [];
  };
  const append = (conversation: string, json: string[]) => {
    if (json.length === 0) return;
    options.observe?.wrote?.(
      'transcript',
      conversation,
      json.reduce((sum, j) => sum + Buffer.byteLength(j), 0),
    );
    transcripts.set(conversation, { json: [...liveLines(conversation), ...json].slice(-keep), expiresAt: now() + ttls.transcriptMs });
  };
  const seenKey = (conversation: string, updateId: string) => `${conversation}\u0000${updateId}`;
  let beginsSincePrune = 0;
  // Expired entries are dropped on read; this sweeps the ones nobody reads again, so memory stays bounded.
  const prune = () => {
    const at = now();
    for (const [key, entry] of documents) if (entry.expiresAt <= at) documents.delete(key);
    for (const [key, lines] of transcripts) if (lines.expiresAt <= at) transcripts.delete(key);
    for (const [key, entry] of references) if (entry.expiresAt <= at) references.delete(key);
    for (const [key, handledAt] of seen) if (handledAt <= at - ttls.dedupeMs) seen.delete(key);
  };

  return {
    async begin(request) {
      if (++beginsSincePrune >= 1000) {
        beginsSincePrune = 0;
        prune();
      }
      const previous = queues.get(request.conversation) ?? Promise.resolve();
      let letNextIn!: () => void;
      const done = new Promise<void>((resolve) => (letNextIn = resolve));
      const tail = previous.then(() => done);
      queues.set(request.conversation, tail);
      await previous;
      const end = () => {
        letNextIn();
        if (queues.get(request.conversation) === tail) queues.delete(request.conversation);
      };
      const { updateId } = request;
      const handledAt = updateId === undefined ? undefined : seen.get(seenKey(request.conversation, updateId));
      if (handledAt !== undefined && handledAt > now() - ttls.dedupeMs) {
        end();
        return 'duplicate';
      }
      let ended = false;
      const once = (work: () => void) => async () => {
        if (ended) throw new Error('a held turn ends once');
        ended = true;
        work();
        end();
      };
      const held: HeldTurn = {
        session: read(`s:${request.conversation}`),
        profile: read(`p:${request.user}`),
        commit: async (w) => {
          await once(() => {
            write(`s:${request.conversation}`, w.session, ttls.sessionMs);
            if (w.profile !== undefined) write(`p:${request.user}`, w.profile, ttls.profileMs);
            else touch(`p:${request.user}`, ttls.profileMs);
            append(request.conversation, transcriptJson(w.transcript, keep));
            if (updateId !== undefined) seen.set(seenKey(request.conversation, updateId), now());
          })();
        },
        forget: once(() => {
          documents.delete(`s:${request.conversation}`);
          documents.delete(`p:${request.user}`);
          transcripts.delete(request.conversation);
          references.delete(request.conversation);
          for (const key of seen.keys()) if (key.startsWith(`${request.conversation}\u0000`)) seen.delete(key);
        }),
        release: once(() => undefined),
      };
      return held;
    },
    async recentTranscript(conversation) {
      return parseTranscript(liveLines(conversation));
    },
    async saveReference(conversation, reference) {
      references.set(conversation, { json: referenceJson(reference), expiresAt: now() + ttls.referenceMs });
    },
    async reference(conversation) {
      return parse(live(references, conversation));
    },
    async ping() {},
    async close() {
      documents.clear();
      transcripts.clear();
      references.clear();
      seen.clear();
    },
  };
}
