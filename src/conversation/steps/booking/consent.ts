// Step kind `consent`: asks, in plain words, for consent to one purpose (a booking, a lookup, a voucher application),
// naming what the data are for and who receives them; stores only the time of a yes, under that purpose.
import { z } from 'zod';
import { text } from '../../messages.js';
import { go, readChoice, wait, yesNoOptions, type StepKind } from '../../step-kind.js';
import { Target } from '../common.js';
import { REFUSAL_TEXTS, refusalHelp, type HelpFrom } from '../refusal.js';
import { ask, reaskHere } from './shared.js';

/** The purposes a flow may ask consent for; each has its own text (`consent.explain.<purpose>`) and counts for itself only. */
const Purpose = z.enum(['booking', 'my_bookings', 'vouchers', 'voucher_status']);
type Purpose = z.infer<typeof Purpose>;

const ConsentConfig = z.object({ next: Target, refused: Target, purpose: Purpose }).strict();
type ConsentConfig = z.infer<typeof ConsentConfig>;

/** A booking is helped by the service's own contact point; the rest by the municipality's social services. */
const helpFrom = (purpose: Purpose): HelpFrom => (purpose === 'booking' ? 'service' : 'municipality');

export const consent: StepKind<ConsentConfig> = {
  config: ConsentConfig,
  targets: (c) => [c.next, c.refused],
  texts: (c) => [`consent.explain.${c.purpose}`, `consent.refused.${c.purpose}`],
  ownTexts: ['consent.question', ...REFUSAL_TEXTS, 'common.yes', 'common.no', 'engine.not_understood'],
  enter: async (c, turn) => {
    if (turn.session.data.consent[c.purpose]) return go(c.next);
    const explain = turn.t(`consent.explain.${c.purpose}`, { hours: turn.ctx.privacy.retention.sessionHours });
    return wait(text(explain), ask(turn, turn.t('consent.question'), yesNoOptions(turn)));
  },
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reaskHere(turn, turn.t('consent.question'));
    if (read.id === 'yes') {
      turn.session.data.consent[c.purpose] = turn.ctx.now.toUTC().toISO()!;
      return go(c.next);
    }
    const lines = [turn.t(`consent.refused.${c.purpose}`), ...(await refusalHelp(turn, helpFrom(c.purpose)))];
    return go(c.refused, text(lines.join('\n')));
  },
};
