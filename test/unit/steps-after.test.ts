// The after-booking and grocery-voucher step kinds, driven against the reference backend over HTTP, in Italian and English.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserEvent } from '../../src/conversation/events.js';
import type { StepKind, StepOutcome, StepTurn } from '../../src/conversation/step-kind.js';
import { afterKinds } from '../../src/conversation/steps/after.js';
import { parseHousehold } from '../../src/conversation/steps/after/vouchers.js';
import type { Booking, Person, VoucherApplication } from '../../src/welfare/contract.js';
import { BackendUnavailableError } from '../../src/welfare/errors.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { resident } from '../support/people.js';
import { stepHarness, type StepHarness } from '../support/step-turn.js';
import { lexicon } from '../support/lexicon.js';

const { my_bookings, cancel_booking, apply_vouchers, voucher_status } = afterKinds;
const listConfig = my_bookings.config.parse({ cancel: 'cancel', menu: 'menu', lookup: 'lookup' });
const cancelConfig = cancel_booking.config.parse({ next: 'cancelled', kept: 'kept' });
const applyConfig = apply_vouchers.config.parse({ next: 'applied', identity: 'identity', refused: 'refused' });
const statusConfig = voucher_status.config.parse({ next: 'menu', apply: 'apply', lookup: 'lookup' });

const TEXTS = {
  it: {
    service: 'Doposcuola online',
    when: /(lunedì|martedì|mercoledì|giovedì|venerdì) \d+ marzo 2026, \d\d:\d\d/,
    cancelQuestion: 'Vuoi annullare questa prenotazione?',
    cancelled: /annullata e il posto torna libero/,
    kept: /resta confermata/,
    empty: /Da questa chat non hai prenotazioni in programma/,
    cancelledNote: /Una prenotazione annullata non è in elenco/,
    yes: 'sì',
    no: 'no',
    three: 'tre',
    noIncome: /Non abbiamo nessun reddito/,
    confirm: 'Confermi e acconsenti al trattamento dei dati per questa domanda?',
    submitted: /Stato: ricevuta/,
    approved: /Stato: accolta/,
    amount: /250\s€/,
    retry: 'Riprova',
    none: /non hai ancora fatto domanda/,
    apply: 'Fai domanda',
  },
  en: {
    service: 'Online homework help',
    when: /(Monday|Tuesday|Wednesday|Thursday|Friday) \d+ March 2026, \d\d:\d\d/,
    cancelQuestion: 'Do you want to cancel this booking?',
    cancelled: /cancelled and the place is free again/,
    kept: /stays confirmed/,
    empty: /You have no upcoming bookings made from this chat/,
    cancelledNote: /One cancelled booking is not listed/,
    yes: 'yes',
    no: 'no',
    three: 'three',
    noIncome: /We have no income at all/,
    confirm: 'Do you confirm, and do you consent to the processing of your data for this application?',
    submitted: /Status: submitted/,
    approved: /Status: approved/,
    amount: /€250/,
    retry: 'Try again',
    none: /not applied for grocery vouchers/,
    apply: 'Apply',
  },
} as const;

let h: StepHarness;
beforeAll(async () => {
  h = await stepHarness();
});
afterAll(() => h.close());

function said(outcome: StepOutcome): string {
  return outcome.messages.map((m) => (m.type === 'card' ? m.card.title : m.text)).join('\n');
}

function choices(outcome: StepOutcome) {
  const last = outcome.messages.at(-1);
  return last?.type === 'choices' ? last.choices : [];
}

/** Presses the button whose label matches, as the engine would pass it on (visit stamp removed). */
function press(outcome: StepOutcome, label: string | RegExp): UserEvent {
  const choice = choices(outcome).find((c) => (typeof label === 'string' ? c.label === label : label.test(c.label)));
  if (!choice) throw new Error(`no button ${String(label)} in ${JSON.stringify(choices(outcome))}`);
  return { type: 'choice', payload: choice.payload.replace(/^\d+:/, '') };
}

const say = (text: string): UserEvent => ({ type: 'text', text });

/** Enters a step the way the engine does: a new visit with an empty scratch. */
function enter<C>(kind: StepKind<C>, config: C, turn: StepTurn): Promise<StepOutcome> {
  turn.session.visit += 1;
  turn.session.scratch = {};
  return kind.enter(config, turn);
}

/** The owner key of the chat a person uses in these tests (the assistant derives it from channel and user). */
const ownerOf = (person: Person) => `owner-key-of-chat-${person.fiscalCode}`;

