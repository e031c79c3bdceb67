// What the booking step kinds share: the service chosen, re-asking the last question, places and prices in words; no I/O of its own.
import { formatPrice, formatPriceSpoken } from '../../../i18n/format.js';
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

/** Municipality names by id, fetched only when some place is in person. */
export async function municipalityNames(turn: StepTurn, places: readonly Place[]): Promise<Map<string, string>> {
  if (!places.some((p) => p.delivery === 'in_person')) return new Map();
  const list = await turn.ctx.welfare.listMunicipalities();
  return new Map(list.map((m) => [m.id, m.name]));
}

// Only reached when the municipality list could not be read: "villafranca-padovana" → "Villafranca Padovana".
const fromSlug = (slug: string) =>
  slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');

export function placeLabel(turn: StepTurn, place: Place, names: ReadonlyMap<string, string>): string {
  if (place.delivery === 'online') return turn.t('booking.where.online');
  if (place.delivery === 'at_home') return turn.t('booking.where.at_home');
  return names.get(place.municipality) ?? fromSlug(place.municipality);
}

export const PLACE_TEXTS = ['booking.where.online', 'booking.where.at_home'] as const;

export function priceText(turn: StepTurn, price: QuotedPrice): string {
  if (price.amount === 0) return turn.t('common.free');
  const format = turn.profile.simpleMode ? formatPriceSpoken : formatPrice;
  return turn.t('booking.price', {
    amount: format(price.amount, turn.session.lang, turn.ctx.translator.lexicon),
    unit: price.unit,
    tier: price.tier,
  });
}

export const PRICE_TEXTS = ['common.free', 'booking.price'] as const;

/** Enough of a fiscal code to recognise it, too little to reuse it: RSSM•••••••••62S. */
export function maskFiscalCode(code: string): string {
  if (code.length <= 7) return '•'.repeat(code.length);
  return `${code.slice(0, 4)}${'•'.repeat(code.length - 7)}${code.slice(-3)}`;
}
