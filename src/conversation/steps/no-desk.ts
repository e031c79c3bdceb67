// Reaching a person when no staff desk answers in the chat: the real contact of the resident's municipality's social
// services (and, inside a service, the service's own), from the backend's data. Never promises a call.
import type { Municipality } from '../../welfare/contract.js';
import { contactLines } from '../contact-text.js';
import type { TurnEvent } from '../events.js';
import type { BotMessage } from '../messages.js';
import { askChoice, go, readChoice, reask, wait, type StepOutcome, type StepTurn } from '../step-kind.js';
import { localized, text } from './common.js';

/** Scratch flag: the step asked which municipality the resident lives in. */
const ASKED = 'handoffMunicipality';
/** The answer name a `/start mun_<id>` link and the residence questions fill. */
const RESIDENCE = 'residence';

export const NO_DESK_TEXTS = [
  'handoff.no_desk_municipality',
  'handoff.no_desk_no_contact',
  'handoff.no_desk_which',
  'handoff.no_desk_unavailable',
  'handoff.no_desk_service',
  'handoff.no_desk_back',
  'handoff.contact.phone',
  'handoff.contact.email',
  'handoff.contact.hours',
] as const;

const lines = (turn: StepTurn, contact: NonNullable<Municipality['socialServices']>) =>
  contactLines(contact, turn.session.lang, turn.ctx.translator.lexicon.intlLocale(turn.session.lang), (k, p) => turn.t(k, p));

/** The service's own contact point, unless a municipality runs it: then the resident's own social services answer. */
async function serviceContact(turn: StepTurn): Promise<BotMessage[]> {
  const id = turn.session.data.serviceId;
  if (!id) return [];
  const service = await turn.ctx.welfare.getService(id).catch(() => undefined);
  if (!service || service.provider.kind === 'municipality') return [];
  return [
    text(turn.t('handoff.no_desk_service', { service: localized(service.name, turn.session.lang), contact: lines(turn, service.contactPoint) })),
  ];
}

async function contacts(next: string, turn: StepTurn, town: Municipality, lead: BotMessage[]): Promise<StepOutcome> {
  const own = town.socialServices
    ? turn.t('handoff.no_desk_municipality', { municipality: town.name, contact: lines(turn, town.socialServices) })
    : turn.t('handoff.no_desk_no_contact', { municipality: town.name });
  return go(next, ...lead, text(own), ...(await serviceContact(turn)), text(turn.t('handoff.no_desk_back')));
}

/** Gives the contacts at once when the municipality is known, else asks it (one tap, then one short answer). */
export async function noDeskEnter(next: string, turn: StepTurn, lead: BotMessage[]): Promise<StepOutcome> {
  let towns: Municipality[];
  try {
    towns = await turn.ctx.welfare.listMunicipalities();
  } catch {
    return go(next, ...lead, text(turn.t('handoff.no_desk_unavailable')), text(turn.t('handoff.no_desk_back')));
  }
  const residence = turn.session.data.answers[RESIDENCE];
  const town = towns.find((m) => m.id === residence);
  if (town) return contacts(next, turn, town, lead);
  turn.session.scratch[ASKED] = true;
  return wait(
    ...lead,
    askChoice(
      turn,
      turn.t('handoff.no_desk_which'),
      towns.map((m) => ({ id: `m:${m.id}`, label: m.name })),
    ),
  );
}

/** The answer to "which municipality", when this step asked it; undefined when it did not. */
export async function noDeskAnswer(next: string, event: TurnEvent, turn: StepTurn): Promise<StepOutcome | undefined> {
  if (turn.session.scratch[ASKED] !== true) return undefined;
  const read = readChoice(event, turn);
  if (read.kind !== 'chosen') return reask(turn, turn.t('handoff.no_desk_which'));
  const id = read.id.slice(2);
  const town = await turn.ctx.welfare.listMunicipalities().then(
    (towns) => towns.find((m) => m.id === id),
    () => undefined,
  );
  delete turn.session.scratch[ASKED];
  if (!town) return go(next, text(turn.t('handoff.no_desk_unavailable')), text(turn.t('handoff.no_desk_back')));
  // Kept like any residence answer: the booking questions will not ask it again.
  turn.session.data.answers[RESIDENCE] = town.id;
  return contacts(next, turn, town, []);
}
