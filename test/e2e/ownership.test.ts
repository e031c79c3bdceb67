// What is mine: a chat sees its own bookings; another chat's only with reference and fiscal code; voucher codes work anywhere; one pending application per household.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';
import { resident } from '../support/people.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

const words = {
  it: {
    nothingHere: /Da questa chat non hai prenotazioni/,
    elsewhere: 'Prenotazione fatta altrove',
    lookupConsent: /Per cercare una prenotazione di un’altra chat mi servono il suo codice e il codice fiscale/,
    voucherLookupConsent: /Per cercare una domanda di buoni spesa mi servono il suo codice e il codice fiscale/,
    askReference: /codice della prenotazione/,
    askFiscalCode: /codice fiscale della persona/,
    notFound: /Non trovo nessuna prenotazione con questo codice e questo codice fiscale/,
    haveCode: 'Ho il codice di una domanda',
    askVoucherCode: /codice della domanda/,
    askApplicant: /codice fiscale di chi ha fatto la domanda/,
    pending: /ha già una domanda di buoni spesa in esame, con il codice (BSP-2026-\d{6})/,
    namesMismatch: /non corrispondono alle lettere di questo codice fiscale/,
  },
  en: {
    nothingHere: /no upcoming bookings made from this chat/,
    elsewhere: 'Booked elsewhere',
    lookupConsent: /To look up a booking made from another chat I need the booking reference and the fiscal code/,
    voucherLookupConsent: /To look up a grocery-voucher application I need its code and the fiscal code/,
    askReference: /booking reference/,
    askFiscalCode: /fiscal code \(codice fiscale\) of the person the booking/,
    notFound: /I find no booking with this reference and this fiscal code/,
    haveCode: 'I have an application code',
    askVoucherCode: /application code/,
    askApplicant: /of the person who applied/,
    pending: /already has a grocery-voucher application being examined, with code (BSP-2026-\d{6})/,
    namesMismatch: /do not match the letters of this fiscal code/,
  },
} as const;

describe.each(LANGS)('what is mine (%s)', (lang) => {
  const p = phrases[lang];
  const w = words[lang];

  /** Books the first slot of the online after-school as Maria, from the current chat (the journey of booking.test.ts). */
  const bookAsMaria = (t: Talk) =>
    t
      .press(p.categories)
      .say(p.schoolSupport)
      .press(p.homework)
      .press(p.checkAndBook)
      .say('limena')
      .say(lang === 'it' ? 'nove' : 'nine')
      .say('2')
      .expect(p.sensitiveConsent)
      .say(p.yes)
      .say('1')
      .expect(p.slotQuestion)
      .say('1')
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.confirmBooking)
      .say(p.yes)
      .expect(p.confirmed);

  it("a second chat typing another person's fiscal code sees nothing; reference and fiscal code find the booking", async () => {
    talk = conversation({ lang });
    await talk.say(p.hello);
    await bookAsMaria(talk);
    const reference = talk.lastReference()!;
    expect(reference).toMatch(/^WBC-2026-\d{6}$/);

    // Maria's own chat lists it at once, without asking anything (its consent was given when booking).
    await talk.say(p.hello).press(p.myBookings).expect(reference);

    // Another chat: nothing listed, and nothing asked to list it; looking up needs a consent of its own, asked once.
    // Her fiscal code with a wrong reference finds nothing.
    await talk
      .switchTo(`${talk.conversationId}-other`)
      .say(p.hello)
      .press(p.myBookings)
      .expect(w.nothingHere)
      .expectNot(reference)
      .expectNot(p.consent)
      .press(w.elsewhere)
      .expect(w.lookupConsent)
      .say(p.yes)
      .expect(w.askReference)
      .say('WBC-2026-999999')
      .expect(w.askFiscalCode)
      .say(maria.fiscalCode)
      .expect(w.notFound)
      .expectNot(reference);
    // The right reference with another person's fiscal code: nothing.
    await talk.press(w.elsewhere).say(reference).say(resident(11).fiscalCode).expect(w.notFound);
    // Both right: the booking, and the way to cancel it.
    await talk
      .press(w.elsewhere)
      .say(reference.toLowerCase())
      .say(maria.fiscalCode)
      .expect(reference)
      .expect(p.cancelQuestion)
      .say(p.yes)
      .expect(p.cancelled);
    expect(talk.backend.context.ledger.bookingsOf(maria.fiscalCode)[0]).toMatchObject({ reference, status: 'cancelled' });
  });

  it('names that do not match the fiscal code are asked again', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(p.vouchers)
      .press(p.voucherApply)
      .say(p.yes)
      .say('Giuseppe')
      .say('Verdi')
      .say(maria.fiscalCode)
      .expect(w.namesMismatch)
      .expect(p.givenName)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.municipalityQuestion);
  });

  it('the voucher code works in a new conversation, and a second application while it is pending is refused', async () => {
    talk = conversation({ lang });
    const apply = (t: Talk) =>
      t
        .say(p.hello)
        .press(p.vouchers)
        .press(p.voucherApply)
        .say(p.yes)
        .say(maria.givenName)
        .say(maria.familyName)
        .say(maria.fiscalCode)
        .say('Campodoro')
        .say(p.household)
        .say('2')
        .expect(p.voucherConfirm)
        .say(p.yes);
    await apply(talk).expect(p.voucherSent);
    const code = talk.lastReference('BSP')!;

    await talk
      .switchTo(`${talk.conversationId}-later`)
      .say(p.hello)
      .press(p.vouchers)
      .press(p.voucherStatus)
      .press(w.haveCode)
      .expect(w.voucherLookupConsent)
      .say(p.yes)
      .expect(w.askVoucherCode)
      .say(code)
      .expect(w.askApplicant)
      .say(maria.fiscalCode)
      .expect(code)
      .expect(p.submitted);

    await apply(talk).expect(w.pending);
    const told = talk.last.map((m) => JSON.stringify(m)).join();
    expect(told).toContain(code);
    expect(talk.backend.context.ledger.pendingVoucherApplication(maria.fiscalCode)?.reference).toBe(code);
  });
});
