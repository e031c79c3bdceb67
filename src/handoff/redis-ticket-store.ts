// Tickets in Redis (node-redis), shared by every process: documents, the indexes that find them, Slack event dedupe.
//
// Keys, under the prefix (default `sportello:`):
//   ticket:{<id>}                 hash: `doc` the Ticket JSON, `rev` bumped by every write.
//                                 No TTL while open; closedTtlMs once closed.
//   {<channel>:<id>}:ticket       hash, the conversation's index: `open` → id of its queued or taken ticket;
//                                 `<ticket id>` → 1 for every ticket kept. The session keys' hash tag.
//                                 No TTL while a ticket is open; closedTtlMs from the last close.
//   ticket-queue:<team>           sorted set: the team's queued ticket ids, by reference (oldest first). No TTL.
//   ticket-announce               sorted set: every queued ticket id, by announcedAt (ms). No TTL.
//   ticket-thread:<channel>:<ts>  string: id of the ticket that lives under that Slack message. Its ticket's TTL.
//   ticket-ref:<year>             counter behind the year's references (TKT-<year>-<n>). No TTL: a few bytes a year.
//   slack-event:<event id>        "1": the event was handled. The caller's TTL.
//
// Every write is a plan checked and applied by one Lua script (APPLY_PLAN): the ticket, its indexes and
// its queue entries change together or not at all. A plan spans hash slots (a team's queue, the thread
// index), so this store wants one Redis (or a replicated primary), not a Cluster.
import { randomUUID } from 'node:crypto';
import { conversationKey } from '../conversation/key.js';
import { silentLogger, type Logger } from '../log.js';
import { luaScript, openRedis } from '../state/redis-connection.js';
import {
  formatReference,
  isOpenTicket,
  isRefusal,
  newTicket,
  referenceOrder,
  referenceYear,
  Ticket,
  TicketDraft,
  type TicketConversation,
} from './ticket.js';
import {
  checkedChange,
  DEFAULT_CLOSED_TTL_MS,
  NOT_FOUND,
  sameTicket,
  TicketConflictError,
  type TicketStore,
  type TicketStoreOptions,
} from './ticket-store.js';

export interface RedisTicketStoreOptions extends TicketStoreOptions {
  url: string;
  /** Prefix of every key, so several deployments (or test runs) share one Redis. */
  prefix?: string;
  log?: Logger;
}

export interface RedisTicketStore extends TicketStore {
  /** Settles once the connection was attempted (it keeps retrying in the background). */
  ready: Promise<unknown>;
}

/** Plan: [checks, writes]; a check is [command, key index, args, expected reply or null], a write [command, key index, args]. */
const APPLY_PLAN = `
local plan = cjson.decode(ARGV[1])
local function call(step) return redis.call(step[1], KEYS[step[2]], unpack(step[3])) end
for _, check in ipairs(plan[1]) do
  local found = call(check)
  if found == false then found = cjson.null else found = tostring(found) end
  if found ~= check[4] then return 0 end
end
for _, write in ipairs(plan[2]) do call(write) end
return 1
`;
const scripts = { applyTicketPlan: luaScript(APPLY_PLAN) };

/** Inside one process updates of a ticket wait for each other, so attempts only fail against other processes. */
const MAX_ATTEMPTS = 10;

function ticketKeys(prefix = 'sportello:') {
  return {
    ticket: (id: string) => `${prefix}ticket:{${id}}`,
    conversation: (c: TicketConversation) => `${prefix}{${conversationKey(c)}}:ticket`,
    queue: (team: string) => `${prefix}ticket-queue:${team}`,
    announce: `${prefix}ticket-announce`,
    thread: (channel: string, ts: string) => `${prefix}ticket-thread:${channel}:${ts}`,
    counter: (year: number) => `${prefix}ticket-ref:${year}`,
    event: (eventId: string) => `${prefix}slack-event:${eventId}`,
  };
}
type Keys = ReturnType<typeof ticketKeys>;

function newPlan() {
  const keys: string[] = [];
  const checks: [string, number, string[], string | null][] = [];
  const writes: [string, number, string[]][] = [];
  const slot = (key: string) => {
    const i = keys.indexOf(key);
    return i >= 0 ? i + 1 : keys.push(key);
  };
  return {
    keys,
    /** The plan goes ahead only while `command key ...args` still answers `expected` (null: nothing). */
    expect: (expected: string | null, command: string, key: string, ...args: string[]) => void checks.push([command, slot(key), args, expected]),
    write: (command: string, key: string, ...args: (string | number)[]) => void writes.push([command, slot(key), args.map(String)]),
    encode: () => JSON.stringify([checks, writes]),
  };
}
type Plan = ReturnType<typeof newPlan>;

