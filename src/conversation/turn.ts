// Runs one turn end to end: lock the conversation, load, handle, save, perform effects. The one place with I/O order.
import { createHash, randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { codeOf } from '../errors.js';
import { pickLanguage } from '../i18n/language.js';
import type { Translator } from '../i18n/translator.js';
import type { Logger } from '../log.js';
import type { ConversationStore } from '../state/store.js';
import type { Channel } from '../welfare/contract.js';
import { BackendUnavailableError } from '../welfare/errors.js';
import type { WelfarePort } from '../welfare/port.js';
import type { Effect, TurnContext } from './context.js';
import { handleEvent } from './engine.js';
import type { UserEvent } from './events.js';
import type { FlowSet } from './flow.js';
import type { BotMessage } from './messages.js';
import { newSession, readSession, type Session } from './session.js';

export interface Conversation {
  channel: Channel;
  /** The channel's own id of the conversation (a Telegram chat id, a Bot Framework conversation id). */
  id: string;
}

export type EffectPerformer = (effects: Effect[], at: { conversation: Conversation; key: string; session: Session }) => Promise<void>;

export interface RunnerOptions {
  store: ConversationStore;
  flows: FlowSet;
  translator: Translator;
  welfare: WelfarePort;
  log: Logger;
  now?: () => DateTime;
  newId?: () => string;
  /** Performs what the engine asked for; the store's own "forget" is always performed. */
  perform?: EffectPerformer;
}

export type TurnRunner = (conversation: Conversation, event: UserEvent, hints?: { language?: string }) => Promise<BotMessage[]>;

export const conversationKey = (c: Conversation) => `${c.channel}:${c.id}`;

/** Logs name a conversation by a hash: enough to follow one, useless to find a person. */
export const hashId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 12);

export function createTurnRunner(options: RunnerOptions): TurnRunner {
  const now = options.now ?? (() => DateTime.now());
  const newId = options.newId ?? (() => randomUUID());
  const { store, translator, log } = options;

  return (conversation, event, hints = {}) => {
    const key = conversationKey(conversation);
    return store.withLock(key, async () => {
      const started = performance.now();
      const at = now();
      const turnLog = log.child({ channel: conversation.channel, conv: hashId(key) });
      const fresh = () => newSession(key, pickLanguage({ channelHint: hints.language }, translator.languages), at.toUTC().toISO()!);
      const raw = await store.loadSession(key);
      const stored = raw === undefined ? undefined : readSession(raw);
      const unreadable = raw !== undefined && stored === undefined;
      if (unreadable) turnLog.warn({ code: 'session_unreadable' }, 'stored session could not be read; starting afresh');
      const before = stored ?? fresh();
      const ctx: TurnContext = { now: at, flows: options.flows, translator, welfare: options.welfare, channel: conversation.channel, newId };
      try {
        const turn = await handleEvent(before, event, ctx);
        await store.saveSession(key, turn.session);
        await performEffects(turn.effects, { conversation, key, session: turn.session });
        turnLog.info({ event: event.type, step: turn.session.position?.step, ms: Math.round(performance.now() - started) }, 'turn handled');
        const restart: BotMessage[] = unreadable ? [{ type: 'notice', level: 'info', text: translator.t(before.lang, 'errors.session_restarted') }] : [];
        return [...restart, ...turn.messages];
      } catch (err) {
        // The session is not saved: the resident's answers before this turn are intact.
        turnLog.error({ err, code: codeOf(err), step: before.position?.step }, 'turn failed');
        const reply = err instanceof BackendUnavailableError ? 'errors.backend_unavailable' : 'errors.try_again';
        return [{ type: 'notice', level: 'error', text: translator.t(before.lang, reply) }];
      }
    });
  };

  async function performEffects(effects: Effect[], at: { conversation: Conversation; key: string; session: Session }): Promise<void> {
    if (effects.length === 0) return;
    if (effects.some((e) => e.type === 'forget_user')) await store.forget(at.key);
    if (options.perform) await options.perform(effects, at);
  }
}
