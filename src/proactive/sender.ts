// Messages Sportello writes first, the sending side: claims the jobs that are due (one replica each), turns each into a
// turn of the resident's conversation outside quiet hours, and delivers it through the resident's own channel.
import { DateTime } from 'luxon';
import { deliverTo, type Deliverers } from '../channels/channel.js';
import { hashId, type TurnRunner } from '../conversation/turn.js';
import { codeOf, UnreachableError } from '../errors.js';
import type { Logger } from '../log.js';
import type { WelfarePort } from '../welfare/port.js';
import { sendableAt } from './plan.js';
import type { Job, JobScheduler } from './scheduler.js';
import type { Payload, Proactive, ProactiveMetrics } from './service.js';

const MAX_ATTEMPTS = 5;
const BATCH = 20;

export interface ProactiveSenderOptions {
  scheduler: JobScheduler;
  runTurn: TurnRunner;
  /** The channels running in this process: a resident is written to through their own. */
  deliverers: Deliverers;
  /** Where news read from the backend's change feed goes. */
  voucherChanged: Proactive['voucherChanged'];
  welfare: Pick<WelfarePort, 'voucherChanges'>;
  /** Read the backend's change feed on every tick (a signed webhook, where mounted, only makes news arrive sooner). */
  pollChanges?: boolean;
  log: Logger;
  metrics?: ProactiveMetrics;
  /** The assistant's clock (tests move it); also the wall clock quiet hours are read on. */
  now?: () => DateTime;
  /** How long a claimed job is held before another replica may take it. */
  leaseMs?: number;
  tickMs?: number;
}

export interface ProactiveSender {
  /** Sends what is due now; the timer calls it, tests too. Returns how many jobs were handled. */
  tick(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

export function createProactiveSender(options: ProactiveSenderOptions): ProactiveSender {
  const { scheduler, runTurn, deliverers } = options;
  const log = options.log.child({ part: 'proactive' });
  const now = options.now ?? (() => DateTime.now());
  const leaseMs = options.leaseMs ?? 60_000;
  const count = (event: string, reason = '') => options.metrics?.proactive.inc({ event, reason });
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<number> | undefined;

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
    try {
      // The job id dedupes the turn: a replica that died after it lets the next one find it done, not say it twice.
      const messages = await runTurn(payload.conversation, { type: 'proactive', notice: payload.notice }, { updateId: `job:${job.id}` });
      if (messages.length > 0) await deliverTo(deliverers, payload.conversation, messages);
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
    for (const event of page.items) await options.voucherChanged(event);
    feedCursor = page.cursor;
  }

  async function tick(): Promise<number> {
    if (options.pollChanges) await pollFeed().catch((err: unknown) => log.warn({ code: codeOf(err) }, 'voucher change feed not read'));
    const jobs = await scheduler.claim(now().toMillis(), BATCH, leaseMs);
    for (const job of jobs) await handle(job);
    return jobs.length;
  }

  return {
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
}
