// The staff desk end to end: real Bolt and @slack/web-api against a Slack Web API stand-in, signed requests to the shared app.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_ACTION, TAKE_ACTION } from '../../src/handoff/slack/blocks.js';
import { createStaffDesk, type StaffDesk } from '../../src/handoff/slack/staff-desk.js';
import { createMemoryTicketStore } from '../../src/handoff/memory-ticket-store.js';
import type { Ticket, TicketDraft } from '../../src/handoff/ticket.js';
import type { TicketStore } from '../../src/handoff/ticket-store.js';
import { createHttpApp } from '../../src/http/app.js';
import { createMetrics } from '../../src/http/metrics.js';
import { silentLogger } from '../../src/log.js';
import { buttonPress, SIGNING_SECRET, slackPoster, threadMessage, type SlackPoster, type StaffMember } from '../support/slack-requests.js';
import { slackStandIn, type SlackStandIn } from '../support/slack-stand-in.js';

const STAFF_CHANNEL = 'CSTAFF0001';
const ANZIANI_CHANNEL = 'CANZIANI01';
const giulia: StaffMember = { id: 'UGIULIA01', name: 'giulia' };
const marco: StaffMember = { id: 'UMARCO001', name: 'marco' };

const draft = (over: Partial<TicketDraft> = {}): TicketDraft => ({
  kind: 'live',
  conversation: { channel: 'telegram', id: '31337' },
  lang: 'it',
  team: 'sociale',
  municipality: 'padova',
  serviceId: 'pasti-a-domicilio',
  step: 'booking.date',
  reason: 'asked',
  transcript: [
    { from: 'resident', text: 'vorrei prenotare i pasti <!channel>', at: '2025-03-03T09:00:00+01:00' },
    { from: 'assistant', text: 'Per quale giorno?', at: '2025-03-03T09:00:05+01:00' },
    { from: 'resident', text: 'operatore', at: '2025-03-03T09:00:30+01:00' },
  ],
  ...over,
});

