// The session store contract: what the turn runner needs, whatever keeps the data (memory or Redis).
import type { Session } from '../conversation/session.js';

export interface ConversationStore {
  /** Runs `work` while no other turn of the same conversation runs; turns of other conversations go on in parallel. */
  withLock<T>(conversation: string, work: () => Promise<T>): Promise<T>;
  /** The raw stored document (parsed and migrated by the caller), or undefined when there is none. */
  loadSession(conversation: string): Promise<unknown>;
  saveSession(conversation: string, session: Session): Promise<void>;
  /** Removes everything stored for this conversation. */
  forget(conversation: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 24 * 60 * 60 * 1000;
