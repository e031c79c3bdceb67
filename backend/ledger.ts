// The reference backend's in-memory records: bookings, seats, voucher applications and idempotency keys.
// Every method is synchronous on purpose: with no await inside, check-then-write cannot interleave.
import { createHash } from 'node:crypto';
import type { Booking, Person, VoucherApplication } from '../src/welfare/contract.js';

export interface StoredBooking {
  booking: Booking;
  fiscalCode: string;
  capacity: number;
}

export interface StoredVoucherApplication {
  application: VoucherApplication;
  applicant: Person;
}

interface Remembered {
  fingerprint: string;
  status: number;
  body: unknown;
}

export type Replay = { kind: 'new' } | { kind: 'replay'; status: number; body: unknown } | { kind: 'conflict' };

/** A stable hash of a JSON body, so the same request with its keys in another order is still the same. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(canonical(body)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export class Ledger {
  private readonly bookings = new Map<string, StoredBooking>();
  private readonly seats = new Map<string, number>();
  private readonly vouchers = new Map<string, StoredVoucherApplication>();
  private readonly idempotency = new Map<string, Remembered>();
  private readonly sequences = new Map<string, number>();

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

  bookingsOf(fiscalCode: string): Booking[] {
    return [...this.bookings.values()]
      .filter((b) => b.fiscalCode === fiscalCode)
      .map((b) => b.booking)
      .sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  }

  /** Takes a seat and records the booking, or returns false when the slot is already full. */
  book(stored: StoredBooking): boolean {
    const slotId = stored.booking.slot.id;
    if (this.seatsTaken(slotId) >= stored.capacity) return false;
    this.seats.set(slotId, this.seatsTaken(slotId) + 1);
    this.bookings.set(stored.booking.id, stored);
    return true;
  }

  /** Cancels once and frees the seat; cancelling again changes nothing. */
  cancel(id: string, at: string): Booking | undefined {
    const stored = this.bookings.get(id);
    if (!stored) return undefined;
    if (stored.booking.status === 'confirmed') {
      stored.booking = { ...stored.booking, status: 'cancelled', cancelledAt: at };
      const slotId = stored.booking.slot.id;
      this.seats.set(slotId, Math.max(0, this.seatsTaken(slotId) - 1));
    }
    return stored.booking;
  }

  addVoucherApplication(stored: StoredVoucherApplication): void {
    this.vouchers.set(stored.application.id, stored);
  }

  findVoucherApplication(id: string): StoredVoucherApplication | undefined {
    return this.vouchers.get(id);
  }
}