/** The writes that store `after` (replacing `before`) and keep every index in step with it. */
function writeTicket(plan: Plan, k: Keys, before: Ticket | undefined, after: Ticket, rev: number, closedTtlMs: number) {
  const { id } = after;
  const doc = k.ticket(id);
  const index = k.conversation(after.conversation);
  const closed = !isOpenTicket(after);
  plan.write('HSET', doc, 'doc', JSON.stringify(after), 'rev', rev);
  if (closed) plan.write('PEXPIRE', doc, closedTtlMs);
  if (!before) {
    plan.write('HSET', index, 'open', id, id, 1);
    plan.write('PERSIST', index);
  } else if (closed && isOpenTicket(before)) {
    plan.write('HDEL', index, 'open');
    plan.write('PEXPIRE', index, closedTtlMs);
  } else if (closed) {
    // A closed ticket written again lives longer: so must its index, unless it has no TTL (an open ticket), which GT leaves alone.
    plan.write('PEXPIRE', index, closedTtlMs, 'GT');
  }
  if (before?.status === 'queued' && (after.status !== 'queued' || before.team !== after.team)) plan.write('ZREM', k.queue(before.team), id);
  if (after.status === 'queued') {
    plan.write('ZADD', k.queue(after.team), referenceOrder(after.reference), id);
    plan.write('ZADD', k.announce, Date.parse(after.announcedAt), id);
  } else if (before?.status === 'queued') {
    plan.write('ZREM', k.announce, id);
  }
  const oldThread = before?.thread && k.thread(before.thread.channel, before.thread.ts);
  const newThread = after.thread && k.thread(after.thread.channel, after.thread.ts);
  if (oldThread && oldThread !== newThread) plan.write('DEL', oldThread);
  if (newThread) {
    plan.write('SET', newThread, id);
    if (closed) plan.write('PEXPIRE', newThread, closedTtlMs);
  }
}

function decode(raw: string): Ticket {
  try {
    return Ticket.parse(JSON.parse(raw));
  } catch (err) {
    throw new Error('a stored ticket does not parse', { cause: err });
  }
}

function readable(raw: string): Ticket | undefined {
  try {
    return Ticket.safeParse(JSON.parse(raw)).data;
  } catch {
    // Delete-my-data must not stop at a document it cannot read: it is deleted all the same.
    return undefined;
  }
}

