// Signed webhook delivery of the reference backend: fire-and-forget POSTs with a few retries; never blocks a route.
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { SIGNATURE_HEADER, type VoucherStatusChangedEvent } from '../src/welfare/contract.js';
import { safeErr, type Logger } from '../src/log.js';

export interface WebhookSubscriber {
  url: string;
  secret: string;
}

export interface WebhookSenderOptions {
  subscribers: readonly WebhookSubscriber[];
  log: Logger;
  /** Waits before each retry; its length is the number of retries. */
  retryDelaysMs?: readonly number[];
  /** Per attempt. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Unix seconds for the signature: the wall clock, not the business clock, since receivers check it against theirs. */
  nowSeconds?: () => number;
}

export interface WebhookSender {
  send(event: VoucherStatusChangedEvent): void;
  /** Cancels pending retries and attempts in flight. */
  close(): void;
}

/** `t=<t>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, one v1 per secret (two while a secret is rotated). */
export function signatureHeader(rawBody: string, secrets: string | readonly string[], t: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  const v1 = list.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex')}`);
  return [`t=${t}`, ...v1].join(',');
}

const DEFAULT_RETRY_DELAYS_MS = [1_000, 10_000, 60_000];

// A refusal (401, 400) will not change on a retry; an outage or an overloaded receiver may.
const worthRetrying = (status: number) => status >= 500 || status === 408 || status === 429;

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const { subscribers, log } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const nowSeconds = options.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const closing = new AbortController();

  /** 'delivered', 'refused' (a 4xx not worth retrying) or 'failed' (worth another attempt). */
  async function attempt(subscriber: WebhookSubscriber, body: string): Promise<{ outcome: 'delivered' | 'refused' | 'failed'; status?: number }> {
    // signed per attempt: a retry an hour later must still be within the receiver's tolerance
    const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(body, subscriber.secret, nowSeconds()) };
    try {
      const res = await doFetch(subscriber.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]),
      });
      await res.arrayBuffer(); // drain, so the connection is reused
      if (res.ok) return { outcome: 'delivered', status: res.status };
      return { outcome: worthRetrying(res.status) ? 'failed' : 'refused', status: res.status };
    } catch (err) {
      if (closing.signal.aborted) throw err;
      log.warn({ err: safeErr(err), code: 'webhook_network_error' }, 'webhook attempt failed');
      return { outcome: 'failed' };
    }
  }

  async function deliver(subscriber: WebhookSubscriber, event: VoucherStatusChangedEvent, body: string): Promise<void> {
    // the URL's host only: a path or query may hold a token
    const target = { event: event.id, type: event.type, host: new URL(subscriber.url).host };
    for (let n = 0; ; n++) {
      const { outcome, status } = await attempt(subscriber, body);
      if (outcome === 'delivered') {
        log.info({ ...target, status, attempts: n + 1 }, 'webhook delivered');
        return;
      }
      const delay = delays[n];
      if (outcome === 'refused' || delay === undefined) {
        log.error(
          { ...target, status, attempts: n + 1, code: outcome === 'refused' ? 'webhook_refused' : 'webhook_gave_up' },
          'webhook not delivered',
        );
        return;
      }
      await sleep(delay, undefined, { signal: closing.signal });
    }
  }

  return {
    send(event) {
      const body = JSON.stringify(event);
      for (const subscriber of subscribers) {
        deliver(subscriber, event, body).catch((err: unknown) => {
          if (closing.signal.aborted) return; // closed on purpose: the change feed still has the event
          log.error({ err: safeErr(err), event: event.id, code: 'webhook_internal' }, 'webhook delivery broke');
        });
      }
    },
    close() {
      closing.abort(new Error('webhook sender closed'));
    },
  };
}