function turnFor(lang: 'it' | 'en', person?: Person, welfare?: WelfarePort): StepTurn {
  const turn = h.turn(lang);
  if (person) turn.session.data.person = person;
  turn.ctx = { ...h.ctx, ...(welfare ? { welfare } : {}), ...(person ? { ownerKey: ownerOf(person) } : {}) };
  return turn;
}

async function seatsLeft(slotId: string): Promise<number> {
  const slots = await h.backend.client.listSlots('doposcuola-online', { from: '2026-03-03', to: '2026-03-31' });
  return slots.find((s) => s.id === slotId)!.available;
}

async function book(person: Person, nth: number): Promise<Booking> {
  const slots = await h.backend.client.listSlots('doposcuola-online', { from: '2026-03-03', to: '2026-03-31' });
  const slot = slots.filter((s) => s.available > 0)[nth]!;
  return h.backend.client.createBooking(
    {
      serviceId: 'doposcuola-online',
      slotId: slot.id,
      person,
      answers: { residence: 'limena', child_age: 9, school_order: 'primaria' },
      channel: 'terminal',
      locale: 'it',
      ownerKey: ownerOf(person),
    },
    randomUUID(),
  );
}

async function patchStatus(id: string, status: 'approved' | 'under_review' | 'rejected'): Promise<void> {
  const res = await fetch(`${h.backend.url}/v1/voucher-applications/${id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  expect(res.status).toBe(200);
}

/** Answers the three voucher questions, from a fresh turn, up to the confirmation. */
async function answerVoucherQuestions(turn: StepTurn, lang: 'it' | 'en'): Promise<StepOutcome> {
  const town = await enter(apply_vouchers, applyConfig, turn);
  expect(choices(town).map((c) => c.label)).toHaveLength(5);
  const household = await apply_vouchers.onEvent(applyConfig, press(town, 'Limena'), turn);
  expect(household.type).toBe('wait');
  expect(turn.session.data.vars.voucherMunicipality).toBe('limena');
  const income = await apply_vouchers.onEvent(applyConfig, say(TEXTS[lang].three), turn);
  expect(turn.session.data.vars.voucherHousehold).toBe(3);
  expect(choices(income)).toHaveLength(3);
  const confirm = await apply_vouchers.onEvent(applyConfig, press(income, TEXTS[lang].noIncome), turn);
  expect(turn.session.data.vars.voucherIncome).toBe('no_income');
  return confirm;
}

describe.each(['it', 'en'] as const)('after booking (%s)', (lang) => {
  const t = TEXTS[lang];
  const base = lang === 'it' ? 0 : 40;

  it('lists the booking with its reference, and cancelling it frees the seat', async () => {
    const person = resident(base + 1);
    const booking = await book(person, 0);
    const seats = await seatsLeft(booking.slot.id);
    const turn = turnFor(lang, person);

    const list = await enter(my_bookings, listConfig, turn);
    expect(list.type).toBe('wait');
    expect(said(list)).toContain(booking.reference);
    expect(said(list)).toContain(t.service);
    expect(said(list)).toMatch(t.when);

    const chosen = await my_bookings.onEvent(listConfig, press(list, new RegExp(t.service)), turn);
    expect(chosen).toMatchObject({ type: 'go', to: 'cancel' });
    expect(turn.session.data.bookingId).toBe(booking.id);

    const question = await enter(cancel_booking, cancelConfig, turn);
    expect(said(question)).toContain(booking.reference);
    expect(said(question)).toContain(t.cancelQuestion);
    const done = await cancel_booking.onEvent(cancelConfig, say(t.yes), turn);
    expect(done).toMatchObject({ type: 'go', to: 'cancelled' });
    expect(said(done)).toMatch(t.cancelled);
    expect(turn.effects).toEqual([{ type: 'booking_cancelled', bookingId: booking.id }]);
    expect(turn.session.data.bookingId).toBeUndefined();

    const [after] = h.backend.context.ledger.bookingsOf(person.fiscalCode);
    expect(after?.status).toBe('cancelled');
    expect(await seatsLeft(booking.slot.id)).toBe(seats + 1);

    const again = await enter(my_bookings, listConfig, turn);
    expect(again.type).toBe('wait');
    expect(said(again)).toMatch(t.empty);
    expect(said(again)).toMatch(t.cancelledNote);
  });

  it('keeps the booking when the resident says no', async () => {
    const person = resident(base + 2);
    const booking = await book(person, 1);
    const turn = turnFor(lang, person);
    const list = await enter(my_bookings, listConfig, turn);
    await my_bookings.onEvent(listConfig, say('1'), turn);
    expect(turn.session.data.bookingId).toBe(booking.id);

    await enter(cancel_booking, cancelConfig, turn);
    const kept = await cancel_booking.onEvent(cancelConfig, say(t.no), turn);
    expect(kept).toMatchObject({ type: 'go', to: 'kept' });
    expect(said(kept)).toMatch(t.kept);
    expect(turn.effects).toEqual([]);
    const [still] = h.backend.context.ledger.bookingsOf(person.fiscalCode);
    expect(still?.status).toBe('confirmed');
    expect(said(list)).toContain(booking.reference);
  });

  it('says so when this chat booked nothing, offering the lookup by reference; vouchers ask who the resident is first', async () => {
    const nothing = turnFor(lang, resident(base + 3));
    const empty = await enter(my_bookings, listConfig, nothing);
    expect(empty.type).toBe('wait');
    expect(said(empty)).toMatch(t.empty);
    expect(choices(empty)).toHaveLength(2);
    // Looking up another chat's booking asks for personal data: it goes to its consent first, asking nothing here.
    const other = await my_bookings.onEvent(listConfig, { type: 'choice', payload: choices(empty)[0]!.payload.replace(/^\d+:/, '') }, nothing);
    expect(other).toEqual({ type: 'go', to: 'lookup', messages: [] });

    // another person's booking is not this chat's, whatever fiscal code the session holds
    await book(resident(base + 6), 3);
    const stranger = turnFor(lang, resident(base + 6));
    stranger.ctx = { ...stranger.ctx, ownerKey: 'owner-key-of-another-chat-000000000' };
    expect(said(await enter(my_bookings, listConfig, stranger))).toMatch(t.empty);
    expect(await enter(apply_vouchers, applyConfig, turnFor(lang))).toMatchObject({ type: 'go', to: 'identity' });
  });

  it('offers to try again when the backend is down, and lists once it answers', async () => {
    const person = resident(base + 4);
    const booking = await book(person, 2);
    const down: WelfarePort = {
      ...h.backend.client,
      listBookings: async () => {
        throw new BackendUnavailableError({ endpoint: 'GET /v1/bookings', reason: 'timeout' });
      },
    };
    const turn = turnFor(lang, person, down);
    const trouble = await enter(my_bookings, listConfig, turn);
    expect(trouble.type).toBe('wait');
    expect(choices(trouble).map((c) => c.payload)).toEqual([expect.stringMatching(/:retry$/), 'cmd:menu', 'cmd:person']);
    expect(said(trouble)).not.toMatch(/GET|timeout|Error/);

    turn.ctx = { ...h.ctx, ownerKey: ownerOf(person) };
    const list = await my_bookings.onEvent(listConfig, press(trouble, t.retry), turn);
    expect(said(list)).toContain(booking.reference);
  });

  it('applies for grocery vouchers and shows the status, then the decision', async () => {
    const turn = turnFor(lang, resident(base + 5));
    const confirm = await answerVoucherQuestions(turn, lang);
    expect(said(confirm)).toContain('Limena');
    expect(said(confirm)).toContain('3');
    expect(said(confirm)).toContain(t.confirm);

    const sent = await apply_vouchers.onEvent(applyConfig, say(t.yes), turn);
    expect(sent).toMatchObject({ type: 'go', to: 'applied' });
    const reference = /BSP-\d{4}-\d{6}/.exec(said(sent))?.[0];
    expect(reference).toBeDefined();
    const { data } = turn.session;
    expect(data.vouchers).toEqual([{ id: expect.any(String), reference }]);
    expect(data.voucherKey).toBeUndefined();
    expect(data.vars).toEqual({});

    const status = await enter(voucher_status, statusConfig, turn);
    expect(status).toMatchObject({ type: 'go', to: 'menu' });
    expect(said(status)).toContain(reference);
    expect(said(status)).toMatch(t.submitted);

    await patchStatus(data.vouchers[0]!.id, 'approved');
    const approved = await enter(voucher_status, statusConfig, turn);
    expect(said(approved)).toMatch(t.approved);
    expect(said(approved)).toMatch(t.amount);
  });

  it('reuses the municipality of residence and reads typed household sizes', async () => {
    const turn = turnFor(lang, resident(base + 6));
    turn.session.data.answers.residence = 'campodoro';
    const first = await enter(apply_vouchers, applyConfig, turn);
    expect(choices(first)).toEqual([]); // straight to the household size
    const wrong = await apply_vouchers.onEvent(applyConfig, say('25'), turn);
    expect(wrong.type).toBe('misunderstood');
    expect(turn.session.data.vars.voucherHousehold).toBeUndefined();
    await apply_vouchers.onEvent(applyConfig, say(lang === 'it' ? 'siamo in quattro' : 'we are four'), turn);
    expect(turn.session.data.vars.voucherHousehold).toBe(4);

    // Re-entered (after help, say), it asks the next missing fact, not the first one again.
    const income = await enter(apply_vouchers, applyConfig, turn);
    expect(choices(income)).toHaveLength(3);
  });

  it('retries after a backend failure with the same idempotency key: one application only', async () => {
    const keys: string[] = [];
    const created: VoucherApplication[] = [];
    let failNext = true;
    const flaky: WelfarePort = {
      ...h.backend.client,
      applyForVouchers: async (request, key) => {
        keys.push(key);
        const application = await h.backend.client.applyForVouchers(request, key);
        created.push(application);
        if (failNext) {
          failNext = false; // the application landed, the answer was lost on the way back
          throw new BackendUnavailableError({ endpoint: 'POST /v1/voucher-applications', reason: 'timeout' });
        }
        return application;
      },
    };
    const person = resident(base + 7);
    const turn = turnFor(lang, person, flaky);
    await answerVoucherQuestions(turn, lang);
    const trouble = await apply_vouchers.onEvent(applyConfig, say(t.yes), turn);
    expect(trouble.type).toBe('wait');
    expect(turn.session.data.voucherKey).toBe(keys[0]);
    expect(turn.session.data.vars.voucherHousehold).toBe(3);

    const again = await apply_vouchers.onEvent(applyConfig, press(trouble, t.retry), turn);
    expect(said(again)).toContain(t.confirm);
    const sent = await apply_vouchers.onEvent(applyConfig, say(t.yes), turn);
    expect(sent).toMatchObject({ type: 'go', to: 'applied' });
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(created[1]!.id).toBe(created[0]!.id);
    expect(turn.session.data.vouchers).toEqual([{ id: created[0]!.id, reference: created[0]!.reference }]);

    // The backend numbers applications in sequence: the next one (another household's: this one's is pending) proves no second was made.
    const next = await h.backend.client.applyForVouchers(
      {
        municipality: 'limena',
        householdSize: 1,
        incomeSituation: 'income_reduced',
        applicant: resident(base + 17),
        consent: true,
        channel: 'terminal',
        locale: lang,
      },
      randomUUID(),
    );
    const seq = (ref: string) => Number(ref.slice(-6));
    expect(seq(next.reference)).toBe(seq(created[0]!.reference) + 1);
  });

  it('sends nothing when the resident refuses at the confirmation', async () => {
    let calls = 0;
    const counting: WelfarePort = {
      ...h.backend.client,
      applyForVouchers: async (request, key) => {
        calls += 1;
        return h.backend.client.applyForVouchers(request, key);
      },
    };
    const turn = turnFor(lang, resident(base + 8), counting);
    await answerVoucherQuestions(turn, lang);
    const refused = await apply_vouchers.onEvent(applyConfig, say(t.no), turn);
    expect(refused).toMatchObject({ type: 'go', to: 'refused' });
    expect(calls).toBe(0);
    expect(turn.session.data.vouchers).toEqual([]);
    expect(turn.session.data.vars).toEqual({});
    expect(turn.session.data.voucherKey).toBeUndefined();
  });

  it('offers to apply when there is no application yet', async () => {
    const turn = turnFor(lang, resident(base + 9));
    const none = await enter(voucher_status, statusConfig, turn);
    expect(none.type).toBe('wait');
    expect(said(none)).toMatch(t.none);
    const chosen = await voucher_status.onEvent(statusConfig, press(none, t.apply), turn);
    expect(chosen).toMatchObject({ type: 'go', to: 'apply' });
    const lookup = await voucher_status.onEvent(statusConfig, { type: 'choice', payload: choices(none)[0]!.payload.replace(/^\d+:/, '') }, turn);
    expect(lookup).toEqual({ type: 'go', to: 'lookup', messages: [] });
  });
});

describe('household size', () => {
  it.each([
    ['3', 3],
    ['tre', 3],
    ['siamo in 5', 5],
    ['solo io', 1],
    ['just me', 1],
    ['we are two', 2],
    ['0', undefined],
    ['21', undefined],
    ['boh', undefined],
  ])('reads %j as %j', (input, expected) => {
    expect(parseHousehold(input, lexicon)).toBe(expected);
  });
});
