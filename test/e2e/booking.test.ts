// Journeys that end in a booking: by category, by free text with a typo, and an alternative after "not eligible".
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

/** The reduced price of one hour of doposcuola-online, paid to the cooperative. */
const payDirect = {
  it: /Pagamento: 4(,00)?\s€ direttamente a chi offre il servizio \(Cooperativa Sociale Jonathan\)/,
  en: /Payment: €4(\.00)?, paid directly to the provider \(Cooperativa Sociale Jonathan\)/,
};
const paidDirect = {
  it: /Da pagare direttamente a chi offre il servizio \(Cooperativa Sociale Jonathan\): 4(,00)?\s€/,
  en: /To be paid directly to the provider \(Cooperativa Sociale Jonathan\): €4(\.00)?/,
};

describe.each(LANGS)('booking journeys (%s)', (lang) => {
  const p = phrases[lang];

  /** From the eligibility questions of doposcuola-online to a confirmed booking. */
  const answerAndBook = (t: Talk) =>
    t
      .expect(p.municipalityQuestion)
      .say('limena')
      .expect(p.ageQuestion)
      .say(lang === 'it' ? 'nove' : 'nine')
      .expect(p.schoolQuestion)
      .say('2')
      .expect(p.sensitiveConsent)
      .say(p.yes)
      .expect(p.iseeQuestion)
      .say('1')
      .expect(p.eligible)
      .expect(p.reduced)
      .expect(p.notice)
      .expect(p.slotQuestion)
      .say('1')
      .expect(p.consent)
      .say(p.yes)
      .expect(p.givenName)
      .say(maria.givenName)
      .expect(p.familyName)
      .say(maria.familyName)
      .expect(p.fiscalCode)
      .say('RSSMRA85T10A562T') // wrong check character
      .expect(p.badFiscalCode)
      .say(maria.fiscalCode.toLowerCase())
      .expect(p.summary)
      .expect('Maria Bianchi')
      .expectNot(maria.fiscalCode)
      // not paid with welfare credit: the read-back and the confirmation say whom to pay
      .expect(payDirect[lang])
      .expect(p.confirmBooking)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(paidDirect[lang]);

  it('finds a service by category, checks eligibility and books it', async () => {
    talk = conversation({ lang });
    await answerAndBook(
      talk
        .say(p.hello)
        .expect(p.menu)
        .press(p.categories)
        .say(p.schoolSupport)
        .press(p.homework)
        .expect(/Jonathan/)
        .press(p.checkAndBook),
    );
    const reference = talk.lastReference();
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings.map((b) => b.reference)).toEqual([reference]);
    expect(bookings[0]).toMatchObject({ service: { id: 'doposcuola-online' }, price: { tier: 'reduced' } });
    expect(talk.effects).toContainEqual(expect.objectContaining({ type: 'booking_confirmed', bookingId: bookings[0]!.id }));
  });

  it('finds a service from free text with a typo', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(lang === 'it' ? 'Descrivi' : 'Describe')
      .say(p.typoSearch)
      .check((t) => {
        const question = t.last.find((m) => m.type === 'choices');
        expect(question?.type === 'choices' && question.choices[0]?.label).toBe(p.homework);
      })
      .say('1')
      .expect(/Jonathan/)
      .press(p.checkAndBook)
      .expect(p.municipalityQuestion);
  });

  it('explains why a resident is not eligible and books an alternative instead', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .say(p.typoSearch)
      .press(p.homework)
      .press(p.checkAndBook)
      .say('limena')
      .say('16')
      .expect(p.notEligible)
      .expect(
        lang === 'it'
          ? /✗ Il servizio è per bambini e ragazzi da 6 a 14 anni: il bambino ne ha 16\./
          : /✗ The service is for children aged 6 to 14: the child is 16\./,
      )
      .expect(lang === 'it' ? /✓ .*Limena/ : /✓ .*Limena/)
      .expect(p.notice)
      .press(lang === 'it' ? /alunni con BES/ : /pupils with BES/)
      .expect(/BES/)
      .press(p.checkAndBook)
      .expect(p.sensitiveConsent)
      .say(p.yes)
      .say(p.yes)
      // The yes to the BES question does not cover the ISEE band: that question has its own consent.
      .expect(p.sensitiveConsent)
      .expect(p.iseeQuestion)
      .say(p.yes)
      .expect(p.iseeQuestion)
      .say(lang === 'it' ? 'salta' : 'skip')
      .expect(p.eligible)
      .press(p.keepFullPrice)
      .expect(p.slotQuestion)
      .say('1')
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(p.summary)
      .say(p.yes)
      .expect(p.confirmed);
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]).toMatchObject({ service: { id: 'supporto-domiciliare-bes' }, price: { tier: 'full' } });
  });
});
