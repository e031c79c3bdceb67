// Step kind `book`: creates the booking with the key kept in the session, so no retry can ever book twice; turns every backend answer into a way forward.
import { z } from 'zod';
import { ProblemType, type Booking, type Service } from '../../../welfare/contract.js';
import {
  BackendConflictError,
  BackendContractError,
  BackendRejectedError,
  BackendUnavailableError,
  isBackendError,
} from '../../../welfare/errors.js';
import { text } from '../../messages.js';
import { go, readChoice, wait, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { answerWhileDown, chosenService, backendDown, DOWN_TEXTS, guarded, localizedFor, Target, type GlobalButton, whenText } from '../common.js';
import { ask, moneyText, municipalityNames, placeName, reaskHere } from './shared.js';

const BookConfig = z
  .object({
    next: Target,
    /** Where the slot was chosen: taken when it filled up or is gone. */
    slot: Target,
    /** Where the eligibility answers are checked: taken when the backend finds them not eligible. */
    eligibility: Target,
    /** Where the identity is asked: taken when the backend refuses the fiscal code. */
    identity: Target,
    /** Where payment is chosen: taken when the welfare credit can no longer pay (spent meanwhile, plan changed). */
    payment: Target.optional(),
    /** Where "main menu" goes after the backend refused the booking for good; without it the engine's own menu. */
    retry_menu: Target.optional(),
  })
  .strict();
type BookConfig = z.infer<typeof BookConfig>;

const MENU = 'menu';
/** The welfare credit could not pay: what the resident is told before choosing again. */
const CREDIT_REFUSALS = new Map<string, string>([
  [ProblemType.insufficientCredit, 'booking.book.insufficientCredit'],
  [ProblemType.notCoveredByPlan, 'booking.book.notCoveredByPlan'],
  [ProblemType.accountExpired, 'booking.book.accountExpired'],
]);

// Sent on success only: the booking is made, so a failure here must never turn it into an error.
async function tolerant<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isBackendError(err)) return undefined;
    throw err;
  }
}

async function confirmed(c: BookConfig, turn: StepTurn, booking: Booking): Promise<StepOutcome> {
  const data = turn.session.data;
  data.bookingId = booking.id;
  delete data.bookingKey;
  delete data.slotId;
  turn.effects.push({ type: 'booking_confirmed', bookingId: booking.id, slotStart: booking.slot.start, serviceId: booking.service.id });
  const names = (await tolerant(() => municipalityNames(turn))) ?? new Map<string, string>();
  const service: Service | undefined = await tolerant(() => turn.ctx.welfare.getService(booking.service.id));
  const lines = [
    turn.t('booking.book.confirmed', {
      reference: booking.reference,
      when: whenText(turn, booking.slot.start),
      delivery: booking.slot.delivery,
      place: placeName(booking.slot, names),
    }),
  ];
  if (booking.payment) {
    lines.push(
      turn.t('booking.book.paid', {
        amount: moneyText(turn, booking.payment.amount),
        left: moneyText(turn, booking.payment.creditLeft),
      }),
    );
  } else {
    // not paid with credit: the resident pays the provider directly (the contract's meaning of a booking without payment)
    const total = booking.total ?? booking.price.amount;
    if (total > 0) {
      lines.push(
        turn.t('booking.book.pay_direct', {
          amount: moneyText(turn, total),
          named: service ? 'yes' : 'no',
          provider: service?.provider.name ?? '',
        }),
      );
    }
  }
  const bring = service?.requirements.map((r) => `• ${localizedFor(turn, r)}`) ?? [];
  if (bring.length > 0) lines.push(turn.t('booking.book.bring'), ...bring);
  lines.push(turn.t('booking.book.keep_code'));
  return go(c.next, text(lines.join('\n')));
}

function failed(c: BookConfig, turn: StepTurn): StepOutcome {
  const globals: GlobalButton[] = c.retry_menu ? ['person'] : ['menu', 'person'];
  const options = c.retry_menu ? [{ id: MENU, label: turn.t('common.menu') }] : [];
  return wait(text(turn.t('booking.book.failed')), ask(turn, turn.t('booking.what_now'), options, globals));
}

/** The person already holds this slot: an earlier attempt went through under a key since replaced. */
async function recover(c: BookConfig, turn: StepTurn, slotId: string): Promise<StepOutcome> {
  const { ownerKey } = turn.ctx;
  // Only a booking this chat made is read back as "yours"; one made elsewhere stays unnamed.
  const held = ownerKey && (await turn.ctx.welfare.listBookings(ownerKey)).find((b) => b.slot.id === slotId && b.status === 'confirmed');
  return held ? confirmed(c, turn, held) : failed(c, turn);
}

// Whether a booking was made is unknown whenever the backend does not answer: the offer says so.
const uncertain = (turn: StepTurn) => turn.t('booking.book.uncertain');

