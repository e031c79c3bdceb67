// The resident's own bookings: those of this chat at once, another chat's by reference and fiscal code; read one back and cancel it; I/O only through turn.ctx.welfare.
import { z } from 'zod';
import { toRome } from '../../../i18n/format.js';
import type { Booking } from '../../../welfare/contract.js';
import { BackendNotFoundError, BackendUnavailableError } from '../../../welfare/errors.js';
import type { TurnEvent } from '../../events.js';
import { text } from '../../messages.js';
import {
  askChoice,
  go,
  readChoice,
  reask,
  wait,
  yesNoOptions,
  type Option,
  type StepKind,
  type StepOutcome,
  type StepTurn,
} from '../../step-kind.js';
import { answerWhileDown, backendDown, DOWN_TEXTS, guarded, localized, MAX_LABEL, serviceLabel, shortLabel, Target, whenText } from '../common.js';
import { asking, readLookupAnswer, setAsking, type ReferenceLookup } from './shared.js';

/** Bookings per page: with "more" and "main menu" a question never offers more than 10 options. */
const PAGE = 8;

/** A booking's button holds its day and hour before the service's short name (at most 40): neither is cut. */
const BOOKING_LABEL_MAX = MAX_LABEL + 25;
const serviceName = (b: Booking, turn: StepTurn) => localized(b.service.name, turn.session.lang);
const shortWhen = (b: Booking, turn: StepTurn) =>
  toRome(b.slot.start).setLocale(turn.ctx.translator.lexicon.intlLocale(turn.session.lang)).toFormat('ccc d LLL HH:mm');

function isUpcoming(b: Booking, turn: StepTurn): boolean {
  return b.status === 'confirmed' && toRome(b.slot.start) > turn.ctx.now;
}

/** `lookup`: where "a booking made from another chat" goes first (the consent to look it up). */
const MyBookingsConfig = z.object({ cancel: Target, menu: Target, lookup: Target }).strict();
type MyBookingsConfig = z.infer<typeof MyBookingsConfig>;

/** Said when the bookings cannot be read: nothing is lost. */
const unavailable = (turn: StepTurn) => () => turn.t('mybookings.unavailable');

/** The booking made from another chat, once found by reference and fiscal code: read back from these again. */
const LOOKUP = { reference: 'lookupReference', fiscalCode: 'lookupFiscalCode' } as const;
const BOOKING_LOOKUP: ReferenceLookup = {
  prefix: 'WBC',
  key: LOOKUP.reference,
  texts: {
    reference: 'mybookings.lookup.reference',
    referenceInvalid: 'mybookings.lookup.reference_invalid',
    fiscalCode: 'mybookings.lookup.fiscal_code',
  },
};

function clearLookup(turn: StepTurn): void {
  delete turn.session.data.vars[LOOKUP.reference];
  delete turn.session.data.vars[LOOKUP.fiscalCode];
}

/** Only this chat identity's own bookings: without an owner key, none. */
const mine = (turn: StepTurn) => (turn.ctx.ownerKey ? turn.ctx.welfare.listBookings(turn.ctx.ownerKey) : Promise.resolve([]));

function askOtherOrMenu(turn: StepTurn, ...before: ReturnType<typeof text>[]): StepOutcome {
  const question = askChoice(turn, turn.t('mybookings.list.question_empty'), [
    { id: 'other', label: turn.t('mybookings.list.other') },
    { id: 'menu', label: turn.t('common.menu') },
  ]);
  setAsking(turn, 'choose');
  return wait(...before, question);
}

