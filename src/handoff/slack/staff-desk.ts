// The staff side in Slack: tickets posted as messages, Take/Close buttons, the ticket's thread as the line to the resident.
import { App, ExpressReceiver, LogLevel, type BlockAction, type ButtonAction, type Logger as BoltLogger } from '@slack/bolt';
import type { Express, NextFunction, Request, Response } from 'express';
import { codeOf, StartupError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { attachThread, close, isRefusal, reannounced, take, type Refusal, type Staff, type Ticket } from '../ticket.js';
import type { NotFound, TicketChange, TicketStore } from '../ticket-store.js';
import { CLOSE_ACTION, escapeMrkdwn, plainText, TAKE_ACTION, ticketBlocks, ticketFallback } from './blocks.js';
import { projectStaffTexts, type StaffTexts } from './staff-texts.js';

const EVENTS_PATH = '/slack/events';
const INTERACTIONS_PATH = '/slack/interactions';
/** Slack retries for about an hour; a day covers those and a replica that comes back late. */
const EVENT_DEDUPE_MS = 24 * 60 * 60 * 1000;
/** Staff notes to each other in a ticket's thread; never delivered. */
const INTERNAL_PREFIX = '//';
/** Slack's composer may take a leading "/" for a slash command (none runs in a thread): the words alone work too. */
const CLOSE_COMMAND = /^\/?sportello\s+(close|chiudi)\s*$/i;
/** Who closed a ticket the resident cancelled: not a Slack user, so no mention is made of it. */
const RESIDENT: Staff = { id: 'resident', name: 'utente' };

export interface StaffDeskOptions {
  botToken: string;
  signingSecret: string;
  staffChannel: string;
  /** Slack Web API root (`slackApiUrl`), for tests. */
  apiUrl?: string;
  /** Team id → Slack channel of that team's staff; other teams use `staffChannel`. */
  routes?: Record<string, string>;
  tickets: TicketStore;
  /** The desk's texts in the staff's language (staff.yaml); default: the project's Italian ones. */
  texts?: StaffTexts;
  log: Logger;
  now?: () => Date;
  /** Staff wrote in a ticket's thread (not starting with "//"): deliver to the resident. */
  onStaffReply(ticket: Ticket, text: string): Promise<void>;
  /** A ticket was taken / closed (button or "/sportello close" typed in the thread): tell the resident. */
  onTaken(ticket: Ticket): Promise<void>;
  onClosed(ticket: Ticket): Promise<void>;
}

export interface StaffDesk {
  /** Mounts Bolt's routes at POST /slack/events and POST /slack/interactions. */
  mount(app: Express): void;
  /** Posts the ticket to its team's staff channel and attaches the message as its thread. */
  post(ticket: Ticket): Promise<Ticket>;
  /** A resident's message into the ticket's thread. */
  relay(ticket: Ticket, text: string): Promise<void>;
  /** Reminds staff of a ticket nobody took since `olderThan`: a thread reply shown in the channel too. */
  reannounce(ticket: Ticket, olderThan?: Date): Promise<void>;
  /** The resident deleted their data: the ticket's message keeps its reference and nothing about them. */
  redact(ticket: Ticket): Promise<void>;
  /** The resident cancelled the request before staff closed it: close the ticket and say so in Slack. */
  residentLeft(ticket: Ticket): Promise<void>;
  /** Checks the token (auth.test); requests are refused until it succeeds. */
  start(): Promise<void>;
  /** Refuses new requests (Slack retries them) and waits for the work of those already acknowledged. */
  stop(): Promise<void>;
  /** Resolves when no Slack request is being worked on. */
  settled(): Promise<void>;
}

type Outcome = { ticket: Ticket; changed: boolean } | Refusal | NotFound;

export function createStaffDesk(options: StaffDeskOptions): StaffDesk {
  const { tickets } = options;
  const log = options.log.child({ channel: 'slack' });
  const now = options.now ?? (() => new Date());
  const say = options.texts ?? projectStaffTexts();
  const inFlight = new Set<Promise<unknown>>();
  let started = false;
  let stopping = false;

  const receiver = new ExpressReceiver({
    signingSecret: options.signingSecret,
    endpoints: { events: EVENTS_PATH, interactions: INTERACTIONS_PATH },
    // Acknowledged at once: Slack retries anything not answered within 3 s, and delivering to a resident can take longer.
    processBeforeResponse: false,
    logger: boltLogger(log),
  });
  const bolt = new App({
    token: options.botToken,
    receiver,
    // auth.test waits for start(): a constructor must not call the network.
    deferInitialization: true,
    // No conversation store: tickets are the state, in the ticket store every replica shares.
    convoStore: false,
    logger: boltLogger(log),
    clientOptions: {
      ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
      logLevel: LogLevel.ERROR,
      // The client's default retries for about half an hour: a reply to a resident that late is worse than an error
      // staff see (they are told, and can write again). A few quick retries cover a blip.
      retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 4000 },
      timeout: 10_000,
    },
  });
  const client = bolt.client;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  };

  // First of the global middleware: events are acknowledged before it, so the work is tracked before Slack reads the ack.
  bolt.use(({ next }) => track(next()));
  bolt.error(async (err) => {
    log.error({ code: (err as { code?: string }).code ?? codeOf(err) }, 'slack listener failed');
  });

  /** Applies a staff action, saying whether it changed anything (a double click does not). */
  async function apply(id: string, action: (t: Ticket) => Ticket | Refusal): Promise<Outcome> {
    let changed = false;
    const change: TicketChange = (t) => {
      const result = action(t);
      changed = !isRefusal(result) && result !== t;
      return result;
    };
    const result = await tickets.update(id, change);
    return isRefusal(result) ? result : { ticket: result, changed };
  }

  async function showTicket(t: Ticket): Promise<void> {
    if (!t.thread) return;
    await client.chat.update({ channel: t.thread.channel, ts: t.thread.ts, text: ticketFallback(t, say), blocks: ticketBlocks(t, say) });
  }

  const tell = (where: { channel: string; user: string; thread?: string }, text: string) =>
    client.chat.postEphemeral({ channel: where.channel, user: where.user, text, ...(where.thread ? { thread_ts: where.thread } : {}) }).then(
      () => undefined,
      (err: unknown) => log.warn({ code: slackCode(err) }, 'ephemeral message not posted'),
    );

  function refusalText(r: Refusal | NotFound): string {
    switch (r.reason) {
      case 'already_taken':
        return r.by ? say('refusal.already_taken_by', { by: r.by.id }) : say('refusal.already_taken');
      case 'closed':
      case 'not_found':
      case 'thread_attached':
      case 'not_due':
        return say(`refusal.${r.reason}`);
    }
  }

  async function takeTicket(id: string, staff: Staff, where: { channel: string; user: string }): Promise<void> {
    const outcome = await apply(id, (t) => take(t, staff, now()));
    if (!('ticket' in outcome)) {
      log.info({ ticket: id, code: `ticket_${outcome.reason}` }, 'take refused');
      await tell(where, refusalText(outcome));
      return;
    }
    if (!outcome.changed) return; // the same person clicked twice
    log.info({ ticket: id, staff: staff.id }, 'ticket taken');
    await showTicket(outcome.ticket).catch((err: unknown) => log.warn({ ticket: id, code: slackCode(err) }, 'ticket message not updated'));
    await options.onTaken(outcome.ticket);
  }

  async function closeTicket(id: string, staff: Staff): Promise<void> {
    const outcome = await apply(id, (t) => close(t, staff, now()));
    if (!('ticket' in outcome)) {
      log.info({ ticket: id, code: `ticket_${outcome.reason}` }, 'close refused');
      return;
    }
    if (!outcome.changed) return;
    log.info({ ticket: id, staff: staff.id }, 'ticket closed');
    await showTicket(outcome.ticket).catch((err: unknown) => log.warn({ ticket: id, code: slackCode(err) }, 'ticket message not updated'));
    await options.onClosed(outcome.ticket);
  }

  const staffOf = (user: { id: string; name?: string; username?: string }): Staff => ({ id: user.id, name: user.name ?? user.username ?? '' });

  const onButton =
    (act: (id: string, staff: Staff, where: { channel: string; user: string }) => Promise<void>) =>
    async ({ ack, body, action }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction }) => {
      await ack();
      const where = { channel: body.channel?.id ?? '', user: body.user.id };
      if (!action.value) return;
      await act(action.value, staffOf(body.user), where);
    };
  bolt.action<BlockAction<ButtonAction>>(TAKE_ACTION, onButton(takeTicket));
  bolt.action<BlockAction<ButtonAction>>(
    CLOSE_ACTION,
    onButton((id, staff) => closeTicket(id, staff)),
  );

  bolt.event('message', async ({ event, body, context }) => {
    // Only what a person wrote: edits, deletions, joins and bots (this one included) have a subtype or a bot id.
    if (event.subtype !== undefined || ('bot_id' in event && event.bot_id)) return;
    const threadTs = 'thread_ts' in event ? event.thread_ts : undefined;
    if (!threadTs || threadTs === event.ts) return;
    const ticket = await tickets.byThread(event.channel, threadTs);
    if (!ticket) return;
    if (!(await tickets.firstSeen(body.event_id, EVENT_DEDUPE_MS))) {
      log.info({ ticket: ticket.id, event: body.event_id, retry: context.retryNum }, 'slack retry ignored');
      return;
    }
    const text = event.text ?? '';
    const where = { channel: event.channel, user: event.user, thread: threadTs };
    if (text.trimStart().startsWith(INTERNAL_PREFIX)) {
      log.debug({ ticket: ticket.id }, 'internal note kept in slack');
      return;
    }
    if (CLOSE_COMMAND.test(text.trim())) {
      await closeTicket(ticket.id, { id: event.user, name: '' });
      return;
    }
    if (ticket.status === 'closed') {
      await tell(where, say('reply_closed'));
      return;
    }
    const reply = plainText(text);
    if (!reply) return;
    try {
      await options.onStaffReply(ticket, reply);
      log.info({ ticket: ticket.id, staff: event.user }, 'staff reply delivered');
    } catch (err) {
      log.error({ ticket: ticket.id, code: codeOf(err) }, 'staff reply not delivered');
      await tell(where, say('reply_failed'));
    }
  });

  function channelFor(t: Ticket): string {
    return options.routes?.[t.team] ?? options.staffChannel;
  }

  function refuseWhileDown(_req: Request, res: Response, next: NextFunction): void {
    // Slack retries what is refused: a replica that is ready, or this one once started, takes it.
    if (!started || stopping) {
      res.status(503).end();
      return;
    }
    next();
  }

  return {
    mount(app) {
      app.post([EVENTS_PATH, INTERACTIONS_PATH], refuseWhileDown);
      app.use(receiver.router);
    },

    async post(ticket) {
      if (ticket.thread) return ticket; // already posted: a second message would split the conversation
      const channel = channelFor(ticket);
      const sent = await client.chat.postMessage({
        channel,
        text: ticketFallback(ticket, say),
        blocks: ticketBlocks(ticket, say),
        unfurl_links: false,
      });
      if (!sent.ts) throw new Error(`Slack did not return the ts of ticket ${ticket.reference}`);
      const thread = { channel: sent.channel ?? channel, ts: sent.ts };
      const result = await tickets.update(ticket.id, (t) => attachThread(t, thread));
      if (isRefusal(result)) {
        log.warn({ ticket: ticket.id, code: `ticket_${result.reason}` }, 'ticket thread not attached');
        const current = await tickets.get(ticket.id);
        if (!current) throw new Error(`ticket ${ticket.reference} disappeared while it was posted`);
        return current;
      }
      log.info({ ticket: ticket.id, kind: ticket.kind, team: ticket.team }, 'ticket posted');
      return result;
    },

    async relay(ticket, text) {
      if (!ticket.thread) throw new Error(`ticket ${ticket.reference} has no Slack thread yet: post it first`);
      await client.chat.postMessage({
        channel: ticket.thread.channel,
        thread_ts: ticket.thread.ts,
        text: `:speech_balloon: *Utente:* ${escapeMrkdwn(text)}`,
        unfurl_links: false,
        unfurl_media: false,
      });
      log.debug({ ticket: ticket.id }, 'resident message relayed');
    },

    async reannounce(ticket, olderThan) {
      const result = await tickets.update(ticket.id, (t) => reannounced(t, now(), olderThan));
      if (isRefusal(result)) return; // taken or closed meanwhile: nothing to remind
      if (!result.thread) return;
      await client.chat.postMessage({
        channel: result.thread.channel,
        thread_ts: result.thread.ts,
        reply_broadcast: true,
        text: say('reannounce', { ticket: escapeMrkdwn(ticketFallback(result, say)) }),
      });
      log.info({ ticket: ticket.id }, 'ticket re-announced');
    },

    async redact(ticket) {
      if (!ticket.thread) return;
      const text = say('redacted_fallback', { reference: ticket.reference });
      await client.chat.update({
        channel: ticket.thread.channel,
        ts: ticket.thread.ts,
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: say('redacted', { reference: ticket.reference }) } }],
      });
      log.info({ ticket: ticket.id }, 'ticket message redacted');
    },

    async residentLeft(ticket) {
      const outcome = await apply(ticket.id, (t) => close(t, RESIDENT, now()));
      if (!('ticket' in outcome) || !outcome.changed) return;
      log.info({ ticket: ticket.id }, 'ticket closed by the resident');
      const closed = outcome.ticket;
      if (!closed.thread) return;
      await showTicket(closed);
      await client.chat.postMessage({
        channel: closed.thread.channel,
        thread_ts: closed.thread.ts,
        text: say('resident_left'),
      });
    },

    async start() {
      try {
        await bolt.init();
      } catch (err) {
        throw new StartupError(`Slack did not answer auth.test (${slackCode(err)}): check SLACK_BOT_TOKEN and SLACK_API_URL`);
      }
      started = true;
      log.info({ paths: [EVENTS_PATH, INTERACTIONS_PATH] }, 'slack staff desk started');
    },

    async stop() {
      stopping = true;
      await settled();
    },

    settled,
  };

  async function settled(): Promise<void> {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  }
}

/** The Web API's error code (`channel_not_found`, `ratelimited`…) or the client's own. */
function slackCode(err: unknown): string {
  const e = err as { code?: string; data?: { error?: string } };
  return e.data?.error ? `slack_${e.data.error}` : (e.code ?? codeOf(err));
}

/**
 * The web client logs request bodies and results at debug level ("http request body: {…}", "ack() call
 * begins (body: …)"): a resident's words and staff replies are in them. Only the part before them is kept.
 */
function withoutPayload(line: string): string {
  return line
    .split(': ')[0]!
    .replace(/\s*\(body:.*$/s, '')
    .slice(0, 120);
}

/** Bolt's log lines without their arguments: a request body or a resident's words must not reach the log. */
function boltLogger(log: Logger): BoltLogger {
  const line =
    (level: 'debug' | 'warn' | 'error') =>
    (...msg: unknown[]) => {
      const first = msg.find((m) => typeof m === 'string');
      const err = msg.find((m): m is Error & { code?: string } => m instanceof Error);
      log[level]({ source: 'bolt', ...(err ? { code: err.code ?? err.name } : {}) }, typeof first === 'string' ? withoutPayload(first) : 'bolt');
    };
  return {
    debug: line('debug'),
    info: line('debug'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
