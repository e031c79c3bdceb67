// The booking step kinds against the reference backend over HTTP, in Italian and English.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingKinds } from '../../src/conversation/steps/booking.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import type { StepKind, StepOutcome, StepTurn } from '../../src/conversation/step-kind.js';
import type { UserEvent } from '../../src/conversation/events.js';
import { createWelfareClient } from '../../src/welfare/client.js';
import type { Person } from '../../src/welfare/contract.js';
import { BackendUnavailableError } from '../../src/welfare/errors.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { resident, withBadChecksum } from '../support/people.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';

const SERVICE = 'doposcuola-online';
const ELIGIBLE = { residence: 'limena', child_age: 9, school_order: 'primaria' };
const { pick_slot, consent, collect_identity, confirm_booking, book } = bookingKinds;
const BOOK = { next: 'done', slot: 'slot', eligibility: 'eligibility', identity: 'identity' };

// Words per language, so each test reads the same in both.
const WORDS = {
  it: {
    firstSlot: 'lunedì 2 marzo 2026, 15:00 (1 ora) · online, con l’équipe di Limena',
    firstWhen: 'lunedì 2 marzo 2026, 15:00',
    typedSlot: 'giovedì 5 marzo 16:00',
    online: 'online, con l’équipe di Limena',
    more: 'Altri',
    yes: 'sì',
    no: 'no',
    retry: 'riprova',
    service: 'Doposcuola online',
    price: '8\u00a0€ all’ora',
    payDirect: 'Pagamento: 8\u00a0€ direttamente a chi offre il servizio (Cooperativa Sociale Jonathan).',
    paidDirect: 'Da pagare direttamente a chi offre il servizio (Cooperativa Sociale Jonathan): 8\u00a0€.',
    consent: /nome, cognome e codice fiscale.*24 ore.*cancella i miei dati/s,
    refused: /non ti chiedo nome, cognome e codice fiscale/,
    fiscalHint: /errore di battitura.*16 caratteri/,
    lengthHint: /ne ho contati 10/,
    confirmed: /^Prenotazione confermata! Codice: WBC-2026-\d{6}\. Quando: lunedì 2 marzo 2026, 15:00\. Si svolge online, con l’équipe di Limena\./,
    bring: /Cosa serve:\n• Un computer o un tablet/,
    uncertain: /non so se la prenotazione è andata a buon fine.*mai prenotato due volte/,
    slotFull: /si è riempito/,
  },
  en: {
    firstSlot: 'Monday 2 March 2026, 15:00 (1 hour) · online, with the Limena team',
    firstWhen: 'Monday 2 March 2026, 15:00',
    typedSlot: 'Thursday 5 March 16:00',
    online: 'online, with the Limena team',
    more: 'More',
    yes: 'yes',
    no: 'no',
    retry: 'try again',
    service: 'Online homework help',
    price: '€8 per hour',
    payDirect: 'Payment: €8, paid directly to the provider (Cooperativa Sociale Jonathan).',
    paidDirect: 'To be paid directly to the provider (Cooperativa Sociale Jonathan): €8.',
    consent: /given name, family name and fiscal code.*24 hours.*delete my data/s,
    refused: /I will not ask for your name, family name and fiscal code/,
    fiscalHint: /typo.*16 characters/,
    lengthHint: /I counted 10 here/,
    confirmed: /^Booking confirmed! Reference: WBC-2026-\d{6}\. When: Monday 2 March 2026, 15:00\. It takes place online, with the Limena team\./,
    bring: /What you need:\n• A computer or tablet/,
    uncertain: /do not know whether the booking went through.*never be booked twice/,
    slotFull: /filled up/,
  },
} as const;

const say = (text: string): UserEvent => ({ type: 'text', text });
const press = (payload: string): UserEvent => ({ type: 'choice', payload });
const texts = (out: StepOutcome) => out.messages.map((m) => ('text' in m ? m.text : '')).join('\n');
function choicesOf(out: StepOutcome): Extract<BotMessage, { type: 'choices' }> {
  const message = out.messages.find((m) => m.type === 'choices');
  if (message?.type !== 'choices') throw new Error(`no choices in: ${texts(out)}`);
  return message;
}
const labels = (out: StepOutcome) => choicesOf(out).choices.map((c) => c.label);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind parses its own config
const run = (kind: StepKind<any>, config: unknown) => {
  const parsed: unknown = kind.config.parse(config);
  return {
    enter: (turn: StepTurn) => kind.enter(parsed, turn),
    on: (turn: StepTurn, event: UserEvent) => kind.onEvent(parsed, event, turn),
  };
};

let h: StepHarness;
beforeEach(async () => {
  h = await stepHarness();
});
afterEach(async () => {
  await h.close();
});

