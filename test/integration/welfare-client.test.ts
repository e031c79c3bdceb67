// The welfare HTTP client against scripted local HTTP servers: wire format, typed errors, retries, breaker.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createWelfareClient, type CallInfo, type WelfareClientOptions } from '../../src/welfare/client.js';
import { ProblemType } from '../../src/welfare/contract.js';
import {
  BackendConflictError,
  BackendContractError,
  BackendNotFoundError,
  BackendRejectedError,
  BackendUnavailableError,
} from '../../src/welfare/errors.js';
import type { WelfarePort } from '../../src/welfare/port.js';

// ── Fixtures (schema-valid) ─────────────────────────────────────────────────

const FISCAL_CODE = 'RSSMRA80A41G224X';
const OWNER_KEY = 'owner-key-of-a-chat-identity-000000000';
const municipality = { id: 'padova', name: 'Padova', province: 'PD', patronDay: { date: '06-13', saint: { it: "Sant'Antonio" } } };
const category = { id: 'infanzia', name: { it: 'Infanzia' }, description: { it: 'Servizi per bambini' } };
const summary = {
  id: 'doposcuola-online',
  name: { it: 'Doposcuola online' },
  summary: { it: 'Aiuto compiti in videochiamata' },
  category: 'infanzia',
  audience: ['children'],
  provider: { id: 'coop-sole', name: 'Cooperativa Sole', kind: 'cooperative' },
  municipalities: ['padova'],
  delivery: ['online'],
  price: { full: 10, reduced: 5, currency: 'EUR', unit: 'session' },
  access: 'booking',
};
const service = {
  ...summary,
  description: { it: 'Due ore a settimana' },
  lifeEvents: ['school_life'],
  requirements: [],
  contactPoint: { name: 'Sportello sociale' },
  criteria: [],
};
const quoted = { tier: 'reduced', amount: 5, currency: 'EUR', unit: 'session' };
const eligibility = {
  serviceId: summary.id,
  outcome: 'eligible',
  missing: [],
  criteria: [],
  price: quoted,
  alternatives: [],
  rulesVersion: '2025.1',
  notice: { it: 'Indicazione non ufficiale' },
};
const slot = {
  id: 'slot-1',
  serviceId: summary.id,
  start: '2025-03-03T16:00:00+01:00',
  end: '2025-03-03T17:00:00+01:00',
  municipality: 'padova',
  delivery: 'online',
  capacity: 10,
  available: 3,
};
const booking = {
  id: 'b-1',
  reference: 'WBC-2025-000001',
  status: 'confirmed',
  service: { id: summary.id, name: summary.name },
  slot: { id: slot.id, start: slot.start, end: slot.end, municipality: slot.municipality, delivery: slot.delivery },
  price: quoted,
  createdAt: '2025-03-01T10:00:00+01:00',
};
const voucher = {
  id: 'v-1',
  reference: 'BSP-2025-000001',
  status: 'submitted',
  explanation: { it: 'Domanda ricevuta' },
  municipality: 'padova',
  householdSize: 3,
  amount: null,
  submittedAt: '2025-03-01T10:00:00+01:00',
  updatedAt: '2025-03-01T10:00:00+01:00',
};
const person = { givenName: 'Maria', familyName: 'Rossi', fiscalCode: FISCAL_CODE };
const bookingRequest = { serviceId: summary.id, slotId: slot.id, person, answers: { residente: true }, channel: 'telegram', locale: 'it' } as const;
const voucherRequest = {
  municipality: 'padova',
  householdSize: 3,
  incomeSituation: 'no_income',
  applicant: person,
  consent: true,
  channel: 'telegram',
  locale: 'it',
} as const;

// ── Scripted server ─────────────────────────────────────────────────────────

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Reply {
  status?: number;
  json?: unknown;
  text?: string;
  contentType?: string;
  delayMs?: number;
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map(close));
});

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `script` answers the n-th request (0-based); `requests` records what arrived. */
async function backend(script: (req: Seen, n: number) => Reply) {
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const seen: Seen = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: raw === '' ? undefined : JSON.parse(raw),
      };
      const reply = script(seen, requests.length);
      requests.push(seen);
      const send = () => {
        const isJson = reply.json !== undefined;
        res.writeHead(reply.status ?? 200, {
          'content-type': reply.contentType ?? (isJson ? 'application/json' : 'text/plain'),
        });
        res.end(isJson ? JSON.stringify(reply.json) : (reply.text ?? ''));
      };
      if (!reply.delayMs) return send();
      const timer = setTimeout(send, reply.delayMs);
      res.on('close', () => clearTimeout(timer)); // the client gave up: nothing to answer
    });
  });
  servers.push(server);
  return { url: await listen(server), requests };
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}

