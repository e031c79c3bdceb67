// Simple mode, digits only: every journey with menus of at most 5 items, 0 back and 9 a person on each; typed
// numbers, number words, ordinals, labels with typos and spoken answers all choose.
import { afterEach, describe, expect, it } from 'vitest';
import { conversation, type Talk } from '../support/conversation.js';
import { maria } from './phrases.js';

let talk: Talk | undefined;
afterEach(() => talk?.close());

/** The last question's items as shown: "1. Cerca per argomento", "0. Indietro"… */
function shownItems(t: Talk): string[] {
  const question = [...t.last].reverse().find((m) => m.type === 'choices');
  return question?.type === 'choices' ? question.choices.map((c) => `${c.key!}. ${c.label}`) : [];
}

/** Every menu of the reply has at most 5 items of its own, then 0 and 9, all with a key. */
function expectSimpleMenu(t: Talk): void {
  const items = shownItems(t);
  expect(items.length).toBeGreaterThan(2);
  expect(items.slice(-2)).toEqual(['0. Indietro', '9. Parlare con una persona']);
  const own = items.slice(0, -2);
  expect(own.length).toBeLessThanOrEqual(5);
  own.forEach((item, i) => expect(item.startsWith(`${i + 1}. `)).toBe(true));
}

/** From the main menu to a confirmed booking of the online homework help, digits (and the three data) only. */
const bookByDigits = (t: Talk) =>
  t
    .say('1') // Cercare per argomento
    .check(expectSimpleMenu)
    .say('2') // Supporto scolastico
    .say('1') // Doposcuola online
    .expect('Doposcuola online')
    .say('1') // Verificare e prenotare
    .expect(/In quale comune/)
    .check(expectSimpleMenu)
    .say('4') // Limena
    .expect(/Quanti anni/)
    .say('nove')
    .expect(/Che scuola/)
    .say('2') // primaria
    .expect(/dato personale delicato/)
    .say('1') // sì
    .expect(/ISEE/)
    .say('1') // fino a 10.000
    .expect(/può accedere/)
    // Dates as said aloud, no year: "lunedì 2 marzo alle 15".
    .expect(/lunedì 2 marzo alle 15\b/)
    .check(expectSimpleMenu)
    .say('1')
    .expect(/mi servono tre dati/i)
    .say('1')
    .say(maria.givenName)
    .say(maria.familyName)
    .say(maria.fiscalCode)
    .expect(/Ecco il riepilogo/)
    .expect(/Quando: lunedì 2 marzo alle 15\b/)
    .expect(/Prezzo: 4 euro all’ora/) // words, not a symbol
    .expect(/Pagamento: 4 euro direttamente a chi offre il servizio \(Cooperativa Sociale Jonathan\)/)
    .say('1')
    .expect(/Prenotazione confermata! Codice: WBC-2026-\d{6}/);

