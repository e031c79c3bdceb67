// The ticket store contract: tickets, the indexes that find them and Slack event dedupe, whatever keeps them (memory or Redis).
import { conversationKey } from '../conversation/key.js';
import { SportelloError } from '../errors.js';
import { isOpenTicket, Ticket, type Refusal, type TicketConversation, type TicketDraft } from './ticket.js';

export type NotFound = { ok: false; reason: 'not_found' };
export type TicketChange = (t: Ticket) => Ticket | Refusal;

export interface TicketStore {
  /**
   * A new queued ticket with the next reference, unless the conversation already has an open one
   * (queued or taken): that one comes back with `created: false`. Concurrent opens create one ticket.
   */
  open(draft: TicketDraft): Promise<{ ticket: Ticket; created: boolean }>;
  get(id: string): Promise<Ticket | undefined>;
  /** The conversation's queued or taken ticket. */
  openFor(conversation: TicketConversation): Promise<Ticket | undefined>;
  byThread(channel: string, ts: string): Promise<Ticket | undefined>;
  /** Applies `change` to the latest stored ticket, again on a concurrent write; a refusal is returned as is and writes nothing. */
  update(id: string, change: TicketChange): Promise<Ticket | Refusal | NotFound>;
  /** 1-based place among its team's queued tickets, oldest first; undefined when not queued. */
  queuePosition(id: string): Promise<number | undefined>;
  /** Queued tickets last announced before `olderThan`, longest waiting first. */
  dueForReannouncement(olderThan: Date): Promise<Ticket[]>;
  /** True the first time a Slack event id is seen (by any process) within `ttlMs`, false for its retries. */
  firstSeen(eventId: string, ttlMs: number): Promise<boolean>;
  /**
   * Delete my data: every ticket of the conversation and every index entry pointing at one.
   * Returns the tickets deleted, so their Slack messages can be emptied too.
   */
  forgetConversation(conversation: TicketConversation): Promise<Ticket[]>;
  close(): Promise<void>;
}

export interface TicketStoreOptions {
  /** How long a closed ticket stays readable (staff replying late, statistics). */
  closedTtlMs?: number;
  now?: () => Date;
  newId?: () => string;
}

export const DEFAULT_CLOSED_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export const NOT_FOUND: NotFound = { ok: false, reason: 'not_found' };

/** Another process kept changing the ticket for every attempt. */
export class TicketConflictError extends SportelloError {
  readonly code = 'ticket_conflict';
  override readonly name = 'TicketConflictError';
}

/** A change's result, validated: it must still be a ticket, and the same one. */
export function checkedChange(before: Ticket, after: Ticket): Ticket {
  const next = Ticket.parse(after);
  if (next.id !== before.id || next.reference !== before.reference || conversationKey(next.conversation) !== conversationKey(before.conversation)) {
    throw new Error(`a change to ticket ${before.reference} altered its id, reference or conversation`);
  }
  if (!isOpenTicket(before) && isOpenTicket(next)) throw new Error(`a change to ticket ${before.reference} reopened it: open a new ticket instead`);
  return next;
}

/** Whether a change wrote anything: an idempotent action (a second take, a second close) returns the ticket unchanged. */
export const sameTicket = (a: Ticket, b: Ticket) => JSON.stringify(a) === JSON.stringify(b);
