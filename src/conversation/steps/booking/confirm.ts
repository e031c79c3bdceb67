// Step kind `confirm_booking`: reads back service, time, place, price and name (fiscal code masked) and asks for a yes; books nothing.
import { z } from 'zod';
import { text } from '../../messages.js';
import { go, readChoice, wait, yesNoOptions, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { FlowError } from '../../flow.js';
import { answerWhileDown, chosenService, DOWN_TEXTS, guarded, localized, Target, whenText } from '../common.js';
import { bookingTotal } from '../../../welfare/booking-price.js';
import {
  ask,
  bookingPriceText,
  chosenSlot,
  lengthText,
  maskFiscalCode,
  moneyText,
  municipalityNames,
  placeLabel,
  PLACE_TEXTS,
  priceText,
  PRICE_TEXTS,
  reaskHere,
} from './shared.js';

const ConfirmConfig = z.object({ next: Target, declined: Target }).strict();
type ConfirmConfig = z.infer<typeof ConfirmConfig>;

async function readBack(turn: StepTurn): Promise<StepOutcome> {
  const data = turn.session.data;
  const serviceId = chosenService(turn, 'confirm_booking');
  const { slotId, slotStart, person } = data;
  if (!slotId || !slotStart || !person) throw new FlowError('confirm_booking: no slot or person stored before this step');
  // Made here, a turn before `book` uses it, so even a retried booking turn finds the same key in the saved session.
  data.bookingKey ??= turn.ctx.newId();
  const lang = turn.session.lang;
  const lines: string[] = [turn.t('booking.confirm.intro')];
  const [service, quote, slot] = await Promise.all([
    turn.ctx.welfare.getService(serviceId),
    turn.ctx.welfare.checkEligibility(serviceId, data.answers),
    chosenSlot(turn, serviceId),
  ]);
  lines.push(turn.t('booking.confirm.service', { service: localized(service.name, lang) }));
  lines.push(turn.t('booking.confirm.when', { when: slot ? `${whenText(turn, slotStart)} (${lengthText(turn, slot)})` : whenText(turn, slotStart) }));
  if (slot) lines.push(turn.t('booking.confirm.where', { where: placeLabel(turn, slot, await municipalityNames(turn)) }));
  lines.push(turn.t('booking.confirm.price', { price: slot ? bookingPriceText(turn, quote.price, slot) : priceText(turn, quote.price) }));
  // what the backend will charge: the unit price times the slot's length
  const amount = slot ? bookingTotal(quote.price, slot) : quote.price.amount;
  // how it is paid, whenever it costs something: with the welfare credit, else directly to the provider (free says the price)
  if (data.payment && amount > 0) {
    const account = await turn.ctx.welfare.getWelfareAccount(data.payment.accountId);
    lines.push(
      turn.t('booking.confirm.payment', {
        plan: localized(account.plan.name, lang),
        amount: moneyText(turn, amount),
        left: moneyText(turn, Math.round((account.availableCredit - amount) * 100) / 100),
      }),
    );
  } else if (amount > 0) {
    lines.push(turn.t('booking.confirm.payment_direct', { amount: moneyText(turn, amount), provider: service.provider.name }));
  }
  lines.push(turn.t('booking.confirm.person', { name: `${person.givenName} ${person.familyName}`, fiscalCode: maskFiscalCode(person.fiscalCode) }));
  return wait(text(lines.join('\n')), ask(turn, turn.t('booking.confirm.question'), yesNoOptions(turn)));
}

export const confirmBooking: StepKind<ConfirmConfig> = {
  config: ConfirmConfig,
  targets: (c) => [c.next, c.declined],
  texts: () => [],
  ownTexts: [
    'booking.confirm.intro',
    'booking.confirm.service',
    'booking.confirm.when',
    'booking.confirm.where',
    'booking.confirm.price',
    'booking.confirm.payment',
    'booking.confirm.payment_direct',
    'booking.confirm.person',
    'booking.confirm.question',
    'booking.confirm.declined',
    'common.yes',
    'common.no',
    ...PLACE_TEXTS,
    ...PRICE_TEXTS,
    ...DOWN_TEXTS,
  ],
  enter: (_c, turn) => guarded(turn, () => readBack(turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => confirmBooking.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reaskHere(turn, turn.t('booking.confirm.question'));
    if (read.id === 'yes') return go(c.next);
    return go(c.declined, text(turn.t('booking.confirm.declined')));
  },
};