async function showBookings(turn: StepTurn, page: number): Promise<StepOutcome> {
  const bookings = await mine(turn);
  const upcoming = bookings.filter((b) => isUpcoming(b, turn)).sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  const cancelled = bookings.filter((b) => b.status === 'cancelled').length;
  const cancelledNote = cancelled > 0 && page === 0 ? [text(turn.t('mybookings.list.cancelled', { count: cancelled }))] : [];
  if (upcoming.length === 0) return askOtherOrMenu(turn, text(turn.t('mybookings.list.empty')), ...cancelledNote);

  const first = page * PAGE < upcoming.length ? page * PAGE : 0;
  const shown = upcoming.slice(first, first + PAGE);
  // Numbered per page, like the options, so a typed "2" is the second booking shown.
  const lines = shown.map((b, i) =>
    turn.t('mybookings.list.item', { n: i + 1, service: serviceName(b, turn), when: whenText(turn, b.slot.start), reference: b.reference }),
  );
  const options: Option[] = shown.map((b) => ({
    id: `b:${b.id}`,
    // Simple mode spells the day out ("lunedì 2 marzo alle 15"): no abbreviations there.
    label: shortLabel(
      `${turn.profile.simpleMode ? whenText(turn, b.slot.start) : shortWhen(b, turn)} · ${serviceLabel(b.service, turn.session.lang, turn.ctx.translator.lexicon)}`,
      turn.ctx.translator.lexicon,
      BOOKING_LABEL_MAX,
    ),
    synonyms: [b.reference],
  }));
  if (first + PAGE < upcoming.length) options.push({ id: 'more', label: turn.t('common.more') });
  options.push({ id: 'other', label: turn.t('mybookings.list.other') });
  options.push({ id: 'menu', label: turn.t('common.menu') });
  turn.session.scratch.page = first / PAGE;
  const intro = turn.t('mybookings.list.intro', { count: upcoming.length });
  const question = askChoice(turn, turn.t('mybookings.list.question'), options);
  setAsking(turn, 'choose');
  return wait(text([intro, ...lines].join('\n\n')), ...cancelledNote, question);
}

const FindConfig = z.object({ cancel: Target, menu: Target }).strict();
type FindConfig = z.infer<typeof FindConfig>;

/** The reference, then the fiscal code: both must match one booking, or nothing is shown. */
async function lookUp(c: FindConfig, turn: StepTurn, fiscalCode: string): Promise<StepOutcome> {
  const { vars } = turn.session.data;
  const reference = String(vars[LOOKUP.reference]);
  let booking: Booking;
  try {
    booking = await turn.ctx.welfare.findBooking(reference, fiscalCode);
  } catch (err) {
    if (!(err instanceof BackendNotFoundError)) throw err;
    clearLookup(turn);
    return askOtherOrMenu(turn, text(turn.t('mybookings.lookup.not_found')));
  }
  vars[LOOKUP.fiscalCode] = fiscalCode;
  turn.session.data.bookingId = booking.id;
  return go(c.cancel);
}

function onLookupAnswer(c: FindConfig, event: TurnEvent, turn: StepTurn): StepOutcome | Promise<StepOutcome> {
  return readLookupAnswer(BOOKING_LOOKUP, event, turn, (fiscalCode) => guarded(turn, () => lookUp(c, turn, fiscalCode), unavailable(turn)));
}

/** Lists this chat's upcoming bookings at once, or finds one made elsewhere; choosing one stores `data.bookingId` and goes to `cancel`. */
export const my_bookings: StepKind<MyBookingsConfig> = {
  config: MyBookingsConfig,
  targets: (c) => [c.cancel, c.menu, c.lookup],
  texts: () => [],
  ownTexts: [
    'mybookings.list.intro',
    'mybookings.list.item',
    'mybookings.list.cancelled',
    'mybookings.list.empty',
    'mybookings.list.question',
    'mybookings.list.question_empty',
    'mybookings.list.other',
    'mybookings.unavailable',
    'common.more',
    ...DOWN_TEXTS,
  ],
  enter: (_c, turn) => guarded(turn, () => showBookings(turn, 0), unavailable(turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => my_bookings.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('mybookings.list.question'));
    if (read.id === 'menu') return go(c.menu);
    if (read.id === 'other') return go(c.lookup);
    if (read.id === 'more') return guarded(turn, () => showBookings(turn, Number(turn.session.scratch.page ?? 0) + 1), unavailable(turn));
    turn.session.data.bookingId = read.id.slice('b:'.length);
    return go(c.cancel);
  },
};

function askReference(turn: StepTurn): StepOutcome {
  clearLookup(turn);
  setAsking(turn, 'reference');
  return wait(text(turn.t('mybookings.lookup.reference')));
}

