// Corporate welfare credit through the typed client over real HTTP: accounts, paying a booking, refunds, races.
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Problem, ProblemType, type Answers, type BookingRequest, type Slot } from '../../src/welfare/contract.js';
import { BackendConflictError, BackendNotFoundError, BackendRejectedError } from '../../src/welfare/errors.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { resident } from '../support/people.js';

// The Teams users of backend/data/welfare.yaml.
const TEAMS_USER = {
  brenta: '6b1f3c2e-4a5d-4e8f-9b0a-1c2d3e4f5a61', // WA-OMB-0001, 850.00
  pastificio: '9d2e4f6a-8b1c-4d3e-a5f7-2b4c6d8e0f72', // WA-PVF-0001, 40.00
  littleCredit: 'c4a7e1b9-3d5f-4a2c-8e6b-7f9a1b3c5d83', // WA-OMB-0002, 7.50
};

const ANSWERS: Record<string, Answers> = {
  'babysitting-welfare-aziendale': { employer_welfare_plan: true, youngest_child_age: 4 }, // 12 €/hour, 3-hour slots on weekdays: 36 €
  'doposcuola-online': { residence: 'limena', child_age: 9, school_order: 'primaria', isee_band: 'isee_up_to_10k' }, // 4 € reduced
  'attivita-ludico-educative': { residence: 'campo-san-martino', child_age: 5, isee_band: 'isee_over_35k' }, // 10 €
  'sostegno-famiglie-0-6': { residence: 'limena', youngest_child_age: 1 }, // free
};

let backend: TestBackend;
// A backend of its own per test: each starts from the seed balances.
beforeEach(async () => {
  backend = await referenceBackend({ now: '2026-03-02T09:00:00' });
});
afterEach(() => backend.close());

async function slotsOf(serviceId: string): Promise<Slot[]> {
  const slots = await backend.client.listSlots(serviceId, { from: '2026-03-09', to: '2026-03-31' });
  if (slots.length === 0) throw new Error(`the seed should offer ${serviceId} slots in March 2026`);
  return slots;
}

async function firstSlot(serviceId: string): Promise<Slot> {
  return (await slotsOf(serviceId))[0]!;
}

function paid(serviceId: string, slot: Slot, n: number, accountId?: string): BookingRequest {
  return {
    serviceId,
    slotId: slot.id,
    person: resident(n),
    answers: ANSWERS[serviceId]!,
    channel: 'botframework',
    locale: 'it',
    ...(accountId ? { payment: { method: 'welfare_credit', accountId } } : {}),
  };
}

const creditOf = async (accountId: string) => (await backend.client.getWelfareAccount(accountId)).availableCredit;
const available = async (slot: Slot) => (await slotsOf(slot.serviceId)).find((s) => s.id === slot.id)?.available;

describe('welfare accounts', () => {
  it('reads an account with its employer, plan, credit and expiry', async () => {
    const account = await backend.client.getWelfareAccount('WA-OMB-0001');
    expect(account).toEqual({
      id: 'WA-OMB-0001',
      employer: { id: 'officine-meccaniche-brenta', name: 'Officine Meccaniche Brenta S.p.A.' },
      plan: {
        id: 'omb-welfare-2026-2027',
        name: { it: 'Piano welfare Officine Brenta 2026–2027', en: 'Officine Brenta welfare plan 2026–2027' },
        coveredCategories: ['famiglie-minori', 'supporto-scolastico', 'welfare-aziendale'],
        coveredServices: [],
      },
      availableCredit: 850,
      currency: 'EUR',
      expiresOn: '2027-12-31',
      status: 'active',
    });
  });

  it('expires after its last day in Rome, not in UTC', async () => {
    expect((await backend.client.getWelfareAccount('WA-OMB-0003')).status).toBe('expired');
    backend.clock.now = DateTime.fromISO('2025-12-31T23:30:00', { zone: 'Europe/Rome' });
    expect((await backend.client.getWelfareAccount('WA-OMB-0003')).status).toBe('active');
    backend.clock.now = DateTime.fromISO('2026-01-01T00:30:00', { zone: 'Europe/Rome' }); // still 31 December in UTC
    expect((await backend.client.getWelfareAccount('WA-OMB-0003')).status).toBe('expired');
  });

  it('answers an unknown account with a typed not-found error', async () => {
    await expect(backend.client.getWelfareAccount('WA-NOPE-0001')).rejects.toBeInstanceOf(BackendNotFoundError);
  });

  it('lists the accounts linked to a Teams user, and none for an unknown one', async () => {
    expect((await backend.client.linkedWelfareAccounts(TEAMS_USER.brenta)).map((a) => a.id)).toEqual(['WA-OMB-0001']);
    expect((await backend.client.linkedWelfareAccounts(TEAMS_USER.pastificio.toUpperCase())).map((a) => a.id)).toEqual(['WA-PVF-0001']);
    expect(await backend.client.linkedWelfareAccounts('0f0e0d0c-0b0a-4909-8807-060504030201')).toEqual([]);
  });

  it('refuses a lookup without an aadObjectId or with one that is not a uuid', async () => {
    const missing = await fetch(`${backend.url}/v1/welfare-accounts`);
    expect(missing.status).toBe(400);
    expect(Problem.parse(await missing.json()).errors?.[0]?.path).toBe('aadObjectId');
    await expect(backend.client.linkedWelfareAccounts('not-a-uuid')).rejects.toMatchObject({ status: 400, problemType: ProblemType.validation });
  });
});

