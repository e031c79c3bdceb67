// The embedded store: sessions in this process's memory with an idle TTL; turns of one conversation queued in order.
import type { Session } from '../conversation/session.js';
import { DEFAULT_SESSION_TTL_MS, type ConversationStore } from './store.js';

interface Entry {
  json: string;
  expiresAt: number;
}

export function createMemoryStore(options: { ttlMs?: number; now?: () => number } = {}): ConversationStore {
  const ttlMs = options.ttlMs ?? DEFAULT_SESSION_TTL_MS;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, Entry>();
  const queues = new Map<string, Promise<unknown>>();

  return {
    async withLock(conversation, work) {
      const previous = queues.get(conversation) ?? Promise.resolve();
      const run = previous.then(() => work());
      // The queue holds a promise that never rejects: one failed turn must not block the next.
      const settled = run.then(
        () => undefined,
        () => undefined,
      );
      queues.set(conversation, settled);
      try {
        return await run;
      } finally {
        if (queues.get(conversation) === settled) queues.delete(conversation);
      }
    },
    async loadSession(conversation) {
      const entry = sessions.get(conversation);
      if (!entry) return undefined;
      if (entry.expiresAt <= now()) {
        sessions.delete(conversation);
        return undefined;
      }
      // Stored as JSON, as Redis would: a caller never shares objects with the store.
      return JSON.parse(entry.json) as unknown;
    },
    async saveSession(conversation, session: Session) {
      sessions.set(conversation, { json: JSON.stringify(session), expiresAt: now() + ttlMs });
    },
    async forget(conversation) {
      sessions.delete(conversation);
    },
    async close() {
      sessions.clear();
    },
  };
}
