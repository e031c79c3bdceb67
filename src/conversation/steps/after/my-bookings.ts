// The resident's own bookings: list the upcoming ones, read one back and cancel it; I/O only through turn.ctx.welfare.
import { z } from 'zod';
import { toRome } from '../../../i18n/format.js';
import type { Booking } from '../../../welfare/contract.js';
import { BackendNotFoundError, BackendUnavailableError } from '../../../welfare/errors.js';
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
import { answerWhileDown, backendDown, DOWN_TEXTS, guarded, localized, shortLabel, Target, whenText } from '../common.js';
import { setAsking } from './shared.js';

/** Bookings per page: with "more" and "main menu" a question never offers more than 10 options. */
const PAGE = 8;

const serviceName = (b: Booking, turn: StepTurn) => localized(b.service.name, turn.session.lang);
const shortWhen = (b: Booking, turn: StepTurn) =>
  toRome(b.slot.start).setLocale(turn.ctx.translator.lexicon.intlLocale(turn.session.lang)).toFormat('ccc d LLL HH:mm');

function isUpcoming(b: Booking, turn: StepTurn): boolean {
  return b.status === 'confirmed' && toRome(b.slot.start) > turn.ctx.now;
}

const MyBookingsConfig = z.object({ identity: Target, cancel: Target, menu: Target, empty: Target }).strict();
type MyBookingsConfig = z.infer<typeof MyBookingsConfig>;

/** Said when the bookings cannot be read: nothing is lost. */
const unavailable = (turn: StepTurn) => () => turn.t('mybookings.unavailable');

async function showBookings(c: MyBookingsConfig, turn: StepTurn, page: number): Promise<StepOutcome> {
  const { data } = turn.session;
  if (!data.person) return go(c.identity);
  const bookings = await turn.ctx.welfare.listBookings(data.person.fiscalCode);
  const upcoming = bookings.filter((b) => isUpcoming(b, turn)).sort((a, b) => Date.parse(a.slot.start) - Date.parse(b.slot.start));
  const cancelled = bookings.filter((b) => b.status === 'cancelled').length;
  const cancelledNote = cancelled > 0 && page === 0 ? [text(turn.t('mybookings.list.cancelled', { count: cancelled }))] : [];
  if (upcoming.length === 0) return go(c.empty, text(turn.t('mybookings.list.empty')), ...cancelledNote);

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
      `${turn.profile.simpleMode ? whenText(turn, b.slot.start) : shortWhen(b, turn)} · ${serviceName(b, turn)}`,
      turn.ctx.translator.lexicon,
    ),
    synonyms: [b.reference],
  }));
  if (first + PAGE < upcoming.length) options.push({ id: 'more', label: turn.t('common.more') });
  options.push({ id: 'menu', label: turn.t('common.menu') });
  turn.session.scratch.page = first / PAGE;
  const intro = turn.t('mybookings.list.intro', { count: upcoming.length });
  const question = askChoice(turn, turn.t('mybookings.list.question'), options);
  setAsking(turn, 'choose');
  return wait(text([intro, ...lines].join('\n\n')), ...cancelledNote, question);
}

/** Lists the resident's upcoming bookings; choosing one stores `data.bookingId` and goes to `cancel`. */
export const my_bookings: StepKind<MyBookingsConfig> = {
  config: MyBookingsConfig,
  targets: (c) => [c.identity, c.cancel, c.menu, c.empty],
  texts: () => [],
  ownTexts: [
    'mybookings.list.intro',
    'mybookings.list.item',
    'mybookings.list.cancelled',
    'mybookings.list.empty',
    'mybookings.list.question',
    'mybookings.unavailable',
    'common.more',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => showBookings(c, turn, 0), unavailable(turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => my_bookings.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('mybookings.list.question'));
    if (read.id === 'menu') return go(c.menu);
    if (read.id === 'more') return guarded(turn, () => showBookings(c, turn, Number(turn.session.scratch.page ?? 0) + 1), unavailable(turn));
    turn.session.data.bookingId = read.id.slice('b:'.length);
    return go(c.cancel);
  },
};

const CancelConfig = z.object({ next: Target, kept: Target }).strict();
type CancelConfig = z.infer<typeof CancelConfig>;

async function readBack(c: CancelConfig, turn: StepTurn): Promise<StepOutcome> {
  const { data } = turn.session;
  const id = data.bookingId;
  // Nothing chosen (or no identity to look it up with): nothing changes.
  if (!id || !data.person) return go(c.kept);
  const booking = (await turn.ctx.welfare.listBookings(data.person.fiscalCode)).find((b) => b.id === id);
  if (!booking) {
    delete data.bookingId;
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
    turn.effects.push({ type: 'booking_cancelled', bookingId });
    return go(c.next, text(turn.t('mybookings.cancel.done', { reference })));
  },
};
