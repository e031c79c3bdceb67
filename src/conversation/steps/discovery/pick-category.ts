// pick_category: the catalogue's themes as choices; stores data.category. Reads the backend only through the port.
import { z } from 'zod';
import { askChoice, go, readChoice, reask, wait, type Option, type StepKind, type StepTurn } from '../../step-kind.js';
import { wordingsOf } from '../../../welfare/contract.js';
import { answerWhileDown, DOWN_TEXTS, guarded, Key, localized, shortLabel, Target } from '../common.js';

const PickCategoryConfig = z.object({ text: Key.default('discovery.category.question'), next: Target }).strict();
type PickCategoryConfig = z.infer<typeof PickCategoryConfig>;

const MAX_OPTIONS = 10;
const PAGE = 9; // nine themes and "more" when they do not fit in ten
const MORE = '_more';
const PAGE_KEY = 'page';

async function ask(c: PickCategoryConfig, turn: StepTurn, page: number): Promise<ReturnType<typeof wait>> {
  const categories = await turn.ctx.welfare.listCategories();
  const lang = turn.session.lang;
  const all: Option[] = categories.map((cat) => {
    const name = localized(cat.name, lang);
    return { id: cat.id, label: shortLabel(name, turn.ctx.translator.lexicon), synonyms: [name, ...wordingsOf(cat.name)] };
  });
  const paged = all.length > MAX_OPTIONS;
  const pages = paged ? Math.ceil(all.length / PAGE) : 1;
  const current = page % pages;
  const options = paged ? [...all.slice(current * PAGE, (current + 1) * PAGE), { id: MORE, label: turn.t('common.more') }] : all;
  turn.session.scratch = { [PAGE_KEY]: current };
  return wait(askChoice(turn, turn.t(c.text), options));
}

export const pick_category: StepKind<PickCategoryConfig> = {
  config: PickCategoryConfig,
  targets: (c) => [c.next],
  texts: (c) => [c.text],
  ownTexts: ['discovery.category.question', 'common.more', 'engine.not_understood', ...DOWN_TEXTS],
  enter: (c, turn) => guarded(turn, () => ask(c, turn, 0)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => pick_category.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind !== 'chosen') return reask(turn, turn.t(c.text));
    if (read.id === MORE) return guarded(turn, () => ask(c, turn, Number(turn.session.scratch[PAGE_KEY] ?? 0) + 1));
    turn.session.data.category = read.id;
    return go(c.next);
  },
};
