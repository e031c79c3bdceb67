// Messages Sportello writes first: jobs scheduled from the engine's effects and the backend's voucher events, sent by
// whichever replica claims them when due, through the resident's own channel, outside quiet hours.
import { DateTime } from 'luxon';
import type { Effect } from '../conversation/context.js';
import type { ProactiveNotice } from '../conversation/events.js';
import type { BotMessage } from '../conversation/messages.js';
import { hashId, type Conversation, type EffectPerformer, type TurnRunner } from '../conversation/turn.js';
import { codeOf, UnreachableError } from '../errors.js';
import { deliverTo, type Deliverers } from '../channels/channel.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import { BackendConflictError } from '../welfare/errors.js';
import type { WelfarePort } from '../welfare/port.js';
import { followUpAt, reminderAt, sendableAt } from './plan.js';
import type { Job, JobScheduler } from './scheduler.js';

/** A voucher application's status as the backend tells it (its webhook or change feed). */
export interface VoucherStatusChange {
  id: string;
  application: { id: string; reference: string; status: string };
}

interface Payload {
  conversation: Conversation;
  notice?: ProactiveNotice;
}

/** Status news is watched for this long after an application; the backend decides within weeks. */
const WATCH_MS = 90 * 24 * 60 * 60 * 1000;
const MAX_ATTEMPTS = 5;
const BATCH = 20;

export interface ProactiveOptions {
  scheduler: JobScheduler;
  welfare: Pick<WelfarePort, 'giveFeedback' | 'voucherChanges'>;
  /** No signed webhook arrives (none configured, or the embedded backend): read the backend's change feed instead. */
  pollChanges?: boolean;
  log: Logger;
  metrics?: Metrics;
  /** The assistant's clock (tests move it); also the wall clock quiet hours are read on. */
  now?: () => DateTime;
  /** How long a claimed job is held before another replica may take it. */
  leaseMs?: number;
  tickMs?: number;
}

