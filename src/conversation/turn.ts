// Runs one turn end to end: hold the conversation, read, handle, write, perform effects. The one place with I/O order.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { codeOf } from '../errors.js';
import { pickLanguage } from '../i18n/language.js';
import type { Register, Translator } from '../i18n/translator.js';
import { safeErr, type Logger } from '../log.js';
import { StoreUnavailableError, type ConversationStore, type HeldTurn } from '../state/store.js';
import type { Channel } from '../welfare/contract.js';
import { BackendUnavailableError } from '../welfare/errors.js';
import type { WelfarePort } from '../welfare/port.js';
import type { Effect, PrivacyFacts, ProactivePolicy, StaffAvailability, TurnContext, TurnSignal } from './context.js';
import { payloadOf } from './buttons.js';
import { handleEvent } from './engine.js';
import { registerOf } from './simple-mode.js';
import { DEFAULT_PROACTIVE_POLICY } from './pipeline/proactive.js';
import { turnTranscript } from './transcript.js';
import type { TurnEvent } from './events.js';
import type { FlowSet } from './flow.js';
import type { BotMessage } from './messages.js';
import { learnFrom, newProfile, readProfile } from './profile.js';
import { conversationKey, hashId, type Conversation } from './key.js';
import { newSession, type Session } from './session.js';
import { ownerKeyOf } from '../welfare/owner-key.js';
import { decodeSession, encodeSession } from './session-codec.js';

// The runner's callers name conversations with these; they are defined with the key.
export { hashId, type Conversation } from './key.js';

export interface TurnHints {
  /** The channel's guess of the language (Telegram's language_code, the activity's locale). */
  language?: string;
  /** The platform's id of this update: a redelivered update is handled once. */
  updateId?: string;
  /** The person, when the conversation is not one-to-one. */
  userId?: string;
  /** The Microsoft Entra ID (AAD) object id of a Teams user: finds a welfare account linked by their employer. */
  aadObjectId?: string;
}

/**
 * Performs effects after the turn is written; what it returns is said after the turn's own messages. `runTurn` is the
 * runner performing them, for a follow-up turn of the same conversation (its lease is released by then).
 */
export type EffectPerformer = (
  effects: Effect[],
  at: { conversation: Conversation; key: string; session: Session; runTurn: TurnRunner; register?: Register['register'] },
) => Promise<BotMessage[]> | Promise<void>;

export interface RunnerOptions {
  store: ConversationStore;
  flows: FlowSet;
  translator: Translator;
  welfare: WelfarePort;
  log: Logger;
  now?: () => DateTime;
  newId?: () => string;
  /** Staff who can take over a conversation (the Slack desk); absent: residents are told how to reach an office. */
  staff?: StaffAvailability;
  /** The configured retention and data controllers, as the consents and the privacy notice tell them. */
  privacy: PrivacyFacts;
  /** At most this many non-essential proactive messages per resident per week (the policy's weeklyCap). */
  proactiveWeeklyCap?: number;
  /** Which proactive messages the opt-out and the weekly cap apply to, and the cap; the engine's default when absent. */
  proactivePolicy?: ProactivePolicy;
  /** The language of a new conversation when the channel gives no hint (SPORTELLO_LOCALE); Italian otherwise. */
  defaultLanguage?: string;
  /** Performs what the engine asked for, after the turn is written; "forget" is the store's own, then the performer's. */
  perform?: EffectPerformer;
  /** Keys the owner key of each chat identity (OWNER_KEY_SECRET); unset: no turn has one, so nothing is listed as "mine". */
  ownerKeySecret?: string;
  /** Told of every turn's outcome and duration (metrics). */
  onTurn?: (info: { channel: Channel; outcome: TurnOutcome; ms: number }) => void;
  /** Told, once the turn is saved, what the resident needed and did not get; a failure is logged, the turn stands. */
  onSignals?: (signals: TurnSignal[], at: { lang: string }) => Promise<void>;
}

type TurnOutcome = 'ok' | 'duplicate' | 'failed' | 'store_unavailable';

export type TurnRunner = (conversation: Conversation, event: TurnEvent, hints?: TurnHints) => Promise<BotMessage[]>;

function chosenOption(session: Session, token: string): string | undefined {
  if (token.startsWith('cmd:')) return token;
  const payload = payloadOf(session, token);
  return payload?.slice(payload.indexOf(':') + 1);
}

/** The cap alone (the configuration's PROACTIVE_WEEKLY_CAP) keeps the default kinds. */
function proactivePolicyOf(options: RunnerOptions): ProactivePolicy | undefined {
  if (!options.proactivePolicy && options.proactiveWeeklyCap === undefined) return undefined;
  const policy = { ...DEFAULT_PROACTIVE_POLICY, ...options.proactivePolicy };
  return options.proactiveWeeklyCap === undefined ? policy : { ...policy, weeklyCap: options.proactiveWeeklyCap };
}