describe('simple mode', () => {
  it('is switched on by "semplice", shows short numbered menus, pages a long one with "Altri", and books with digits', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .say('ciao')
      .say('semplice')
      .expect(/Modalità semplice attiva/)
      .check(expectSimpleMenu);
    // The main menu has 9 items: 4 and "Altri", then the rest.
    expect(shownItems(talk).slice(0, 5)).toEqual([
      '1. Cercare per argomento',
      '2. Descrivere di cosa ha bisogno',
      '3. Le mie prenotazioni',
      '4. Buoni spesa',
      '5. Altri',
    ]);
    await talk.say('5').check(expectSimpleMenu);
    // The second page: the menu's own "talk to a person" is the 9, so the other four items and "Altri".
    expect(shownItems(talk).slice(0, 5)).toEqual([
      '1. Il mio welfare aziendale',
      '2. Modalità semplice',
      '3. Privacy e dati personali',
      '4. Lingua / Language',
      '5. Altri',
    ]);
    // A number this page does not have is not read as the step's own 6th item.
    await talk
      .say('6')
      .expect(/Non ho capito/)
      .check((t) => expect(shownItems(t)[4]).toBe('5. Altri'));
    await talk.say('5').check((t) => expect(shownItems(t)[0]).toBe('1. Cercare per argomento')); // round again
    await bookByDigits(talk);
    const bookings = talk.backend.context.ledger.bookingsOf(maria.fiscalCode);
    expect(bookings).toHaveLength(1);
  });

  it('starts in simple mode from an operator’s deep link, and remembers it after the conversation ends', async () => {
    talk = conversation({ lang: 'it' });
    await talk.send({ type: 'start', payload: 'simple' }).check(expectSimpleMenu).say('stop').say('ciao').check(expectSimpleMenu);
    await talk
      .say('semplice')
      .expect(/Modalità semplice spenta/)
      .check((t) => expect(shownItems(t)).toHaveLength(9));
  });

  it('0 goes back and 9 reaches a person, from any menu', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .send({ type: 'start', payload: 'simple' })
      .say('1')
      .say('2')
      .expect(/servizi di questo argomento/)
      .say('0')
      .expect(/Scelga l’argomento/)
      .say('9')
      .expect(/in quale comune abita\?/)
      .check(expectSimpleMenu)
      .say('2') // Campodoro: its social services, never a promise of a call
      .expect(/servizi sociali del Comune di Campodoro:\nComune di Campodoro – Servizi sociali\nTelefono: \+39 049/)
      .expectNot(/preso nota/)
      .expect(/Scelga l’argomento/)
      .check(expectSimpleMenu);
  });

  it('reads number words, ordinals, labels with typos and spoken answers', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .send({ type: 'start', payload: 'simple' })
      .say('uno')
      .expect(/Scelga l’argomento/)
      .say('il secondo')
      .expect(/servizi di questo argomento/)
      .say('doposcula online')
      .expect('Doposcuola online')
      .say('verifica')
      .expect(/In quale comune/)
      .say('4. Limena') // the text a reply-keyboard button sends
      .expect(/Quanti anni/)
      .say('9')
      .say('2')
      .expect(/dato personale delicato/)
      .say('sì grazie')
      .expect(/ISEE/);
  });

  it('a digit no menu item has is not understood, and a typed age is an age even after a menu of five', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .send({ type: 'start', payload: 'simple' })
      .say('1')
      .say('2')
      .say('1')
      .say('1')
      .expect(/In quale comune/)
      .say('4') // Limena: the menu had five items
      .expect(/Quanti anni/)
      .say('7') // an age, not the 7th of anything
      .expect(/Che scuola/)
      .say('2')
      .expect(/dato personale delicato/)
      .say('4') // Sì, No, 0, 9: there is no 4
      .expect(/Non ho capito/)
      .expectNot(/servizi sociali del Comune di|Qui in chat non c'è una persona/);
  });

  it('the free-text search has a way out by digits: 0 back, 9 a person', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .send({ type: 'start', payload: 'simple' })
      .say('2') // Descrivere di cosa ha bisogno
      .check((t) => expect(shownItems(t)).toEqual(['0. Indietro', '9. Parlare con una persona']))
      .say('0')
      .expect(/Come posso aiutarLa/)
      .say('2')
      .say('compiti per mio figlio')
      .expect(/Doposcuola/);
  });

  it('after a finished booking, 0 from the main menu stays there instead of reopening the booking', async () => {
    talk = conversation({ lang: 'it' });
    await bookByDigits(talk.send({ type: 'start', payload: 'simple' }));
    await talk
      .say('0')
      .expect(/Come posso aiutarLa/)
      .expectNot(/Qualcosa non ha funzionato/);
  });

  it('is offered after two misunderstandings, with a person', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .say('ciao')
      .say('1')
      .say('zzz qqq')
      .say('xyz 42 ?!')
      .expect(/modalità semplice, con risposte a numeri/)
      .check((t) =>
        expect(t.last.flatMap((m) => (m.type === 'choices' ? m.choices.map((c) => c.payload) : []))).toEqual(
          expect.arrayContaining(['cmd:simple', 'cmd:person']),
        ),
      );
  });

  it('my bookings and cancelling one, with digits', async () => {
    talk = conversation({ lang: 'it' });
    await bookByDigits(talk.send({ type: 'start', payload: 'simple' }));
    await talk
      .say('3') // Le mie prenotazioni: the person of this conversation is known
      .expect(/lunedì 2 marzo alle 15\b/)
      .check(expectSimpleMenu)
      .check((t) => expect(shownItems(t)[0]).toMatch(/^1\. lunedì 2 marzo alle 15 · Doposcuola/)) // no abbreviations
      .say('1')
      .expect(/Vuole annullare questa prenotazione/)
      .say('1')
      .expect(/annullata/);
    expect(talk.backend.context.ledger.bookingsOf(maria.fiscalCode)[0]?.status).toBe('cancelled');
  });

  it('grocery vouchers, applying and asking the status, with digits', async () => {
    talk = conversation({ lang: 'it' });
    await talk
      .send({ type: 'start', payload: 'simple' })
      .say('4') // Buoni spesa
      .check(expectSimpleMenu)
      .say('1') // Fare domanda
      .say('1') // consent
      .say(maria.givenName)
      .say(maria.familyName)
      .say(maria.fiscalCode)
      .expect(/In quale comune ha la residenza/)
      .check(expectSimpleMenu)
      .say('1')
      .expect(/Quante persone/)
      .say('quattro')
      .check(expectSimpleMenu)
      .say('2') // income reduced
      .expect(/Conferma e acconsente/)
      .say('1')
      .expect(/BSP-2026-\d{6}/)
      .say('4')
      .say('2') // Sapere a che punto è la domanda
      .expect(/Stato: ricevuta/);
  });
});