describe('paying a booking with welfare credit', () => {
  it('deducts the quoted price, and the booking shows the amount and the credit left', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const booking = await backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 1, 'WA-OMB-0001'), 'key-credit-pay-01');
    // the unit price is 12 € an hour; the slot lasts 3 hours, so 36 € are charged
    expect(booking.price).toMatchObject({ amount: 12, unit: 'hour', tier: 'full' });
    expect(booking.total).toBe(36);
    expect(booking.payment).toEqual({ method: 'welfare_credit', accountId: 'WA-OMB-0001', amount: 36, creditLeft: 814, refunded: false });
    expect(await creditOf('WA-OMB-0001')).toBe(814);
    expect(backend.context.ledger.bookingsOf(resident(1).fiscalCode)[0]?.payment?.amount).toBe(36);
  });

  it('pays a service its plan names one by one, outside the covered categories', async () => {
    const slot = await firstSlot('doposcuola-online'); // supporto-scolastico: not a category of the Pastificio plan
    const booking = await backend.client.createBooking(paid('doposcuola-online', slot, 2, 'WA-PVF-0002'), 'key-credit-named-01');
    expect(booking.payment).toMatchObject({ amount: 4, creditLeft: 296 });
  });

  it('refuses insufficient credit with 409 insufficientCredit, and books nothing', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const request = paid('babysitting-welfare-aziendale', slot, 3, 'WA-OMB-0002');
    const error = await backend.client.createBooking(request, 'key-credit-short-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendConflictError);
    expect((error as BackendConflictError).problemType).toBe(ProblemType.insufficientCredit);

    const res = await fetch(`${backend.url}/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-credit-short-02' },
      body: JSON.stringify(request),
    });
    expect(res.status).toBe(409);
    expect(Problem.parse(await res.json()).detail).toMatch(/7\.50 EUR[\s\S]*36\.00 EUR/);

    expect(backend.context.ledger.bookingsOf(request.person.fiscalCode)).toEqual([]);
    expect(await available(slot)).toBe(slot.capacity);
    expect(await creditOf('WA-OMB-0002')).toBe(7.5);
  });

  it('refuses a service the plan does not cover with 409 notCoveredByPlan', async () => {
    const slot = await firstSlot('attivita-ludico-educative'); // famiglie-minori: not in the Pastificio plan
    const request = paid('attivita-ludico-educative', slot, 4, 'WA-PVF-0002');
    await expect(backend.client.createBooking(request, 'key-credit-cover-01')).rejects.toMatchObject({
      code: 'backend_conflict',
      problemType: ProblemType.notCoveredByPlan,
    });
    expect(backend.context.ledger.bookingsOf(request.person.fiscalCode)).toEqual([]);
    expect(await creditOf('WA-PVF-0002')).toBe(300);
  });

  it('refuses an expired account with 409 accountExpired', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const request = paid('babysitting-welfare-aziendale', slot, 5, 'WA-OMB-0003');
    await expect(backend.client.createBooking(request, 'key-credit-expired-01')).rejects.toMatchObject({
      code: 'backend_conflict',
      problemType: ProblemType.accountExpired,
    });
    expect(backend.context.ledger.bookingsOf(request.person.fiscalCode)).toEqual([]);
    expect(await creditOf('WA-OMB-0003')).toBe(95.5);
  });

  it('refuses an unknown account with 422 unknownAccount naming the field', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const error = await backend.client
      .createBooking(paid('babysitting-welfare-aziendale', slot, 6, 'WA-NOPE-0001'), 'key-credit-unknown-01')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendRejectedError);
    expect(error).toMatchObject({ status: 422, problemType: ProblemType.unknownAccount });
    expect((error as BackendRejectedError).fieldErrors.map((f) => f.path)).toEqual(['payment.accountId']);
  });

  it('charges nothing when the slot turns out to be full', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    for (const n of [10, 11]) await backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, n), `key-credit-full-${n}`);
    await expect(
      backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 12, 'WA-OMB-0001'), 'key-credit-full-12'),
    ).rejects.toMatchObject({ problemType: ProblemType.slotFull });
    expect(await creditOf('WA-OMB-0001')).toBe(850);
  });

  it('charges nothing for a free service, once the plan covers it', async () => {
    const slot = await firstSlot('sostegno-famiglie-0-6');
    const booking = await backend.client.createBooking(paid('sostegno-famiglie-0-6', slot, 13, 'WA-OMB-0001'), 'key-credit-free-01');
    expect(booking.payment).toMatchObject({ amount: 0, creditLeft: 850 });
  });

  it('refunds on cancellation, once however often it is cancelled', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const booking = await backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 20, 'WA-OMB-0001'), 'key-credit-refund-01');
    expect(await creditOf('WA-OMB-0001')).toBe(814);

    const cancelled = await backend.client.cancelBooking(booking.id);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.payment).toEqual({ method: 'welfare_credit', accountId: 'WA-OMB-0001', amount: 36, creditLeft: 850, refunded: true });
    expect(await creditOf('WA-OMB-0001')).toBe(850);

    expect((await backend.client.cancelBooking(booking.id)).payment?.refunded).toBe(true);
    expect(await creditOf('WA-OMB-0001')).toBe(850);
    expect(await available(slot)).toBe(slot.capacity);
  });

  it('charges once when a request is retried with the same Idempotency-Key', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    const request = paid('babysitting-welfare-aziendale', slot, 21, 'WA-OMB-0001');
    const first = await backend.client.createBooking(request, 'key-credit-retry-01');
    const again = await backend.client.createBooking(request, 'key-credit-retry-01');
    expect(again).toEqual(first);
    expect(await creditOf('WA-OMB-0001')).toBe(814);
    expect(backend.context.ledger.bookingsOf(request.person.fiscalCode)).toHaveLength(1);
  });

  it('refuses the same key with another account as a reused key', async () => {
    const slot = await firstSlot('babysitting-welfare-aziendale');
    await backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 22, 'WA-OMB-0001'), 'key-credit-reuse-01');
    await expect(
      backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 22, 'WA-PVF-0001'), 'key-credit-reuse-01'),
    ).rejects.toMatchObject({ problemType: ProblemType.idempotencyConflict });
    expect(await creditOf('WA-PVF-0001')).toBe(40);
  });
});

describe('concurrent payments from one account', () => {
  it('lets exactly one of two payments through when together they exceed the credit', async () => {
    const [a, b] = await slotsOf('doposcuola-online'); // 4 € each, 7.50 € of credit
    const results = await Promise.allSettled([
      backend.client.createBooking(paid('doposcuola-online', a!, 30, 'WA-OMB-0002'), 'key-credit-race-a'),
      backend.client.createBooking(paid('doposcuola-online', b!, 31, 'WA-OMB-0002'), 'key-credit-race-b'),
    ]);
    const booked = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.reason).toMatchObject({ problemType: ProblemType.insufficientCredit });
    expect(await creditOf('WA-OMB-0002')).toBe(3.5);
  });

  it('gives exactly 1 of 20 parallel payments to an account that can afford 1', async () => {
    // the weekday slots: 3 hours at 12 € each, 36 €; 40 € of credit
    const slots = (await slotsOf('babysitting-welfare-aziendale'))
      .filter((s) => Date.parse(s.end) - Date.parse(s.start) === 3 * 3600_000)
      .slice(0, 20);
    expect(slots).toHaveLength(20);
    const results = await Promise.allSettled(
      slots.map((slot, i) => backend.client.createBooking(paid('babysitting-welfare-aziendale', slot, 40 + i, 'WA-PVF-0001'), `key-credit-par-${i}`)),
    );
    const booked = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(booked).toHaveLength(1);
    expect(booked.map((b) => b.payment?.creditLeft)).toEqual([4]);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'backend_conflict', problemType: ProblemType.insufficientCredit });
    expect(await creditOf('WA-PVF-0001')).toBe(4);
  });
});
