// service_list: services of a theme or of a free-text search, five to a page; stores data.serviceId. Backend via the port only.
import { z } from 'zod';
import type { Lexicon } from '../../../i18n/lexicon.js';
import { matchYesNo, parseNumberAnswer } from '../../choice-match.js';
import { askChoice, go, readChoice, reask, wait, type Option, type StepKind, type StepOutcome, type StepTurn } from '../../step-kind.js';
import { wordingsOf, type ServiceQuery } from '../../../welfare/contract.js';
import { asQuery, takeQuery } from './search-text.js';
import { keepStatedAnswers } from '../stated.js';
import { answerWhileDown, DOWN_TEXTS, guarded, localized, serviceLabel, Target } from '../common.js';

const ServiceListConfig = z.object({ source: z.enum(['category', 'query']), next: Target, empty: Target }).strict();
type ServiceListConfig = z.infer<typeof ServiceListConfig>;

const PAGE_SIZE = 5;
// Option ids are service slugs otherwise; a slug never starts with "_".
const MORE = '_more';
const FIRST = '_first';
const CURSOR = 'cursor';
const NEXT = 'next';

function question(c: ServiceListConfig, turn: StepTurn): string {
  return c.source === 'query'
    ? turn.t('discovery.list.question_query', { query: turn.session.data.query ?? '' })
    : turn.t('discovery.list.question_category');
}

function searchFor(c: ServiceListConfig, turn: StepTurn, cursor: string | undefined): ServiceQuery | undefined {
  const { data, lang } = turn.session;
  const residence = data.answers['residence'];
  const where = typeof residence === 'string' ? { municipality: residence } : {};
  const page = { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}), ...where };
  if (c.source === 'category') return data.category ? { category: data.category, ...page } : undefined;
  const q = data.query && asQuery(data.query);
  return q ? { q, lang, ...page } : undefined;
}

async function showPage(c: ServiceListConfig, turn: StepTurn, cursor?: string): Promise<StepOutcome> {
  const query = searchFor(c, turn, cursor);
  // Nothing to search for (a deep link, then "back to the list"): the flow's fallback asks for it.
  if (!query) return go(c.empty);
  if (query.q && !cursor) keepStatedAnswers(turn, query.q);
  const list = await turn.ctx.welfare.searchServices(query);
  if (list.items.length === 0) {
    if (cursor) return showPage(c, turn); // the catalogue shrank under a later page: start again
    if (query.q) turn.ctx.signal?.({ type: 'search_unmatched', query: query.q });
    const text =
      c.source === 'query' ? turn.t('discovery.list.empty_query', { query: turn.session.data.query ?? '' }) : turn.t('discovery.list.empty_category');
    return go(c.empty, { type: 'text', text });
  }
  const lang = turn.session.lang;
  const options: Option[] = list.items.map((s) => {
    const name = localized(s.name, lang);
    return { id: s.id, label: serviceLabel(s, lang, turn.ctx.translator.lexicon), synonyms: [name, ...wordingsOf(s.name)] };
  });
  if (list.nextCursor) options.push({ id: MORE, label: turn.t('common.more') });
  else if (cursor) options.push({ id: FIRST, label: turn.t('discovery.list.from_start') });
  turn.session.scratch = { [CURSOR]: cursor, [NEXT]: list.nextCursor };
  return wait(askChoice(turn, question(c, turn), options));
}

// Words that choose no service are a new search, not a mistake; a number or a yes/no is a mistake.
function newQuery(c: ServiceListConfig, text: string, lexicon: Lexicon): string | undefined {
  if (c.source !== 'query' || parseNumberAnswer(text, lexicon) !== undefined || matchYesNo(text, lexicon)) return undefined;
  const query = asQuery(text);
  return query && query.replace(/[^\p{L}\p{N}]/gu, '').length >= 3 ? query : undefined;
}

export const service_list: StepKind<ServiceListConfig> = {
  config: ServiceListConfig,
  targets: (c) => [c.next, c.empty],
  texts: () => [],
  ownTexts: [
    'discovery.list.question_query',
    'discovery.list.question_category',
    'discovery.list.empty_query',
    'discovery.list.empty_category',
    'discovery.list.from_start',
    'common.more',
    'engine.not_understood',
    ...DOWN_TEXTS,
  ],
  enter: (c, turn) => guarded(turn, () => showPage(c, turn)),
  onEvent: async (c, event, turn) => {
    const down = await answerWhileDown(event, turn, () => service_list.enter(c, turn));
    if (down) return down;
    const read = readChoice(event, turn);
    if (read.kind === 'chosen') {
      if (read.id === MORE) return guarded(turn, () => showPage(c, turn, turn.session.scratch[NEXT] as string | undefined));
      if (read.id === FIRST) return guarded(turn, () => showPage(c, turn));
      turn.session.data.serviceId = read.id;
      return go(c.next);
    }
    const query = event.type === 'text' ? newQuery(c, event.text, turn.ctx.translator.lexicon) : undefined;
    if (!query) return reask(turn, question(c, turn));
    takeQuery(turn, query);
    return guarded(turn, () => showPage(c, turn));
  },
};
