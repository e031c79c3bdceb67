// The reference backend tells a local receiver of voucher status changes over signed webhooks; the change feed replays them.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type RunningBackend } from '../../backend/server.js';
import { signatureHeader } from '../../backend/webhooks.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createVoucherWebhookRouter, VOUCHER_WEBHOOK_PATH } from '../../src/proactive/webhook.js';
import { createWelfareClient, type WelfareClient } from '../../src/welfare/client.js';
import { SIGNATURE_HEADER, type VoucherApplication, type VoucherStatusChangedEvent } from '../../src/welfare/contract.js';
import { BackendRejectedError } from '../../src/welfare/errors.js';
import { resident } from '../support/people.js';
import { callLog, localServer } from '../support/stand-in-server.js';

const SECRET = 'whsec-integration-0123456789';
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Log lines as parsed objects, and a way to wait for one with a given message. */
function capturedLog(): { log: Logger; lines: Record<string, unknown>[]; waitFor(msg: string): Promise<void> } {
  const seen = callLog<{ method: string }>();
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        const line = JSON.parse(String(chunk)) as Record<string, unknown>;
        lines.push(line);
        seen.record({ method: String(line.msg) });
        done();
      },
    }),
  });
  return { log, lines, waitFor: (msg) => seen.waitForCalls(msg, 1) };
}

const received = callLog<{ method: 'onEvent'; event: VoucherStatusChangedEvent }>();
const deliveries: { signature: string | undefined; contentType: string | undefined }[] = [];
/** What the receiver's onEvent does after recording the call; tests swap it. */
let behaviour: (event: VoucherStatusChangedEvent) => Promise<void> = async () => {};
const receiverLog = capturedLog();
let receiver: { url: string; close(): Promise<void> };
let backend: RunningBackend;
let client: WelfareClient;
let applicant = 600;

