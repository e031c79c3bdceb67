// Step kind `pick_slot`: the free slots of the chosen service for the next three weeks, five at a time; stores the one picked.
import { z } from 'zod';
import { TIME_ZONE } from '../../../i18n/format.js';
import { FlowError } from '../../flow.js';
import { text } from '../../messages.js';
import { go, readChoice, wait, type Option, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { answerWhileDown, chosenService, DOWN_TEXTS, guarded, residenceOf, Target, whenText } from '../common.js';
import { ask, lengthText, municipalityNames, placeLabel, PLACE_TEXTS, reaskHere } from './shared.js';

const PickSlotConfig = z.object({ next: Target, none: Target }).strict();
type PickSlotConfig = z.infer<typeof PickSlotConfig>;

const PAGE_SIZE = 5;
const HORIZON_DAYS = 21;
const MORE = 'more';

interface Listed {
  slotId: string;
  start: string;
  label: string;
}

interface Shown {
  slots: Listed[];
  page: number;
}

const SHOWN = 'slots';
const ASKING_RESIDENCE = 'asking_residence';
const shownOf = (turn: StepTurn) => turn.session.scratch[SHOWN] as Shown | undefined;

// Short option ids: a slot id can be 60+ characters, and Telegram allows 64 bytes of callback data in all.
const optionId = (index: number) => `s${index}`;

function page(turn: StepTurn, shown: Shown, n: number) {
  shown.page = n;
  turn.session.scratch[SHOWN] = shown;
  const first = n * PAGE_SIZE;
  const options: Option[] = shown.slots.slice(first, first + PAGE_SIZE).map((s, i) => ({ id: optionId(first + i), label: s.label }));
  if (first + PAGE_SIZE < shown.slots.length) options.push({ id: MORE, label: turn.t('common.more') });
  const question = n > 0 ? turn.t('booking.pick_slot.more_question') : turn.t('booking.pick_slot.question');
  return ask(turn, question, options);
}

/** The answer that says where the resident lives, declared in main.yaml (answers.residence). */
function residenceKey(turn: StepTurn): string {
  const key = turn.ctx.flows.entryPoints?.residenceAnswer;
  if (key === undefined) throw new FlowError('main.yaml: answers.residence: nothing declared for the home visits of pick_slot');
  return key;
}

async function askResidence(turn: StepTurn): Promise<StepOutcome> {
  residenceKey(turn); // an authoring mistake shows before the question, not after the answer
  const municipalities = await turn.ctx.welfare.listMunicipalities();
  delete turn.session.scratch[SHOWN];
  turn.session.scratch[ASKING_RESIDENCE] = true;
  return wait(
    ask(
      turn,
      turn.t('booking.pick_slot.residence'),
      municipalities.map((m) => ({ id: m.id, label: m.name })),
    ),
  );
}

// "No free places" would be untrue where the service never comes to homes: say where it does instead.
async function noneHere(turn: StepTurn, serviceId: string, residence: string, names: ReadonlyMap<string, string>): Promise<string> {
  const service = await turn.ctx.welfare.getService(serviceId);
  const venues = service.venues ?? service.municipalities;
  if (!service.delivery.every((d) => d === 'at_home') || venues.includes(residence)) return turn.t('booking.pick_slot.none');
  const places = new Intl.ListFormat(turn.ctx.translator.lexicon.intlLocale(turn.session.lang), { type: 'conjunction' }).format(
    venues.map((id) => names.get(id) ?? id),
  );
  return turn.t('booking.pick_slot.not_here', { place: names.get(residence) ?? residence, places });
}

async function list(c: PickSlotConfig, turn: StepTurn): Promise<StepOutcome> {
  const serviceId = chosenService(turn, 'pick_slot');
  const today = turn.ctx.now.setZone(TIME_ZONE).startOf('day');
  const residence = residenceOf(turn);
  const range = { from: today.toISODate()!, to: today.plus({ days: HORIZON_DAYS }).toISODate()!, ...(residence ? { municipality: residence } : {}) };
  const free = (await turn.ctx.welfare.listSlots(serviceId, range)).filter((s) => s.available > 0);
  // home visits come only from the resident's own municipality: ask where that is before offering any
  if (!residence && free.some((s) => s.delivery === 'at_home')) return askResidence(turn);
  delete turn.session.scratch[ASKING_RESIDENCE];
  const names = await municipalityNames(turn);
  // every label names its place and length, so two choices never read the same, even out of context in a chat list
  const listed: Listed[] = free.map((s) => ({
    slotId: s.id,
    start: s.start,
    label: `${whenText(turn, s.start)} (${lengthText(turn, s)}) · ${placeLabel(turn, s, names)}`,
  }));
  if (listed.length === 0) return go(c.none, text(residence ? await noneHere(turn, serviceId, residence, names) : turn.t('booking.pick_slot.none')));
  return wait(page(turn, { slots: listed, page: 0 }, 0));
}

export const pickSlot: StepKind<PickSlotConfig> = {
  config: PickSlotConfig,
  targets: (c) => [c.next, c.none],
  texts: () => [],
  ownTexts: [
    'booking.pick_slot.question',
    'booking.pick_slot.more_question',
    'booking.pick_slot.none',
    'booking.pick_slot.residence',
    'booking.pick_slot.not_here',
    'booking.length',
    'common.more',
    ...PLACE_TEXTS,
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => list(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => pickSlot.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (turn.session.scratch[ASKING_RESIDENCE] === true) {
      if (read.kind !== 'chosen') return reaskHere(turn, turn.t('booking.pick_slot.residence'));
      turn.session.data.answers[residenceKey(turn)] = read.id;
      return guarded(turn, () => list(c, turn));
    }
    const shown = shownOf(turn);
    if (read.kind !== 'chosen' || !shown) return reaskHere(turn, turn.t('booking.pick_slot.question'));
    if (read.id === MORE) return wait(page(turn, shown, shown.page + 1));
    const picked = shown.slots[Number(read.id.slice(1))];
    if (!picked) return reaskHere(turn, turn.t('booking.pick_slot.question'));
    turn.session.data.slotId = picked.slotId;
    turn.session.data.slotStart = picked.start;
    return go(c.next);
  },
};
