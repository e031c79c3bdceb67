// Outbound queue under Telegram's limits: FIFO per chat, ~1 msg/s per chat, 30/s overall; waits out 429s, stops at 403s.
import { setMaxListeners } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { codeOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import { conversationKey, hashId } from '../../conversation/key.js';

export type SendOutcome = 'sent' | 'blocked' | 'failed' | 'dropped';

export interface PacerOptions {
  log: Logger;
  /** A chat earns one message per interval… */
  perChatIntervalMs?: number;
  /** …and may save up this many, so a reply of a few messages goes out at once. */
  perChatBurst?: number;
  /** Sends in any one-second window, over all chats. */
  perSecond?: number;
  /** Attempts for a network error or a 5xx (a 429 is waited out however many times it comes). */
  maxAttempts?: number;
  now?: () => number;
  /** Must reject when the signal aborts (close()). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onOutcome?: (outcome: SendOutcome) => void;
}

export interface Pacer {
  /** Queues one call for a chat; `call` may run more than once (after a 429), never concurrently for a chat. */
  send(chatId: string, call: () => Promise<unknown>): Promise<SendOutcome>;
  isBlocked(chatId: string): boolean;
  /** The resident wrote again: they unblocked the bot. */
  unblock(chatId: string): void;
  /** Resolves when everything queued so far has been sent, refused or dropped. */
  drain(): Promise<void>;
  /** Drops what is still waiting: sleeps end at once and their calls are not made. */
  close(): void;
}

interface ChatState {
  tail: Promise<unknown>;
  pending: number;
  tokens: number;
  at: number;
}

/** The Bot API's answer inside a telegraf TelegramError (or anything shaped like it). */
export function apiErrorOf(err: unknown): { code: number; description: string; retryAfter?: number } | undefined {
  const response = (err as { response?: { error_code?: unknown; description?: unknown; parameters?: { retry_after?: unknown } } } | null)?.response;
  if (typeof response?.error_code !== 'number') return undefined;
  const retryAfter = response.parameters?.retry_after;
  return {
    code: response.error_code,
    description: typeof response.description === 'string' ? response.description : '',
    ...(typeof retryAfter === 'number' ? { retryAfter } : {}),
  };
}

// node-fetch's FetchError (telegraf's client) or a socket error code: the request may not have arrived.
function isNetworkError(err: unknown): boolean {
  const e = err as { name?: unknown; code?: unknown } | null;
  return e?.name === 'FetchError' || (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code));
}

const defaultSleep = (ms: number, signal: AbortSignal) => delay(ms, undefined, { signal });