function client(baseUrl: string, options: Partial<WelfareClientOptions> = {}) {
  return createWelfareClient({
    baseUrl,
    timeoutMs: 200,
    backoffInitialMs: 5,
    backoffMaxMs: 20,
    breakerThreshold: 100,
    halfOpenAfterMs: 200,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (err: unknown) => err,
  );
}

const problem = (status: number, type: string, extra: object = {}): Reply => ({
  status,
  contentType: 'application/problem+json',
  json: { type, title: 'Problem', status, ...extra },
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── (1) Wire format ─────────────────────────────────────────────────────────

interface WireCase {
  name: string;
  call: (c: WelfarePort) => Promise<unknown>;
  sent: Partial<Seen> & { method: string; path: string };
  reply: unknown;
  status?: number;
  returns: unknown;
}

const wireCases: WireCase[] = [
  {
    name: 'listMunicipalities',
    call: (c) => c.listMunicipalities(),
    sent: { method: 'GET', path: '/v1/municipalities', query: {} },
    reply: { items: [municipality] },
    returns: [municipality],
  },
  {
    name: 'listCategories',
    call: (c) => c.listCategories(),
    sent: { method: 'GET', path: '/v1/categories' },
    reply: { items: [category] },
    returns: [category],
  },
  {
    name: 'searchServices',
    call: (c) => c.searchServices({ municipality: 'padova', q: 'compiti & scuola', limit: 5, category: undefined }),
    sent: { method: 'GET', path: '/v1/services', query: { municipality: 'padova', q: 'compiti & scuola', limit: '5' } },
    reply: { items: [summary], nextCursor: 'abc' },
    returns: { items: [summary], nextCursor: 'abc' },
  },
  {
    name: 'getService',
    call: (c) => c.getService('a/b c'),
    sent: { method: 'GET', path: '/v1/services/a%2Fb%20c' },
    reply: service,
    returns: service,
  },
  {
    name: 'checkEligibility',
    call: (c) => c.checkEligibility(summary.id, { residente: true, figli: 2 }),
    sent: { method: 'POST', path: `/v1/services/${summary.id}/eligibility`, body: { answers: { residente: true, figli: 2 } } },
    reply: eligibility,
    returns: eligibility,
  },
  {
    name: 'listSlots',
    call: (c) => c.listSlots(summary.id, { from: '2025-03-01', to: '2025-03-31' }),
    sent: { method: 'GET', path: `/v1/services/${summary.id}/slots`, query: { from: '2025-03-01', to: '2025-03-31' } },
    reply: { items: [slot] },
    returns: [slot],
  },
  {
    name: 'createBooking',
    call: (c) => c.createBooking(bookingRequest, 'key-1'),
    sent: { method: 'POST', path: '/v1/bookings', body: bookingRequest },
    reply: booking,
    status: 201,
    returns: booking,
  },
  {
    name: 'listBookings',
    call: (c) => c.listBookings(OWNER_KEY),
    sent: { method: 'GET', path: '/v1/bookings', query: { ownerKey: OWNER_KEY } },
    reply: { items: [booking] },
    returns: [booking],
  },
  {
    name: 'findBooking',
    call: (c) => c.findBooking(booking.reference, FISCAL_CODE),
    sent: { method: 'GET', path: '/v1/bookings/lookup', query: { reference: booking.reference, fiscalCode: FISCAL_CODE } },
    reply: booking,
    returns: booking,
  },
  {
    name: 'cancelBooking',
    call: (c) => c.cancelBooking('b-1'),
    sent: { method: 'POST', path: '/v1/bookings/b-1/cancel', body: undefined },
    reply: { ...booking, status: 'cancelled', cancelledAt: '2025-03-02T10:00:00+01:00' },
    returns: { ...booking, status: 'cancelled', cancelledAt: '2025-03-02T10:00:00+01:00' },
  },
  {
    name: 'applyForVouchers',
    call: (c) => c.applyForVouchers(voucherRequest, 'key-2'),
    sent: { method: 'POST', path: '/v1/voucher-applications', body: voucherRequest },
    reply: voucher,
    status: 201,
    returns: voucher,
  },
  {
    name: 'getVoucherApplication',
    call: (c) => c.getVoucherApplication('v-1'),
    sent: { method: 'GET', path: '/v1/voucher-applications/v-1' },
    reply: voucher,
    returns: voucher,
  },
];

describe('wire format', () => {
  it.each(wireCases)('$name sends $sent.method $sent.path and returns the parsed body', async (c) => {
    const { url, requests } = await backend(() => ({ status: c.status ?? 200, json: c.reply }));
    await expect(c.call(client(url))).resolves.toEqual(c.returns);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject(c.sent);
    const headers = requests[0]?.headers ?? {};
    expect(headers['content-type']).toBe(c.sent.body === undefined ? undefined : 'application/json');
    const key = { createBooking: 'key-1', applyForVouchers: 'key-2' }[c.name];
    expect(headers['idempotency-key']).toBe(key);
  });

  it('sends the bearer token when it has one, and no Authorization header otherwise', async () => {
    const { url, requests } = await backend(() => ({ json: { items: [] } }));
    await client(url, { token: 'a-shared-token-of-the-backend' }).listMunicipalities();
    await client(url).listMunicipalities();
    expect(requests[0]?.headers.authorization).toBe('Bearer a-shared-token-of-the-backend');
    expect(requests[1]?.headers.authorization).toBeUndefined();
  });

  it('reads the pending application of a 409 voucherPending', async () => {
    const { url } = await backend(() => problem(409, ProblemType.voucherPending, { pendingReference: 'BSP-2025-000007' }));
    await expect(client(url).applyForVouchers(voucherRequest, 'key-3')).rejects.toMatchObject({
      problemType: ProblemType.voucherPending,
      pendingReference: 'BSP-2025-000007',
    });
  });

  it('reports each call to onCall with its endpoint template and outcome', async () => {
    const calls: CallInfo[] = [];
    const { url } = await backend((req) => (req.path.endsWith('/missing') ? problem(404, ProblemType.notFound) : { json: service }));
    const c = client(url, { onCall: (info) => calls.push(info) });
    await c.getService('doposcuola-online');
    await rejection(c.getService('missing'));
    expect(calls.map(({ endpoint, outcome }) => ({ endpoint, outcome }))).toEqual([
      { endpoint: 'GET /v1/services/{id}', outcome: 'ok' },
      { endpoint: 'GET /v1/services/{id}', outcome: 'backend_not_found' },
    ]);
  });
});

// ── (2) Contract violations ─────────────────────────────────────────────────

describe('responses outside the contract', () => {
  it('names the endpoint and the failing field, not the value', async () => {
    const { url } = await backend(() => ({ json: { ...service, price: { ...service.price, full: 'gratis' } } }));
    const err = await rejection(client(url).getService(summary.id));
    expect(err).toBeInstanceOf(BackendContractError);
    expect((err as Error).message).toContain('GET /v1/services/{id}');
    expect((err as Error).message).toContain('price.full');
    expect((err as Error).message).not.toContain('gratis');
  });

  it('keeps the fiscal code of the query out of the message', async () => {
    const { url } = await backend(() => ({ json: { ...booking, reference: 'nope' } }));
    const err = await rejection(client(url).findBooking('WBC-2025-000001', FISCAL_CODE));
    expect(err).toBeInstanceOf(BackendContractError);
    expect((err as Error).message).toMatch(/^GET \/v1\/bookings\/lookup: .*reference/);
    expect((err as Error).message).not.toContain(FISCAL_CODE);
  });

  it('rejects a body that is not JSON', async () => {
    const { url } = await backend(() => ({ text: '<html>ok</html>', contentType: 'text/html' }));
    await expect(client(url).listCategories()).rejects.toBeInstanceOf(BackendContractError);
  });
});

// ── (3) Problem details → typed errors ──────────────────────────────────────

describe('problem details', () => {
  it('404 → BackendNotFoundError', async () => {
    const { url } = await backend(() => problem(404, ProblemType.notFound));
    await expect(client(url).getService('nessuno')).rejects.toBeInstanceOf(BackendNotFoundError);
  });

  it('404 with a non-JSON body → BackendNotFoundError all the same', async () => {
    const { url } = await backend(() => ({ status: 404, text: 'Not Found' }));
    await expect(client(url).getVoucherApplication('v-9')).rejects.toBeInstanceOf(BackendNotFoundError);
  });

  it.each([ProblemType.slotFull, ProblemType.idempotencyConflict])('409 %s → BackendConflictError exposing the type', async (type) => {
    const { url } = await backend(() => problem(409, type));
    const err = await rejection(client(url).createBooking(bookingRequest, 'key-1'));
    expect(err).toBeInstanceOf(BackendConflictError);
    expect(err).toMatchObject({ code: 'backend_conflict', problemType: type });
  });

  it('422 → BackendRejectedError with field errors, their text kept out of the message', async () => {
    const errors = [{ path: 'person.fiscalCode', message: `${FISCAL_CODE} is not valid` }];
    const { url } = await backend(() => problem(422, ProblemType.invalidFiscalCode, { detail: FISCAL_CODE, errors }));
    const err = await rejection(client(url).createBooking(bookingRequest, 'key-1'));
    expect(err).toBeInstanceOf(BackendRejectedError);
    expect(err).toMatchObject({ status: 422, problemType: ProblemType.invalidFiscalCode, fieldErrors: errors });
    expect((err as Error).message).toContain('person.fiscalCode');
    expect((err as Error).message).not.toContain(FISCAL_CODE);
  });
});

// ── (4) Circuit breaker ─────────────────────────────────────────────────────

describe('circuit breaker', () => {
  it('opens on a closed port and then fails fast', async () => {
    const c = client(await closedPortUrl(), { breakerThreshold: 2, maxAttempts: 1, timeoutMs: 2000 });
    await expect(c.listCategories()).rejects.toMatchObject({ code: 'backend_unavailable', reason: 'network' });
    await expect(c.listCategories()).rejects.toMatchObject({ code: 'backend_unavailable', reason: 'network' });
    expect(c.breakerState).toBe('open');
    const started = performance.now();
    const err = await rejection(c.listCategories());
    expect(performance.now() - started).toBeLessThan(100); // sanity bound only: the timeout is 2 s
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err).toMatchObject({ reason: 'circuit_open' });
  });

  it('sends nothing while open, and closes after a successful call once halfOpenAfter elapses', async () => {
    let up = false;
    const { url, requests } = await backend(() => (up ? { json: { items: [category] } } : { status: 503, text: 'down' }));
    const c = client(url, { breakerThreshold: 3, maxAttempts: 3, halfOpenAfterMs: 200 });
    await expect(c.listCategories()).rejects.toMatchObject({ reason: 'status', status: 503 });
    expect(requests).toHaveLength(3);
    expect(c.breakerState).toBe('open');

    await expect(c.listCategories()).rejects.toMatchObject({ reason: 'circuit_open' });
    await expect(c.getService(summary.id)).rejects.toMatchObject({ reason: 'circuit_open' });
    expect(requests).toHaveLength(3);

    up = true;
    await sleep(250);
    await expect(c.listCategories()).resolves.toEqual([category]);
    expect(c.breakerState).toBe('closed');
    expect(requests).toHaveLength(4);
  });

  it('does not count 4xx against the breaker', async () => {
    const { url, requests } = await backend(() => problem(404, ProblemType.notFound));
    const c = client(url, { breakerThreshold: 2 });
    for (const id of ['a', 'b', 'c']) await expect(c.getService(id)).rejects.toBeInstanceOf(BackendNotFoundError);
    expect(c.breakerState).toBe('closed');
    expect(requests).toHaveLength(3);
  });
});

// ── (5)–(7) Timeouts and retries ────────────────────────────────────────────

describe('retries', () => {
  it('retries a GET on a slow server maxAttempts times, then gives up as unavailable', async () => {
    const { url, requests } = await backend(() => ({ json: { items: [] }, delayMs: 1000 }));
    const err = await rejection(client(url, { timeoutMs: 60, maxAttempts: 3 }).listMunicipalities());
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect(err).toMatchObject({ reason: 'timeout' });
    expect(requests).toHaveLength(3);
  });

  it('retries a GET after a 500', async () => {
    const { url, requests } = await backend((_, n) => (n === 0 ? problem(500, ProblemType.internal) : { json: service }));
    await expect(client(url).getService(summary.id)).resolves.toEqual(service);
    expect(requests).toHaveLength(2);
  });

  it('replays a timed-out booking with the same Idempotency-Key and body', async () => {
    const { url, requests } = await backend((_, n) => ({ status: 201, json: booking, delayMs: n === 0 ? 1000 : 0 }));
    await expect(client(url, { timeoutMs: 100 }).createBooking(bookingRequest, 'key-7')).resolves.toEqual(booking);
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => r.headers['idempotency-key'])).toEqual(['key-7', 'key-7']);
    expect(requests.map((r) => r.body)).toEqual([bookingRequest, bookingRequest]);
  });

  it('does not replay a booking after a 500: it may have half-happened', async () => {
    const { url, requests } = await backend(() => problem(500, ProblemType.internal));
    await expect(client(url).createBooking(bookingRequest, 'key-8')).rejects.toMatchObject({ reason: 'status', status: 500 });
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['checkEligibility', (c: WelfarePort) => c.checkEligibility(summary.id, {}), eligibility],
    ['cancelBooking', (c: WelfarePort) => c.cancelBooking('b-1'), booking],
  ] as const)('replays %s, safe by definition, after a 503', async (_, call, body) => {
    const { url, requests } = await backend((_req, n) => (n === 0 ? { status: 503, text: 'busy' } : { json: body }));
    await expect(call(client(url))).resolves.toEqual(body);
    expect(requests).toHaveLength(2);
  });

  it.each([
    [400, ProblemType.validation],
    [404, ProblemType.notFound],
    [409, ProblemType.slotFull],
    [422, ProblemType.notEligible],
  ])('never retries a %i', async (status, type) => {
    const { url, requests } = await backend(() => problem(status, type));
    await rejection(client(url).createBooking(bookingRequest, 'key-9'));
    await rejection(client(url).listSlots(summary.id));
    expect(requests).toHaveLength(2);
  });
});
