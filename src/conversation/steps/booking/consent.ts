// Step kind `consent`: asks once, in plain words, for consent to use name, family name and fiscal code; stores only the time of a yes.
import { z } from 'zod';
import type { ContactPoint } from '../../../welfare/contract.js';
import { BackendNotFoundError, BackendUnavailableError } from '../../../welfare/errors.js';
import { contactHours } from '../../contact-text.js';
import { text } from '../../messages.js';
import { go, readChoice, wait, yesNoOptions, type StepKind, type StepTurn } from '../../step-kind.js';
import { Target } from '../common.js';
import { ask, reaskHere } from './shared.js';

const ConsentConfig = z
  .object({
    next: Target,
    refused: Target,
    scope: z.literal('personal').default('personal'),
    /** What the data are for: a booking (default) or an application such as grocery vouchers. */
    purpose: z.enum(['booking', 'application']).default('booking'),
  })
  .strict();
type ConsentConfig = z.infer<typeof ConsentConfig>;

function contactLine(turn: StepTurn, contact: ContactPoint): string {
  const hours = contactHours(contact, turn.session.lang, turn.ctx.translator.lexicon.intlLocale(turn.session.lang));
  const details = [
    contact.phone && turn.t('booking.consent.phone', { phone: contact.phone }),
    contact.email && turn.t('booking.consent.email', { email: contact.email }),
    hours && turn.t('booking.consent.hours', { hours }),
  ].filter(Boolean);
  return turn.t('booking.consent.contact', { name: contact.name, details: details.join(', ') });
}

// The refusal must always reach the resident: a backend that cannot name the contact point only shortens it.
async function contactOf(turn: StepTurn): Promise<ContactPoint | undefined> {
  const serviceId = turn.session.data.serviceId;
  if (!serviceId) return undefined;
  try {
    return (await turn.ctx.welfare.getService(serviceId)).contactPoint;
  } catch (err) {
    if (err instanceof BackendUnavailableError || err instanceof BackendNotFoundError) return undefined;
    throw err;
  }
}

export const consent: StepKind<ConsentConfig> = {
  config: ConsentConfig,
  targets: (c) => [c.next, c.refused],
  texts: () => [],
  ownTexts: [
    'booking.consent.explain',
    'booking.consent.question',
    'booking.consent.refused',
    'booking.consent.contact',
    'booking.consent.phone',
    'booking.consent.email',
    'booking.consent.hours',
    'booking.consent.person',
    'common.yes',
    'common.no',
    'engine.not_understood',
  ],
  enter: async (c, turn) => {
    if (turn.session.data.consent.personal) return go(c.next);
    return wait(text(turn.t('booking.consent.explain', { purpose: c.purpose })), ask(turn, turn.t('booking.consent.question'), yesNoOptions(turn)));
  },
  onEvent: async (c, event, turn) => {
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reaskHere(turn, turn.t('booking.consent.question'));
    if (read.id === 'yes') {
      turn.session.data.consent.personal = turn.ctx.now.toUTC().toISO()!;
      return go(c.next);
    }
    const contact = await contactOf(turn);
    const lines = [
      turn.t('booking.consent.refused', { purpose: c.purpose }),
      ...(contact ? [contactLine(turn, contact)] : []),
      turn.t('booking.consent.person'),
    ];
    return go(c.refused, text(lines.join('\n')));
  },
};
