// Receives the backend's signed voucher status events and hands each one on once; knows no channel and no conversation.
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';
import { safeErr, type Logger } from '../log.js';
import { SIGNATURE_HEADER, VoucherStatusChangedEvent } from '../welfare/contract.js';

export const VOUCHER_WEBHOOK_PATH = '/welfare/webhooks/voucher-status';

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/**
 * Checks `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (Stripe's scheme). Any v1 may match any of the
 * secrets, so either side can rotate; unknown schemes are ignored. Pure: the clock is a parameter.
 */
export function verifySignature(
  rawBody: Buffer | string,
  header: string | undefined,
  secret: string | readonly string[],
  nowSeconds: number,
  toleranceSeconds = 300,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  let t: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (at < 1) return { ok: false, reason: 'malformed' };
    if (key === 't') {
      if (t !== undefined || !/^\d{1,12}$/.test(value)) return { ok: false, reason: 'malformed' };
      t = Number(value);
    } else if (key === 'v1') {
      if (!HEX_SHA256.test(value)) return { ok: false, reason: 'malformed' };
      candidates.push(Buffer.from(value, 'hex'));
    }
  }
  if (t === undefined || candidates.length === 0) return { ok: false, reason: 'malformed' };
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const signed = Buffer.concat([Buffer.from(`${t}.`), typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody]);
  const expected = secrets.map((s) => createHmac('sha256', s).update(signed).digest());
  // every pair compared, so the time taken says nothing about which one came close
  let matched = false;
  for (const want of expected) for (const got of candidates) matched = timingSafeEqual(want, got) || matched;
  if (!matched) return { ok: false, reason: 'mismatch' };
  // checked after the signature: a genuine old event is "expired", a forgery is "mismatch"
  if (Math.abs(nowSeconds - t) > toleranceSeconds) return { ok: false, reason: 'expired' };
  return { ok: true };
}

/** Which event ids were handled; a shared store (Redis) makes repeats across replicas visible. */
export interface SeenEvents {
  has(id: string): Promise<boolean>;
  /** Called only after onEvent resolved: an event whose handling failed must come again. */
  add(id: string): Promise<void>;
}

/** In memory, each id forgotten after `ttlMs` (24 h: the backend stops retrying long before). */
export function memorySeenEvents(ttlMs = 24 * 60 * 60 * 1000, now: () => number = Date.now): SeenEvents {
  const until = new Map<string, number>(); // insertion order = expiry order, since the TTL is one
  return {
    async has(id) {
      return (until.get(id) ?? 0) > now();
    },
    async add(id) {
      for (const [old, expiry] of until) {
        if (expiry > now()) break;
        until.delete(old);
      }
      until.delete(id);
      until.set(id, now() + ttlMs);
    },
  };
}

export interface VoucherWebhookOptions {
  /** The shared secret; two while rotating. */
  secret: string | readonly string[];
  /** Resolves once the event is safely taken over (scheduled); a throw answers 500, so the backend retries. */
  onEvent(event: VoucherStatusChangedEvent): Promise<void>;
  log: Logger;
  /** Milliseconds, like Date.now. */
  now?: () => number;
  toleranceSeconds?: number;
  seen?: SeenEvents;
}

export function createVoucherWebhookRouter(options: VoucherWebhookOptions): Router {
  const { secret, onEvent, log } = options;
  const now = options.now ?? Date.now;
  const seen = options.seen ?? memorySeenEvents(undefined, now);
  // a retry that arrives while the first delivery is still being handled waits for it instead of running twice
  const inFlight = new Map<string, Promise<void>>();
  const router = Router();

  const refuse = (res: Response, reason: string) => {
    log.warn({ code: 'voucher_webhook_refused', reason }, 'voucher webhook refused');
    res.status(401).json({ error: `signature_${reason}` });
  };

  const handle = async (event: VoucherStatusChangedEvent) => {
    if (await seen.has(event.id)) return 'repeat' as const;
    await onEvent(event);
    await seen.add(event.id);
    return 'handled' as const;
  };

  router.post(
    VOUCHER_WEBHOOK_PATH,
    (req: Request, res: Response, next: NextFunction) => {
      // refused before the body is read: an unsigned request costs nothing
      if (!req.get(SIGNATURE_HEADER)?.trim()) {
        refuse(res, 'missing');
        return;
      }
      next();
    },
    express.raw({ type: 'application/json', limit: '256kb' }),
    async (req: Request, res: Response) => {
      const raw: unknown = req.body;
      const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      const check = verifySignature(body, req.get(SIGNATURE_HEADER), secret, Math.floor(now() / 1000), options.toleranceSeconds);
      if (!check.ok) {
        refuse(res, check.reason);
        return;
      }
      if (!Buffer.isBuffer(raw)) {
        res.status(415).json({ error: 'content_type' });
        return;
      }
      const event = parseEvent(body);
      if (!event) {
        log.warn({ code: 'voucher_webhook_invalid' }, 'voucher webhook body is not a valid event');
        res.status(400).json({ error: 'invalid_event' });
        return;
      }
      const tags = { event: event.id, type: event.type };
      let pending = inFlight.get(event.id);
      if (!pending) {
        const started = handle(event).then((outcome) => log.info({ ...tags, outcome }, 'voucher event received'));
        pending = started.finally(() => inFlight.delete(event.id));
        inFlight.set(event.id, pending);
      }
      try {
        await pending;
        res.status(200).json({ received: true });
      } catch (err) {
        log.error({ ...tags, err: safeErr(err), code: 'voucher_webhook_handler_failed' }, 'voucher event not handled: the backend will retry');
        res.status(500).json({ error: 'not_handled' });
      }
    },
    // here, not on the app: only this route's body errors (too large, bad charset) are answered as ours
    ((err: { status?: number; type?: string }, _req, res, next) => {
      if (typeof err.status !== 'number' || err.status >= 500) {
        next(err);
        return;
      }
      log.warn({ code: 'voucher_webhook_unreadable', type: err.type }, 'voucher webhook body unreadable');
      res.status(err.status).json({ error: 'unreadable_body' });
    }) satisfies ErrorRequestHandler,
  );
  return router;
}

function parseEvent(body: Buffer): VoucherStatusChangedEvent | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
  const parsed = VoucherStatusChangedEvent.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
