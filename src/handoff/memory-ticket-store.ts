// The embedded ticket store: tickets in this process's memory, closed ones dropped after their retention; one process only.
import { randomUUID } from 'node:crypto';
import { conversationKey } from '../conversation/key.js';
import { formatReference, isOpenTicket, isRefusal, newTicket, referenceOrder, referenceYear, Ticket, TicketDraft } from './ticket.js';
import { checkedChange, DEFAULT_CLOSED_TTL_MS, NOT_FOUND, sameTicket, type TicketStore, type TicketStoreOptions } from './ticket-store.js';

interface Entry {
  json: string;
  /** Set once the ticket is closed. */
  expiresAt?: number;
}

export function createMemoryTicketStore(options: TicketStoreOptions = {}): TicketStore {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const closedTtlMs = options.closedTtlMs ?? DEFAULT_CLOSED_TTL_MS;
  const tickets = new Map<string, Entry>();
  /** Conversation key → id of its open ticket. */
  const openSlots = new Map<string, string>();
  /** "channel:ts" → ticket id. */
  const threads = new Map<string, string>();
  const counters = new Map<number, number>();
  /** Slack event id → when it may be seen again. */
  const events = new Map<string, number>();

  const threadKey = (channel: string, ts: string) => `${channel}:${ts}`;
  const drop = (id: string) => {
    const entry = tickets.get(id);
    if (!entry) return;
    tickets.delete(id);
    const t = JSON.parse(entry.json) as Ticket;
    if (t.thread && threads.get(threadKey(t.thread.channel, t.thread.ts)) === id) threads.delete(threadKey(t.thread.channel, t.thread.ts));
    if (openSlots.get(conversationKey(t.conversation)) === id) openSlots.delete(conversationKey(t.conversation));
  };
  // Stored as JSON, as Redis would: a caller never shares objects with the store.
  const read = (id: string): Ticket | undefined => {
    const entry = tickets.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= now().getTime()) {
      drop(id);
      return undefined;
    }
    return Ticket.parse(JSON.parse(entry.json));
  };
  const write = (before: Ticket | undefined, t: Ticket) => {
    tickets.set(t.id, { json: JSON.stringify(t), ...(isOpenTicket(t) ? {} : { expiresAt: now().getTime() + closedTtlMs }) });
    const conversation = conversationKey(t.conversation);
    if (isOpenTicket(t)) openSlots.set(conversation, t.id);
    else if (openSlots.get(conversation) === t.id) openSlots.delete(conversation);
    const oldThread = before?.thread && threadKey(before.thread.channel, before.thread.ts);
    const newThread = t.thread && threadKey(t.thread.channel, t.thread.ts);
    if (oldThread && oldThread !== newThread) threads.delete(oldThread);
    if (newThread) threads.set(newThread, t.id);
  };
  // Closed tickets nobody reads again would stay forever; a sweep at each open keeps memory bounded.
  const prune = () => {
    const at = now().getTime();
    for (const [id, entry] of tickets) if (entry.expiresAt !== undefined && entry.expiresAt <= at) drop(id);
    for (const [id, until] of events) if (until <= at) events.delete(id);
  };
  const queued = (team?: string) =>
    [...tickets.keys()]
      .map(read)
      .filter((t): t is Ticket => t !== undefined && t.status === 'queued' && (team === undefined || t.team === team))
      .sort((a, b) => referenceOrder(a.reference) - referenceOrder(b.reference));

  return {
    async open(draft) {
      const parsed = TicketDraft.parse(draft);
      prune();
      const openId = openSlots.get(conversationKey(parsed.conversation));
      const current = openId === undefined ? undefined : read(openId);
      if (current && isOpenTicket(current)) return { ticket: current, created: false };
      const at = now();
      const year = referenceYear(at);
      const n = (counters.get(year) ?? 0) + 1;
      counters.set(year, n);
      const ticket = newTicket(parsed, newId(), formatReference(year, n), at);
      write(undefined, ticket);
      return { ticket, created: true };
    },
    async get(id) {
      return read(id);
    },
    async openFor(conversation) {
      const id = openSlots.get(conversationKey(conversation));
      const t = id === undefined ? undefined : read(id);
      return t && isOpenTicket(t) ? t : undefined;
    },
    async byThread(channel, ts) {
      const id = threads.get(threadKey(channel, ts));
      return id === undefined ? undefined : read(id);
    },
    // No await between reading and writing: in one process, every update is atomic.
    async update(id, change) {
      const before = read(id);
      if (!before) return NOT_FOUND;
      const result = change(before);
      if (isRefusal(result)) return result;
      const after = checkedChange(before, result);
      if (!sameTicket(before, after)) write(before, after);
      return after;
    },
    async queuePosition(id) {
      const t = read(id);
      if (t?.status !== 'queued') return undefined;
      return queued(t.team).findIndex((q) => q.id === id) + 1;
    },
    async dueForReannouncement(olderThan) {
      return queued()
        .filter((t) => Date.parse(t.announcedAt) < olderThan.getTime())
        .sort((a, b) => Date.parse(a.announcedAt) - Date.parse(b.announcedAt));
    },
    async firstSeen(eventId, ttlMs) {
      const at = now().getTime();
      const until = events.get(eventId);
      if (until !== undefined && until > at) return false;
      events.set(eventId, at + ttlMs);
      return true;
    },
    async forgetConversation(conversation) {
      const key = conversationKey(conversation);
      const forgotten: Ticket[] = [];
      for (const [id, entry] of tickets) {
        const ticket = JSON.parse(entry.json) as Ticket;
        if (conversationKey(ticket.conversation) !== key) continue;
        forgotten.push(ticket);
        drop(id);
      }
      openSlots.delete(key);
      return forgotten;
    },
    async close() {
      tickets.clear();
      openSlots.clear();
      threads.clear();
      events.clear();
    },
  };
}
