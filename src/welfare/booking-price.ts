// What a booking costs: the quoted unit price times the slot's length in that unit; pure, shared by backend and assistant.
import type { QuotedPrice, Slot } from './contract.js';

type Span = Pick<Slot, 'start' | 'end'>;

export function slotMinutes(slot: Span): number {
  return Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60_000);
}

/** How many price units one slot is: its hours for a price per hour; one session, month or course otherwise. */
export function unitsOf(price: Pick<QuotedPrice, 'unit'>, slot: Span): number {
  return price.unit === 'hour' ? slotMinutes(slot) / 60 : 1;
}

// in cents, so 12 × 1.5 is 18.00 and never 17.999…
export function bookingTotal(price: Pick<QuotedPrice, 'unit' | 'amount'>, slot: Span): number {
  return Math.round(price.amount * 100 * unitsOf(price, slot)) / 100;
}