describe.each([
  {
    lang: 'it',
    on: 'semplice',
    onSaid: /Modalità semplice attiva\..*Il 9 Le dà il contatto dei servizi sociali del Suo Comune\./, // "Lei"; no staff desk here, so no person in the chat
    municipality: /In quale comune/,
    age: /Quanti anni/,
    zeroHint: /scriva «0 anni»/,
    zero: '0 anni',
    judged: /il bambino ne ha 0\./,
  },
  {
    lang: 'en',
    on: 'simple',
    onSaid: /Simple mode is on\..*9 gives you the contact of your municipality’s social services\./,
    municipality: /Which municipality/,
    age: /How old/,
    zeroHint: /write “0 years”/,
    zero: '0 years',
    judged: /the child is 0\./,
  },
])('simple mode at a typed number ($lang)', (w) => {
  it('0 alone goes back, "0 years" answers zero, and the hint says what 9 really does without a staff desk', async () => {
    talk = conversation({ lang: w.lang });
    await talk
      .say(w.lang === 'it' ? 'ciao' : 'hello')
      .say(w.on)
      .expect(w.onSaid)
      .say('1') // by topic
      .say('2') // school support
      .say('1') // online homework help
      .say('1') // check and book
      .expect(w.municipality)
      .say('4') // Limena
      .expect(w.age)
      .expect(w.zeroHint)
      .say('0')
      .expect(w.municipality)
      .say('4')
      .expect(w.age)
      .say(w.zero)
      .expect(w.judged);
  });
});

describe('simple mode in Arabic', () => {
  it('reads Eastern Arabic digits: ٠ back, ١ the first item, a greeting in Arabic', async () => {
    talk = conversation({ lang: 'ar' });
    await talk
      .say('مرحبا')
      .say('/semplice')
      .expect(/كيف يمكنني مساعدتك/)
      .say('١') // the first item: browse by topic
      .expect(/اختر الموضوع/)
      .check((t) => expect(shownItems(t).at(-2)).toMatch(/^0\. /))
      .say('٠') // back
      .expect(/كيف يمكنني مساعدتك/);
  });
});
