// The reference backend's in-memory records: bookings, seats, welfare credit, voucher applications and their events, feedback, idempotency keys.
// Every method is synchronous on purpose: with no await inside, check-then-write cannot interleave.
import { createHash, randomBytes } from 'node:crypto';
import type { Booking, Feedback, Person, VoucherApplication, VoucherStatusChangedEvent } from '../src/welfare/contract.js';

export interface StoredBooking {
  booking: Booking;
  fiscalCode: string;
  capacity: number;
  /** The chat identity that made it (an opaque key from the assistant); absent: found only by reference and fiscal code. */
  ownerKey?: string;
}

export interface StoredVoucherApplication {
  application: VoucherApplication;
  applicant: Person;
  ownerKey?: string;
}

interface Remembered {
  fingerprint: string;
  status: number;
  body: unknown;
}

/** A booking paid with welfare credit: `amount` in euro, taken from the account together with the seat. */
export interface Charge {
  accountId: string;
  amount: number;
}

export type BookOutcome =
  { ok: true; booking: Booking } | { ok: false; reason: 'slot_full' } | { ok: false; reason: 'insufficient_credit'; available: number };

// Credit is kept in cents: 0.1 + 0.2 must not leave an account 0.30000000000000004 euro.
const toCents = (euro: number) => Math.round(euro * 100);
const toEuro = (cents: number) => cents / 100;

export type Replay = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'conflict' };