/** Finds a booking made from another chat by its reference and the fiscal code it was made with (after consent). */
export const find_booking: StepKind<FindConfig> = {
  config: FindConfig,
  targets: (c) => [c.cancel, c.menu],
  texts: () => [],
  ownTexts: [
    'mybookings.lookup.reference',
    'mybookings.lookup.reference_invalid',
    'mybookings.lookup.fiscal_code',
    'mybookings.lookup.not_found',
    'mybookings.list.question_empty',
    'mybookings.list.other',
    'booking.identity.fiscal_code_invalid',
    'mybookings.unavailable',
    ...DOWN_TEXTS,
  ],
  enter: async (_c, turn) => askReference(turn),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => find_booking.enter(c, turn));
    if (down) return down;
    if (asking(turn) === 'reference' || asking(turn) === 'fiscal_code') return onLookupAnswer(c, event, turn);
    // After "not found": look again, or the menu.
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('mybookings.list.question_empty'));
    return read.id === 'other' ? askReference(turn) : go(c.menu);
  },
};

const CancelConfig = z.object({ next: Target, kept: Target }).strict();
type CancelConfig = z.infer<typeof CancelConfig>;

/** The booking found by reference and fiscal code in this conversation, read again as it is now. */
async function foundElsewhere(turn: StepTurn, id: string): Promise<Booking | undefined> {
  const { vars } = turn.session.data;
  const reference = vars[LOOKUP.reference];
  const fiscalCode = vars[LOOKUP.fiscalCode];
  if (typeof reference !== 'string' || typeof fiscalCode !== 'string') return undefined;
  try {
    const booking = await turn.ctx.welfare.findBooking(reference, fiscalCode);
    return booking.id === id ? booking : undefined;
  } catch (err) {
    if (err instanceof BackendNotFoundError) return undefined;
    throw err;
  }
}

async function readBack(c: CancelConfig, turn: StepTurn): Promise<StepOutcome> {
  const { data } = turn.session;
  const id = data.bookingId;
  // Nothing chosen: nothing changes.
  if (!id) return go(c.kept);
  const booking = (await mine(turn)).find((b) => b.id === id) ?? (await foundElsewhere(turn, id));
  if (!booking) {
    delete data.bookingId;
    clearLookup(turn);
    return go(c.kept, text(turn.t('mybookings.cancel.missing')));
  }
  if (booking.status === 'cancelled') {
    delete data.bookingId;
    return go(c.next, text(turn.t('mybookings.cancel.already', { reference: booking.reference })));
  }
  if (!isUpcoming(booking, turn)) {
    delete data.bookingId;
    return go(c.kept, text(turn.t('mybookings.cancel.past')));
  }
  const summary = turn.t('mybookings.cancel.summary', {
    service: serviceName(booking, turn),
    when: whenText(turn, booking.slot.start),
    reference: booking.reference,
  });
  const question = askChoice(turn, turn.t('mybookings.cancel.question'), yesNoOptions(turn));
  setAsking(turn, 'confirm');
  return wait(text(summary), question);
}

/** Reads back the booking in `data.bookingId` and cancels it once the resident says yes. */
export const cancel_booking: StepKind<CancelConfig> = {
  config: CancelConfig,
  targets: (c) => [c.next, c.kept],
  texts: () => [],
  ownTexts: [
    'mybookings.cancel.summary',
    'mybookings.cancel.question',
    'mybookings.cancel.done',
    'mybookings.cancel.kept',
    'mybookings.cancel.already',
    'mybookings.cancel.past',
    'mybookings.cancel.missing',
    'mybookings.cancel.unavailable',
    'mybookings.unavailable',
    'common.yes',
    'common.no',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => readBack(c, turn), unavailable(turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => cancel_booking.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('mybookings.cancel.question'));
    const { data } = turn.session;
    const bookingId = data.bookingId;
    if (read.id === 'no' || !bookingId) {
      delete data.bookingId;
      clearLookup(turn);
      return go(c.kept, text(turn.t('mybookings.cancel.kept')));
    }
    let reference: string;
    try {
      reference = (await turn.ctx.welfare.cancelBooking(bookingId)).reference;
    } catch (err) {
      // Whether the cancel landed is unknown: "try again" reads the booking back as it is now.
      if (err instanceof BackendUnavailableError) return backendDown(turn, turn.t('mybookings.cancel.unavailable'));
      if (err instanceof BackendNotFoundError) {
        delete data.bookingId;
        return go(c.kept, text(turn.t('mybookings.cancel.missing')));
      }
      throw err;
    }
    delete data.bookingId;
    clearLookup(turn);
    turn.effects.push({ type: 'booking_cancelled', bookingId });
    return go(c.next, text(turn.t('mybookings.cancel.done', { reference })));
  },
};
