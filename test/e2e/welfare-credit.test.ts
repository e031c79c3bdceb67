// Employees paying with their company's welfare credit: the plan and what it covers, the credit before confirming,
// the payment and what is left; a linked Teams account; not enough credit; an expired plan; the account code asked
// when paying, or none and the provider paid directly; a stored code replaced.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';
import { resident } from '../support/people.js';
import { LANGS, maria, phrases } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

/** Teams users the seed links to accounts (backend/data/welfare.yaml). */
const TEAMS = {
  omb850: '6b1f3c2e-4a5d-4e8f-9b0a-1c2d3e4f5a61',
  omb7: 'c4a7e1b9-3d5f-4a2c-8e6b-7f9a1b3c5d83',
  pvf40: '9d2e4f6a-8b1c-4d3e-a5f7-2b4c6d8e0f72',
} as const;

const words = {
  it: {
    plan: /Il mio welfare aziendale/,
    codeAsk: /codice del tuo conto welfare/,
    unknown: /Non trovo un conto welfare/,
    summary: /di Officine Meccaniche Brenta S\.p\.A\.: credito disponibile 850(,00)?\s€/,
    covers: /Ecco cosa copre il tuo piano/,
    babysitting: /Babysitting/,
    companyWelfare: /Welfare aziendale/,
    checkAndBook: /Verifica e prenota/,
    planQuestion: /piano di welfare|welfare aziendale/i,
    childAge: /anni ha|età/i,
    offer: /Vuoi pagare 36(,00)?\s€ con il credito welfare\? Ti resterebbero 814(,00)?\s€/,
    readBack: /Pagamento: 36(,00)?\s€ con il credito welfare .*ti resteranno 814(,00)?\s€/,
    paid: /Pagato con il credito welfare: 36(,00)?\s€\. Credito rimasto: 814(,00)?\s€/,
    notEnough: /Il credito welfare non basta \(7,50\s€ disponibili, servono 36(,00)?\s€\)/,
    payInPerson: /il pagamento si fa direttamente a chi offre il servizio \(cgmwelfare – Gruppo Cooperativo CGM\)/,
    readBackDirect: /Pagamento: 36(,00)?\s€ direttamente a chi offre il servizio \(cgmwelfare – Gruppo Cooperativo CGM\)/,
    paidDirect: /Da pagare direttamente a chi offre il servizio \(cgmwelfare – Gruppo Cooperativo CGM\): 36(,00)?\s€/,
    payCodeAsk:
      /Hai detto che lavori per un'azienda con un piano di welfare: per pagare 36(,00)?\s€ con il credito welfare mi serve il codice del tuo conto/,
    noCode:
      /senza il codice del conto non posso usare il credito welfare\. Il pagamento di 36(,00)?\s€ si fa quindi direttamente a chi offre il servizio \(cgmwelfare – Gruppo Cooperativo CGM\)\. .*ufficio del personale/,
    expiredPay: /Il tuo piano «Piano welfare Officine Brenta 2025» è scaduto il giorno 31 dicembre 2025: il suo credito non si può più usare/,
    unusable:
      /Puoi pagare 36(,00)?\s€ direttamente a chi offre il servizio \(cgmwelfare – Gruppo Cooperativo CGM\), oppure scrivermi il codice di un altro conto welfare/,
    offer300: /Vuoi pagare 36(,00)?\s€ con il credito welfare\? Ti resterebbero 264(,00)?\s€/,
    readBack300: /Pagamento: 36(,00)?\s€ con il credito welfare \(Piano welfare Pastificio Villafranca 2026–2027\); ti resteranno 264(,00)?\s€/,
    paid300: /Pagato con il credito welfare: 36(,00)?\s€\. Credito rimasto: 264(,00)?\s€/,
    expiredPlan:
      /Il tuo piano «Piano welfare Officine Brenta 2025» di Officine Meccaniche Brenta S\.p\.A\. è scaduto il giorno 31 dicembre 2025: il suo credito non si può più usare e non paga più nessun servizio/,
    askHr: /chiedi all'ufficio del personale della tua azienda/,
    creditWords: /credito disponibile|95,50/,
    anotherCode: /Un altro codice conto/,
    codeSaved: /d'ora in poi uso il conto WA-OMB-0001/,
    kept: /resta il conto WA-PVF-0002/,
    summaryPvf300: /Pastificio Villafranca S\.r\.l\.: credito disponibile 300(,00)?\s€/,
    summary40: /Pastificio Villafranca S\.r\.l\.: credito disponibile 40(,00)?\s€/,
    readBack40: /Pagamento: 36(,00)?\s€ con il credito welfare .*ti resteranno 4(,00)?\s€/,
    spentMeanwhile: /Il credito welfare non basta più per questa prenotazione: non ho prenotato nulla/,
    residence: /in quale Comune abiti/,
    limenaSlots: /17:00 \(3 ore\)/,
    price36: /Prezzo: 36(,00)?\s€ in tutto: 12(,00)?\s€ all’ora, per 3 ore$/m,
    notEnough4: /Il credito welfare non basta \(4(,00)?\s€ disponibili, servono 36(,00)?\s€\)/,
  },
  en: {
    plan: /My company welfare/,
    codeAsk: /code of your welfare account/,
    unknown: /cannot find a welfare account/,
    summary: /from Officine Meccaniche Brenta S\.p\.A\.: €850(\.00)? of credit available/,
    covers: /Here is what your plan covers/,
    babysitting: /Babysitting/,
    companyWelfare: /welfare/i,
    checkAndBook: /Check and book/,
    planQuestion: /welfare plan/i,
    childAge: /old/i,
    offer: /Would you like to pay €36(\.00)? with your welfare credit\? €814(\.00)? would be left/,
    readBack: /Payment: €36(\.00)? from your welfare credit .*€814(\.00)? will be left/,
    paid: /Paid with welfare credit: €36(\.00)?\. Credit left: €814(\.00)?/,
    notEnough: /Your welfare credit is not enough \(€7\.50 available, €36(\.00)? needed\)/,
    payInPerson: /you pay the provider directly \(cgmwelfare – Gruppo Cooperativo CGM\)/,
    readBackDirect: /Payment: €36(\.00)?, paid directly to the provider \(cgmwelfare – Gruppo Cooperativo CGM\)/,
    paidDirect: /To be paid directly to the provider \(cgmwelfare – Gruppo Cooperativo CGM\): €36(\.00)?/,
    payCodeAsk: /You said you work for a company with a welfare plan: to pay €36(\.00)? with your welfare credit I need the code of your account/,
    noCode:
      /without the account code I cannot use your welfare credit\. So you pay €36(\.00)? directly to the provider \(cgmwelfare – Gruppo Cooperativo CGM\)\. .*HR office/,
    expiredPay: /Your plan "Officine Brenta welfare plan 2025" expired on 31 December 2025: its credit can no longer be used/,
    unusable:
      /You can pay €36(\.00)? directly to the provider \(cgmwelfare – Gruppo Cooperativo CGM\), or write me the code of another welfare account/,
    offer300: /Would you like to pay €36(\.00)? with your welfare credit\? €264(\.00)? would be left/,
    readBack300: /Payment: €36(\.00)? from your welfare credit \(Pastificio Villafranca welfare plan 2026–2027\); €264(\.00)? will be left/,
    paid300: /Paid with welfare credit: €36(\.00)?\. Credit left: €264(\.00)?/,
    expiredPlan:
      /Your plan "Officine Brenta welfare plan 2025" from Officine Meccaniche Brenta S\.p\.A\. expired on 31 December 2025: its credit can no longer be used and it no longer pays for any service/,
    askHr: /ask your company's HR office/,
    creditWords: /credit available|95\.50/,
    anotherCode: /Another account code/,
    codeSaved: /from now on I use the account WA-OMB-0001/,
    kept: /the account stays WA-PVF-0002/,
    summaryPvf300: /Pastificio Villafranca S\.r\.l\.: €300(\.00)? of credit available/,
    summary40: /Pastificio Villafranca S\.r\.l\.: €40(\.00)? of credit available/,
    readBack40: /Payment: €36(\.00)? from your welfare credit .*€4(\.00)? will be left/,
    spentMeanwhile: /Your welfare credit is no longer enough for this booking: nothing was booked/,
    residence: /which municipality do you live in/,
    limenaSlots: /17:00 \(3 hours\)/,
    price36: /Price: €36(\.00)? in all: €12(\.00)? per hour, for 3 hours$/m,
    notEnough4: /Your welfare credit is not enough \(€4(\.00)? available, €36(\.00)? needed\)/,
  },
} as const;