export function createRedisTicketStore(options: RedisTicketStoreOptions): RedisTicketStore {
  const k = ticketKeys(options.prefix);
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const closedTtlMs = options.closedTtlMs ?? DEFAULT_CLOSED_TTL_MS;
  const log = options.log ?? silentLogger;

  const redis = openRedis({ url: options.url, log, what: 'ticket store', scripts });
  const { client, ready, call } = redis;

  async function apply(plan: Plan): Promise<boolean> {
    const reply = await call(() => client.applyTicketPlan(plan.keys, [plan.encode()]));
    return reply === 1;
  }

  async function read(id: string): Promise<{ ticket: Ticket; rev: string } | undefined> {
    const [doc, rev] = await call(() => client.hmGet(k.ticket(id), ['doc', 'rev']));
    return doc ? { ticket: decode(doc), rev: rev ?? '0' } : undefined;
  }
  const get = async (id: string) => (await read(id))?.ticket;

  /** Ticket ids in a conversation's index whose documents have expired. */
  async function expired(fields: Record<string, string>): Promise<string[]> {
    const ids = Object.keys(fields).filter((f) => f !== 'open');
    const exists = await Promise.all(ids.map((id) => call(() => client.exists(k.ticket(id)))));
    return ids.filter((_, i) => exists[i] === 0);
  }

  const chains = new Map<string, Promise<unknown>>();
  function oneAtATime<T>(id: string, work: () => Promise<T>): Promise<T> {
    const result = (chains.get(id) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined, // the caller gets the error; the next update runs regardless
    );
    chains.set(id, tail);
    void tail.then(() => chains.get(id) === tail && chains.delete(id));
    return result;
  }

  async function retry(attempt: number, what: string): Promise<void> {
    if (attempt >= MAX_ATTEMPTS) throw new TicketConflictError(`${what} kept changing through ${MAX_ATTEMPTS} attempts`);
    // Jittered, so two processes that collided do not collide again.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
  }

  return {
    ready,
    async open(draft) {
      const parsed = TicketDraft.parse(draft);
      const index = k.conversation(parsed.conversation);
      let number: { year: number; n: number } | undefined;
      for (let attempt = 1; ; attempt++) {
        const fields = await call(() => client.hGetAll(index));
        const openId = fields['open'];
        const current = openId === undefined ? undefined : await get(openId);
        if (current && isOpenTicket(current)) return { ticket: current, created: false };
        const at = now();
        const year = referenceYear(at);
        // Kept across attempts: a number is skipped only when another open for this conversation won.
        if (!number || number.year !== year) number = { year, n: await call(() => client.incr(k.counter(year))) };
        const ticket = newTicket(parsed, newId(), formatReference(year, number.n), at);
        const plan = newPlan();
        plan.expect(openId ?? null, 'HGET', index, 'open');
        for (const id of await expired(fields)) plan.write('HDEL', index, id);
        writeTicket(plan, k, undefined, ticket, 1, closedTtlMs);
        if (await apply(plan)) return { ticket, created: true };
        await retry(attempt, `the tickets of a conversation`);
      }
    },
    get,
    async openFor(conversation) {
      const id = await call(() => client.hGet(k.conversation(conversation), 'open'));
      const t = id ? await get(id) : undefined;
      return t && isOpenTicket(t) ? t : undefined;
    },
    async byThread(channel, ts) {
      const id = await call(() => client.get(k.thread(channel, ts)));
      return id ? get(id) : undefined;
    },
    update: (id, change) =>
      oneAtATime(id, async () => {
        for (let attempt = 1; ; attempt++) {
          const stored = await read(id);
          if (!stored) return NOT_FOUND;
          const result = change(stored.ticket);
          if (isRefusal(result)) return result;
          const after = checkedChange(stored.ticket, result);
          if (sameTicket(stored.ticket, after)) return after;
          const plan = newPlan();
          plan.expect(stored.rev, 'HGET', k.ticket(id), 'rev');
          writeTicket(plan, k, stored.ticket, after, Number(stored.rev) + 1, closedTtlMs);
          if (await apply(plan)) return after;
          await retry(attempt, `ticket ${after.reference}`);
        }
      }),
    async queuePosition(id) {
      const t = await get(id);
      if (t?.status !== 'queued') return undefined;
      const rank = await call(() => client.zRank(k.queue(t.team), id));
      return rank === null ? undefined : rank + 1;
    },
    async dueForReannouncement(olderThan) {
      const ms = olderThan.getTime();
      const ids = await call(() => client.zRange(k.announce, '-inf', `(${ms}`, { BY: 'SCORE' }));
      const tickets = await Promise.all(ids.map(get));
      return tickets
        .filter((t): t is Ticket => t?.status === 'queued' && Date.parse(t.announcedAt) < ms)
        .sort((a, b) => Date.parse(a.announcedAt) - Date.parse(b.announcedAt));
    },
    async firstSeen(eventId, ttlMs) {
      const reply = await call(() => client.set(k.event(eventId), '1', { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }));
      return reply === 'OK';
    },
    async forgetConversation(conversation) {
      const index = k.conversation(conversation);
      for (let attempt = 1; ; attempt++) {
        const fields = await call(() => client.hGetAll(index));
        const ids = Object.keys(fields).filter((f) => f !== 'open');
        const docs = await Promise.all(ids.map((id) => call(() => client.hmGet(k.ticket(id), ['doc', 'rev']))));
        const plan = newPlan();
        const forgotten: Ticket[] = [];
        // A ticket opened or changed meanwhile would escape: check nothing moved, else read again.
        plan.expect(String(Object.keys(fields).length), 'HLEN', index);
        ids.forEach((id, i) => {
          const [doc, rev] = docs[i] ?? [];
          plan.expect(rev ?? null, 'HGET', k.ticket(id), 'rev');
          const t = doc ? readable(doc) : undefined;
          if (t) forgotten.push(t);
          if (t?.thread) plan.write('DEL', k.thread(t.thread.channel, t.thread.ts));
          if (t) plan.write('ZREM', k.queue(t.team), id);
          plan.write('ZREM', k.announce, id);
          plan.write('DEL', k.ticket(id));
        });
        plan.write('DEL', index);
        if (await apply(plan)) return forgotten;
        await retry(attempt, 'the tickets of a conversation');
      }
    },
    close: () => redis.close(),
  };
}
