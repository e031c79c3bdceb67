// The reference backend's ownership contract over real HTTP: owner-key listing, reference + fiscal code lookups, one pending application per household, the bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem, ProblemType, type BookingRequest, type VoucherApplicationRequest } from '../../src/welfare/contract.js';
import { BackendNotFoundError, BackendRejectedError } from '../../src/welfare/errors.js';
import { createWelfareClient } from '../../src/welfare/client.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { resident, withBadChecksum } from '../support/people.js';

const ALICE = 'owner-key-of-alice-chat-000000000000000';
const BOB = 'owner-key-of-bob-chat-00000000000000000';

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend({ now: '2026-03-02T09:00:00' });
});
afterAll(() => backend.close());

async function book(n: number, ownerKey: string | undefined, key: string) {
  const slots = await backend.client.listSlots('doposcuola-online', { from: '2026-03-09', to: '2026-03-31' });
  const request: BookingRequest = {
    serviceId: 'doposcuola-online',
    slotId: slots[n]!.id,
    person: resident(700 + n),
    answers: { residence: 'limena', child_age: 9, school_order: 'primaria' },
    channel: 'terminal',
    locale: 'it',
    ...(ownerKey ? { ownerKey } : {}),
  };
  return backend.client.createBooking(request, key);
}

describe('bookings belong to the chat identity that made them', () => {
  it("lists an owner key's bookings, and only those", async () => {
    const mine = await book(0, ALICE, 'key-owner-alice-1');
    await book(1, BOB, 'key-owner-bob-1');
    await book(2, undefined, 'key-owner-none-1');
    expect((await backend.client.listBookings(ALICE)).map((b) => b.id)).toEqual([mine.id]);
    expect(await backend.client.listBookings('owner-key-nobody-has-000000000000000000')).toEqual([]);
    await expect(backend.client.listBookings('short')).rejects.toMatchObject({ status: 400 });
  });

  it('finds a booking by reference and fiscal code, both or nothing', async () => {
    const made = await book(3, undefined, 'key-owner-lookup-1');
    const fiscalCode = resident(703).fiscalCode;
    expect(await backend.client.findBooking(made.reference, fiscalCode)).toEqual(made);
    expect(await backend.client.findBooking(made.reference.toLowerCase(), fiscalCode.toLowerCase())).toEqual(made);
    await expect(backend.client.findBooking(made.reference, resident(704).fiscalCode)).rejects.toBeInstanceOf(BackendNotFoundError);
    await expect(backend.client.findBooking('WBC-2026-999999', fiscalCode)).rejects.toBeInstanceOf(BackendNotFoundError);
    await expect(backend.client.findBooking(made.reference, withBadChecksum(fiscalCode))).rejects.toMatchObject({
      status: 422,
      problemType: ProblemType.invalidFiscalCode,
    });
    const withoutCode = await fetch(`${backend.url}/v1/bookings/lookup?reference=${made.reference}`);
    expect(withoutCode.status).toBe(400);
  });
});

describe('grocery-voucher applications', () => {
  const application = (n: number): VoucherApplicationRequest => ({
    municipality: 'limena',
    householdSize: 2,
    incomeSituation: 'no_income',
    applicant: resident(800 + n),
    consent: true,
    channel: 'terminal',
    locale: 'it',
    ownerKey: ALICE,
  });

  it('are read by code and applicant fiscal code, both or nothing', async () => {
    const sent = await backend.client.applyForVouchers(application(1), 'key-voucher-lookup-1');
    expect(await backend.client.findVoucherApplication(sent.reference, resident(801).fiscalCode)).toEqual(sent);
    await expect(backend.client.findVoucherApplication(sent.reference, resident(802).fiscalCode)).rejects.toBeInstanceOf(BackendNotFoundError);
    await expect(backend.client.findVoucherApplication('BSP-2026-999999', resident(801).fiscalCode)).rejects.toBeInstanceOf(BackendNotFoundError);
  });

  it('refuse a second application of the household while one is pending, naming it; once decided, a new one is taken', async () => {
    const first = await backend.client.applyForVouchers(application(3), 'key-voucher-pending-1');
    // a retry of the first is still the first, not a duplicate
    expect(await backend.client.applyForVouchers(application(3), 'key-voucher-pending-1')).toEqual(first);
    const res = await fetch(`${backend.url}/v1/voucher-applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-voucher-pending-2' },
      body: JSON.stringify({ ...application(3), householdSize: 3 }),
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(Problem.parse(await res.json())).toMatchObject({ type: ProblemType.voucherPending, pendingReference: first.reference });
    await expect(backend.client.applyForVouchers({ ...application(3), householdSize: 3 }, 'key-voucher-pending-3')).rejects.toMatchObject({
      problemType: ProblemType.voucherPending,
      pendingReference: first.reference,
    });

    const decided = await fetch(`${backend.url}/v1/voucher-applications/${first.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'rejected' }),
    });
    expect(decided.status).toBe(200);
    await expect(backend.client.applyForVouchers({ ...application(3), householdSize: 3 }, 'key-voucher-pending-4')).resolves.toMatchObject({
      status: 'submitted',
    });
  });
});

describe('the bearer token', () => {
  const TOKEN = 'a-long-shared-token-for-the-api';
  let guarded: TestBackend;
  beforeAll(async () => {
    guarded = await referenceBackend({ token: TOKEN });
  });
  afterAll(() => guarded.close());

  it('refuses a request without the token, or with another, with a 401 problem', async () => {
    const tries: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token-at-all' }, { authorization: `Basic ${TOKEN}` }];
    for (const headers of tries) {
      const res = await fetch(`${guarded.url}/v1/municipalities`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(Problem.parse(await res.json())).toMatchObject({ type: ProblemType.unauthorized, status: 401 });
    }
    await expect(guarded.client.listMunicipalities()).rejects.toMatchObject({ status: 401, problemType: ProblemType.unauthorized });
    await expect(guarded.client.listMunicipalities()).rejects.toBeInstanceOf(BackendRejectedError);
  });

  it('answers with the token', async () => {
    const res = await fetch(`${guarded.url}/v1/municipalities`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const client = createWelfareClient({ baseUrl: guarded.url, token: TOKEN });
    expect(await client.listMunicipalities()).toHaveLength(5);
  });

  it('keeps health and the contract readable, and the contract declares the scheme', async () => {
    expect((await fetch(`${guarded.url}/healthz`)).status).toBe(200);
    const doc = (await (await fetch(`${guarded.url}/openapi.json`)).json()) as {
      security: unknown;
      components: { securitySchemes: Record<string, unknown> };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths['/v1/bookings/lookup']!.get!.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(Object.keys(doc.paths['/v1/voucher-applications/lookup']!.get!.responses)).toEqual(expect.arrayContaining(['200', '404']));
    expect(Object.keys(doc.paths['/v1/voucher-applications']!.post!.responses)).toContain('409');
  });
});