beforeAll(async () => {
  const app = express();
  app.use((req, _res, next) => {
    deliveries.push({ signature: req.get(SIGNATURE_HEADER), contentType: req.get('content-type') });
    next();
  });
  app.use(
    createVoucherWebhookRouter({
      secret: SECRET,
      log: receiverLog.log,
      onEvent: async (event) => {
        received.record({ method: 'onEvent', event });
        await behaviour(event);
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${VOUCHER_WEBHOOK_PATH}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
  const clock = DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Rome' });
  backend = await startBackend({
    now: () => clock,
    webhooks: [{ url: receiver.url, secret: SECRET }],
    webhookDelivery: { retryDelaysMs: [20, 50] },
  });
  client = createWelfareClient({ baseUrl: backend.url, timeoutMs: 2000 });
});
afterAll(async () => {
  await backend.close();
  await receiver.close();
});

async function apply(): Promise<VoucherApplication> {
  const request = {
    municipality: 'limena',
    householdSize: 3,
    incomeSituation: 'no_income' as const,
    applicant: resident(applicant++),
    consent: true as const,
    channel: 'telegram' as const,
    locale: 'it',
  };
  return client.applyForVouchers(request, `key-webhook-${applicant}`);
}

async function decide(url: string, id: string, status: string): Promise<Response> {
  return fetch(`${url}/v1/voucher-applications/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
}

function post(body: string, signature?: string): Promise<Response> {
  return fetch(receiver.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature === undefined ? {} : { [SIGNATURE_HEADER]: signature }) },
    body,
  });
}

/** Ids of events the tests made up and posted themselves: the backend never sent them. */
const forged = new Set<string>();
const forge = (): VoucherStatusChangedEvent => {
  const event = { ...received.calls[0]!.event, id: randomUUID() };
  forged.add(event.id);
  return event;
};
const callsFor = (id: string) => received.calls.filter((c) => c.event.id === id).length;

describe('voucher status webhook', () => {
  it('tells the receiver of each status change once, signed, with the application as it now is', async () => {
    const application = await apply();
    expect((await decide(backend.url, application.id, 'under_review')).status).toBe(200);
    await received.waitForCalls('onEvent', 1);
    expect((await decide(backend.url, application.id, 'approved')).status).toBe(200);
    await received.waitForCalls('onEvent', 2);

    const [first, second] = received.calls.map((c) => c.event);
    expect(first).toMatchObject({ type: 'voucher_application.status_changed', application: { id: application.id, status: 'under_review' } });
    expect(second?.application).toMatchObject({ id: application.id, status: 'approved', amount: expect.any(Number) });
    expect(second?.occurredAt).toBe(second?.application.updatedAt);
    expect(first?.id).not.toBe(second?.id);
    expect(deliveries).toHaveLength(2);
    for (const d of deliveries) {
      expect(d.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(d.contentType).toBe('application/json');
    }
  });

  it('answers the PATCH without waiting for the receiver', async () => {
    let release!: () => void;
    const handled = new Promise<void>((resolve) => (release = resolve));
    behaviour = () => handled;
    const before = received.calls.length;
    const application = await apply();
    expect((await decide(backend.url, application.id, 'rejected')).status).toBe(200);
    await received.waitForCalls('onEvent', before + 1); // the receiver has it and is still busy
    release();
    behaviour = async () => {};
  });

  it('delivers again after the receiver failed (500), and the receiver handles it once', async () => {
    let failures = 1;
    behaviour = async () => {
      if (failures-- > 0) throw new Error('scheduler unavailable');
    };
    const before = received.calls.length;
    const application = await apply();
    await decide(backend.url, application.id, 'under_review');
    await received.waitForCalls('onEvent', before + 2);
    behaviour = async () => {};
    const event = received.calls.at(-1)!.event;
    expect(received.calls.at(-2)?.event.id).toBe(event.id);

    // a late repeat of a handled event is acknowledged and dropped
    const again = await post(JSON.stringify(event), signatureHeader(JSON.stringify(event), SECRET, nowSeconds()));
    expect(again.status).toBe(200);
    expect(callsFor(event.id)).toBe(2);
  });

  it('hands an event on once when two deliveries of it arrive together', async () => {
    const event = forge();
    const body = JSON.stringify(event);
    let release!: () => void;
    behaviour = () => new Promise<void>((resolve) => (release = resolve));
    const first = post(body, signatureHeader(body, SECRET, nowSeconds()));
    await received.waitForCalls('onEvent', received.calls.length + 1);
    const second = post(body, signatureHeader(body, SECRET, nowSeconds()));
    release();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
    behaviour = async () => {};
    expect(callsFor(event.id)).toBe(1);
  });

  describe('refuses what it cannot trust, and calls nothing', () => {
    const event = (): string => JSON.stringify(forge());

    it.each([
      ['signed with another secret', 401, (body: string) => post(body, signatureHeader(body, 'not-the-secret', nowSeconds()))],
      ['signed more than 5 minutes ago', 401, (body: string) => post(body, signatureHeader(body, SECRET, nowSeconds() - 301))],
      ['without a signature', 401, (body: string) => post(body)],
      ['with a malformed signature', 401, (body: string) => post(body, 'sha256=whatever')],
      [
        'with the body changed after signing',
        401,
        (body: string) => post(body.replace('"status":', '"status" :'), signatureHeader(body, SECRET, nowSeconds())),
      ],
      ['signed right but not JSON', 400, () => post('{"id":', signatureHeader('{"id":', SECRET, nowSeconds()))],
      ['signed right but not an event', 400, () => post('{"id":"x"}', signatureHeader('{"id":"x"}', SECRET, nowSeconds()))],
    ])('a delivery %s → %i', async (_, status, send) => {
      const before = received.calls.length;
      const res = await send(event());
      expect(res.status).toBe(status);
      expect(received.calls).toHaveLength(before);
    });

    it('logs refusals and events by code, id and type only', () => {
      const text = JSON.stringify(receiverLog.lines);
      expect(text).toContain('voucher_webhook_refused');
      expect(text).not.toMatch(/BSP-|explanation|Limena|householdSize/);
    });
  });
});

describe('voucher change feed', () => {
  it('lists the same events the webhook sent, in order, and continues from its cursor', async () => {
    const sent = [...new Map(received.calls.filter((c) => !forged.has(c.event.id)).map((c) => [c.event.id, c.event])).values()];
    const all = await client.voucherChanges();
    expect(all.items).toHaveLength(4); // two decisions, a rejection, one delivered twice
    expect(all.items).toEqual(sent);

    const page1 = await client.voucherChanges(undefined, 3);
    const page2 = await client.voucherChanges(page1.cursor, 3);
    expect([...page1.items, ...page2.items]).toEqual(all.items);
    const end = await client.voucherChanges(page2.cursor);
    expect(end).toEqual({ items: [], cursor: page2.cursor });

    const application = await apply();
    const before = received.calls.length;
    await decide(backend.url, application.id, 'approved');
    const next = await client.voucherChanges(end.cursor);
    expect(next.items.map((e) => e.application)).toEqual([expect.objectContaining({ id: application.id, status: 'approved' })]);
    await received.waitForCalls('onEvent', before + 1);
    expect(received.calls.at(-1)?.event).toEqual(next.items[0]);
  });

  it('starts over for a cursor from another run, and refuses one it never gave out', async () => {
    const other = await startBackend();
    try {
      const foreign = (await createWelfareClient({ baseUrl: other.url }).voucherChanges()).cursor;
      expect((await client.voucherChanges(foreign)).items).toEqual((await client.voucherChanges()).items);
    } finally {
      await other.close();
    }
    await expect(client.voucherChanges('not-a-cursor')).rejects.toBeInstanceOf(BackendRejectedError);
    await expect(client.voucherChanges(undefined, 0)).rejects.toMatchObject({ status: 400 });
  });
});

describe('a subscriber that is down', () => {
  it('does not hold the PATCH, gives up after the retries, and logs without personal data', async () => {
    const gone = await localServer(() => {});
    await gone.close(); // its port now refuses connections
    const { log, lines, waitFor } = capturedLog();
    const lonely = await startBackend({
      logger: log,
      webhooks: [{ url: `http://127.0.0.1:${gone.port}/hook?token=abc`, secret: SECRET }],
      webhookDelivery: { retryDelaysMs: [5, 5] },
    });
    try {
      const lonelyClient = createWelfareClient({ baseUrl: lonely.url });
      const person = resident(700);
      const application = await lonelyClient.applyForVouchers(
        {
          municipality: 'campodoro',
          householdSize: 2,
          incomeSituation: 'no_income',
          applicant: person,
          consent: true,
          channel: 'terminal',
          locale: 'it',
        },
        'key-webhook-down-1',
      );
      expect((await decide(lonely.url, application.id, 'approved')).status).toBe(200);
      await waitFor('webhook not delivered');
      const failure = lines.find((l) => l.msg === 'webhook not delivered');
      expect(failure).toMatchObject({ code: 'webhook_gave_up', attempts: 3, type: 'voucher_application.status_changed' });
      const text = JSON.stringify(lines);
      expect(text).not.toContain(person.fiscalCode);
      expect(text).not.toContain(person.familyName);
      expect(text).not.toContain('token=abc');
      // the change feed still has it
      expect((await lonelyClient.voucherChanges()).items).toHaveLength(1);
    } finally {
      await lonely.close();
    }
  });
});
