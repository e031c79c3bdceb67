// The Telegram channel: telegraf by webhook or long polling, updates → turns, replies paced out. Never decides what to say.
import { setTimeout as delay } from 'node:timers/promises';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import { advertisedCommands } from '../../conversation/commands.js';
import type { BotMessage } from '../../conversation/messages.js';
import { conversationKey, hashId } from '../../conversation/key.js';
import type { TurnRunner } from '../../conversation/turn.js';
import { codeOf, NotDeliveredError, UnreachableError } from '../../errors.js';
import { pickLanguage } from '../../i18n/language.js';
import type { Translator } from '../../i18n/translator.js';
import type { Logger } from '../../log.js';
import type { RemoteChannel } from '../channel.js';
import { sharedCounter, type ChannelMetrics } from '../counters.js';
import { createDeliveryQueue } from '../delivery-queue.js';
import type { TelegramConfig } from './config.js';
import { parseUpdate, secretMatches, toInbound, type Inbound } from './inbound.js';
import { sendMessages } from './outbound.js';
import { apiErrorOf, createPacer, type PacerOptions } from './pacer.js';

export const WEBHOOK_PATH = '/telegram/webhook';
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** The update types Sportello reads; Telegram sends no others. */
const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query'] as const;

export interface TelegramChannelOptions {
  config: TelegramConfig;
  runner: TurnRunner;
  translator: Translator;
  log: Logger;
  metrics?: ChannelMetrics;
  /** Rates, clock and sleep of the outbound queue (tests make them fast). */
  pacing?: Omit<PacerOptions, 'log' | 'onOutcome'>;
  /** How long stop() waits for queued messages before dropping them. */
  drainTimeoutMs?: number;
}

export interface TelegramChannel extends RemoteChannel {
  /** Resolves when no update is being handled and nothing is queued. */
  settled(): Promise<void>;
}

const MAX_TOLD_GROUPS = 10_000;

