// service_card: one service's card, then what to do with it (check and book, apply, back to the list, menu). Backend via the port only.
import { z } from 'zod';
import { BackendNotFoundError } from '../../../welfare/errors.js';
import { SERVICE_CARD_TEXTS, serviceCardView } from '../../service-card.js';
import { askChoice, go, readChoice, reask, wait, type Option, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { registerOf } from '../../simple-mode.js';
import { answerWhileDown, DOWN_TEXTS, guarded, residenceAnswer, Target, untranslatedNote } from '../common.js';

const ServiceCardConfig = z.object({ next: Target, apply: Target, list: Target, menu: Target }).strict();
type ServiceCardConfig = z.infer<typeof ServiceCardConfig>;
type Action = keyof ServiceCardConfig;

const SHOWN = 'cardServiceId';

// A slot or a booking key belongs to one service; the answers describe the person and stay for the next one.
function forgetOtherService(turn: StepTurn, serviceId: string | undefined): void {
  const { data } = turn.session;
  if (data.vars[SHOWN] === serviceId) return;
  delete data.slotId;
  delete data.slotStart;
  delete data.bookingKey;
  if (serviceId) data.vars[SHOWN] = serviceId;
  else delete data.vars[SHOWN];
}

function notFound(c: ServiceCardConfig, turn: StepTurn): StepOutcome {
  return go(c.list, { type: 'text', text: turn.t('discovery.card.not_found') });
}

async function show(c: ServiceCardConfig, turn: StepTurn): Promise<StepOutcome> {
  const { data, lang } = turn.session;
  const serviceId = data.serviceId;
  forgetOtherService(turn, serviceId);
  if (!serviceId) return notFound(c, turn);
  const found = await Promise.all([turn.ctx.welfare.getService(serviceId), turn.ctx.welfare.listMunicipalities()]).catch((err: unknown) => {
    if (err instanceof BackendNotFoundError) return undefined;
    throw err;
  });
  if (!found) return notFound(c, turn);
  const [service, municipalities] = found;
  const options: Option[] = [];
  if (service.access === 'booking') options.push({ id: 'next', label: turn.t('discovery.card.book') });
  else options.push({ id: 'apply', label: turn.t('discovery.card.apply') });
  // Without a theme or a search there is no list to go back to (the card was opened from a link).
  if (data.category || data.query) options.push({ id: 'list', label: turn.t('discovery.card.back_to_list') });
  options.push({ id: 'menu', label: turn.t('common.menu') });
  const card = serviceCardView(service, municipalities, lang, turn.t, turn.ctx.translator.lexicon, residenceAnswer(turn), registerOf(turn.profile));
  const note = untranslatedNote(turn, service.name, service.description);
  return wait(
    { type: 'card', card },
    ...(note ? [{ type: 'text' as const, text: note }] : []),
    askChoice(turn, turn.t('discovery.card.question'), options),
  );
}

export const service_card: StepKind<ServiceCardConfig> = {
  config: ServiceCardConfig,
  targets: (c) => [c.next, c.apply, c.list, c.menu],
  texts: () => [],
  ownTexts: [
    ...SERVICE_CARD_TEXTS,
    'discovery.card.question',
    'common.in_italian',
    'discovery.card.book',
    'discovery.card.apply',
    'discovery.card.back_to_list',
    'discovery.card.not_found',
    'common.menu',
    'engine.not_understood',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => show(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => service_card.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t('discovery.card.question'));
    return go(c[read.id as Action]);
  },
};
