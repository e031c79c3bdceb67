// Each consent names its own purpose and counts for it alone; a refusal names who can help and leads back to the menu;
// the privacy notice names the data controller and the configured retention, and leads to one's data and its deletion.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, peekSession, type Talk } from '../support/conversation.js';
import { LANGS, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

const words = {
  it: {
    bookingConsent: /Per prenotare mi servono tre dati.*Li mando a chi offre il servizio e al Comune, per confermare la prenotazione/s,
    lookupConsent: /Per cercare una prenotazione di un’altra chat/,
    elsewhere: 'Prenotazione fatta altrove',
    lookupRefused: /Va bene: non ti chiedo il codice della prenotazione né il codice fiscale, e non cerco la prenotazione/,
    vouchersRefused: /non invio nessuna domanda/,
    serviceContact: /Puoi anche chiamare o scrivere a Cooperativa Sociale Jonathan – Supporto scolastico: telefono \+39 049 000 0103/,
    townContact: /Puoi anche chiamare o scrivere a Comune di Campodoro – Servizi sociali: telefono \+39 049 906 5011/,
    person: /Per parlare con una persona, scrivi «operatore»\./,
    birth: '15/03/1948',
    dailyHelpConsent: /dato personale delicato: «La persona ha bisogno di aiuto nelle attività di ogni giorno/,
    iseeConsent: /dato personale delicato: «In quale fascia è l'ISEE della tua famiglia\?»/,
    privacyItem: 'Privacy e dati personali',
    notice: /La privacy in breve/,
    everyController: /il Comune dove abiti[\s\S]*Comune di Piazzola sul Brenta: email privacy@[\s\S]*Comune di Villafranca Padovana: email privacy@/,
    limenaController:
      /Titolare del trattamento dei tuoi dati: Comune di Limena\. Per domande o richieste sui tuoi dati: email privacy@comune\.limena\.pd\.it, PEC /,
    retention: /per chi ti risponde: 48 ore;[\s\S]*come scriverti in questa chat: 30 giorni;[\s\S]*per non rispondere due volte: 36 ore\./,
    howToDelete: /scrivi «cancella i miei dati»/,
    consentHours: /li cancello dopo 48 ore senza messaggi/,
    showData: 'Cosa ricordi di me',
    myData: /non ricordo dati personali/,
    deleteData: 'Cancella i miei dati',
    forgetConfirm: /Cancello tutti i dati di questa conversazione/,
  },
  en: {
    bookingConsent:
      /To book I need three details.*I pass them to whoever provides the service and to the municipality, who need them to confirm the booking/s,
    lookupConsent: /To look up a booking made from another chat/,
    elsewhere: 'Booked elsewhere',
    lookupRefused: /All right: I will not ask for the booking reference or the fiscal code, and I will not look up the booking/,
    vouchersRefused: /I will not send any application/,
    serviceContact: /You can also call or write to Cooperativa Sociale Jonathan – Supporto scolastico: phone \+39 049 000 0103/,
    townContact: /You can also call or write to Comune di Campodoro – Servizi sociali: phone \+39 049 906 5011/,
    person: /To talk to a person, write “operator”\./,
    birth: '15/03/1948',
    dailyHelpConsent: /sensitive personal information: “Does the person need help with everyday activities/,
    iseeConsent: /sensitive personal information: “Which band is your household's ISEE in\?”/,
    privacyItem: 'Privacy and your data',
    notice: /Privacy in short/,
    everyController:
      /the municipality where you live[\s\S]*Comune di Piazzola sul Brenta: email privacy@[\s\S]*Comune di Villafranca Padovana: email privacy@/,
    limenaController:
      /The controller of your data: Comune di Limena\. For questions or requests about your data: email privacy@comune\.limena\.pd\.it, certified email/,
    retention: /for whoever answers you: 48 hours;[\s\S]*how to write to you in this chat: 30 days;[\s\S]*so I never answer twice: 36 hours\./,
    howToDelete: /write “delete my data”/,
    consentHours: /I delete them after 48 hours without messages/,
    showData: 'What you remember of me',
    myData: /I remember no personal data/,
    deleteData: 'Delete my data',
    forgetConfirm: /I will delete all data of this conversation/,
  },
} as const;

describe.each(LANGS)('consents (%s)', (lang) => {
  const p = phrases[lang];
  const w = words[lang];

  it("the booking consent names the booking; refused, it names the service's contact and the menu follows", async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'svc_doposcuola-online' })
      .press(p.checkAndBook)
      .say('limena')
      .say(lang === 'it' ? 'nove' : 'nine')
      .say('2')
      .say(p.no) // no ISEE band: the full price
      .expect(p.slotQuestion)
      .say('1')
      .expect(w.bookingConsent)
      .say(p.no)
      .expect(p.refusedConsent)
      .expectNot(/salvato|saved/) // the residence and the answers are kept: the refusal says what was not asked, not "nothing saved"
      .expect(w.serviceContact)
      .expect(w.person)
      .expect(p.menu);
    // Nothing was agreed to: neither the booking nor the ISEE question counts as consented.
    const data = (await peekSession(talk.assistant.store, `terminal:${talk.conversationId}`))?.data;
    expect(data?.consent).toEqual({});
    expect(data?.person).toBeUndefined();
    expect(Object.keys(data?.answers ?? {}).length).toBeGreaterThan(0);
  });

  it('my bookings list at once; the lookup of another chat asks its own consent, and a no leads back to the menu', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(p.myBookings)
      .expectNot(p.consent)
      .press(w.elsewhere)
      .expect(w.lookupConsent)
      .say(p.no)
      .expect(w.lookupRefused)
      .expect(w.person)
      .expect(p.menu);
  });

  it("the voucher consent, refused, names the social services of the resident's municipality, asking nothing more", async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'mun_campodoro' })
      .press(p.vouchers)
      .press(p.voucherApply)
      .expect(p.voucherConsent)
      .say(p.no)
      .expect(w.vouchersRefused)
      .expect(w.townContact)
      .expect(p.menu);
  });

  it('two sensitive questions ask two consents, each quoting its own question', async () => {
    talk = conversation({ lang });
    await talk
      .send({ type: 'start', payload: 'svc_assistenza-domiciliare-anziani' })
      .press(p.checkAndBook)
      .say(w.birth)
      .expect(w.dailyHelpConsent)
      .expectNot(w.iseeConsent)
      .say(p.yes)
      .say(p.yes)
      .press('Campodoro')
      .expect(w.iseeConsent)
      .say(p.no)
      .expect(p.eligible);
  });
});

