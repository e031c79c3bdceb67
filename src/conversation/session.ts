// One conversation's state as a small versioned JSON document; parsed with zod whenever it is read back.
import { z } from 'zod';
import { AnswerValue, Person } from '../welfare/contract.js';

export const SESSION_VERSION = 1;

export const Position = z.object({ flow: z.string(), step: z.string() });
export type Position = z.infer<typeof Position>;

/**
 * Each consent is for one purpose and counts for that purpose only: a booking, looking up a booking made from another
 * chat, a grocery-voucher application, looking up a voucher application, a call-back, and each sensitive question
 * (`sensitive:<criterion id>`).
 */
export type ConsentPurpose = 'booking' | 'my_bookings' | 'vouchers' | 'voucher_status' | 'callback' | `sensitive:${string}`;

const PURPOSE = /^(booking|my_bookings|vouchers|voucher_status|callback|sensitive:.+)$/;

/**
 * ISO time of each consent given, by purpose. Any other key is dropped on reading: the single consent of older
 * sessions and profiles (`personal`, `sensitive`) said nothing of what it was given for, so it counts for none.
 */
export const Consents = z
  .record(z.string(), z.string())
  .transform(
    (all) => Object.fromEntries(Object.entries(all).filter(([purpose]) => PURPOSE.test(purpose))) as Partial<Record<ConsentPurpose, string>>,
  );
export type Consents = z.infer<typeof Consents>;

export const ConversationData = z.object({
  category: z.string().optional(),
  query: z.string().optional(),
  serviceId: z.string().optional(),
  answers: z.record(z.string(), AnswerValue).default({}),
  slotId: z.string().optional(),
  slotStart: z.string().optional(),
  person: Person.optional(),
  consent: Consents.default({}),
  /** Generated once per booking attempt and kept until it succeeds, so a retried turn never books twice. */
  bookingKey: z.string().optional(),
  voucherKey: z.string().optional(),
  /** Free answers of generic `ask` steps, by the variable the flow names. */
  vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  /** Grocery-voucher applications made in this conversation, newest last. */
  vouchers: z.array(z.object({ id: z.string(), reference: z.string() })).default([]),
  bookingId: z.string().optional(),
  /** The booking is to be paid with this corporate welfare account's credit (chosen by the resident). */
  payment: z.object({ accountId: z.string() }).optional(),
});
export type ConversationData = z.infer<typeof ConversationData>;

export const Session = z.object({
  v: z.literal(SESSION_VERSION),
  key: z.string(),
  lang: z.string(),
  /** Where the resident is; null before the first turn and after "stop". */
  position: Position.nullable(),
  /** Bumped on every step entered: a button from an earlier question carries an older number. */
  visit: z.number().int().nonnegative(),
  /** Steps to go back to, most recent last. */
  history: z.array(Position).default([]),
  /** Interrupted positions (help, language) to resume, most recent last. */
  resume: z.array(Position).default([]),
  /** State of the current step only (a page of slots, the question being asked); cleared on leaving it. */
  scratch: z.record(z.string(), z.unknown()).default({}),
  data: ConversationData,
  misunderstood: z.number().int().nonnegative().default(0),
  /** Set while a person (or the queue for one) has the conversation: the resident's words go to them, not to the flows. */
  handoff: z.object({ since: z.string(), taken: z.boolean().default(false), told: z.boolean().default(false) }).optional(),
  updatedAt: z.string(),
});
export type Session = z.infer<typeof Session>;

export function newSession(key: string, lang: string, now: string): Session {
  return {
    v: SESSION_VERSION,
    key,
    lang,
    position: null,
    visit: 0,
    history: [],
    resume: [],
    scratch: {},
    data: ConversationData.parse({}),
    misunderstood: 0,
    updatedAt: now,
  };
}
