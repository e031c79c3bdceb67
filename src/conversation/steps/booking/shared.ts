// What the booking step kinds share: the service chosen, re-asking the last question, places and prices in words; no I/O of its own.
import { formatPrice, formatPriceSpoken, toRome } from '../../../i18n/format.js';
import { bookingTotal, slotMinutes, unitsOf } from '../../../welfare/booking-price.js';
import type { QuotedPrice, Slot } from '../../../welfare/contract.js';
import { text, type BotMessage } from '../../messages.js';
import { currentOptions, misunderstood, type Option, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { askWithGlobals, type GlobalButton } from '../common.js';

const QUESTION = 'question';
const GLOBALS = 'globals';

/** askWithGlobals that also remembers the question and its global buttons, so a re-ask shows the same message. */
export function ask(turn: StepTurn, question: string, options: Option[], globals: GlobalButton[] = []): BotMessage {
  turn.session.scratch[QUESTION] = question;
  turn.session.scratch[GLOBALS] = globals;
  return askWithGlobals(turn, question, options, globals);
}

/** The last question of this step again, after an answer that matched none of its options. */
export function reaskHere(turn: StepTurn, fallbackQuestion: string): StepOutcome {
  const question = (turn.session.scratch[QUESTION] as string | undefined) ?? fallbackQuestion;
  const globals = (turn.session.scratch[GLOBALS] as GlobalButton[] | undefined) ?? [];
  return misunderstood(text(turn.t('engine.not_understood')), ask(turn, question, currentOptions(turn), globals));
}

export type Place = Pick<Slot, 'delivery' | 'municipality'>;

/** Municipality names by id: every place is named, the town of a home visit and the team of an online slot too. */
export async function municipalityNames(turn: StepTurn): Promise<Map<string, string>> {
  const list = await turn.ctx.welfare.listMunicipalities();
  return new Map(list.map((m) => [m.id, m.name]));
}

// Only reached when the municipality list could not be read: "villafranca-padovana" → "Villafranca Padovana".
const fromSlug = (slug: string) =>
  slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

/** The municipality of a slot, by name. */
export const placeName = (place: Place, names: ReadonlyMap<string, string>): string => names.get(place.municipality) ?? fromSlug(place.municipality);

export function placeLabel(turn: StepTurn, place: Place, names: ReadonlyMap<string, string>): string {
  const town = placeName(place, names);
  if (place.delivery === 'online') return turn.t('booking.where.online', { place: town });
  if (place.delivery === 'at_home') return turn.t('booking.where.at_home', { place: town });
  return town;
}

export const PLACE_TEXTS = ['booking.where.online', 'booking.where.at_home'] as const;

/** The slot picked earlier in this booking, as the backend has it now; undefined once it is gone. */
export async function chosenSlot(turn: StepTurn, serviceId: string): Promise<Slot | undefined> {
  const { slotId, slotStart } = turn.session.data;
  if (!slotId || !slotStart) return undefined;
  const day = toRome(slotStart).toISODate()!;
  return (await turn.ctx.welfare.listSlots(serviceId, { from: day, to: day })).find((s) => s.id === slotId);
}

/** How much a booking of the picked slot costs: the unit price times its length, as the backend will charge it. */
export async function amountDue(turn: StepTurn, serviceId: string): Promise<number> {
  const [quote, slot] = await Promise.all([turn.ctx.welfare.checkEligibility(serviceId, turn.session.data.answers), chosenSlot(turn, serviceId)]);
  return slot ? bookingTotal(quote.price, slot) : quote.price.amount;
}

/** How long a slot lasts, as people say it: "3 ore", "1 ora e mezza", "45 minuti" (whole hours and the minutes left). */
export function lengthText(turn: StepTurn, slot: Pick<Slot, 'start' | 'end'>): string {
  const minutes = slotMinutes(slot);
  return turn.t('booking.length', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
}

/** An amount in euro as this resident reads it: "36 €", or in simple mode in words, "36 euro". */
export function moneyText(turn: StepTurn, amount: number): string {
  const format = turn.profile.simpleMode ? formatPriceSpoken : formatPrice;
  return format(amount, turn.session.lang, turn.ctx.translator.lexicon);
}

export function priceText(turn: StepTurn, price: QuotedPrice): string {
  if (price.amount === 0) return turn.t('common.free');
  const format = turn.profile.simpleMode ? formatPriceSpoken : formatPrice;
  return turn.t('booking.price', {
    amount: format(price.amount, turn.session.lang, turn.ctx.translator.lexicon),
    unit: price.unit,
    tier: price.tier,
  });
}

/** The price of one booking of `slot`: the unit price, and the total when the slot is more or less than one unit. */
export function bookingPriceText(turn: StepTurn, price: QuotedPrice, slot: Pick<Slot, 'start' | 'end'>): string {
  const unit = priceText(turn, price);
  if (price.amount === 0 || unitsOf(price, slot) === 1) return unit;
  const format = turn.profile.simpleMode ? formatPriceSpoken : formatPrice;
  const total = format(bookingTotal(price, slot), turn.session.lang, turn.ctx.translator.lexicon);
  return turn.t('booking.price_total', { total, price: unit, length: lengthText(turn, slot) });
}

export const PRICE_TEXTS = ['common.free', 'booking.price', 'booking.price_total', 'booking.length'] as const;

/** Enough of a fiscal code to recognise it, too little to reuse it: RSSM•••••••••62S. */
export function maskFiscalCode(code: string): string {
  if (code.length <= 7) return '•'.repeat(code.length);
  return `${code.slice(0, 4)}${'•'.repeat(code.length - 7)}${code.slice(-3)}`;
}