describe.each(LANGS)('the privacy notice (%s)', (lang) => {
  const p = phrases[lang];
  const w = words[lang];
  const env = { SESSION_TTL_HOURS: '48', PROFILE_TTL_DAYS: '30', DEDUPE_TTL_HOURS: '36' };

  it('is in the main menu: every controller while the municipality is unknown, the configured retention, how to delete', async () => {
    talk = conversation({ lang, env });
    await talk
      .say(p.hello)
      .press(w.privacyItem)
      .expect(w.notice)
      .expect(w.everyController)
      .expect(w.retention)
      .expect(w.howToDelete)
      .press(w.showData)
      .expect(w.myData);
  });

  it('opens on "privacy" with the controller of the municipality, leads to deletion, and the consents say the same retention', async () => {
    talk = conversation({ lang, env });
    await talk
      .send({ type: 'start', payload: 'mun_limena' })
      .say('privacy')
      .expect(w.limenaController)
      .expectNot(/Piazzola/)
      .press(w.deleteData)
      .expect(w.forgetConfirm)
      .say(p.no)
      .send({ type: 'start', payload: 'svc_doposcuola-online' })
      .press(p.checkAndBook)
      .say(lang === 'it' ? 'nove' : 'nine')
      .say('2')
      .say(p.no)
      .say('1')
      .expect(w.consentHours);
  });
});
