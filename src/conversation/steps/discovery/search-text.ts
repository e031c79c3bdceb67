// search_text: asks what the resident needs in their own words; stores data.query. No backend call.
import { z } from 'zod';
import { go, misunderstood, wait, type StepKind, type StepTurn } from '../../step-kind.js';
import type { BotMessage } from '../../messages.js';
import { askWithGlobals, Key, Target } from '../common.js';

const SearchTextConfig = z.object({ text: Key.default('discovery.search.question'), next: Target }).strict();
type SearchTextConfig = z.infer<typeof SearchTextConfig>;

/** The backend takes at most 200 characters. */
const MAX_QUERY_CHARS = 200;

/** A query needs a word: "2" or an emoji is no description of a need. */
export function asQuery(text: string): string | undefined {
  const query = text.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY_CHARS).trim();
  return /\p{L}{2,}/u.test(query) ? query : undefined;
}

const TAKEN = 'queryTaken';

/** Stores a query the resident has just written, and remembers that it has been searched. */
export function takeQuery(turn: StepTurn, query: string): void {
  turn.session.data.query = query;
  turn.session.data.vars[TAKEN] = query;
}

/** In simple mode the question comes as a menu with nothing but 0 (back) and 9 (a person): a way out by digits. */
function question(c: SearchTextConfig, turn: StepTurn): BotMessage {
  const asked = turn.t(c.text);
  return turn.profile.simpleMode ? askWithGlobals(turn, asked, [], ['menu']) : { type: 'text', text: asked };
}

export const search_text: StepKind<SearchTextConfig> = {
  config: SearchTextConfig,
  targets: (c) => [c.next],
  texts: (c) => [c.text],
  ownTexts: ['discovery.search.question', 'discovery.search.too_short'],
  enter: async (c, turn) => {
    const { query } = turn.session.data;
    // Free text typed at the main menu already says what is needed: asking again would be rude. A query searched
    // before is not fresh (the resident came back here, or chose "search" from the menu): then ask.
    if (query && query !== turn.session.data.vars[TAKEN]) {
      takeQuery(turn, query);
      return go(c.next);
    }
    return wait(question(c, turn));
  },
  onEvent: async (c, event, turn) => {
    const query = event.type === 'text' ? asQuery(event.text) : undefined;
    if (!query)
      return misunderstood({ type: 'text', text: turn.t('discovery.search.too_short') }, ...(turn.profile.simpleMode ? [question(c, turn)] : []));
    takeQuery(turn, query);
    return go(c.next);
  },
};
