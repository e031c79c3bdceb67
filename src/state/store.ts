// The session store contract: ordered, deduplicated turns over stored documents, whatever keeps them (memory or Redis).
import { SportelloError } from '../errors.js';

interface TurnRequest {
  /** The conversation's key, e.g. "telegram:12345". */
  conversation: string;
  /** Whose profile to load; in one-to-one chats the conversation itself. */
  user: string;
  /** The platform's id of the update: a redelivered one is handled once. */
  updateId?: string;
}

interface TurnWrite {
  session: unknown;
  /** Omitted when the turn did not change the profile. */
  profile?: unknown;
  /** Lines this turn adds to the conversation's recent transcript (JSON values), oldest first. */
  transcript?: unknown[];
}

/** A conversation held for one turn: read what is stored, then end with exactly one of commit, forget or release. */
export interface HeldTurn {
  session: unknown;
  profile: unknown;
  /** Writes the documents, records the update as handled and lets the next turn in, all at once. */
  commit(write: TurnWrite): Promise<void>;
  /** Deletes everything kept about this conversation and its user, then lets the next turn in. */
  forget(): Promise<void>;
  /** Lets the next turn in without writing anything (the turn failed). */
  release(): Promise<void>;
}

export interface ConversationStore {
  /**
   * Waits until every earlier turn of this conversation is over (in arrival order, across
   * processes), then holds it. A holder that dies lets the others go on after a short lease.
   */
  begin(request: TurnRequest): Promise<HeldTurn | 'duplicate'>;
  /** The last transcript lines kept for a conversation, oldest first; an unreadable line is skipped. Reads without holding the turn. */
  recentTranscript(conversation: string): Promise<unknown[]>;
  /**
   * Keeps the platform's reference to a conversation (what a channel needs to write first: staff replies, reminders),
   * beside the session but not in it. Overwrites; the TTL starts again at each save. Reads and writes without holding the turn.
   */
  saveReference(conversation: string, reference: unknown): Promise<void>;
  /** The reference last saved for a conversation; undefined when none is kept or it cannot be read. */
  reference(conversation: string): Promise<unknown>;
  /** Resolves when the store answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class StoreUnavailableError extends SportelloError {
  readonly code = 'store_unavailable';
  override readonly name = 'StoreUnavailableError';
}

/** Our hold expired and another turn went ahead: this turn's writes would arrive out of order. */
export class LeaseLostError extends SportelloError {
  readonly code = 'lease_lost';
  override readonly name = 'LeaseLostError';
}

/** Hooks for measuring a store (the benchmark): called on the hot path, so they must be cheap. */
export interface StoreObserver {
  /** One request sent to the server (a script, a command). */
  roundTrip?(): void;
  /** A document written: a conversation's session or a user's profile, `bytes` long; for the transcript, the lines appended. */
  wrote?(document: 'session' | 'profile' | 'transcript', owner: string, bytes: number): void;
}

export interface StoreTtls {
  sessionMs: number;
  profileMs: number;
  dedupeMs: number;
  /** Restarts at each append, like the session's: the transcript of an idle conversation goes with it. */
  transcriptMs: number;
  /** Restarts only when the reference is saved again. */
  referenceMs: number;
}

export const DEFAULT_TTLS: StoreTtls = {
  sessionMs: 24 * 60 * 60 * 1000,
  profileMs: 180 * 24 * 60 * 60 * 1000,
  dedupeMs: 24 * 60 * 60 * 1000,
  transcriptMs: 24 * 60 * 60 * 1000,
  // Like the profile's: a staff reply or a reminder can come weeks after the last turn.
  referenceMs: 180 * 24 * 60 * 60 * 1000,
};

/** Transcript lines kept per conversation: what staff need to pick up, while the session stays under 1 KB. */
export const TRANSCRIPT_LINES = 12;

/** The lines a commit appends, as JSON: only the last `keep`, since older ones would be trimmed at once. */
export function transcriptJson(lines: unknown[] | undefined, keep: number): string[] {
  if (!lines) return [];
  // JSON.stringify gives undefined for undefined and functions: such a value is not a line.
  const json = lines.map((line) => JSON.stringify(line) as string | undefined).filter((j): j is string => j !== undefined);
  return json.slice(Math.max(0, json.length - keep));
}

/** A reference as stored: a value JSON cannot represent (undefined, a function) is the caller's mistake, not a store failure. */
export function referenceJson(reference: unknown): string {
  const json = JSON.stringify(reference) as string | undefined;
  if (json === undefined) throw new TypeError('a conversation reference must be a JSON value');
  return json;
}

/** Stored lines back to values; one that is not JSON (written by hand, or by an older version) is skipped. */
export function parseTranscript(json: string[]): unknown[] {
  return json.flatMap((j) => {
    try {
      return [JSON.parse(j) as unknown];
    } catch {
      return []; // one bad line must not hide the others from staff
    }
  });
}