export interface Proactive {
  perform: EffectPerformer;
  /** A voucher application changed status (from the backend's signed webhook). */
  voucherChanged(change: VoucherStatusChange): Promise<void>;
  connect(runTurn: TurnRunner, deliverers: Deliverers): void;
  /** Sends what is due now; the timer calls it, tests too. Returns how many jobs were handled. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

/** A booking's jobs sit under their conversation, so "delete my data" can take them all with one prefix. */
export const jobIds = {
  conversation: (c: Conversation) => `conv:${c.channel}:${c.id}:`,
  reminder: (c: Conversation, bookingId: string) => `conv:${c.channel}:${c.id}:booking:${bookingId}:reminder`,
  followup: (c: Conversation, bookingId: string) => `conv:${c.channel}:${c.id}:booking:${bookingId}:followup`,
  booking: (c: Conversation, bookingId: string) => `conv:${c.channel}:${c.id}:booking:${bookingId}:`,
  /** Which conversation holds a booking's jobs, for a cancellation made from another one. */
  owner: (bookingId: string) => `booking:${bookingId}:owner`,
  watch: (applicationId: string) => `voucher:${applicationId}:watch`,
  status: (applicationId: string, eventId: string) => `voucher:${applicationId}:status:${eventId}`,
};

export function createProactive(options: ProactiveOptions): Proactive {
  const { scheduler } = options;
  const log = options.log.child({ part: 'proactive' });
  const now = options.now ?? (() => DateTime.now());
  const leaseMs = options.leaseMs ?? 60_000;
  const count = (event: string, reason = '') => options.metrics?.proactive.inc({ event, reason });
  let runTurn: TurnRunner | undefined;
  let deliverers: Deliverers = {};
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<number> | undefined;

  async function schedule(id: string, kind: string, dueAt: DateTime, payload: Payload): Promise<void> {
    await scheduler.schedule({ id, kind, dueAt: dueAt.toMillis(), payload });
    count('scheduled', kind);
    log.debug({ job: hashId(id), kind, dueAt: dueAt.toISO() }, 'job scheduled');
  }

  async function performOne(effect: Effect, conversation: Conversation, lang: string): Promise<void> {
    switch (effect.type) {
      case 'booking_confirmed': {
        const { bookingId, serviceId, slotStart } = effect;
        await schedule(jobIds.reminder(conversation, bookingId), 'reminder', reminderAt(slotStart, now()), { conversation, notice: { kind: 'reminder', bookingId, serviceId, slotStart } });
        await schedule(jobIds.followup(conversation, bookingId), 'followup', followUpAt(slotStart), { conversation, notice: { kind: 'followup', bookingId, serviceId } });
        // A dormant pointer, expiring a day after the follow-up.
        await scheduler.schedule({ id: jobIds.owner(bookingId), kind: 'watch', dueAt: followUpAt(slotStart).plus({ days: 1 }).toMillis(), payload: { conversation } });
        return;
      }
      case 'booking_cancelled': {
        let removed = await scheduler.cancelPrefix(jobIds.booking(conversation, effect.bookingId));
        const owner = await scheduler.get(jobIds.owner(effect.bookingId));
        if (owner) {
          removed += await scheduler.cancelPrefix(jobIds.booking((owner.payload as Payload).conversation, effect.bookingId));
          await scheduler.cancel(owner.id);
        }
        log.debug({ removed }, 'jobs of a cancelled booking removed');
        return;
      }
      case 'voucher_applied':
        // A dormant job that only says where to tell the resident; it expires quietly.
        await scheduler.schedule({ id: jobIds.watch(effect.applicationId), kind: 'watch', dueAt: now().toMillis() + WATCH_MS, payload: { conversation } });
        return;
      case 'feedback_given':
        try {
          await options.welfare.giveFeedback(effect.bookingId, {
            rating: effect.rating,
            ...(effect.comment ? { comment: effect.comment } : {}),
            channel: conversation.channel,
            locale: lang,
          });
        } catch (err) {
          // Already recorded (a retried turn, or an answer lost on its way back): that is what was wanted.
          if (!(err instanceof BackendConflictError)) throw err;
        }
        return;
      case 'forget_user': {
        // Nothing is written to a conversation whose data is gone: its jobs, and the news of its applications.
        await scheduler.cancelPrefix(jobIds.conversation(conversation));
        for (const id of effect.applicationIds ?? []) await scheduler.cancelPrefix(`voucher:${id}:`);
        return;
      }
      case 'proactive_skipped':
        count('skipped', effect.reason);
        return;
      default:
        return;
    }
  }

  const deliver = (conversation: Conversation, messages: BotMessage[]) => deliverTo(deliverers, conversation, messages);

  async function handle(job: Job): Promise<void> {
    const payload = job.payload as Payload;
    if (job.kind === 'watch' || !payload.notice) {
      await scheduler.complete(job.id, job.attempts);
      return;
    }
    const at = now();
    const when = sendableAt(at, { kind: job.kind, ...(payload.notice.kind === 'reminder' ? { slotStart: payload.notice.slotStart } : {}) });
    if (when > at) {
      // Quiet hours: the same job, later; a reminder that cannot wait went through sendableAt already.
      await scheduler.schedule({ id: job.id, kind: job.kind, dueAt: when.toMillis(), payload });
      count('skipped', 'quiet_hours');
      return;
    }
    if (!runTurn) throw new Error('proactive: connect() was not called');
    try {
      // The job id dedupes the turn: a replica that died after it lets the next one find it done, not say it twice.
      const messages = await runTurn(payload.conversation, { type: 'proactive', notice: payload.notice }, { updateId: `job:${job.id}` });
      if (messages.length > 0) await deliver(payload.conversation, messages);
      await scheduler.complete(job.id, job.attempts);
      if (messages.length > 0) count('sent', job.kind);
    } catch (err) {
      if (err instanceof UnreachableError) {
        // Blocked, or gone from the team: trying again would only be refused again.
        await scheduler.complete(job.id, job.attempts);
        count('failed', 'unreachable');
        log.info({ job: hashId(job.id), code: codeOf(err) }, 'resident unreachable; job dropped');
        return;
      }
      const again = job.attempts < MAX_ATTEMPTS;
      await scheduler.fail(job.id, job.attempts, again ? at.toMillis() + 30_000 * 2 ** job.attempts : undefined);
      count('failed', job.kind);
      log.warn({ job: hashId(job.id), code: codeOf(err), attempts: job.attempts, retry: again }, 'proactive message not sent');
    }
  }

  // The feed is read from where it stood when this process started: news older than that was told, or is stale.
  let feedCursor: string | undefined;
  let feedReady = false;
  async function pollFeed(): Promise<void> {
    if (!feedReady) {
      for (let page = await options.welfare.voucherChanges(); ; page = await options.welfare.voucherChanges(page.cursor)) {
        feedCursor = page.cursor;
        if (page.items.length === 0) break;
      }
      feedReady = true;
      return;
    }
    const page = await options.welfare.voucherChanges(feedCursor);
    for (const event of page.items) await proactive.voucherChanged(event);
    feedCursor = page.cursor;
  }

  async function tick(): Promise<number> {
    if (options.pollChanges) await pollFeed().catch((err: unknown) => log.warn({ code: codeOf(err) }, 'voucher change feed not read'));
    const jobs = await scheduler.claim(now().toMillis(), BATCH, leaseMs);
    for (const job of jobs) await handle(job);
    return jobs.length;
  }

  const proactive: Proactive = {
    async perform(effects, at) {
      for (const effect of effects) {
        try {
          await performOne(effect, at.conversation, at.session.lang);
        } catch (err) {
          // The turn is saved; a missing reminder is logged, not told to the resident as a failure of their booking.
          log.error({ code: codeOf(err), effect: effect.type }, 'proactive bookkeeping failed');
        }
      }
      return [];
    },
    async voucherChanged(change) {
      const watch = await scheduler.get(jobIds.watch(change.application.id));
      if (!watch) {
        log.info({ event: change.id }, 'status change of an application not made here');
        return;
      }
      const { conversation } = watch.payload as Payload;
      const notice: ProactiveNotice = { kind: 'voucher_status', applicationId: change.application.id, reference: change.application.reference, status: change.application.status };
      await schedule(jobIds.status(change.application.id, change.id), 'voucher_status', now(), { conversation, notice });
    },
    connect(run, through) {
      runTurn = run;
      deliverers = through;
    },
    tick,
    start() {
      timer = setInterval(() => {
        ticking ??= tick()
          .catch((err: unknown) => {
            log.warn({ code: codeOf(err) }, 'proactive tick failed');
            return 0;
          })
          .finally(() => (ticking = undefined));
      }, options.tickMs ?? 5000);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await ticking;
    },
  };
  return proactive;
}
