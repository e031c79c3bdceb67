// The resident side of a ticket: opens tickets from the engine's effects, relays the resident's words and reminds staff
// of tickets nobody took. Staff's news back to the resident is staff-news.ts's.
import type { Express } from 'express';
import { DateTime } from 'luxon';
import type { Effect, StaffAvailability } from '../conversation/context.js';
import type { BotMessage } from '../conversation/messages.js';
import { readTranscript } from '../conversation/transcript.js';
import type { EffectPerformer } from '../conversation/turn.js';
import { codeOf } from '../errors.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { ConversationStore } from '../state/store.js';
import { maskPersonalData } from './mask.js';
import type { StaffDesk } from './slack/staff-desk.js';
import { TRANSCRIPT_LIMIT, type Ticket, type TicketDraft, type TranscriptLine } from './ticket.js';
import type { TicketStore } from './ticket-store.js';

/** The counters the handoff keeps (the HTTP server's /metrics shows them). */
export interface HandoffMetrics {
  handoff: { inc(labels: { event: string }): void };
  handoffRatings: { inc(labels: { rating: string }): void };
}

export interface HandoffOptions {
  tickets: TicketStore;
  /** Its callbacks go to a staff inbox (staff-inbox.ts), answered by staff-news.ts. */
  desk: StaffDesk;
  availability: StaffAvailability;
  store: Pick<ConversationStore, 'recentTranscript'>;
  translator: Translator;
  log: Logger;
  metrics?: HandoffMetrics;
  /** Ticket times (when announced, when due again). */
  now?: () => Date;
  /** The wall clock office hours are read on; the assistant's clock (tests fix it on a weekday morning). */
  officeClock?: () => DateTime;
  /** A ticket nobody took is announced again after this long. */
  reannounceMs: number;
  /** How often tickets are checked for a reminder or a post that failed. */
  sweepMs?: number;
}

export interface Handoff {
  availability: StaffAvailability;
  /** Performs the escalation effects of a turn and answers what the resident asked of the line. */
  perform: EffectPerformer;
  mount(app: Express): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** One pass of reminders and late posts; the timer calls it, tests too. */
  sweep(): Promise<void>;
  /** Resolves when no Slack request is being worked on (tests, graceful stops). */
  settled(): Promise<void>;
}

type At = Parameters<EffectPerformer>[1];