/** A stable hash of a JSON body, so the same request with its keys in another order is still the same. */
function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export class Ledger {
  private readonly bookings = new Map<string, StoredBooking>();
  private readonly seats = new Map<string, number>();
  private readonly vouchers = new Map<string, StoredVoucherApplication>();
  private readonly idempotency = new Map<string, Remembered>();
  private readonly sequences = new Map<string, number>();
  private readonly credit = new Map<string, number>(); // account id → cents
  private readonly feedback = new Map<string, Feedback>(); // booking id → its one feedback
  private readonly voucherEvents: VoucherStatusChangedEvent[] = [];
  /** Names this ledger's event log: a position from another run (memory lost on restart) means nothing here. */
  readonly epoch = randomBytes(6).toString('hex');

  /** Looks up an idempotency key within one operation's scope. */
  recall(scope: string, key: string, body: unknown): Replay {
    const seen = this.idempotency.get(`${scope}:${key}`);
    if (!seen) return { kind: 'new' };
    return seen.fingerprint === fingerprint(body) ? { kind: 'replay', status: seen.status, body: seen.body } : { kind: 'conflict' };
  }

  remember(scope: string, key: string, body: unknown, status: number, response: unknown): void {
    this.idempotency.set(`${scope}:${key}`, { fingerprint: fingerprint(body), status, body: response });
  }

  nextReference(prefix: 'WBC' | 'BSP', year: number): string {
    const name = `${prefix}-${year}`;
    const next = (this.sequences.get(name) ?? 0) + 1;
    this.sequences.set(name, next);
    return `${name}-${String(next).padStart(6, '0')}`;
  }

  seatsTaken(slotId: string): number {
    return this.seats.get(slotId) ?? 0;
  }

  findBooking(id: string): StoredBooking | undefined {
    return this.bookings.get(id);
  }

  hasActiveBooking(fiscalCode: string, slotId: string): boolean {
    for (const b of this.bookings.values()) {
      if (b.fiscalCode === fiscalCode && b.booking.slot.id === slotId && b.booking.status === 'confirmed') return true;
    }
    return false;
  }

  bookingsOwnedBy(ownerKey: string): Booking[] {
    return [...this.bookings.values()]
      .filter((b) => b.ownerKey === ownerKey)
      .map((b) => b.booking)
      .sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  }

  /** Both must match: a reference alone is guessable, a fiscal code alone is known to too many. */
  bookingByReference(reference: string, fiscalCode: string): Booking | undefined {
    for (const b of this.bookings.values()) if (b.booking.reference === reference && b.fiscalCode === fiscalCode) return b.booking;
    return undefined;
  }

  bookingsOf(fiscalCode: string): Booking[] {
    return [...this.bookings.values()]
      .filter((b) => b.fiscalCode === fiscalCode)
      .map((b) => b.booking)
      .sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  }

  openAccount(accountId: string, credit: number): void {
    this.credit.set(accountId, toCents(credit));
  }

  creditOf(accountId: string): number | undefined {
    const cents = this.credit.get(accountId);
    return cents === undefined ? undefined : toEuro(cents);
  }

  /**
   * Takes a seat, charges the credit when paid with it, and records the booking: all of it or, when the
   * credit is short or the slot full, nothing. The credit is judged first: it is short on any slot.
   */
  book(stored: StoredBooking, charge?: Charge): BookOutcome {
    const slotId = stored.booking.slot.id;
    const available = charge && this.credit.get(charge.accountId);
    if (charge && available === undefined) throw new Error(`ledger: no welfare account "${charge.accountId}" was opened`);
    if (charge && available !== undefined && available < toCents(charge.amount)) {
      return { ok: false, reason: 'insufficient_credit', available: toEuro(available) };
    }
    if (this.seatsTaken(slotId) >= stored.capacity) return { ok: false, reason: 'slot_full' };
    if (charge && available !== undefined) {
      const cents = toCents(charge.amount);
      this.credit.set(charge.accountId, available - cents);
      stored.booking = {
        ...stored.booking,
        payment: {
          method: 'welfare_credit',
          accountId: charge.accountId,
          amount: toEuro(cents),
          creditLeft: toEuro(available - cents),
          refunded: false,
        },
      };
    }
    this.seats.set(slotId, this.seatsTaken(slotId) + 1);
    this.bookings.set(stored.booking.id, stored);
    return { ok: true, booking: stored.booking };
  }

  /** Cancels once, frees the seat and gives back the credit paid; cancelling again changes nothing. */
  cancel(id: string, at: string): Booking | undefined {
    const stored = this.bookings.get(id);
    if (!stored) return undefined;
    if (stored.booking.status === 'confirmed') {
      stored.booking = { ...stored.booking, status: 'cancelled', cancelledAt: at };
      const slotId = stored.booking.slot.id;
      this.seats.set(slotId, Math.max(0, this.seatsTaken(slotId) - 1));
      const paid = stored.booking.payment;
      if (paid && !paid.refunded) {
        const left = (this.credit.get(paid.accountId) ?? 0) + toCents(paid.amount);
        this.credit.set(paid.accountId, left);
        stored.booking = { ...stored.booking, payment: { ...paid, refunded: true, creditLeft: toEuro(left) } };
      }
    }
    return stored.booking;
  }

  addVoucherApplication(stored: StoredVoucherApplication): void {
    this.vouchers.set(stored.application.id, stored);
  }

  voucherApplicationByReference(reference: string, fiscalCode: string): VoucherApplication | undefined {
    for (const v of this.vouchers.values()) if (v.application.reference === reference && v.applicant.fiscalCode === fiscalCode) return v.application;
    return undefined;
  }

  /** The household's application still being examined (submitted or under review), if any. */
  pendingVoucherApplication(fiscalCode: string): VoucherApplication | undefined {
    for (const v of this.vouchers.values()) {
      const pending = v.application.status === 'submitted' || v.application.status === 'under_review';
      if (pending && v.applicant.fiscalCode === fiscalCode) return v.application;
    }
    return undefined;
  }

  findVoucherApplication(id: string): StoredVoucherApplication | undefined {
    return this.vouchers.get(id);
  }

  /** Keeps the booking's feedback unless it already has one; false when it had. */
  addFeedback(feedback: Feedback): boolean {
    if (this.feedback.has(feedback.bookingId)) return false;
    this.feedback.set(feedback.bookingId, feedback);
    return true;
  }

  feedbackFor(bookingId: string): Feedback | undefined {
    return this.feedback.get(bookingId);
  }

  appendVoucherEvent(event: VoucherStatusChangedEvent): void {
    this.voucherEvents.push(event);
  }

  /** Up to `limit` events after the first `position` ones, and the position after them. */
  voucherEventsAfter(position: number, limit: number): { items: VoucherStatusChangedEvent[]; position: number } {
    const items = this.voucherEvents.slice(position, position + limit);
    return { items, position: Math.min(position, this.voucherEvents.length) + items.length };
  }
}