export function createTelegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { config, runner, translator } = options;
  const log = options.log.child({ channel: 'telegram' });
  // webhookReply off: the webhook is answered before the turn, so nothing may ride on its response.
  const bot = new Telegraf(config.token, { telegram: { webhookReply: false, ...(config.apiRoot ? { apiRoot: config.apiRoot } : {}) } });
  const counters = options.metrics ? telegramCounters(options.metrics) : undefined;
  const pacer = createPacer({ ...options.pacing, log, onOutcome: (outcome) => counters?.sends.inc({ outcome }) });
  const deliveries = createDeliveryQueue({ downstream: () => pacer.drain() });
  const { track, settled } = deliveries;
  const toldGroups = new Set<string>();
  let stopping = false;
  let polling: Promise<void> | undefined;
  let pollingOver = false;

  const conv = (chatId: string) => hashId(conversationKey({ channel: 'telegram', id: chatId }));
  // telegraf's default prints the whole update (the resident's words) to stderr.
  bot.catch((err) => {
    log.error({ code: codeOf(err) }, 'update handler failed or timed out');
  });
  bot.use((ctx) => track(handle(ctx.update)));

  async function handle(raw: unknown): Promise<void> {
    const parsed = parseUpdate(raw);
    if (!parsed.ok) {
      counters?.updates.inc({ kind: 'invalid' });
      log.warn({ code: 'telegram_bad_update', problem: parsed.problem }, 'update ignored: unexpected shape');
      return;
    }
    const inbound = toInbound(parsed.update);
    counters?.updates.inc({ kind: inbound.kind });
    // Answered first, whatever follows: the resident's client shows a spinner until then.
    const answered = 'callbackQueryId' in inbound && inbound.callbackQueryId ? answerCallback(inbound.callbackQueryId) : undefined;
    try {
      await act(inbound);
    } catch (err) {
      log.error({ code: codeOf(err), kind: inbound.kind }, 'update not handled');
    } finally {
      await answered;
    }
  }

  async function act(inbound: Inbound): Promise<void> {
    switch (inbound.kind) {
      case 'turn': {
        pacer.unblock(inbound.chatId);
        await deliveries.inOrder(inbound.chatId, runner(inbound.conversation, inbound.event, inbound.hints), async (messages) => {
          // Queued, not awaited: polling takes the next updates while the pacer sends.
          void track(queue(inbound.chatId, messages));
        });
        return;
      }
      case 'not_private': {
        if (toldGroups.has(inbound.chatId)) return;
        if (toldGroups.size >= MAX_TOLD_GROUPS) toldGroups.delete(toldGroups.values().next().value!);
        toldGroups.add(inbound.chatId);
        const text = translator.t(languageOf(inbound.language), 'telegram.private_only', { bot: bot.botInfo?.username ?? '' });
        void track(queue(inbound.chatId, [{ type: 'text', text }]));
        return;
      }
      case 'edited': {
        const text = translator.t(languageOf(inbound.language), 'telegram.edited_ignored');
        void track(queue(inbound.chatId, [{ type: 'notice', level: 'info', text }]));
        return;
      }
      case 'ignore':
        log.debug({ reason: inbound.reason }, 'update ignored');
        return;
    }
  }

  const languageOf = (hint: string | undefined) => pickLanguage({ channelHint: hint }, translator.languages);

  async function queue(chatId: string, messages: BotMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const outcomes = await sendMessages(bot.telegram, pacer, chatId, messages);
    const lost = outcomes.filter((o) => o !== 'sent').length;
    if (lost > 0) log.warn({ conv: conv(chatId), lost, of: outcomes.length }, 'reply not fully delivered');
  }

  async function answerCallback(id: string): Promise<void> {
    await bot.telegram.answerCbQuery(id).then(
      () => undefined,
      // A query older than about 15 s can no longer be answered; the reply still goes out as a message.
      (err: unknown) =>
        log.warn({ code: `telegram_${apiErrorOf(err)?.code ?? codeOf(err)}`, description: apiErrorOf(err)?.description }, 'callback not answered'),
    );
  }

  async function registerCommands(): Promise<void> {
    const commandsIn = (lang: string) =>
      advertisedCommands(translator.lexicon, lang).map(({ command, name }) => ({
        command,
        description: translator.t(lang, `telegram.commands.${name}`),
      }));
    const calls = [
      bot.telegram.setMyCommands(commandsIn('it')),
      // One menu per language the assistant speaks; a Telegram app in another language sees the Italian one.
      ...translator.languages.map((lang) => bot.telegram.setMyCommands(commandsIn(lang), { language_code: lang })),
    ];
    const failed = (await Promise.allSettled(calls)).filter((r) => r.status === 'rejected');
    // The command menu is a convenience: the bot works without it.
    if (failed.length > 0) log.warn({ code: `telegram_${apiErrorOf(failed[0]!.reason)?.code ?? codeOf(failed[0]!.reason)}` }, 'command menu not set');
  }

  async function stopPolling(): Promise<void> {
    // Right after start, launch() may still be in deleteWebhook, before polling exists: try until it does.
    for (let tries = 0; !pollingOver && tries < 100; tries++) {
      try {
        bot.stop('shutdown');
        return;
      } catch (err) {
        if (!/not running/i.test((err as Error).message)) throw err;
      }
      await delay(50);
    }
  }

  function onWebhook(req: Request, res: Response): void {
    const parsed = parseUpdate(req.body);
    if (!parsed.ok) {
      counters?.updates.inc({ kind: 'invalid' });
      log.warn({ code: 'telegram_bad_update', problem: parsed.problem }, 'webhook body refused');
      res.status(400).end();
      return;
    }
    // 200 at once: a turn may wait seconds on the backend, and Telegram resends updates it thinks went unanswered.
    res.status(200).end();
    // Not awaited (the answer went out above) and cannot reject (caught here); tracked so that stop() waits for it.
    void track(bot.handleUpdate(parsed.update as unknown as Update).catch((err: unknown) => log.error({ code: codeOf(err) }, 'update not handled')));
  }

  return {
    name: 'telegram',

    mount(app: Express) {
      const secret = config.webhookSecret;
      if (!secret) return; // long polling: no route to expose
      app.post(
        WEBHOOK_PATH,
        (req: Request, res: Response, next: NextFunction) => {
          // Checked before the body is read: a forged request costs nothing and reaches nothing.
          if (!secretMatches(req.get(SECRET_HEADER), secret)) {
            counters?.updates.inc({ kind: 'forged' });
            log.warn({ code: 'telegram_forged_webhook' }, 'webhook refused: missing or wrong secret');
            res.status(401).end();
            return;
          }
          // Telegram redelivers what is refused: this replica's next start, or another one, takes it.
          if (stopping) {
            res.status(503).end();
            return;
          }
          next();
        },
        express.json({ type: () => true, limit: '1mb' }),
        onWebhook,
        (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
          const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
          log.warn({ code: 'telegram_bad_body', status, type: err.type }, 'webhook body refused');
          res.status(status).end();
        },
      );
    },

    async start() {
      try {
        bot.botInfo = await bot.telegram.getMe();
      } catch (err) {
        throw new Error(
          `Telegram did not answer getMe (${apiErrorOf(err)?.description ?? codeOf(err)}): check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT`,
          {
            cause: err,
          },
        );
      }
      await registerCommands();
      if (config.webhookSecret) {
        if (config.webhookUrl) {
          await bot.telegram
            .setWebhook(config.webhookUrl, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] })
            .catch((err: unknown) => {
              // No `cause`: telegraf's error carries the request, secret token included, into whatever prints it.
              throw new Error(`Telegram refused setWebhook (${apiErrorOf(err)?.description ?? codeOf(err)}): check TELEGRAM_WEBHOOK_URL`);
            });
        }
        log.info({ mode: 'webhook', registered: Boolean(config.webhookUrl) }, 'telegram channel started');
        return;
      }
      // launch() resolves only when polling ends, so it is kept, not awaited.
      polling = bot
        .launch({ allowedUpdates: [...ALLOWED_UPDATES] })
        .catch((err: unknown) => log.error({ code: `telegram_${apiErrorOf(err)?.code ?? codeOf(err)}` }, 'long polling stopped'))
        .finally(() => {
          pollingOver = true;
        });
      log.info({ mode: 'polling' }, 'telegram channel started');
    },

    async stop() {
      stopping = true;
      if (polling) {
        await stopPolling();
        await polling;
      }
      const timeout = options.drainTimeoutMs ?? 10_000;
      const drained = await deliveries.drain(timeout);
      if (!drained) log.warn({ timeoutMs: timeout }, 'stopping with messages still queued; they are dropped');
      pacer.close();
    },

    async deliver(conversationId: string, messages: BotMessage[]) {
      if (messages.length === 0) return;
      const outcomes = await track(sendMessages(bot.telegram, pacer, conversationId, messages));
      if (outcomes.includes('blocked')) throw new UnreachableError('the chat blocked the bot or the account is gone');
      if (outcomes.some((o) => o !== 'sent'))
        throw new NotDeliveredError(`${outcomes.filter((o) => o !== 'sent').length} of ${outcomes.length} messages not sent`);
    },

    settled,
  };
}

function telegramCounters(metrics: ChannelMetrics) {
  return {
    updates: sharedCounter(metrics, 'sportello_telegram_updates_total', 'Telegram updates received, by what was done with them', ['kind']),
    sends: sharedCounter(metrics, 'sportello_telegram_messages_total', 'Telegram messages to send, by outcome', ['outcome']),
  };
}