interface Harness {
  standIn: SlackStandIn;
  tickets: TicketStore;
  desk: StaffDesk;
  slack: SlackPoster;
  replies: { ticket: string; text: string }[];
  taken: Ticket[];
  closed: Ticket[];
  /** Opens a ticket and posts it, as the escalating side will. */
  posted(over?: Partial<TicketDraft>): Promise<Ticket>;
  close(): Promise<void>;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Holds staff replies back while closed: the delivery to a slow resident channel. */
const gate: { promise: Promise<void>; open: () => void } = { promise: Promise.resolve(), open: () => undefined };
function closeGate(): void {
  let open!: () => void;
  gate.promise = new Promise<void>((resolve) => (open = resolve));
  gate.open = open;
}

async function harness(): Promise<Harness> {
  gate.promise = Promise.resolve();
  const standIn = await slackStandIn();
  const tickets = createMemoryTicketStore();
  const replies: Harness['replies'] = [];
  const taken: Ticket[] = [];
  const closed: Ticket[] = [];
  const desk = createStaffDesk({
    botToken: standIn.token,
    signingSecret: SIGNING_SECRET,
    staffChannel: STAFF_CHANNEL,
    routes: { anziani: ANZIANI_CHANNEL },
    apiUrl: standIn.apiUrl,
    tickets,
    log: silentLogger,
    onStaffReply: async (ticket, text) => {
      await gate.promise;
      replies.push({ ticket: ticket.id, text });
    },
    onTaken: async (ticket) => void taken.push(ticket),
    onClosed: async (ticket) => void closed.push(ticket),
  });
  const app = createHttpApp({ checks: {}, metrics: createMetrics({ defaults: false }), log: silentLogger });
  desk.mount(app);
  const server: Server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await desk.start();
  const slack = slackPoster(`http://127.0.0.1:${port}`);
  return {
    standIn,
    tickets,
    desk,
    slack,
    replies,
    taken,
    closed,
    async posted(over) {
      const { ticket } = await tickets.open(draft(over));
      return desk.post(ticket);
    },
    async close() {
      await desk.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await standIn.close();
      await tickets.close();
    },
  };
}

/** Posts an interaction and waits for the work it started. */
async function press(who: StaffMember, ticket: Ticket, actionId: string): Promise<number> {
  const status = await h!.slack.interaction(
    buttonPress({ from: who, channel: ticket.thread!.channel, messageTs: ticket.thread!.ts, actionId, value: ticket.id }),
  );
  await h!.desk.settled();
  return status;
}

async function write(who: StaffMember, ticket: Ticket, text: string, options: { eventId?: string; retryNum?: number } = {}): Promise<number> {
  const envelope = threadMessage({
    from: who,
    channel: ticket.thread!.channel,
    threadTs: ticket.thread!.ts,
    text,
    ...(options.eventId ? { eventId: options.eventId } : {}),
  });
  const status = await h!.slack.event(envelope, options.retryNum === undefined ? {} : { retryNum: options.retryNum });
  await h!.desk.settled();
  return status;
}

const texts = (blocks: unknown) => JSON.stringify(blocks);
const actionIds = (blocks: unknown) =>
  (blocks as { type: string; elements?: { action_id?: string }[] }[]).flatMap((b) =>
    b.type === 'actions' ? b.elements!.map((e) => e.action_id) : [],
  );

describe('staff desk on Slack', () => {
  it('checks the token at start and posts a ticket with its reference, transcript and buttons, attaching the thread', async () => {
    h = await harness();
    expect(h.standIn.callsTo('auth.test')).toHaveLength(1);
    const ticket = await h.posted();

    const [post] = h.standIn.callsTo('chat.postMessage');
    expect(post!.params['channel']).toBe(STAFF_CHANNEL);
    expect(post!.params['text']).toContain(ticket.reference);
    const blocks = post!.params['blocks'];
    expect(texts(blocks)).toContain(`${ticket.reference} · richiesta live`);
    expect(texts(blocks)).toContain('padova');
    expect(texts(blocks)).toContain('booking.date');
    expect(texts(blocks)).toContain('pasti-a-domicilio');
    // The resident's `<!channel>` is shown, not executed.
    expect(texts(blocks)).toContain('&lt;!channel&gt;');
    expect(actionIds(blocks)).toEqual([TAKE_ACTION, CLOSE_ACTION]);
    expect(ticket.thread).toEqual({ channel: STAFF_CHANNEL, ts: post!.response['ts'] });
    expect(await h.tickets.byThread(STAFF_CHANNEL, ticket.thread!.ts)).toMatchObject({ id: ticket.id });
  });

  it('routes a team to its own channel and shows a call-back phone', async () => {
    h = await harness();
    const ticket = await h.posted({ team: 'anziani', kind: 'callback', phone: '+39 049 123456' });
    expect(ticket.thread!.channel).toBe(ANZIANI_CHANNEL);
    const blocks = h.standIn.callsTo('chat.postMessage')[0]!.params['blocks'];
    expect(texts(blocks)).toContain('richiesta di richiamata');
    expect(texts(blocks)).toContain('+39 049 123456');
  });

  it('takes a ticket by its button: the message shows who took it and the resident is told; a second person is refused privately', async () => {
    h = await harness();
    const ticket = await h.posted();

    expect(await press(giulia, ticket, TAKE_ACTION)).toBe(200);
    expect(await h.tickets.get(ticket.id)).toMatchObject({ status: 'taken', takenBy: { id: giulia.id } });
    const [update] = h.standIn.callsTo('chat.update');
    expect(update!.params).toMatchObject({ channel: STAFF_CHANNEL, ts: ticket.thread!.ts });
    expect(texts(update!.params['blocks'])).toContain(`Preso da <@${giulia.id}>`);
    expect(actionIds(update!.params['blocks'])).toEqual([CLOSE_ACTION]);
    expect(h.taken.map((t) => t.id)).toEqual([ticket.id]);

    // A double click changes nothing and tells no one twice.
    await press(giulia, ticket, TAKE_ACTION);
    expect(h.taken).toHaveLength(1);
    expect(h.standIn.callsTo('chat.update')).toHaveLength(1);

    await press(marco, ticket, TAKE_ACTION);
    const [refusal] = h.standIn.callsTo('chat.postEphemeral');
    expect(refusal!.params).toMatchObject({ channel: STAFF_CHANNEL, user: marco.id });
    expect(refusal!.params['text']).toContain(`<@${giulia.id}>`);
    expect(h.taken).toHaveLength(1);
    expect(await h.tickets.get(ticket.id)).toMatchObject({ takenBy: { id: giulia.id } });
  });

  it('closes a ticket by its button', async () => {
    h = await harness();
    const ticket = await h.posted();
    await press(giulia, ticket, CLOSE_ACTION);
    expect(await h.tickets.get(ticket.id)).toMatchObject({ status: 'closed', closedBy: { id: giulia.id } });
    expect(actionIds(h.standIn.callsTo('chat.update')[0]!.params['blocks'])).toEqual([]);
    expect(h.closed.map((t) => t.id)).toEqual([ticket.id]);
  });

  it('delivers a staff message in the thread once, even when Slack retries the event', async () => {
    h = await harness();
    const ticket = await h.posted();
    await press(giulia, ticket, TAKE_ACTION);

    expect(await write(giulia, ticket, 'Buongiorno, sono Giulia &amp; la aiuto io', { eventId: 'Ev0RETRY01' })).toBe(200);
    expect(await write(giulia, ticket, 'Buongiorno, sono Giulia &amp; la aiuto io', { eventId: 'Ev0RETRY01', retryNum: 1 })).toBe(200);
    expect(h.replies).toEqual([{ ticket: ticket.id, text: 'Buongiorno, sono Giulia & la aiuto io' }]);
  });

  it('acknowledges an event before the delivery it starts is done, and finishes the delivery after', async () => {
    h = await harness();
    const ticket = await h.posted();
    closeGate();
    const answered = await h.slack.event(
      threadMessage({ from: giulia, channel: ticket.thread!.channel, threadTs: ticket.thread!.ts, text: 'Arrivo subito' }),
    );
    // Slack has its 200 while the resident's channel has not been written to yet.
    expect(answered).toBe(200);
    expect(h.replies).toEqual([]);
    gate.open();
    await h.desk.settled();
    expect(h.replies).toEqual([{ ticket: ticket.id, text: 'Arrivo subito' }]);
  });

  it('keeps // notes internal', async () => {
    h = await harness();
    const ticket = await h.posted();
    await write(giulia, ticket, '// chiamo io il comune prima');
    expect(h.replies).toEqual([]);
    expect(h.standIn.actions().map((c) => c.method)).toEqual(['chat.postMessage']);
  });

  it('closes from the thread with /sportello close', async () => {
    h = await harness();
    const ticket = await h.posted();
    await press(giulia, ticket, TAKE_ACTION);
    await write(giulia, ticket, '/sportello close');
    expect(await h.tickets.get(ticket.id)).toMatchObject({ status: 'closed', closedBy: { id: giulia.id } });
    expect(h.closed.map((t) => t.id)).toEqual([ticket.id]);
    expect(h.replies).toEqual([]);
    expect(h.standIn.callsTo('chat.update')).toHaveLength(2);
  });

  it('ignores messages that are not in a ticket thread, and bot messages', async () => {
    h = await harness();
    const ticket = await h.posted();
    await write(giulia, { ...ticket, thread: { channel: STAFF_CHANNEL, ts: '1.000001' } }, 'ciao');
    const fromBot = threadMessage({ from: giulia, channel: STAFF_CHANNEL, threadTs: ticket.thread!.ts, text: 'eco' });
    (fromBot['event'] as Record<string, unknown>)['bot_id'] = 'BOTHER01';
    await h.slack.event(fromBot);
    await h.desk.settled();
    expect(h.replies).toEqual([]);
  });

  it('refuses a forged signature and an expired timestamp with 401, calling nothing', async () => {
    h = await harness();
    const ticket = await h.posted();
    const before = h.standIn.calls.length;
    const envelope = threadMessage({ from: giulia, channel: STAFF_CHANNEL, threadTs: ticket.thread!.ts, text: 'ciao' });

    expect(await h.slack.event(envelope, { secret: 'not-the-signing-secret' })).toBe(401);
    expect(await h.slack.event(envelope, { signature: 'v0=deadbeef' })).toBe(401);
    expect(await h.slack.event(envelope, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toBe(401);
    const press = buttonPress({ from: giulia, channel: STAFF_CHANNEL, messageTs: ticket.thread!.ts, actionId: TAKE_ACTION, value: ticket.id });
    expect(await h.slack.interaction(press, { secret: 'not-the-signing-secret' })).toBe(401);
    await h.desk.settled();

    expect(h.standIn.calls.length).toBe(before);
    expect(h.replies).toEqual([]);
    expect(await h.tickets.get(ticket.id)).toMatchObject({ status: 'queued' });
  });

  it('relays a resident message into the thread, escaped', async () => {
    h = await harness();
    const ticket = await h.posted();
    await h.desk.relay(ticket, 'ho la febbre <@U123>');
    const relayed = h.standIn.callsTo('chat.postMessage')[1]!;
    expect(relayed.params).toMatchObject({ channel: STAFF_CHANNEL, thread_ts: ticket.thread!.ts });
    expect(relayed.params['text']).toContain('ho la febbre &lt;@U123&gt;');
  });

  it('re-announces a queued ticket in its thread, and not a taken one', async () => {
    h = await harness();
    const ticket = await h.posted();
    await h.desk.reannounce(ticket);
    const reminder = h.standIn.callsTo('chat.postMessage')[1]!;
    expect(reminder.params).toMatchObject({ thread_ts: ticket.thread!.ts, reply_broadcast: 'true' });
    await press(giulia, ticket, TAKE_ACTION);
    await h.desk.reannounce(ticket);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(2);
  });
});
