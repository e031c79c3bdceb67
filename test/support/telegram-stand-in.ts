// A local stand-in of the Telegram Bot API on 127.0.0.1:0: answers /bot<token>/<method> like Telegram, records every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callLog, localServer } from './stand-in-server.js';
import type { InlineKeyboardButton, Update } from 'telegraf/types';

const STAND_IN_TOKEN = '123456789:AAE_stand-in-token-for-tests_0123';
export const BOT_USER = {
  id: 123456789,
  is_bot: true as const,
  first_name: 'Sportello',
  username: 'sportello_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
};

interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  /** HTTP status the stand-in answered with. */
  status: number;
  /** `result` of a successful answer (the sent message for sendMessage). */
  result?: unknown;
  /** Date.now() when the call arrived. */
  at: number;
}

export interface SentMessage {
  chatId: string;
  messageId: number;
  text: string;
  keyboard?: InlineKeyboardButton.CallbackButton[][];
  /** A reply keyboard (simple mode): the rows of button texts, and whether it stays shown. */
  replyKeyboard?: { rows: string[][]; persistent: boolean };
  /** The message took the reply keyboard away. */
  removedKeyboard?: true;
  at: number;
}

export interface TelegramStandIn {
  url: string;
  token: string;
  /** Every call in arrival order, failed ones included. */
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Messages that sendMessage accepted, in order; for one chat when given. */
  sent(chatId?: string | number): SentMessage[];
  /** The next `count` sendMessage calls (after letting `after` through) get a 429 with `retry_after`. */
  rateLimitSends(count: number, options?: { retryAfter?: number; after?: number }): void;
  /** sendMessage to this chat gets a 403 "bot was blocked by the user" until unblocked. */
  block(chatId: string | number): void;
  unblock(chatId: string | number): void;
  /** Updates that getUpdates hands out (long polling). */
  pushUpdates(...updates: Update[]): void;
  /** Resolves when `method` has been called `count` times in all (at once if it already has). */
  waitForCalls(method: string, count: number): Promise<void>;
  close(): Promise<void>;
}

type Answer = { status: number; body: Record<string, unknown> };
const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const fail = (status: number, description: string, parameters?: Record<string, unknown>): Answer => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

export async function telegramStandIn(options: { token?: string; pollWaitMs?: number } = {}): Promise<TelegramStandIn> {
  const token = options.token ?? STAND_IN_TOKEN;
  const pollWaitMs = options.pollWaitMs ?? 50;
  const log = callLog<RecordedCall>();
  const { calls, callsTo } = log;
  const blocked = new Set<string>();
  const queued: Update[] = [];
  let limited = { count: 0, after: 0, retryAfter: 1 };
  let nextMessageId = 1000;

  const sendMessage = (params: Record<string, unknown>): Answer => {
    const chatId = String(params['chat_id']);
    if (limited.count > 0) {
      if (limited.after > 0) limited.after -= 1;
      else {
        limited.count -= 1;
        return fail(429, `Too Many Requests: retry after ${limited.retryAfter}`, { retry_after: limited.retryAfter });
      }
    }
    if (blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    const text = params['text'];
    if (typeof text !== 'string' || text.length === 0) return fail(400, 'Bad Request: message text is empty');
    if (text.replace(/<[^>]+>/g, '').length > 4096) return fail(400, 'Bad Request: message is too long');
    return ok({
      message_id: nextMessageId++,
      from: BOT_USER,
      chat: { id: Number(chatId), type: Number(chatId) < 0 ? 'group' : 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(params['reply_markup'] ? { reply_markup: params['reply_markup'] } : {}),
    });
  };

  const answer = async (method: string, params: Record<string, unknown>): Promise<Answer> => {
    switch (method) {
      case 'getMe':
        return ok(BOT_USER);
      case 'setWebhook':
      case 'deleteWebhook':
      case 'setMyCommands':
      case 'answerCallbackQuery':
        return ok(true);
      case 'sendMessage':
        return sendMessage(params);
      case 'editMessageText':
        return ok({
          message_id: params['message_id'],
          chat: { id: params['chat_id'], type: 'private' },
          date: Math.floor(Date.now() / 1000),
          text: params['text'],
        });
      case 'getUpdates': {
        const offset = typeof params['offset'] === 'number' ? params['offset'] : 0;
        const ready = () => queued.filter((u) => u.update_id >= offset);
        if (ready().length === 0) await new Promise((resolve) => setTimeout(resolve, pollWaitMs));
        return ok(ready().slice(0, typeof params['limit'] === 'number' ? params['limit'] : 100));
      }
      default:
        return fail(404, 'Not Found: method not found');
    }
  };

  const { port, close } = await localServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const at = Date.now();
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? '');
      const params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const result = !match ? fail(404, 'Not Found') : match[1] !== token ? fail(401, 'Unauthorized') : await answer(match[2]!, params);
      log.record({
        method: match?.[2] ?? req.url ?? '',
        params,
        status: result.status,
        ...(result.body['ok'] ? { result: result.body['result'] } : {}),
        at,
      });
      res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.body));
    })();
  });
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    calls,
    callsTo,
    sent(chatId) {
      return callsTo('sendMessage')
        .filter((c) => c.status === 200 && (chatId === undefined || String(c.params['chat_id']) === String(chatId)))
        .map((c) => {
          const markup = c.params['reply_markup'] as
            | {
                inline_keyboard?: InlineKeyboardButton.CallbackButton[][];
                keyboard?: { text: string }[][];
                is_persistent?: boolean;
                remove_keyboard?: boolean;
              }
            | undefined;
          return {
            chatId: String(c.params['chat_id']),
            messageId: (c.result as { message_id: number }).message_id,
            text: String(c.params['text']),
            ...(markup?.inline_keyboard ? { keyboard: markup.inline_keyboard } : {}),
            ...(markup?.keyboard
              ? { replyKeyboard: { rows: markup.keyboard.map((row) => row.map((b) => b.text)), persistent: markup.is_persistent === true } }
              : {}),
            ...(markup?.remove_keyboard ? { removedKeyboard: true as const } : {}),
            at: c.at,
          };
        });
    },
    rateLimitSends(count, opts = {}) {
      limited = { count, after: opts.after ?? 0, retryAfter: opts.retryAfter ?? 1 };
    },
    block: (chatId) => blocked.add(String(chatId)),
    unblock: (chatId) => blocked.delete(String(chatId)),
    pushUpdates: (...updates) => queued.push(...updates),
    waitForCalls: log.waitForCalls,
    close,
  };
}
