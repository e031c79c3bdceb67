// Escalated conversations as tickets: the schema, references and the pure transitions staff actions make; no I/O.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { ROME } from '../calendar/holidays.js';
import { EscalationReason } from '../conversation/escalation.js';
import { Channel, IsoDateTime, Locale, Slug } from '../welfare/contract.js';

/** Lines of conversation a ticket carries: enough for staff to pick up, short enough for one Slack message. */
export const TRANSCRIPT_LIMIT = 20;

export const TicketConversation = z.object({ channel: Channel, id: z.string().min(1) });
export type TicketConversation = z.infer<typeof TicketConversation>;

/** A Slack user acting on a ticket. */
export const Staff = z.object({ id: z.string().min(1), name: z.string() });
export type Staff = z.infer<typeof Staff>;

/** The Slack message a ticket lives under; its replies are the conversation with the resident. */
export const SlackThread = z.object({ channel: z.string().min(1), ts: z.string().min(1) });
export type SlackThread = z.infer<typeof SlackThread>;

/** Already masked by whoever builds the ticket: the store keeps what it is given. */
export const TranscriptLine = z.object({ from: z.enum(['resident', 'assistant']), text: z.string(), at: IsoDateTime });
export type TranscriptLine = z.infer<typeof TranscriptLine>;

const Fields = z.object({
  id: z.uuid(),
  reference: z.string().regex(/^TKT-\d{4}-\d{6,}$/),
  kind: z.enum(['live', 'callback']),
  status: z.enum(['queued', 'taken', 'closed']),
  conversation: TicketConversation,
  lang: Locale,
  /** A team id of the office hours. */
  team: Slug,
  municipality: Slug.optional(),
  serviceId: Slug.optional(),
  /** "flow.step": where the resident was when they asked for a person. */
  step: z
    .string()
    .regex(/^[^.]+\.[^.]+$/)
    .optional(),
  reason: EscalationReason,
  transcript: z.array(TranscriptLine).max(TRANSCRIPT_LIMIT),
  /** Call-back requests only, given after consent. */
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{6,20}$/)
    .optional(),
  createdAt: IsoDateTime,
  /** Last time the ticket was posted or re-announced to staff. */
  announcedAt: IsoDateTime,
  takenBy: Staff.optional(),
  takenAt: IsoDateTime.optional(),
  closedAt: IsoDateTime.optional(),
  closedBy: Staff.optional(),
  thread: SlackThread.optional(),
});

const phoneOnCallbacks = (t: { kind: string; phone?: string | undefined }, ctx: z.RefinementCtx) => {
  if (t.phone !== undefined && t.kind !== 'callback')
    ctx.addIssue({ code: 'custom', path: ['phone'], message: 'only call-back requests carry a phone number' });
};

export const Ticket = Fields.superRefine((t, ctx) => {
  phoneOnCallbacks(t, ctx);
  if (t.status === 'taken' && (!t.takenBy || !t.takenAt))
    ctx.addIssue({ code: 'custom', path: ['takenBy'], message: 'a taken ticket says who took it and when' });
  if (t.status === 'closed' && !t.closedAt) ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'a closed ticket says when' });
});
export type Ticket = z.infer<typeof Ticket>;

/** What the escalating side knows; the store adds id, reference, status and times. */
export const TicketDraft = Fields.pick({
  kind: true,
  conversation: true,
  lang: true,
  team: true,
  municipality: true,
  serviceId: true,
  step: true,
  reason: true,
  transcript: true,
  phone: true,
}).superRefine(phoneOnCallbacks);
export type TicketDraft = z.infer<typeof TicketDraft>;

/** An action that does not apply, as data: the caller tells staff why. */
export type Refusal =
  | { ok: false; reason: 'already_taken'; by: Staff | undefined }
  | { ok: false; reason: 'closed' }
  | { ok: false; reason: 'thread_attached'; thread: SlackThread }
  | { ok: false; reason: 'not_due' };

/** True for any `{ ok: false }` outcome, a Refusal or a store's own. */
export function isRefusal<R extends { ok: false }>(result: Ticket | R): result is R {
  return 'ok' in result;
}

/** References count per calendar year in Rome, where the offices are. */
export function referenceYear(at: Date): number {
  return DateTime.fromJSDate(at, { zone: ROME }).year;
}

export function formatReference(year: number, n: number): string {
  return `TKT-${year}-${String(n).padStart(6, '0')}`;
}

/** A number that sorts tickets in the order their references were handed out, across years. */
export function referenceOrder(reference: string): number {
  const [, year, n] = /^TKT-(\d{4})-(\d+)$/.exec(reference) ?? [];
  return Number(year) * 1_000_000 + Number(n);
}

export function newTicket(draft: TicketDraft, id: string, reference: string, at: Date): Ticket {
  const iso = at.toISOString();
  return Ticket.parse({ ...draft, id, reference, status: 'queued', createdAt: iso, announcedAt: iso });
}

export function isOpenTicket(t: Ticket): boolean {
  return t.status !== 'closed';
}

/** Taking again is a no-op for the same person (a double click), a refusal for anyone else. */
export function take(t: Ticket, staff: Staff, at: Date): Ticket | Refusal {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (t.status === 'taken') return t.takenBy?.id === staff.id ? t : { ok: false, reason: 'already_taken', by: t.takenBy };
  return { ...t, status: 'taken', takenBy: staff, takenAt: at.toISOString() };
}

/** Any staff member may close, taken or not; closing again keeps the first close. */
export function close(t: Ticket, staff: Staff, at: Date): Ticket | Refusal {
  if (t.status === 'closed') return t;
  return { ...t, status: 'closed', closedBy: staff, closedAt: at.toISOString() };
}

/** Set once: staff and resident talk in that thread, and moving it would split the conversation. */
export function attachThread(t: Ticket, thread: SlackThread): Ticket | Refusal {
  if (!t.thread) return { ...t, thread };
  if (t.thread.channel === thread.channel && t.thread.ts === thread.ts) return t;
  return { ok: false, reason: 'thread_attached', thread: t.thread };
}

/** `olderThan`: only a ticket last announced before it (another replica may have just reminded staff). */
export function reannounced(t: Ticket, at: Date, olderThan?: Date): Ticket | Refusal {
  if (t.status === 'closed') return { ok: false, reason: 'closed' };
  if (t.status === 'taken') return { ok: false, reason: 'already_taken', by: t.takenBy };
  if (olderThan && Date.parse(t.announcedAt) >= olderThan.getTime()) return { ok: false, reason: 'not_due' };
  return { ...t, announcedAt: at.toISOString() };
}