describe.each(LANGS)('welfare credit (%s)', (lang) => {
  const p = phrases[lang];
  const w = words[lang];

  /** From the babysitting card to the payment question: eligibility, a slot, consent and identity. */
  const toPayment = (t: Talk) =>
    t
      .press(w.checkAndBook)
      .expect(w.planQuestion)
      .say(p.yes)
      .expect(w.childAge)
      .say('4')
      .expect(p.eligible)
      // home visits come only from the resident's own town: asked first, then only Limena's slots are offered
      .expect(w.residence)
      .press('Limena')
      .expect(p.slotQuestion)
      .expect(w.limenaSlots)
      .expect(/Limena/)
      .expectNot(/Villafranca|Piazzola/)
      .say('1')
      .expect(p.consent)
      .say(p.yes)
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode);

  it('an employee gives the account code, sees the plan, pays a booking with the credit and is told what is left', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(w.plan)
      .expect(w.codeAsk)
      .say('WA-NOPE-0001')
      .expect(w.unknown)
      .say('wa-omb-0001')
      .expect(w.summary)
      .expect(w.covers)
      .press(w.companyWelfare)
      .press(w.babysitting)
      .expect(w.babysitting);
    await toPayment(talk)
      .expect(w.offer)
      .say(p.yes)
      .expect(w.readBack)
      .expect(w.price36)
      .expect(p.confirmBooking)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paid);
    const account = await talk.backend.client.getWelfareAccount('WA-OMB-0001');
    expect(account.availableCredit).toBe(814);
    const [booking] = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    // three hours at 12 € an hour: 36 €, charged as such
    expect(booking).toMatchObject({ price: { amount: 12, unit: 'hour' }, total: 36 });
    expect(booking?.payment).toMatchObject({ method: 'welfare_credit', accountId: 'WA-OMB-0001', amount: 36, creditLeft: 814 });

    // The account is remembered: the next visit shows the plan straight away.
    await talk
      .say('menu')
      .press(w.plan)
      .expect(/814(,00)?\s€|€814/);
  });

  it('a Teams user with a linked account is offered the credit without giving any code', async () => {
    talk = conversation({ lang, channel: 'botframework', aadObjectId: TEAMS.omb850 });
    await talk.say(p.hello).press(w.plan).expectNot(w.codeAsk).expect(w.summary).press(w.companyWelfare).press(w.babysitting);
    await toPayment(talk)
      .expect(w.offer)
      .say(p.no)
      .expect(w.payInPerson)
      .expectNot(w.readBack)
      .expect(w.readBackDirect)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paidDirect)
      .expectNot(w.paid);
    expect((await talk.backend.client.getWelfareAccount('WA-OMB-0001')).availableCredit).toBe(850);
  });

  it('with too little credit the booking goes on, to be paid at the service', async () => {
    talk = conversation({ lang, channel: 'botframework', aadObjectId: TEAMS.omb7 });
    await talk
      .say(p.hello)
      .press(/Cerca per argomento|Browse by topic/)
      .press(w.companyWelfare)
      .press(w.babysitting);
    await toPayment(talk)
      .expect(w.notEnough)
      .expect(w.readBackDirect)
      .expect(p.confirmBooking)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paidDirect)
      .expectNot(w.paid);
    expect((await talk.backend.client.getWelfareAccount('WA-OMB-0002')).availableCredit).toBe(7.5);
  });

  it('when the credit is spent between the offer and the confirmation, nothing is booked and the payment is chosen again', async () => {
    talk = conversation({ lang, channel: 'botframework', aadObjectId: TEAMS.pvf40 });
    await talk.say(p.hello).press(w.plan).expect(w.summary40).press(w.companyWelfare).press(w.babysitting);
    await toPayment(talk).say(p.yes).expect(w.readBack40).expect(p.confirmBooking);
    // Meanwhile three hours of babysitting (36 €) are paid from the same account elsewhere: 4 € are left.
    const slots = await talk.backend.client.listSlots('babysitting-welfare-aziendale', { municipality: 'villafranca-padovana' });
    for (const [i, slot] of slots
      .filter((s) => s.municipality === 'villafranca-padovana')
      .slice(0, 1)
      .entries()) {
      await talk.backend.client.createBooking(
        {
          serviceId: 'babysitting-welfare-aziendale',
          slotId: slot.id,
          person: resident(40 + i),
          answers: { employer_welfare_plan: true, youngest_child_age: 3 },
          channel: 'botframework',
          locale: 'it',
          payment: { method: 'welfare_credit', accountId: 'WA-PVF-0001' },
        },
        `elsewhere-${lang}-${i}`,
      );
    }
    await talk
      .say(p.yes)
      .expect(w.spentMeanwhile)
      .expect(w.notEnough4)
      .expect(p.confirmBooking)
      .expectNot(w.readBack40)
      .say(p.yes)
      .expect(p.confirmed)
      .expectNot(w.paid);
    expect((await talk.backend.client.getWelfareAccount('WA-PVF-0001')).availableCredit).toBe(4);
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings).toHaveLength(1);
    expect(bookings[0]!.payment).toBeUndefined();
  });

  it('yes to "a company with a welfare plan" with no account known: the code is asked, and the credit pays 36 € for three hours', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(/Cerca per argomento|Browse by topic/)
      .press(w.companyWelfare)
      .press(w.babysitting);
    await toPayment(talk)
      .expect(w.payCodeAsk)
      .expect(w.codeAsk)
      .expectNot(p.summary)
      .say('WA-NOPE-0001')
      .expect(w.unknown)
      .say('wa-omb-0001')
      .expect(w.offer)
      .say(p.yes)
      .expect(w.readBack)
      .expect(w.price36)
      .expectNot(w.readBackDirect)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paid)
      .expectNot(w.paidDirect);
    expect((await talk.backend.client.getWelfareAccount('WA-OMB-0001')).availableCredit).toBe(814);
    const [booking] = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(booking).toMatchObject({ total: 36 });
    expect(booking?.payment).toMatchObject({ method: 'welfare_credit', accountId: 'WA-OMB-0001', amount: 36, creditLeft: 814 });
  });

  it('without the account code the resident is told the provider is paid directly, and the read-back and confirmation say so', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(/Cerca per argomento|Browse by topic/)
      .press(w.companyWelfare)
      .press(w.babysitting);
    await toPayment(talk)
      .expect(w.codeAsk)
      .say(p.no)
      .expect(w.noCode)
      // whom to ask: the service's own contact point, from the backend
      .expect(/assistenza@cgmwelfare\.example/)
      .expect(w.readBackDirect)
      .expectNot(w.readBack)
      .expect(p.confirmBooking)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paidDirect);
    const [booking] = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(booking).toMatchObject({ total: 36 });
    expect(booking?.payment).toBeUndefined();
  });

  it('when the backend does not answer while the code is checked, "try again" asks for it again and the credit still pays', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(/Cerca per argomento|Browse by topic/)
      .press(w.companyWelfare)
      .press(w.babysitting);
    await toPayment(talk)
      .expect(w.codeAsk)
      .backendDown(true)
      .say('WA-OMB-0001')
      .expect(p.backendDown)
      .backendDown(false)
      .press(p.retry)
      .expect(w.payCodeAsk)
      .say('WA-OMB-0001')
      .expect(w.offer)
      .say(p.yes)
      .expect(w.readBack);
  });

  it('an expired account given when paying is said to be expired, and another code pays instead', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(/Cerca per argomento|Browse by topic/)
      .press(w.companyWelfare)
      .press(w.babysitting);
    await toPayment(talk)
      .expect(w.codeAsk)
      .say('WA-OMB-0003')
      .expect(w.expiredPay)
      .expect(w.unusable)
      .expectNot(w.offer)
      .press(w.anotherCode)
      .expect(w.codeAsk)
      .say('WA-PVF-0002')
      .expect(w.offer300)
      .say(p.yes)
      .expect(w.readBack300)
      .say(p.yes)
      .expect(p.confirmed)
      .expect(w.paid300);
    expect((await talk.backend.client.getWelfareAccount('WA-OMB-0003')).availableCredit).toBe(95.5);
    expect((await talk.backend.client.getWelfareAccount('WA-PVF-0002')).availableCredit).toBe(264);
  });

  it('"My company welfare" describes an expired plan as expired, with no credit and no services, and takes another code in its place', async () => {
    talk = conversation({ lang });
    await talk
      .say(p.hello)
      .press(w.plan)
      .say('WA-OMB-0003')
      .expect(w.expiredPlan)
      .expect(w.askHr)
      .expectNot(w.creditWords)
      .expectNot(w.covers)
      // no list of covered services: only another code, or the menu
      .expectChoices([w.anotherCode, /Menu principale|Main menu/])
      .press(w.anotherCode)
      .expect(w.codeAsk)
      .say('WA-OMB-0001')
      .expect(w.codeSaved)
      .expect(w.summary)
      .expect(w.covers)
      // the new code is the one remembered
      .say('menu')
      .press(w.plan)
      .expect(w.summary)
      .expectNot(w.expiredPlan);
  });

  it('a Teams user can put a code of their own in place of the linked account, and "no" keeps it', async () => {
    talk = conversation({ lang, channel: 'botframework', aadObjectId: TEAMS.omb7 });
    await talk
      .say(p.hello)
      .press(w.plan)
      .expect(/7,50\s€|€7\.50/)
      .press(w.anotherCode)
      .say('WA-PVF-0002')
      .expect(w.summaryPvf300)
      .say('menu')
      .press(w.plan)
      .expect(w.summaryPvf300)
      .press(w.anotherCode)
      .say(p.no)
      .expect(w.kept)
      .say('menu')
      .press(w.plan)
      .expect(w.summaryPvf300);
  });
});
