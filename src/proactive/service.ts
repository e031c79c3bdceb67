// Messages Sportello writes first, the bookkeeping side: jobs scheduled from the engine's effects and the backend's
// voucher events. Sending them when due is sender.ts's.
import { DateTime } from 'luxon';
import type { Effect } from '../conversation/context.js';
import type { ProactiveNotice } from '../conversation/events.js';
import { hashId, type Conversation, type EffectPerformer } from '../conversation/turn.js';
import { codeOf } from '../errors.js';
import type { Logger } from '../log.js';
import { BackendConflictError } from '../welfare/errors.js';
import type { WelfarePort } from '../welfare/port.js';
import { followUpAt, reminderAt } from './plan.js';
import type { JobScheduler } from './scheduler.js';

/** A voucher application's status as the backend tells it (its webhook or change feed). */
interface VoucherStatusChange {
  id: string;
  application: { id: string; reference: string; status: string };
}

/** The counter the proactive side keeps (the HTTP server's /metrics shows it). */
export interface ProactiveMetrics {
  proactive: { inc(labels: { event: string; reason: string }): void };
}

/** What a job carries: where to write, and what about (none for a dormant pointer). */
export interface Payload {
  conversation: Conversation;
  notice?: ProactiveNotice;
}

/** Status news is watched for this long after an application; the backend decides within weeks. */
const WATCH_MS = 90 * 24 * 60 * 60 * 1000;

export interface ProactiveOptions {
  scheduler: JobScheduler;
  welfare: Pick<WelfarePort, 'giveFeedback'>;
  log: Logger;
  metrics?: ProactiveMetrics;
  /** The assistant's clock (tests move it). */
  now?: () => DateTime;
}

export interface Proactive {
  perform: EffectPerformer;
  /** A voucher application changed status (from the backend's signed webhook or its change feed). */
  voucherChanged(change: VoucherStatusChange): Promise<void>;
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
  const count = (event: string, reason = '') => options.metrics?.proactive.inc({ event, reason });

  async function schedule(id: string, kind: string, dueAt: DateTime, payload: Payload): Promise<void> {
    await scheduler.schedule({ id, kind, dueAt: dueAt.toMillis(), payload });
    count('scheduled', kind);
    log.debug({ job: hashId(id), kind, dueAt: dueAt.toISO() }, 'job scheduled');
  }

  async function performOne(effect: Effect, conversation: Conversation, lang: string): Promise<void> {
    switch (effect.type) {
      case 'booking_confirmed': {
        const { bookingId, serviceId, slotStart } = effect;
        await schedule(jobIds.reminder(conversation, bookingId), 'reminder', reminderAt(slotStart, now()), {
          conversation,
          notice: { kind: 'reminder', bookingId, serviceId, slotStart },
        });
        await schedule(jobIds.followup(conversation, bookingId), 'followup', followUpAt(slotStart), {
          conversation,
          notice: { kind: 'followup', bookingId, serviceId },
        });
        // A dormant pointer, expiring a day after the follow-up.
        await scheduler.schedule({
          id: jobIds.owner(bookingId),
          kind: 'watch',
          dueAt: followUpAt(slotStart).plus({ days: 1 }).toMillis(),
          payload: { conversation },
        });
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
        await scheduler.schedule({
          id: jobIds.watch(effect.applicationId),
          kind: 'watch',
          dueAt: now().toMillis() + WATCH_MS,
          payload: { conversation },
        });
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
      const notice: ProactiveNotice = {
        kind: 'voucher_status',
        applicationId: change.application.id,
        reference: change.application.reference,
        status: change.application.status,
      };
      await schedule(jobIds.status(change.application.id, change.id), 'voucher_status', now(), { conversation, notice });
    },
  };
  return proactive;
}
