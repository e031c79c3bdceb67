import { describe, expect, it } from 'vitest';
import {
  attachThread,
  close,
  formatReference,
  isRefusal,
  newTicket,
  reannounced,
  referenceOrder,
  referenceYear,
  take,
  Ticket,
  TicketDraft,
  TRANSCRIPT_LIMIT,
  type Refusal,
} from '../../src/handoff/ticket.js';

const anna = { id: 'U01ANNA', name: 'Anna Rossi' };
const marco = { id: 'U02MARCO', name: 'Marco Bianchi' };
const at = (time: string) => new Date(`2026-03-02T${time}:00.000Z`);
const draft: TicketDraft = {
  kind: 'live',
  conversation: { channel: 'telegram', id: '4242' },
  lang: 'it',
  team: 'servizi-sociali',
  municipality: 'padova',
  step: 'booking.pick_slot',
  reason: 'asked',
  transcript: [{ from: 'resident', text: 'vorrei parlare con una persona', at: at('09:00').toISOString() }],
};
const queued = newTicket(draft, '0b5a4c7e-8f1d-4a8e-9c3b-2d6f1e0a7b91', 'TKT-2026-000012', at('09:00'));

function ticketOf(result: Ticket | Refusal): Ticket {
  if (isRefusal(result)) throw new Error(`refused: ${result.reason}`);
  return result;
}

describe('a new ticket', () => {
  it('is queued, announced when created, and keeps what the draft said', () => {
    expect(queued).toMatchObject({ status: 'queued', reference: 'TKT-2026-000012', team: 'servizi-sociali', step: 'booking.pick_slot' });
    expect(queued.createdAt).toBe('2026-03-02T09:00:00.000Z');
    expect(queued.announcedAt).toBe(queued.createdAt);
    expect(queued.takenBy).toBeUndefined();
  });

  it('survives a JSON round trip through the schema', () => {
    const taken = ticketOf(attachThread(ticketOf(take(queued, anna, at('09:05'))), { channel: 'C0STAFF', ts: '1711111111.000100' }));
    expect(Ticket.parse(JSON.parse(JSON.stringify(taken)))).toEqual(taken);
  });

  it('refuses a phone number on a live ticket, and takes one on a call-back request', () => {
    expect(TicketDraft.safeParse({ ...draft, phone: '+39 333 1234567' }).error?.issues[0]?.message).toMatch(/call-back/);
    expect(TicketDraft.parse({ ...draft, kind: 'callback', phone: '+39 333 1234567' }).phone).toBe('+39 333 1234567');
  });

  it(`keeps at most ${TRANSCRIPT_LIMIT} transcript lines`, () => {
    const line = draft.transcript[0]!;
    expect(TicketDraft.safeParse({ ...draft, transcript: Array(TRANSCRIPT_LIMIT).fill(line) }).success).toBe(true);
    expect(TicketDraft.safeParse({ ...draft, transcript: Array(TRANSCRIPT_LIMIT + 1).fill(line) }).success).toBe(false);
  });

  it('refuses a taken ticket that does not say who took it', () => {
    expect(Ticket.safeParse({ ...queued, status: 'taken' }).success).toBe(false);
    expect(Ticket.safeParse({ ...queued, status: 'closed' }).success).toBe(false);
  });
});

describe('references', () => {
  it('count per year in Rome: the night of New Year’s Eve, after midnight there, is the new year', () => {
    expect(referenceYear(new Date('2026-12-31T22:30:00Z'))).toBe(2026);
    expect(referenceYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(formatReference(2026, 12)).toBe('TKT-2026-000012');
  });

  it('sort in the order they were handed out, across years', () => {
    const refs = ['TKT-2027-000001', 'TKT-2026-000010', 'TKT-2026-000009', 'TKT-2026-1000000'];
    expect([...refs].sort((a, b) => referenceOrder(a) - referenceOrder(b))).toEqual([
      'TKT-2026-000009',
      'TKT-2026-000010',
      'TKT-2026-1000000',
      'TKT-2027-000001',
    ]);
  });
});

describe('take', () => {
  it('marks the ticket taken by the staff member, without touching the original', () => {
    const taken = ticketOf(take(queued, anna, at('09:05')));
    expect(taken).toMatchObject({ status: 'taken', takenBy: anna, takenAt: '2026-03-02T09:05:00.000Z' });
    expect(queued.status).toBe('queued');
  });

  it('is a no-op for the same person, and refused to anyone else, naming who has it', () => {
    const taken = ticketOf(take(queued, anna, at('09:05')));
    expect(take(taken, anna, at('09:06'))).toBe(taken);
    expect(take(taken, marco, at('09:06'))).toEqual({ ok: false, reason: 'already_taken', by: anna });
  });

  it('is refused on a closed ticket', () => {
    const closed = ticketOf(close(queued, marco, at('09:10')));
    expect(take(closed, anna, at('09:11'))).toEqual({ ok: false, reason: 'closed' });
  });
});

describe('close', () => {
  it('closes a taken ticket, keeping who took it, and a queued one nobody took', () => {
    const taken = ticketOf(take(queued, anna, at('09:05')));
    expect(close(taken, marco, at('09:30'))).toMatchObject({
      status: 'closed',
      takenBy: anna,
      closedBy: marco,
      closedAt: '2026-03-02T09:30:00.000Z',
    });
    expect(close(queued, marco, at('09:30'))).toMatchObject({ status: 'closed', closedBy: marco });
  });

  it('twice keeps the first close', () => {
    const closed = ticketOf(close(queued, anna, at('09:30')));
    expect(close(closed, marco, at('09:31'))).toBe(closed);
  });
});

describe('attachThread', () => {
  const thread = { channel: 'C0STAFF', ts: '1711111111.000100' };

  it('attaches once; the same thread again is a no-op, another is refused', () => {
    const attached = ticketOf(attachThread(queued, thread));
    expect(attached.thread).toEqual(thread);
    expect(attachThread(attached, { ...thread })).toBe(attached);
    expect(attachThread(attached, { channel: 'C0STAFF', ts: '1711111112.000200' })).toEqual({ ok: false, reason: 'thread_attached', thread });
  });
});

describe('reannounced', () => {
  it('moves announcedAt of a queued ticket only', () => {
    expect(ticketOf(reannounced(queued, at('09:20'))).announcedAt).toBe('2026-03-02T09:20:00.000Z');
    expect(reannounced(ticketOf(take(queued, anna, at('09:05'))), at('09:20'))).toEqual({ ok: false, reason: 'already_taken', by: anna });
    expect(reannounced(ticketOf(close(queued, anna, at('09:05'))), at('09:20'))).toEqual({ ok: false, reason: 'closed' });
  });
});
