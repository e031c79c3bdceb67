// A booking whose answer is lost to a timeout is retried with the same key and exists exactly once.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWelfareClient } from '../../src/welfare/client.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { resident } from '../support/people.js';

let backend: TestBackend;
let proxy: Server;
let proxyUrl: string;
const seenKeys: string[] = [];
let delayNextBookingMs = 0;

// Forwards everything to the reference backend; holds back the answer of one booking past the client's timeout.
beforeAll(async () => {
  backend = await referenceBackend();
  const target = new URL(backend.url);
  proxy = createServer((req, res) => {
    const isBooking = req.method === 'POST' && req.url === '/v1/bookings';
    if (isBooking) seenKeys.push(String(req.headers['idempotency-key']));
    const upstream = httpRequest({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      const delay = isBooking ? delayNextBookingMs : 0;
      if (isBooking) delayNextBookingMs = 0;
      setTimeout(() => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      }, delay);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
  await backend.close();
});

it('retries a timed-out booking with the same key and creates exactly one booking', async () => {
  const client = createWelfareClient({ baseUrl: proxyUrl, timeoutMs: 300, maxAttempts: 3, backoffInitialMs: 20 });
  const [slot] = await client.listSlots('doposcuola-online', { from: '2026-03-09', to: '2026-03-20' });
  const person = resident(7);
  delayNextBookingMs = 1000;
  const booking = await client.createBooking(
    {
      serviceId: 'doposcuola-online',
      slotId: slot!.id,
      person,
      answers: { residence: 'limena', child_age: 9, school_order: 'primaria' },
      channel: 'telegram',
      locale: 'it',
    },
    'key-timeout-retry-0001',
  );
  expect(seenKeys).toEqual(['key-timeout-retry-0001', 'key-timeout-retry-0001']);
  const stored = backend.context.ledger.bookingsOf(person.fiscalCode);
  expect(stored.map((b) => b.reference)).toEqual([booking.reference]);
  const seat = (await backend.client.listSlots('doposcuola-online', { from: '2026-03-09', to: '2026-03-20' })).find((s) => s.id === slot!.id);
  expect(seat!.available).toBe(seat!.capacity - 1);
});