export function createTurnRunner(options: RunnerOptions): TurnRunner {
  const now = options.now ?? (() => DateTime.now());
  const newId = options.newId ?? (() => randomUUID());
  const proactivePolicy = proactivePolicyOf(options);
  const { store, translator, log } = options;
  const notice = (lang: string, key: string, register: Register = {}): BotMessage[] => [
    { type: 'notice', level: 'error', text: translator.t(lang, key, {}, register) },
  ];

  const runTurn: TurnRunner = async (conversation, event, hints = {}) => {
    const started = performance.now();
    const report = (outcome: TurnOutcome) => options.onTurn?.({ channel: conversation.channel, outcome, ms: performance.now() - started });
    const key = conversationKey(conversation);
    const user = hints.userId ? `${conversation.channel}:${hints.userId}` : key;
    const turnLog = log.child({ channel: conversation.channel, conv: hashId(key) });
    let held: HeldTurn | 'duplicate';
    try {
      held = await store.begin({ conversation: key, user, ...(hints.updateId ? { updateId: hints.updateId } : {}) });
    } catch (err) {
      turnLog.error({ err: safeErr(err), code: codeOf(err) }, 'store unavailable');
      report('store_unavailable');
      return notice(
        pickLanguage({ channelHint: hints.language, fallback: options.defaultLanguage }, translator.languages),
        'errors.store_unavailable',
      );
    }
    if (held === 'duplicate') {
      turnLog.info({ event: event.type, outcome: 'duplicate' }, 'redelivered update skipped');
      report('duplicate');
      return [];
    }
    return runHeld(held);

    /** The turn is saved but what it asked for (a ticket, a relay) failed: say so; the resident's answers are safe. */
    function failedAfterCommit(err: unknown): BotMessage[] {
      turnLog.error({ err: safeErr(err), code: codeOf(err) }, 'effects failed after the turn was saved');
      report('failed');
      return notice(
        pickLanguage({ channelHint: hints.language, fallback: options.defaultLanguage }, translator.languages),
        err instanceof StoreUnavailableError ? 'errors.store_unavailable' : 'errors.try_again',
      );
    }

    async function performAfter(effects: Effect[], session: Session, register: Register): Promise<BotMessage[]> {
      return (await options.perform!(effects, { conversation, key, session, runTurn, ...register })) ?? [];
    }

    async function runHeld(turnHold: HeldTurn): Promise<BotMessage[]> {
      const at = now();
      const iso = new Date(at.toMillis()).toISOString();
      const profile = readProfile(turnHold.profile) ?? newProfile(iso);
      const stored = turnHold.session === undefined || turnHold.session === null ? undefined : decodeSession(turnHold.session, key);
      const unreadable = turnHold.session != null && stored === undefined;
      if (unreadable) turnLog.warn({ code: 'session_unreadable' }, 'stored session could not be read; starting afresh');
      const lang = pickLanguage({ profile: profile.lang, channelHint: hints.language, fallback: options.defaultLanguage }, translator.languages);
      const before = stored ?? newSession(key, lang, iso);
      // The engine changes `before` and `profile` in place (it owns them): keep what is needed after.
      const { lang: beforeLang, position: beforePosition } = before;
      const profileJson = JSON.stringify(profile);
      // Resolved before the engine consumes the session's button table: staff read "[scelta] <option>", not a token.
      const chosen = event.type === 'choice' ? chosenOption(before, event.payload) : undefined;
      const signals: TurnSignal[] = [];
      const ctx: TurnContext = {
        now: at,
        flows: options.flows,
        translator,
        welfare: options.welfare,
        channel: conversation.channel,
        newId,
        privacy: options.privacy,
        ...(options.ownerKeySecret ? { ownerKey: ownerKeyOf(options.ownerKeySecret, user) } : {}),
        ...(options.staff ? { staff: options.staff } : {}),
        ...(hints.aadObjectId ? { user: { aadObjectId: hints.aadObjectId } } : {}),
        ...(proactivePolicy ? { proactivePolicy } : {}),
        ...(options.onSignals ? { signal: (s: TurnSignal) => void signals.push(s) } : {}),
      };
      let committed = false;
      try {
        const turn = await handleEvent(before, event, ctx, profile, { owned: true });
        const forget = turn.effects.some((e) => e.type === 'forget_user');
        if (forget) {
          await turnHold.forget();
        } else {
          const learned = learnFrom(turn.profile, turn.session, iso);
          const changed = !turnHold.profile || JSON.stringify(learned) !== profileJson;
          await turnHold.commit({
            session: encodeSession(turn.session),
            ...(changed ? { profile: learned } : {}),
            transcript: turnTranscript(event, chosen, turn.messages, iso),
          });
        }
        committed = true;
        if (signals.length > 0)
          await options.onSignals!(signals, { lang: turn.session.lang }).catch((err: unknown) =>
            turnLog.warn({ err: safeErr(err), code: codeOf(err) }, 'signals not recorded'),
          );
        const performed = turn.effects.length > 0 && options.perform ? await performAfter(turn.effects, turn.session, registerOf(turn.profile)) : [];
        turnLog.info({ event: event.type, step: turn.session.position?.step, ms: Math.round(performance.now() - started) }, 'turn handled');
        report('ok');
        const restart: BotMessage[] = unreadable
          ? [{ type: 'notice', level: 'info', text: translator.t(beforeLang, 'errors.session_restarted', {}, registerOf(turn.profile)) }]
          : [];
        return [...restart, ...turn.messages, ...performed];
      } catch (err) {
        if (committed) return failedAfterCommit(err);
        // Nothing of this turn is written: the resident's answers before it are intact.
        turnLog.error({ err: safeErr(err), code: codeOf(err), step: beforePosition?.step }, 'turn failed');
        await turnHold
          .release()
          .catch((releaseErr: unknown) =>
            turnLog.warn({ err: safeErr(releaseErr), code: codeOf(releaseErr) }, 'release failed; the lease will expire'),
          );
        report(err instanceof StoreUnavailableError ? 'store_unavailable' : 'failed');
        const reply =
          err instanceof StoreUnavailableError
            ? 'errors.store_unavailable'
            : err instanceof BackendUnavailableError
              ? 'errors.backend_unavailable'
              : 'errors.try_again';
        return notice(beforeLang, reply, registerOf(profile));
      }
    }
  };
  return runTurn;
}
