// What a refused consent leaves open: who can help instead (the service's contact point inside a service, else the
// social services of the resident's municipality when it is known) and a person in the chat; asks nothing more.
import type { ContactPoint } from '../../welfare/contract.js';
import { BackendNotFoundError, BackendUnavailableError } from '../../welfare/errors.js';
import { contactHours } from '../contact-text.js';
import type { StepTurn } from '../step-kind.js';
import { residenceOf } from './common.js';

export const REFUSAL_TEXTS = ['consent.contact', 'consent.phone', 'consent.email', 'consent.hours', 'consent.person'] as const;

/** Whose contact helps: the service being booked, or the municipality's social services (vouchers, lookups). */
export type HelpFrom = 'service' | 'municipality';

function contactLine(turn: StepTurn, contact: ContactPoint): string {
  const hours = contactHours(contact, turn.session.lang, turn.ctx.translator.lexicon.intlLocale(turn.session.lang));
  const details = [
    contact.phone && turn.t('consent.phone', { phone: contact.phone }),
    contact.email && turn.t('consent.email', { email: contact.email }),
    hours && turn.t('consent.hours', { hours }),
  ].filter(Boolean);
  return turn.t('consent.contact', { name: contact.name, details: details.join(', ') });
}

// The refusal must always reach the resident: a backend that cannot name the contact only shortens it.
async function contactOf(turn: StepTurn, from: HelpFrom): Promise<ContactPoint | undefined> {
  const { data } = turn.session;
  try {
    if (from === 'service') return data.serviceId ? (await turn.ctx.welfare.getService(data.serviceId)).contactPoint : undefined;
    const residence = residenceOf(turn);
    if (residence === undefined) return undefined;
    return (await turn.ctx.welfare.listMunicipalities()).find((m) => m.id === residence)?.socialServices;
  } catch (err) {
    if (err instanceof BackendUnavailableError || err instanceof BackendNotFoundError) return undefined;
    throw err;
  }
}

/** The lines that follow a refusal: a contact when one is known, and always the way to a person. */
export async function refusalHelp(turn: StepTurn, from: HelpFrom): Promise<string[]> {
  const contact = await contactOf(turn, from);
  return [...(contact ? [contactLine(turn, contact)] : []), turn.t('consent.person')];
}