/** One attempt, or the honest offer to try again (with the same key) when the backend does not answer. */
const tryBooking = (c: BookConfig, turn: StepTurn) =>
  guarded(
    turn,
    () => attempt(c, turn),
    () => uncertain(turn),
  );

async function attempt(c: BookConfig, turn: StepTurn, renewedKey = false): Promise<StepOutcome> {
  const data = turn.session.data;
  const serviceId = chosenService(turn, 'book');
  const { slotId, person } = data;
  if (!slotId) return go(c.slot);
  if (!person) return go(c.identity);
  // Normally made by confirm_booking a turn earlier; made here only for flows that skip the read-back.
  data.bookingKey ??= turn.ctx.newId();
  const request = {
    serviceId,
    slotId,
    person,
    answers: data.answers,
    channel: turn.ctx.channel,
    locale: turn.session.lang,
    ...(data.payment ? { payment: { method: 'welfare_credit' as const, accountId: data.payment.accountId } } : {}),
    ...(turn.ctx.ownerKey ? { ownerKey: turn.ctx.ownerKey } : {}),
  };
  let booking: Booking;
  try {
    booking = await turn.ctx.welfare.createBooking(request, data.bookingKey);
  } catch (err) {
    // A lost or unreadable answer to a write may hide a booking made: say so, keep the key, offer the safe retry.
    if (err instanceof BackendUnavailableError || err instanceof BackendContractError) return backendDown(turn, uncertain(turn));
    if (err instanceof BackendConflictError) {
      if (err.problemType === ProblemType.slotFull) return slotLost(c, turn, 'booking.book.slot_full');
      if (err.problemType === ProblemType.alreadyBooked) return recover(c, turn, slotId);
      const refusal = err.problemType === undefined ? undefined : CREDIT_REFUSALS.get(err.problemType);
      if (refusal && data.payment) {
        // Nothing was booked: choose again how to pay (a new key, since the request will differ).
        delete data.payment;
        delete data.bookingKey;
        return c.payment ? go(c.payment, text(turn.t(refusal))) : failed(c, turn);
      }
      // The key went with another request (the slot or language changed after an uncertain attempt).
      if (err.problemType === ProblemType.idempotencyConflict && !renewedKey) {
        data.bookingKey = turn.ctx.newId();
        return attempt(c, turn, true);
      }
    }
    if (err instanceof BackendRejectedError) {
      if (err.problemType === ProblemType.slotUnavailable) return slotLost(c, turn, 'booking.book.slot_gone');
      if (err.problemType === ProblemType.notEligible) return go(c.eligibility, text(turn.t('booking.book.not_eligible')));
      const aboutPerson = err.problemType === ProblemType.validation && err.fieldErrors.some((e) => e.path.startsWith('person'));
      if (err.problemType === ProblemType.invalidFiscalCode || aboutPerson) {
        // Names stay, so collect_identity asks only for the code again.
        data.vars.givenName = person.givenName;
        data.vars.familyName = person.familyName;
        delete data.person;
        return go(c.identity, text(turn.t('booking.book.bad_identity')));
      }
      if (err.problemType === ProblemType.validation) return go(c.eligibility, text(turn.t('booking.book.check_answers')));
    }
    if (isBackendError(err)) return failed(c, turn);
    throw err;
  }
  return confirmed(c, turn, booking);
}

function slotLost(c: BookConfig, turn: StepTurn, key: string): StepOutcome {
  delete turn.session.data.slotId;
  delete turn.session.data.slotStart;
  return go(c.slot, text(turn.t(key)));
}

export const book: StepKind<BookConfig> = {
  config: BookConfig,
  targets: (c) => [c.next, c.slot, c.eligibility, c.identity, ...(c.payment ? [c.payment] : []), ...(c.retry_menu ? [c.retry_menu] : [])],
  texts: () => [],
  ownTexts: [
    'booking.book.confirmed',
    'booking.book.bring',
    'booking.book.keep_code',
    'booking.book.uncertain',
    'booking.book.failed',
    'booking.book.slot_full',
    'booking.book.slot_gone',
    'booking.book.not_eligible',
    'booking.book.bad_identity',
    'booking.book.check_answers',
    'booking.book.paid',
    'booking.book.pay_direct',
    'booking.book.insufficientCredit',
    'booking.book.notCoveredByPlan',
    'booking.book.accountExpired',
    'booking.what_now',
    'common.menu',
    ...DOWN_TEXTS,
  ],
  // Entering again (after help or a language change) repeats the same request with the same key: at most a replay.
  enter: (c, turn) => tryBooking(c, turn),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => tryBooking(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind === 'chosen' && read.id === MENU && c.retry_menu) return go(c.retry_menu);
    return reaskHere(turn, turn.t('booking.what_now'));
  },
};