export function createHandoff(options: HandoffOptions): Handoff {
  const { tickets, desk, translator, store } = options;
  const log = options.log.child({ part: 'handoff' });
  const now = options.now ?? (() => new Date());
  const officeClock = options.officeClock ?? (() => DateTime.now());
  const count = (event: string) => options.metrics?.handoff.inc({ event });
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | undefined;

  const say = (at: Pick<At, 'session' | 'register'>, key: string, params?: Record<string, string | number>): BotMessage => ({
    type: 'text',
    text: translator.t(at.session.lang, key, params, { register: at.register }),
  });

  /** Masked unless the resident consented to the processing of their personal data. */
  async function transcriptFor(key: string, share: boolean, names: string[]): Promise<TranscriptLine[]> {
    const lines = readTranscript(await store.recentTranscript(key).catch(() => [])).slice(-TRANSCRIPT_LIMIT);
    return share ? lines : lines.map((l) => ({ ...l, text: maskPersonalData(l.text, { names }) }));
  }

  async function postOrLog(t: Ticket): Promise<Ticket> {
    try {
      return await desk.post(t);
    } catch (err) {
      // The ticket is stored: the sweep posts it when Slack answers again.
      log.error({ ticket: t.id, code: codeOf(err) }, 'ticket not posted to slack; will retry');
      count('failed');
      return t;
    }
  }

  /** The session says a person has the conversation but no ticket is open any more: let the resident go. */
  async function lost(at: At): Promise<BotMessage[]> {
    const { conversation, runTurn } = at;
    log.warn({ code: 'ticket_missing' }, 'no open ticket for a conversation on the line');
    const after = await runTurn(conversation, { type: 'staff', change: 'left' });
    return [say(at, 'handoff.position_unknown'), ...after];
  }

  async function performOne(effect: Effect, at: At): Promise<BotMessage[]> {
    const { conversation, key, session } = at;
    const lang = session.lang;
    const ref = { channel: conversation.channel, id: conversation.id };
    switch (effect.type) {
      case 'handoff_requested': {
        const person = session.data.person;
        const names = person ? [person.givenName, person.familyName] : [];
        const draft: TicketDraft = {
          kind: effect.kind,
          conversation: ref,
          lang,
          team: effect.team,
          reason: effect.reason,
          transcript: await transcriptFor(key, effect.share, names),
          ...(effect.municipality ? { municipality: effect.municipality } : {}),
          ...(effect.serviceId ? { serviceId: effect.serviceId } : {}),
          ...(effect.step ? { step: effect.step } : {}),
          ...(effect.kind === 'callback' ? { phone: effect.phone } : {}),
        };
        const { ticket, created } = await tickets.open(draft);
        if (created) {
          count(`ticket_${effect.kind}`);
          log.info({ ticket: ticket.id, kind: ticket.kind, team: ticket.team, reason: ticket.reason }, 'ticket opened');
          await postOrLog(ticket);
        }
        return [];
      }
      case 'relay_to_staff': {
        let ticket = await tickets.openFor(ref);
        if (!ticket) return lost(at);
        if (!ticket.thread) ticket = await postOrLog(ticket);
        try {
          await desk.relay(ticket, effect.text);
          count('relayed');
          return [];
        } catch (err) {
          log.error({ ticket: ticket.id, code: codeOf(err) }, 'resident message not relayed');
          count('failed');
          return [{ type: 'notice', level: 'warning', text: translator.t(lang, 'handoff.relay_failed', {}, { register: at.register }) }];
        }
      }
      case 'queue_position_requested': {
        const ticket = await tickets.openFor(ref);
        if (!ticket) return lost(at);
        if (ticket.status === 'taken') return [say(at, 'handoff.position_taken')];
        const position = await tickets.queuePosition(ticket.id);
        return position === undefined ? [say(at, 'handoff.position_taken')] : [say(at, 'handoff.position', { ahead: position - 1 })];
      }
      case 'handoff_left': {
        const ticket = await tickets.openFor(ref);
        if (ticket) {
          await desk
            .residentLeft(ticket)
            .catch((err: unknown) => log.warn({ ticket: ticket.id, code: codeOf(err) }, 'slack not told the resident left'));
          count('left');
        }
        return [];
      }
      case 'handoff_rated':
        options.metrics?.handoffRatings.inc({ rating: String(effect.rating) });
        log.info({ rating: effect.rating }, 'help rated');
        return [];
      case 'forget_user':
        for (const ticket of await tickets.forgetConversation(ref)) {
          await desk
            .redact(ticket)
            .catch((err: unknown) => log.error({ ticket: ticket.id, code: codeOf(err) }, 'slack message of a forgotten ticket not emptied'));
        }
        return [];
      default:
        return [];
    }
  }

  async function sweep(): Promise<void> {
    const olderThan = new Date(now().getTime() - options.reannounceMs);
    const openNow = new Map<string, boolean>();
    const teamOpen = async (team: string) => {
      if (!openNow.has(team)) openNow.set(team, await options.availability.teamOpen(team, officeClock()));
      return openNow.get(team)!;
    };
    for (const t of await tickets.dueForReannouncement(olderThan)) {
      try {
        if (!t.thread) await desk.post(t);
        // A call-back waits for the office to open by design, and nobody is there to remind while it is closed.
        else if (t.kind === 'live' && (await teamOpen(t.team))) {
          await desk.reannounce(t, olderThan);
          count('reannounced');
        }
      } catch (err) {
        log.warn({ ticket: t.id, code: codeOf(err) }, 'ticket reminder failed; next sweep tries again');
      }
    }
  }

  return {
    availability: options.availability,
    async perform(effects, at) {
      const out: BotMessage[] = [];
      for (const effect of effects) out.push(...(await performOne(effect, at)));
      return out;
    },
    mount(app) {
      desk.mount(app);
    },
    async start() {
      await desk.start();
      const every = options.sweepMs ?? Math.min(60_000, Math.max(1000, Math.floor(options.reannounceMs / 4)));
      timer = setInterval(() => {
        // One sweep at a time: a slow Slack must not pile them up.
        sweeping ??= sweep()
          .catch((err: unknown) => log.warn({ code: codeOf(err) }, 'ticket sweep failed'))
          .finally(() => (sweeping = undefined));
      }, every);
      timer.unref();
      log.info({ reannounceAfterMs: options.reannounceMs, sweepMs: every }, 'handoff started');
    },
    async stop() {
      if (timer) clearInterval(timer);
      await sweeping;
      await desk.stop();
    },
    sweep,
    settled: () => desk.settled(),
  };
}
