// What the booking step kinds share: config pieces, asking with global buttons, the "backend down" offer, places and prices in words; no I/O of its own.
import { z } from 'zod';
import { SportelloError } from '../../../errors.js';
import { formatPrice } from '../../../i18n/format.js';
import type { LocalizedText, QuotedPrice, Slot } from '../../../welfare/contract.js';
import { text, type BotMessage, type Choice } from '../../messages.js';
import type { ConversationData } from '../../session.js';
import { askChoice, currentOptions, misunderstood, wait, type Option, type StepOutcome, type StepTurn } from '../../step-kind.js';

export const Target = z.string().min(1);

/** A flow that reaches a booking step without what an earlier step should have stored: an authoring mistake. */
export class BookingFlowError extends SportelloError {
  readonly code = 'flow_error';
  override readonly name = 'BookingFlowError';
}

export function serviceOf(data: ConversationData, kind: string): string {
  if (!data.serviceId) throw new BookingFlowError(`${kind}: no service chosen (data.serviceId) before this step`);
  return data.serviceId;
}

/** Buttons the engine itself understands from any step, so a kind need not route them. */
export type GlobalButton = 'menu' | 'person';
const GLOBAL_LABEL: Record<GlobalButton, string> = { menu: 'common.menu', person: 'engine.talk_to_person' };
const QUESTION = 'question';
const GLOBALS = 'globals';

export const globalChoice = (turn: StepTurn, button: GlobalButton): Choice => ({ payload: `cmd:${button}`, label: turn.t(GLOBAL_LABEL[button]) });

/** askChoice that also remembers the question and adds global buttons, so a re-ask shows the same message. */
export function ask(turn: StepTurn, question: string, options: Option[], globals: GlobalButton[] = []): BotMessage {
  turn.session.scratch[QUESTION] = question;
  turn.session.scratch[GLOBALS] = globals;
  const message = askChoice(turn, question, options);
  if (message.type !== 'choices' || globals.length === 0) return message;
  return { ...message, choices: [...message.choices, ...globals.map((g) => globalChoice(turn, g))] };
}

/** The last question of this step again, after an answer that matched none of its options. */
export function reaskHere(turn: StepTurn, fallbackQuestion: string): StepOutcome {
  const question = (turn.session.scratch[QUESTION] as string | undefined) ?? fallbackQuestion;
  const globals = (turn.session.scratch[GLOBALS] as GlobalButton[] | undefined) ?? [];
  return misunderstood(text(turn.t('engine.not_understood')), ask(turn, question, currentOptions(turn), globals));
}

export const RETRY = 'retry';
export const MENU = 'menu';

/**
 * Says the backend is not answering and offers: try again (the kind handles `retry`), the menu, a person.
 * With `menuTarget` the menu is an option of the step (id `menu`), else the engine's global menu button.
 */
export function offerRetry(turn: StepTurn, message: string, menuTarget?: string): StepOutcome {
  const options: Option[] = [{ id: RETRY, label: turn.t('common.retry') }];
  if (menuTarget) options.push({ id: MENU, label: turn.t('common.menu') });
  const globals: GlobalButton[] = menuTarget ? ['person'] : ['menu', 'person'];
  return wait(text(message), ask(turn, turn.t('booking.what_now'), options, globals));
}

export const OFFER_RETRY_TEXTS = ['common.retry', 'common.menu', 'engine.talk_to_person', 'engine.not_understood', 'booking.what_now'] as const;

export function localized(value: LocalizedText, lang: string): string {
  return value[lang] ?? value.it;
}

export type Place = Pick<Slot, 'delivery' | 'municipality'>;

/** Municipality names by id, fetched only when some place is in person. */
export async function municipalityNames(turn: StepTurn, places: readonly Place[]): Promise<Map<string, string>> {
  if (!places.some((p) => p.delivery === 'in_person')) return new Map();
  const list = await turn.ctx.welfare.listMunicipalities();
  return new Map(list.map((m) => [m.id, m.name]));
}

// Only reached when the municipality list could not be read: "villafranca-padovana" → "Villafranca Padovana".
const fromSlug = (slug: string) => slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');

export function placeLabel(turn: StepTurn, place: Place, names: ReadonlyMap<string, string>): string {
  if (place.delivery === 'online') return turn.t('booking.where.online');
  if (place.delivery === 'at_home') return turn.t('booking.where.at_home');
  return names.get(place.municipality) ?? fromSlug(place.municipality);
}

export const PLACE_TEXTS = ['booking.where.online', 'booking.where.at_home'] as const;

export function priceText(turn: StepTurn, price: QuotedPrice): string {
  if (price.amount === 0) return turn.t('common.free');
  return turn.t('booking.price', { amount: formatPrice(price.amount, turn.session.lang), unit: price.unit, tier: price.tier });
}

export const PRICE_TEXTS = ['common.free', 'booking.price'] as const;

/** Enough of a fiscal code to recognise it, too little to reuse it: RSSM•••••••••62S. */
export function maskFiscalCode(code: string): string {
  if (code.length <= 7) return '•'.repeat(code.length);
  return `${code.slice(0, 4)}${'•'.repeat(code.length - 7)}${code.slice(-3)}`;
}