export function createPacer(options: PacerOptions): Pacer {
  const interval = options.perChatIntervalMs ?? 1000;
  const burst = options.perChatBurst ?? 3;
  const perSecond = options.perSecond ?? 30;
  const maxAttempts = options.maxAttempts ?? 3;
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const { log } = options;
  const chats = new Map<string, ChatState>();
  const blocked = new Set<string>();
  const inFlight = new Set<Promise<SendOutcome>>();
  // Start times granted so far, in order; only the last `perSecond` matter.
  const slots: number[] = [];
  const closing = new AbortController();
  // Every waiting message listens on it: hundreds of chats waiting at once is normal, not a leak.
  setMaxListeners(0, closing.signal);
  // A call, not the property: stop() may abort during any await, which TypeScript's narrowing cannot see.
  const closed = () => closing.signal.aborted;
  const conv = (chatId: string) => hashId(conversationKey({ channel: 'telegram', id: chatId }));

  const pause = async (ms: number) => {
    if (ms > 0) await sleep(ms, closing.signal);
  };

  // Token bucket per chat: `burst` messages at once, then one per interval.
  async function chatTurn(chat: ChatState): Promise<void> {
    const t = now();
    chat.tokens = Math.min(burst, chat.tokens + (t - chat.at) / interval);
    chat.at = t;
    if (chat.tokens >= 1) {
      chat.tokens -= 1;
      return;
    }
    await pause((1 - chat.tokens) * interval);
    chat.tokens = 0;
    chat.at = now();
  }

  // Sliding window over all chats: a start is granted no sooner than 1 s after the start `perSecond` places back.
  async function globalSlot(): Promise<void> {
    const t = now();
    const back = slots.length >= perSecond ? slots[slots.length - perSecond]! + 1000 : t;
    const at = Math.max(t, back);
    slots.push(at);
    if (slots.length > perSecond) slots.splice(0, slots.length - perSecond);
    await pause(at - t);
  }

  async function run(chatId: string, chat: ChatState, call: () => Promise<unknown>): Promise<SendOutcome> {
    for (let attempt = 1; ;) {
      if (closed()) return 'dropped';
      if (blocked.has(chatId)) return 'blocked';
      await chatTurn(chat);
      await globalSlot();
      if (closed()) return 'dropped';
      try {
        await call();
        return 'sent';
      } catch (err) {
        const api = apiErrorOf(err);
        if (api?.code === 429) {
          // The same message is tried again after the wait, still at the head of its chat's queue.
          log.warn({ conv: conv(chatId), code: 'telegram_429', retryAfter: api.retryAfter }, 'rate limited by Telegram; waiting');
          await pause((api.retryAfter ?? 1) * 1000);
          // The retry goes at once; what follows it is paced from here, with no burst saved up during the wait.
          chat.tokens = 1;
          chat.at = now();
          continue;
        }
        if (api?.code === 403) {
          blocked.add(chatId);
          const reason = /blocked/i.test(api.description)
            ? 'blocked_by_user'
            : /deactivated/i.test(api.description)
              ? 'user_deactivated'
              : 'forbidden';
          log.warn({ conv: conv(chatId), code: 'telegram_403', reason }, 'chat unreachable; its messages are dropped until it writes again');
          return 'blocked';
        }
        const transient = api ? api.code >= 500 : isNetworkError(err);
        if (transient && attempt < maxAttempts) {
          await pause(attempt * 1000);
          attempt += 1;
          continue;
        }
        // The error's own payload holds the message text: log codes only.
        log.error(
          { conv: conv(chatId), code: api ? `telegram_${api.code}` : codeOf(err), description: api?.description, attempt },
          'message not sent',
        );
        return 'failed';
      }
    }
  }

  function stateOf(chatId: string): ChatState {
    let chat = chats.get(chatId);
    if (!chat) {
      if (chats.size >= 5000) sweep();
      chat = { tail: Promise.resolve(), pending: 0, tokens: burst, at: now() };
      chats.set(chatId, chat);
    }
    return chat;
  }

  // An idle chat whose bucket has refilled is the same as a new one: forget it.
  function sweep(): void {
    const t = now();
    for (const [id, chat] of chats) if (chat.pending === 0 && t - chat.at >= burst * interval) chats.delete(id);
  }

  return {
    send(chatId, call) {
      if (closed()) return Promise.resolve(report('dropped'));
      if (blocked.has(chatId)) return Promise.resolve(report('blocked'));
      const chat = stateOf(chatId);
      chat.pending += 1;
      const result = chat.tail
        .then(() => run(chatId, chat, call))
        .catch((err: unknown) => {
          // Only an aborted sleep gets here: close() was called while this message waited.
          if (!closed()) log.error({ conv: conv(chatId), code: codeOf(err) }, 'pacer failed');
          return 'dropped' as const;
        })
        .then((outcome) => {
          chat.pending -= 1;
          return report(outcome);
        });
      chat.tail = result;
      inFlight.add(result);
      void result.finally(() => inFlight.delete(result));
      return result;
    },
    isBlocked: (chatId) => blocked.has(chatId),
    unblock(chatId) {
      blocked.delete(chatId);
    },
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    close() {
      closing.abort();
    },
  };

  function report(outcome: SendOutcome): SendOutcome {
    options.onOutcome?.(outcome);
    return outcome;
  }
}
