// One ticket store contract, two stores: in memory and in Redis (the real server at REDIS_URL, under a prefix of its own).
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMemoryTicketStore } from '../../src/handoff/memory-ticket-store.js';
import { createRedisTicketStore } from '../../src/handoff/redis-ticket-store.js';
import { attachThread, close, isRefusal, reannounced, take, type Refusal, type Ticket, type TicketDraft } from '../../src/handoff/ticket.js';
import type { NotFound, TicketStore } from '../../src/handoff/ticket-store.js';
import { StoreUnavailableError } from '../../src/state/store.js';
import { cleanPrefix, keysUnder, redisUrl, testPrefix } from '../support/redis.js';

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});
const opened: TicketStore[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

interface Made {
  store: TicketStore;
  /** The shared clock of every store made with it. */
  clock: { at: Date; advance(ms: number): Promise<void> };
  /** Another store on the same data: a second process, or this one after a restart (Redis only). */
  another?: () => Promise<TicketStore>;
  /** Every key under the store's prefix (Redis only). */
  keys?: () => Promise<string[]>;
  prefix?: string;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutes = (n: number) => n * 60_000;
const newClock = (realTime: boolean) => {
  const clock = {
    at: new Date('2026-03-02T09:00:00.000Z'),
    // Redis expires keys on its own clock: a TTL test there has to wait for real.
    async advance(ms: number) {
      clock.at = new Date(clock.at.getTime() + ms);
      if (realTime) await pause(ms);
    },
  };
  return clock;
};

const implementations: [string, (opts?: { closedTtlMs?: number }) => Promise<Made>][] = [
  [
    'memory',
    async (opts) => {
      const clock = newClock(false);
      const store = createMemoryTicketStore({ ...opts, now: () => clock.at });
      opened.push(store);
      return { store, clock };
    },
  ],
  [
    'redis',
    async (opts) => {
      const clock = newClock(true);
      const prefix = testPrefix('tickets');
      prefixes.push(prefix);
      const another = async () => {
        const store = createRedisTicketStore({ url: redisUrl(), prefix, ...opts, now: () => clock.at });
        opened.push(store);
        await store.ready;
        return store;
      };
      return { store: await another(), clock, another, keys: () => keysUnder(redisUrl(), prefix), prefix };
    },
  ],
];

const anna = { id: 'U01ANNA', name: 'Anna Rossi' };
const marco = { id: 'U02MARCO', name: 'Marco Bianchi' };
const thread = { channel: 'C0STAFF', ts: '1772442000.000100' };
const tg = (id: string) => ({ channel: 'telegram' as const, id });
const draft = (conversation: string, over: Partial<TicketDraft> = {}): TicketDraft => ({
  kind: 'live',
  conversation: tg(conversation),
  lang: 'it',
  team: 'servizi-sociali',
  reason: 'asked',
  transcript: [{ from: 'resident', text: 'vorrei parlare con un’operatrice, però… 🙂 "subito"', at: '2026-03-02T08:59:00.000Z' }],
  ...over,
});

function ticketOf(result: Ticket | Refusal | NotFound): Ticket {
  if (isRefusal(result)) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe.each(implementations)('ticket store contract (%s)', (name, make) => {
  it('opens a queued ticket and finds it by id, by conversation and, once attached, by thread', async () => {
    const { store } = await make();
    const { ticket, created } = await store.open(draft('100'));
    expect(created).toBe(true);
    expect(ticket).toMatchObject({ status: 'queued', reference: 'TKT-2026-000001', createdAt: '2026-03-02T09:00:00.000Z' });
    expect(await store.get(ticket.id)).toEqual(ticket);
    expect(await store.openFor(tg('100'))).toEqual(ticket);
    expect(await store.openFor(tg('101'))).toBeUndefined();
    expect(await store.byThread(thread.channel, thread.ts)).toBeUndefined();
    const attached = ticketOf(await store.update(ticket.id, (t) => attachThread(t, thread)));
    expect(await store.byThread(thread.channel, thread.ts)).toEqual(attached);
    expect(await store.get(randomUUID())).toBeUndefined();
    expect(await store.update(randomUUID(), (t) => t)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('returns the open ticket instead of a second one, also to concurrent opens', async () => {
    const { store, another } = await make();
    const stores = [store, another ? await another() : store];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => stores[i % 2]!.open(draft('200'))));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
    const again = await store.open(draft('200', { reason: 'voice' }));
    expect(again).toMatchObject({ created: false, ticket: { id: results[0]!.ticket.id, reason: 'asked' } });
  });

  it('hands out increasing references, starting again each year', async () => {
    const { store, clock } = await make();
    const refs = [];
    for (const id of ['300', '301', '302']) refs.push((await store.open(draft(id))).ticket.reference);
    expect(refs).toEqual(['TKT-2026-000001', 'TKT-2026-000002', 'TKT-2026-000003']);
    clock.at = new Date('2026-12-31T23:30:00.000Z'); // already 2027 in Rome
    expect((await store.open(draft('303'))).ticket.reference).toBe('TKT-2027-000001');
  });

  it('lets one person take a ticket: again by them is a no-op, by anyone else refused', async () => {
    const { store, clock } = await make();
    const { ticket } = await store.open(draft('400'));
    const taken = ticketOf(await store.update(ticket.id, (t) => take(t, anna, clock.at)));
    expect(taken).toMatchObject({ status: 'taken', takenBy: anna });
    await clock.advance(1);
    expect(await store.update(ticket.id, (t) => take(t, marco, clock.at))).toEqual({ ok: false, reason: 'already_taken', by: anna });
    expect(await store.update(ticket.id, (t) => take(t, anna, clock.at))).toEqual(taken);
    expect(await store.get(ticket.id)).toEqual(taken);
    expect(await store.openFor(tg('400'))).toEqual(taken);
  });

  it('closes a ticket: out of the conversation and the queue, still readable, and the next open makes a new one', async () => {
    const { store, clock } = await make();
    const { ticket } = await store.open(draft('500'));
    await store.update(ticket.id, (t) => attachThread(t, thread));
    const closed = ticketOf(await store.update(ticket.id, (t) => close(t, anna, clock.at)));
    expect(closed).toMatchObject({ status: 'closed', closedBy: anna });
    expect(await store.update(ticket.id, (t) => close(t, marco, clock.at))).toEqual(closed);
    expect(await store.update(ticket.id, (t) => take(t, marco, clock.at))).toEqual({ ok: false, reason: 'closed' });
    expect(await store.openFor(tg('500'))).toBeUndefined();
    expect(await store.queuePosition(ticket.id)).toBeUndefined();
    expect(await store.get(ticket.id)).toEqual(closed);
    expect(await store.byThread(thread.channel, thread.ts)).toEqual(closed); // a late reply in the thread still finds it
    const next = await store.open(draft('500'));
    expect(next.created).toBe(true);
    expect(next.ticket.id).not.toBe(ticket.id);
    expect(next.ticket.reference).toBe('TKT-2026-000002');
    expect(await store.openFor(tg('500'))).toEqual(next.ticket);
  });

  it('refuses changes that would make it another ticket, or reopen a closed one', async () => {
    const { store, clock } = await make();
    const { ticket } = await store.open(draft('550'));
    await expect(store.update(ticket.id, (t) => ({ ...t, id: randomUUID() }))).rejects.toThrow(/altered/);
    await store.update(ticket.id, (t) => close(t, anna, clock.at));
    await expect(store.update(ticket.id, (t) => ({ ...t, status: 'queued' }))).rejects.toThrow(/reopened/);
    await expect(store.open(draft('551', { phone: '+39 333 1234567' }))).rejects.toThrow(/call-back/);
  });

  it('keeps a queue per team, oldest first, moving up as tickets are taken or closed', async () => {
    const { store, clock } = await make();
    const ids: string[] = [];
    for (const [conversation, team] of [
      ['600', 'servizi-sociali'],
      ['601', 'cooperativa-jonathan'],
      ['602', 'servizi-sociali'],
      ['603', 'servizi-sociali'],
    ] as const) {
      ids.push((await store.open(draft(conversation, { team }))).ticket.id);
      await clock.advance(1);
    }
    const positions = async () => Promise.all(ids.map((id) => store.queuePosition(id)));
    expect(await positions()).toEqual([1, 1, 2, 3]);
    await store.update(ids[2]!, (t) => take(t, anna, clock.at));
    expect(await positions()).toEqual([1, 1, undefined, 2]);
    await store.update(ids[0]!, (t) => close(t, marco, clock.at));
    expect(await positions()).toEqual([undefined, 1, undefined, 1]);
    expect(await store.queuePosition(randomUUID())).toBeUndefined();
  });

  it('finds the queued tickets due for re-announcement, longest waiting first', async () => {
    const { store, clock } = await make();
    const start = clock.at;
    const at = (n: number) => new Date(start.getTime() + minutes(n));
    const first = (await store.open(draft('700'))).ticket;
    clock.at = at(5);
    const second = (await store.open(draft('701'))).ticket;
    const due = async (n: number) => (await store.dueForReannouncement(at(n))).map((t) => t.reference);
    expect(await due(0)).toEqual([]);
    expect(await due(3)).toEqual([first.reference]);
    expect(await due(10)).toEqual([first.reference, second.reference]);
    ticketOf(await store.update(first.id, (t) => reannounced(t, at(10))));
    expect(await due(10)).toEqual([second.reference]);
    expect(await due(11)).toEqual([second.reference, first.reference]);
    await store.update(second.id, (t) => take(t, anna, at(11)));
    expect(await due(11)).toEqual([first.reference]);
  });

  it('sees a Slack event id once, and its retries as retries', async () => {
    const { store, another } = await make();
    expect(await store.firstSeen('Ev01', 60_000)).toBe(true);
    expect(await store.firstSeen('Ev01', 60_000)).toBe(false);
    expect(await store.firstSeen('Ev02', 60_000)).toBe(true);
    if (another) expect(await (await another()).firstSeen('Ev01', 60_000)).toBe(false);
  });

  it('applies every one of many concurrent updates to one ticket', async () => {
    const { store, another } = await make();
    const { ticket } = await store.open(draft('800'));
    const stores = another ? [store, await another(), await another()] : [store];
    const lines = Array.from({ length: 15 }, (_, i) => ({ from: 'assistant' as const, text: `line ${i}`, at: '2026-03-02T09:01:00.000Z' }));
    await Promise.all(lines.map((line, i) => stores[i % stores.length]!.update(ticket.id, (t) => ({ ...t, transcript: [...t.transcript, line] }))));
    const after = await store.get(ticket.id);
    expect(after?.transcript).toHaveLength(16);
    expect(new Set(after?.transcript.map((l) => l.text))).toEqual(new Set([ticket.transcript[0]!.text, ...lines.map((l) => l.text)]));
  });

  it('forgets a conversation: every ticket of it and every index entry, nobody else’s', async () => {
    const { store, clock, keys, prefix } = await make();
    const old = (await store.open(draft('900'))).ticket;
    await store.update(old.id, (t) => attachThread(t, thread));
    await store.update(old.id, (t) => close(t, anna, clock.at));
    const current = (await store.open(draft('900'))).ticket;
    await store.update(current.id, (t) => attachThread(t, { ...thread, ts: '1772442999.000200' }));
    const other = (await store.open(draft('901'))).ticket;
    const forgotten = await store.forgetConversation(tg('900'));
    expect(forgotten.map((t) => t.id).sort()).toEqual([old.id, current.id].sort());
    expect(forgotten.every((t) => t.thread !== undefined)).toBe(true);
    for (const id of [old.id, current.id]) expect(await store.get(id)).toBeUndefined();
    expect(await store.openFor(tg('900'))).toBeUndefined();
    expect(await store.byThread(thread.channel, thread.ts)).toBeUndefined();
    expect(await store.queuePosition(other.id)).toBe(1);
    expect(await store.dueForReannouncement(new Date(clock.at.getTime() + 1))).toEqual([other]);
    expect(await store.forgetConversation(tg('902'))).toEqual([]); // nothing to forget
    if (keys) {
      expect((await keys()).map((key) => key.slice(prefix!.length))).toEqual([
        'ticket-announce',
        'ticket-queue:servizi-sociali',
        'ticket-ref:2026',
        `ticket:{${other.id}}`,
        '{telegram:901}:ticket',
      ]);
    }
  });

  it('drops a closed ticket after its retention, with its thread entry', async () => {
    const { store, clock } = await make({ closedTtlMs: 150 });
    const { ticket } = await store.open(draft('950'));
    await store.update(ticket.id, (t) => attachThread(t, thread));
    await clock.advance(300); // an open ticket has no expiry
    expect(await store.get(ticket.id)).toMatchObject({ status: 'queued' });
    await store.update(ticket.id, (t) => close(t, anna, clock.at));
    await clock.advance(300);
    expect(await store.get(ticket.id)).toBeUndefined();
    expect(await store.byThread(thread.channel, thread.ts)).toBeUndefined();
  });

  if (name === 'redis') {
    it('survives a restart: another process sees tickets, threads, queue and handled events', async () => {
      const { store, another, clock } = await make();
      const { ticket } = await store.open(draft('1000'));
      await store.update(ticket.id, (t) => attachThread(t, thread));
      await store.firstSeen('Ev10', 60_000);
      await store.close();
      const restarted = await another!();
      expect(await restarted.openFor(tg('1000'))).toMatchObject({ id: ticket.id, thread });
      expect(await restarted.byThread(thread.channel, thread.ts)).toMatchObject({ id: ticket.id });
      expect(await restarted.queuePosition(ticket.id)).toBe(1);
      expect(await restarted.firstSeen('Ev10', 60_000)).toBe(false);
      expect(await restarted.update(ticket.id, (t) => take(t, anna, clock.at))).toMatchObject({ status: 'taken' });
      expect(await restarted.open(draft('1000'))).toMatchObject({ created: false, ticket: { id: ticket.id } });
    });

    it('keeps the conversation index under the session’s hash tag; open tickets never expire, closed ones do', async () => {
      const { store, clock, prefix } = await make({ closedTtlMs: 60_000 });
      const { ticket } = await store.open(draft('4242'));
      await store.update(ticket.id, (t) => attachThread(t, thread));
      await store.firstSeen('Ev20', 30_000);
      const client = createClient({ url: redisUrl() });
      await client.connect();
      const ttl = (key: string) => client.pTTL(`${prefix!}${key}`);
      const index = '{telegram:4242}:ticket';
      const open = [
        index,
        `ticket:{${ticket.id}}`,
        `ticket-thread:${thread.channel}:${thread.ts}`,
        'ticket-queue:servizi-sociali',
        'ticket-announce',
      ];
      for (const key of open) expect(await ttl(key), key).toBe(-1);
      expect(await ttl('slack-event:Ev20')).toBeGreaterThan(25_000);
      await store.update(ticket.id, (t) => close(t, anna, clock.at));
      for (const key of open.slice(0, 3)) {
        expect(await ttl(key), key).toBeGreaterThan(50_000);
        expect(await ttl(key), key).toBeLessThanOrEqual(60_000);
      }
      await store.open(draft('4242'));
      expect(await ttl(index)).toBe(-1); // a new open ticket: the index stays as long as it does
      client.destroy();
    });

    it('fails fast with StoreUnavailableError when Redis does not answer', async () => {
      const store = createRedisTicketStore({ url: 'redis://127.0.0.1:1', prefix: 'test:down:' });
      opened.push(store);
      await Promise.race([store.ready, pause(200)]);
      const started = Date.now();
      await expect(store.open(draft('1'))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.firstSeen('Ev1', 1000)).rejects.toBeInstanceOf(StoreUnavailableError);
      expect(Date.now() - started).toBeLessThan(1000);
    });
  }
});
