// The conversation engine: one event + the session before → the session after, messages and effects. No store, no channel.
import type { TurnContext, Effect } from './context.js';
import { withDirection } from './direction.js';
import { compactPayloads, rememberButtons } from './buttons.js';
import type { TurnEvent } from './events.js';
import type { BotMessage } from './messages.js';
import type { Session } from './session.js';
import { registerOf, rememberSimpleKeys, simplify } from './simple-mode.js';
import type { MessageParams } from '../i18n/translator.js';
import { turnPipeline, type EngineTurn } from './pipeline/index.js';
import { newProfile, type Profile } from './profile.js';

export interface Turn {
  session: Session;
  profile: Profile;
  messages: BotMessage[];
  effects: Effect[];
}

/** Sessions and profiles are plain JSON: a JSON copy is several times cheaper than structuredClone. */
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const done = async (): Promise<void> => {};

/**
 * Handles one event. `before` and `profileBefore` are left as they were, unless the caller says
 * it owns them (`owned`: the runner, which has just read them from the store and drops them after).
 */
export async function handleEvent(
  before: Session,
  event: TurnEvent,
  ctx: TurnContext,
  profileBefore?: Profile,
  options: { owned?: boolean } = {},
): Promise<Turn> {
  const session = options.owned ? before : copy(before);
  // Date's own ISO formatting: luxon's toUTC().toISO() costs more than the rest of a simple turn.
  session.updatedAt = new Date(ctx.now.toMillis()).toISOString();
  const profile = profileBefore ? (options.owned ? profileBefore : copy(profileBefore)) : newProfile(session.updatedAt);
  // Read at each call: the toggle's own answer ("simple mode on") already speaks in the new register.
  const t = (key: string, params?: MessageParams) => ctx.translator.t(session.lang, key, params, registerOf(profile));
  const turn: EngineTurn = { session, profile, ctx, effects: [], t, event, out: [] };
  await turnPipeline(turn, done);
  const shown = profile.simpleMode ? simplify(session, turn.out, turn.t) : turn.out;
  const sent = compactPayloads(session, shown);
  rememberButtons(session, sent);
  rememberSimpleKeys(session, sent);
  return { session, profile, messages: withDirection(ctx.translator.lexicon.direction(session.lang), sent), effects: turn.effects };
}
