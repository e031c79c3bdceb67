// After booking: list and cancel my bookings; grocery vouchers and their status.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, peekSession, type Talk } from '../support/conversation.js';
import { DEVELOPMENT_OWNER_KEY_SECRET, ownerKeyOf } from '../../src/welfare/owner-key.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

describe.each(LANGS)('after booking (%s)', (lang) => {
  const p = phrases[lang];

  it("lists this chat's bookings at once and cancels one, freeing the seat", async () => {
    talk = conversation({ lang });
    let reference = '';
    await talk.say(p.hello).check(async (t) => {
      const [slot] = await t.backend.client.listSlots('doposcuola-online', { from: '2026-03-09', to: '2026-03-13' });
      const booking = await t.backend.client.createBooking(
        {
          serviceId: 'doposcuola-online',
          slotId: slot!.id,
          person: maria,
          answers: { residence: 'limena', child_age: 9, school_order: 'primaria' },
          channel: 'terminal',
          locale: lang,
          // made from this very chat: the key the assistant derives for it
          ownerKey: ownerKeyOf(DEVELOPMENT_OWNER_KEY_SECRET, `terminal:${t.conversationId}`),
        },
        'e2e-cancel-key-0001',
      );
      reference = booking.reference;
    });
    await talk
      .press(p.myBookings)
      .expectNot(p.consent)
      .check((t) => expect(t.last.map((m) => JSON.stringify(m)).join()).toContain(reference))
      .say('1')
      .expect(p.cancelQuestion)
      .say(p.yes)
      .expect(p.cancelled);
    const [booking] = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(booking).toMatchObject({ reference, status: 'cancelled' });
    expect(talk.effects).toContainEqual({ type: 'booking_cancelled', bookingId: booking!.id });
  });

  it('applies for grocery vouchers and later reads the status', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(p.vouchers)
      .press(p.voucherApply)
      .expect(p.voucherConsent)
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.municipalityQuestion)
      .say('Campodoro')
      .expect(p.householdQuestion)
      .say(p.household)
      .expect(p.incomeQuestion)
      .say('2')
      .expect(p.voucherConfirm)
      .say(p.yes)
      .expect(p.voucherSent);
    const reference = talk.lastReference('BSP')!;
    await talk.press(p.vouchers).press(p.voucherStatus).expect(reference).expect(p.submitted);

    const stored = await peekSession(talk.assistant.store, `terminal:${talk.conversationId}`);
    const [application] = stored!.data.vouchers;
    expect(application?.reference).toBe(reference);
    const decided = await fetch(`${talk.backend.url}/v1/voucher-applications/${application!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    expect(decided.status).toBe(200);
    await talk.press(p.vouchers).press(p.voucherStatus).expect(p.approved).expect(/300/);
  });
});