/** A turn on a session that has chosen the service and answered the eligibility questions. */
function bookingTurn(lang: string, extra: { person?: Person; slot?: boolean } = {}): StepTurn {
  const turn = h.turn(lang);
  const data = turn.session.data;
  data.serviceId = SERVICE;
  data.answers = { ...ELIGIBLE };
  data.consent.booking = '2026-03-02T08:00:00.000Z';
  if (extra.person) data.person = extra.person;
  if (extra.slot) {
    data.slotId = `${SERVICE}.limena.20260302T1500`;
    data.slotStart = '2026-03-02T15:00:00+01:00';
  }
  return turn;
}

describe.each(['it', 'en'] as const)('booking step kinds in %s', (lang) => {
  const w = WORDS[lang];

  it('pick_slot lists free slots in Rome time, five a page, and takes a typed date', async () => {
    const step = run(pick_slot, { next: 'confirm', none: 'no_slots' });
    const turn = bookingTurn(lang);
    const first = await step.enter(turn);
    expect(first.type).toBe('wait');
    expect(labels(first)[0]).toContain(w.online);
    expect(labels(first)).toHaveLength(6);
    expect(labels(first)[0]).toBe(w.firstSlot);
    expect(labels(first)[5]).toBe(w.more);

    const second = await step.on(turn, press('more'));
    expect(second.type).toBe('wait');
    expect(labels(second)[0]).not.toBe(w.firstSlot);
    expect(labels(second)).not.toContain(labels(first)[1]);

    const picked = await step.on(turn, say(w.typedSlot));
    expect(picked).toMatchObject({ type: 'go', to: 'confirm' });
    expect(turn.session.data.slotId).toBe(`${SERVICE}.campodoro.20260305T1600`);
    expect(turn.session.data.slotStart).toBe('2026-03-05T16:00:00+01:00');
  });

  it('pick_slot keeps Rome wall-clock times across the change to summer time', async () => {
    await h.close();
    h = await stepHarness({ now: '2026-03-20T09:00:00' });
    const step = run(pick_slot, { next: 'confirm', none: 'no_slots' });
    const turn = bookingTurn(lang);
    let out = await step.enter(turn);
    const seen: string[] = [];
    for (;;) {
      const page = labels(out).filter((l) => l !== w.more);
      expect(page.length).toBeLessThanOrEqual(5);
      seen.push(...page);
      if (!labels(out).includes(w.more)) break;
      out = await step.on(turn, press('more'));
    }
    const free = (await h.backend.client.listSlots(SERVICE, { from: '2026-03-20', to: '2026-04-10' })).filter((s) => s.available > 0);
    expect(seen).toHaveLength(free.length);
    expect(seen.every((l) => /, (15:00|16:00|17:30) \(/.test(l))).toBe(true);
    expect(seen.some((l) => l.includes(lang === 'it' ? '30 marzo' : '30 March'))).toBe(true);
  });

  it('pick_slot without free slots says so and takes the none target', async () => {
    const turn = bookingTurn(lang);
    turn.ctx = { ...h.ctx, welfare: { ...h.ctx.welfare, listSlots: async () => [] } };
    const out = await run(pick_slot, { next: 'confirm', none: 'no_slots' }).enter(turn);
    expect(out.type).toBe('go');
    expect(out).toMatchObject({ to: 'no_slots' });
    expect(texts(out).length).toBeGreaterThan(10);
  });

  it('pick_slot with the backend down offers try again, the menu and a person', async () => {
    const turn = bookingTurn(lang);
    turn.ctx = { ...h.ctx, welfare: createWelfareClient({ baseUrl: 'http://127.0.0.1:9', maxAttempts: 1, timeoutMs: 500 }) };
    const step = run(pick_slot, { next: 'confirm', none: 'no_slots' });
    const down = await step.enter(turn);
    expect(down.type).toBe('wait');
    expect(choicesOf(down).choices.map((c) => c.payload.replace(/^\d+:/, ''))).toEqual(['retry', 'cmd:menu', 'cmd:person']);
    turn.ctx = h.ctx;
    const back = await step.on(turn, press('retry'));
    expect(labels(back)[0]).toBe(w.firstSlot);
  });

  it('consent explains what, why, who and how long; a no stores nothing and names the contact point', async () => {
    const step = run(consent, { next: 'identity', refused: 'refused', purpose: 'booking' });
    const turn = h.turn(lang);
    turn.session.data.serviceId = SERVICE;
    const asked = await step.enter(turn);
    expect(asked.type).toBe('wait');
    expect(texts(asked)).toMatch(w.consent);
    expect(labels(asked)).toHaveLength(2);

    const refused = await step.on(turn, say(w.no));
    expect(refused).toMatchObject({ type: 'go', to: 'refused' });
    expect(texts(refused)).toMatch(w.refused);
    expect(texts(refused)).toContain('+39 049 000 0103');
    expect(turn.session.data.consent).toEqual({});
    expect(turn.session.data.person).toBeUndefined();
  });

  it('consent stores the time of a yes, and is skipped once given', async () => {
    const step = run(consent, { next: 'identity', refused: 'refused', purpose: 'booking' });
    const turn = h.turn(lang);
    await step.enter(turn);
    expect(await step.on(turn, say(w.yes))).toMatchObject({ type: 'go', to: 'identity' });
    expect(turn.session.data.consent.booking).toBe('2026-03-02T08:00:00.000Z');
    expect(await step.enter(turn)).toEqual({ type: 'go', to: 'identity', messages: [] });
  });

  it('collect_identity asks one thing at a time and re-asks a wrong fiscal code', async () => {
    const step = run(collect_identity, { next: 'confirm' });
    const turn = h.turn(lang);
    // the family name below is the one this code was computed from: names and code must agree
    const person = resident(3, { givenName: 'Maria', familyName: "D'Angelo-Bianchi" });
    expect((await step.enter(turn)).type).toBe('wait');
    expect((await step.on(turn, say('42'))).type).toBe('misunderstood');
    expect((await step.on(turn, say('  Maria  '))).type).toBe('wait');
    expect(turn.session.data.vars.givenName).toBe('Maria');
    // re-entered (after help, say): only what is still missing is asked
    const again = await step.enter(turn);
    expect(texts(again)).toBe(turn.t('booking.identity.family_name'));
    expect((await step.on(turn, say("D'Angelo-Bianchi"))).type).toBe('wait');

    const wrong = await step.on(turn, say(withBadChecksum(person.fiscalCode)));
    expect(wrong.type).toBe('misunderstood');
    expect(texts(wrong)).toMatch(w.fiscalHint);
    expect(texts(wrong)).not.toContain(person.fiscalCode.slice(0, 10));
    expect(texts(await step.on(turn, say(person.fiscalCode.slice(0, 10))))).toMatch(w.lengthHint);
    expect(turn.session.data.person).toBeUndefined();

    const spaced = person.fiscalCode.toLowerCase().replace(/(.{4})/g, '$1 ');
    expect(await step.on(turn, say(spaced))).toMatchObject({ type: 'go', to: 'confirm' });
    expect(turn.session.data.person).toEqual({ givenName: 'Maria', familyName: "D'Angelo-Bianchi", fiscalCode: person.fiscalCode });
    expect(turn.session.data.vars).toEqual({});
    expect(await step.enter(turn)).toMatchObject({ type: 'go', to: 'confirm' });
  });

  it('confirm_booking reads back service, time, place, price, how it is paid and a masked fiscal code', async () => {
    const person = resident(4);
    const step = run(confirm_booking, { next: 'book', declined: 'declined' });
    const turn = bookingTurn(lang, { person, slot: true });
    const out = await step.enter(turn);
    expect(out.type).toBe('wait');
    const summary = texts(out);
    // no welfare credit chosen: the provider is paid directly, and the read-back names it
    for (const part of [w.service, w.firstWhen, w.online, w.price, w.payDirect, 'Maria Bianchi']) expect(summary).toContain(part);
    const masked = `${person.fiscalCode.slice(0, 4)}•••••••••${person.fiscalCode.slice(-3)}`;
    expect(summary).toContain(masked);
    expect(summary).not.toContain(person.fiscalCode);
    expect(choicesOf(out).text).toBe(turn.t('booking.confirm.question'));
    const key = turn.session.data.bookingKey;
    expect(key).toBeTruthy();
    await step.enter(turn);
    expect(turn.session.data.bookingKey).toBe(key);
    expect(await step.on(turn, say(w.no))).toMatchObject({ type: 'go', to: 'declined' });
    await step.enter(turn);
    expect(await step.on(turn, say(w.yes))).toEqual({ type: 'go', to: 'book', messages: [] });
  });

  it('book confirms with a WBC reference, one booking in the backend and an effect without personal data', async () => {
    const person = resident(5);
    const turn = bookingTurn(lang, { person, slot: true });
    turn.session.data.bookingKey = 'key-book-success-1';
    const out = await run(book, BOOK).enter(turn);
    expect(out).toMatchObject({ type: 'go', to: 'done' });
    expect(texts(out)).toMatch(w.confirmed);
    expect(texts(out)).toMatch(w.bring);
    expect(texts(out)).toContain(w.paidDirect);
    const bookings = h.backend.context.ledger.bookingsOf(person.fiscalCode);
    expect(bookings).toHaveLength(1);
    expect(turn.effects).toEqual([
      { type: 'booking_confirmed', bookingId: bookings[0]!.id, slotStart: '2026-03-02T15:00:00+01:00', serviceId: 'doposcuola-online' },
    ]);
    expect(turn.session.data.bookingId).toBe(bookings[0]!.id);
    expect(turn.session.data.bookingKey).toBeUndefined();
    expect(turn.session.data.slotId).toBeUndefined();
  });

  it('book with the answer lost says so honestly, and "try again" books exactly once with the same key', async () => {
    const person = resident(6);
    const turn = bookingTurn(lang, { person, slot: true });
    turn.session.data.bookingKey = 'key-lost-answer-1';
    const keys: string[] = [];
    let lose = true;
    // The booking is made, then the answer is lost on the way back: the worst case for a retry.
    const flaky: WelfarePort = {
      ...h.ctx.welfare,
      createBooking: async (request, key) => {
        keys.push(key);
        const booking = await h.ctx.welfare.createBooking(request, key);
        if (lose) {
          lose = false;
          throw new BackendUnavailableError({ endpoint: 'POST /v1/bookings', reason: 'timeout' });
        }
        return booking;
      },
    };
    turn.ctx = { ...h.ctx, welfare: flaky };
    const step = run(book, BOOK);
    const down = await step.enter(turn);
    expect(down.type).toBe('wait');
    expect(texts(down)).toMatch(w.uncertain);
    expect(choicesOf(down).choices.map((c) => c.payload.replace(/^\d+:/, ''))).toEqual(['retry', 'cmd:menu', 'cmd:person']);
    expect(turn.session.data.bookingKey).toBe('key-lost-answer-1');
    expect(turn.effects).toEqual([]);

    const retried = await step.on(turn, say(w.retry));
    expect(retried).toMatchObject({ type: 'go', to: 'done' });
    expect(texts(retried)).toMatch(w.confirmed);
    expect(keys).toEqual(['key-lost-answer-1', 'key-lost-answer-1']);
    expect(h.backend.context.ledger.bookingsOf(person.fiscalCode)).toHaveLength(1);
  });

  it('book after an uncertain attempt and a language change finds the booking already made instead of a second one', async () => {
    const person = resident(13);
    const turn = bookingTurn(lang, { person, slot: true });
    turn.session.data.bookingKey = 'key-language-changed-1';
    // the earlier attempt came from this same chat: the booking is read back as this chat's own
    turn.ctx = { ...turn.ctx, ownerKey: 'owner-key-of-this-chat-0000000000000000' };
    const { serviceId, slotId, answers } = turn.session.data;
    const earlier = {
      serviceId: serviceId!,
      slotId: slotId!,
      person,
      answers,
      channel: 'terminal' as const,
      locale: lang === 'it' ? 'en' : 'it',
      ownerKey: turn.ctx.ownerKey!,
    };
    const made = await h.backend.client.createBooking(earlier, 'key-language-changed-1');
    const out = await run(book, BOOK).enter(turn);
    expect(out).toMatchObject({ type: 'go', to: 'done' });
    expect(texts(out)).toContain(made.reference);
    expect(turn.session.data.bookingId).toBe(made.id);
    expect(h.backend.context.ledger.bookingsOf(person.fiscalCode)).toHaveLength(1);
  });

  it('book sends the resident back to the slots when the slot filled up in the meantime', async () => {
    const slotId = `${SERVICE}.limena.20260302T1500`;
    for (const n of [10, 11, 12]) {
      const other = { serviceId: SERVICE, slotId, person: resident(n), answers: ELIGIBLE, channel: 'terminal' as const, locale: 'it' };
      await h.backend.client.createBooking(other, `key-fill-slot-${n}`);
    }
    const person = resident(7);
    const turn = bookingTurn(lang, { person, slot: true });
    turn.session.data.bookingKey = 'key-slot-taken-1';
    const out = await run(book, BOOK).enter(turn);
    expect(out).toMatchObject({ type: 'go', to: 'slot' });
    expect(texts(out)).toMatch(w.slotFull);
    expect(turn.session.data.slotId).toBeUndefined();
    expect(h.backend.context.ledger.bookingsOf(person.fiscalCode)).toHaveLength(0);
  });

  it('book sends refused answers to eligibility, and a refused fiscal code to identity keeping the names', async () => {
    const step = run(book, BOOK);
    const young = bookingTurn(lang, { person: resident(8), slot: true });
    young.session.data.answers = { ...ELIGIBLE, child_age: 16 };
    expect(await step.enter(young)).toMatchObject({ type: 'go', to: 'eligibility' });

    const person = resident(9);
    const bad = bookingTurn(lang, { person: { ...person, fiscalCode: withBadChecksum(person.fiscalCode) }, slot: true });
    expect(await step.enter(bad)).toMatchObject({ type: 'go', to: 'identity' });
    expect(bad.session.data.person).toBeUndefined();
    expect(bad.session.data.vars).toEqual({ givenName: 'Maria', familyName: 'Bianchi' });
  });
});
