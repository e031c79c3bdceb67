// The Telegram channel end to end: real telegraf against a Bot API stand-in, real-shaped updates posted to the running app.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type App, type RunningApp } from '../../src/app/compose.js';
import { createTelegramChannel, WEBHOOK_PATH, type TelegramChannel, type TelegramChannelOptions } from '../../src/channels/telegram/channel.js';
import { MAX_MESSAGE_CHARS } from '../../src/channels/telegram/outbound.js';
import { loadConfig, type Config } from '../../src/config.js';
import { advertisedCommands } from '../../src/conversation/commands.js';
import { createLogger } from '../../src/log.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { maria as resident } from '../e2e/phrases.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';
import { telegramStandIn, type SentMessage, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { expectReply, matches, visible } from '../support/telegram-replies.js';
import { telegramUpdates, type Sender } from '../support/telegram-updates.js';
import { lexicon } from '../support/lexicon.js';

const SECRET = 'webhook-secret_for-the-tests-0123';
const maria: Sender = { id: 31337, firstName: 'Maria', languageCode: 'it' };
const john: Sender = { id: 42424, firstName: 'John', languageCode: 'en' };

interface Harness {
  standIn: TelegramStandIn;
  backend: TestBackend;
  assistant: App;
  channel: TelegramChannel;
  server: RunningApp;
  tg: ReturnType<typeof telegramUpdates>;
  post(update: unknown, secret?: string | null): Promise<number>;
  /** Posts an update, waits for its turn and replies, and returns what was sent to the sender's chat meanwhile. */
  send(from: Sender, update: unknown): Promise<SentMessage[]>;
  say(from: Sender, text: string): Promise<SentMessage[]>;
  /** Presses a button of the latest keyboard sent to the chat, or of the given message. */
  press(from: Sender, label: string | RegExp, on?: SentMessage): Promise<SentMessage[]>;
  turns(): Promise<number>;
  /** Ids of the callback queries posted so far. */
  callbacks: string[];
  /** Every log line written, at debug level. */
  logs: string[];
  close(): Promise<void>;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(
  options: { telegram?: Partial<NonNullable<Config['telegram']>>; redisPrefix?: string; pacing?: TelegramChannelOptions['pacing'] } = {},
): Promise<Harness> {
  const standIn = await telegramStandIn();
  const backend = await referenceBackend();
  const logs: string[] = [];
  const log = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
  });
  const telegram = { token: standIn.token, webhookSecret: SECRET, apiRoot: standIn.url, ...options.telegram };
  const config: Config = {
    ...loadConfig({}),
    welfareBackendUrl: backend.url,
    ...(options.redisPrefix ? { redisUrl: redisUrl(), redisKeyPrefix: options.redisPrefix } : {}),
    telegram,
  };
  // Real rates are unit-tested on a virtual clock; here a chat may send every 5 ms.
  const pacing = { perChatIntervalMs: 5, ...options.pacing };
  const assistant = await composeApp(config, {
    now: () => backend.clock.now,
    log,
    listen: { port: 0, host: '127.0.0.1' },
    channels: ({ runner, translator, metrics }) => [createTelegramChannel({ config: telegram, runner, translator, log, metrics, pacing })],
  });
  const channel = assistant.channels[0] as TelegramChannel;
  const server = await assistant.start();
  const tg = telegramUpdates();
  const callbacks: string[] = [];

  const post = async (update: unknown, secret: string | null = SECRET) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }),
    };
    const res = await fetch(`${server.url!}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers,
      body: typeof update === 'string' ? update : JSON.stringify(update),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const send = async (from: Sender, update: unknown) => {
    const before = standIn.sent(from.id).length;
    expect(await post(update)).toBe(200);
    await channel.settled();
    return standIn.sent(from.id).slice(before);
  };
  const press = (from: Sender, label: string | RegExp, on?: SentMessage) => {
    const message =
      on ??
      standIn
        .sent(from.id)
        .filter((m) => m.keyboard)
        .at(-1);
    const button = message?.keyboard?.flat().find((b) => matches(b.text, label));
    if (!message || !button)
      throw new Error(
        `no button ${String(label)} in: ${
          message?.keyboard
            ?.flat()
            .map((b) => b.text)
            .join(' | ') ?? 'no keyboard'
        }`,
      );
    const update = tg.callback(from, button.callback_data, {
      messageId: message.messageId,
      text: message.text,
      ...(message.keyboard ? { keyboard: message.keyboard } : {}),
    });
    callbacks.push((update as { callback_query: { id: string } }).callback_query.id);
    return send(from, update);
  };
  return {
    standIn,
    backend,
    assistant,
    channel,
    server,
    tg,
    post,
    send,
    say: (from, text) => send(from, tg.text(from, text)),
    press,
    callbacks,
    logs,
    turns: async () => (await assistant.metrics.turns.get()).values.reduce((n, v) => n + v.value, 0),
    async close() {
      await server.stop(1000); // stops the channel and closes the assistant
      await backend.close();
      await standIn.close();
      if (options.redisPrefix) await cleanPrefix(redisUrl(), options.redisPrefix);
    },
  };
}

describe('telegram channel by webhook', () => {
  it('books a service by pressing inline buttons, answering every callback, and sends the reference', async () => {
    h = await harness();
    expectReply(await h.send(maria, h.tg.start(maria)), /Sono Sportello/, /Come posso aiutarti/);
    await h.press(maria, 'Cerca per argomento');
    await h.press(maria, 'Supporto scolastico');
    expectReply(await h.press(maria, 'Doposcuola online'), 'Doposcuola online', 'Cooperativa Sociale Jonathan');
    expectReply(await h.press(maria, 'Verifica e prenota'), /In quale comune/);
    expectReply(await h.press(maria, 'Limena'), /Quanti anni/);
    expectReply(await h.say(maria, '9'), /Che scuola/);
    await h.press(maria, /primaria/);
    expectReply(await h.press(maria, 'Sì'), /ISEE/);
    expectReply(await h.press(maria, 'fino a 10.000'), /puoi accedere/, /Scegli l’orario/);
    expectReply(await h.press(maria, /lunedì 2 marzo 2026, 15:00/), /mi servono tre dati/);
    await h.press(maria, 'Sì');
    await h.say(maria, resident.givenName);
    await h.say(maria, resident.familyName);
    expectReply(await h.say(maria, resident.fiscalCode), /Ecco il riepilogo/, /Confermi la prenotazione/);
    const confirmed = await h.press(maria, 'Sì');
    expectReply(confirmed, /Prenotazione confermata! Codice: WBC-2026-\d{6}/);

    const answered = h.standIn.callsTo('answerCallbackQuery').map((c) => c.params['callback_query_id']);
    expect(h.callbacks).toHaveLength(11);
    expect(answered).toEqual(h.callbacks);

    // Logs follow the chat by a hash: no chat id, no name, no fiscal code, no answer.
    const logs = h.logs.join('');
    expect(logs).toContain('"channel":"telegram"');
    for (const secret of [String(maria.id), resident.familyName, resident.fiscalCode, 'Limena']) expect(logs).not.toContain(secret);
    expect(h.backend.context.ledger.bookingsOf(resident.fiscalCode)).toEqual([
      expect.objectContaining({ service: expect.objectContaining({ id: 'doposcuola-online' }) }),
    ]);
  });

  it('in simple mode: a big reply keyboard, one button per row; pressing its buttons books; 0 and 9 on every menu', async () => {
    h = await harness();
    const keyboardOf = (sent: SentMessage[]) => sent.filter((m) => m.replyKeyboard).at(-1)?.replyKeyboard;
    /** Presses a reply-keyboard button: Telegram sends its text as a message. */
    const pressBig = async (label: RegExp) => {
      const rows = keyboardOf(h!.standIn.sent(maria.id))?.rows ?? [];
      const text = rows.flat().find((t) => label.test(t));
      if (!text) throw new Error(`no big button ${String(label)} in: ${rows.flat().join(' | ')}`);
      return h!.say(maria, text);
    };
    const first = await h.send(maria, h.tg.start(maria, 'simple'));
    const keyboard = keyboardOf(first)!;
    expect(keyboard.persistent).toBe(true);
    expect(keyboard.rows.every((row) => row.length === 1)).toBe(true);
    expect(keyboard.rows.flat()).toEqual([
      '1. Cercare per argomento',
      '2. Descrivere di cosa ha bisogno',
      '3. Le mie prenotazioni',
      '4. Buoni spesa',
      '5. Altri',
      '0. Indietro',
      '9. Parlare con una persona',
    ]);
    // Numbered in the text too, so the menu reads the same on any phone.
    expect(visible(first.at(-1)!.text)).toContain('1. Cercare per argomento');
    expect(first.some((m) => m.keyboard)).toBe(false);

    await pressBig(/Cercare per argomento/);
    await pressBig(/Supporto scolastico/);
    await pressBig(/Doposcuola online/);
    expectReply(await pressBig(/Verificare e prenotare/), /In quale comune/);
    const age = await pressBig(/Limena/);
    expectReply(age, /Quanti anni/);
    // A question to answer by typing: the big buttons go away.
    expect(age.at(-1)!.removedKeyboard).toBe(true);
    await h.say(maria, '9');
    await pressBig(/primaria/);
    await pressBig(/Sì/);
    expectReply(await pressBig(/fino a 10\.000/), /lunedì 2 marzo alle 15\b/);
    expect(keyboardOf(h.standIn.sent(maria.id))!.rows.flat().slice(-2)).toEqual(['0. Indietro', '9. Parlare con una persona']);
    await h.say(maria, '1');
    await h.say(maria, '1');
    await h.say(maria, resident.givenName);
    await h.say(maria, resident.familyName);
    expectReply(await h.say(maria, resident.fiscalCode), /Ecco il riepilogo/);
    expectReply(await pressBig(/^1\. Sì/), /Prenotazione confermata! Codice: WBC-2026-\d{6}/);
    // 0 and 9 from the menu that follows.
    // No staff desk: the social services of the town she answered, never a promise of a call.
    expectReply(await h.say(maria, '9'), /servizi sociali del Comune di Limena:\nComune di Limena – Servizi sociali\nTelefono: \+39 049/);
  });

  it('in simple mode, with digits typed: my bookings and cancelling, grocery vouchers and their status, 0 back', async () => {
    h = await harness();
    const menuOf = (sent: SentMessage[]) =>
      sent
        .filter((m) => m.replyKeyboard)
        .at(-1)
        ?.replyKeyboard?.rows.flat() ?? [];
    const digits = async (...typed: string[]) => {
      let last: SentMessage[] = [];
      for (const d of typed) last = await h!.say(maria, d);
      return last;
    };
    await h.send(maria, h.tg.start(maria, 'simple'));
    // Book first (as in the test above), by digits and the three data.
    await digits('1', '2', '1', '1', '4', '9', '2', '1', '1', '1', '1');
    await h.say(maria, resident.givenName);
    await h.say(maria, resident.familyName);
    await h.say(maria, resident.fiscalCode);
    expectReply(await h.say(maria, '1'), /Prenotazione confermata/);

    const mine = await h.say(maria, '3');
    expectReply(mine, /lunedì 2 marzo alle 15\b/);
    expect(menuOf(mine).slice(-2)).toEqual(['0. Indietro', '9. Parlare con una persona']);
    expectReply(await h.say(maria, '1'), /Vuole annullare questa prenotazione/);
    expectReply(await h.say(maria, '1'), /annullata/);
    expect(h.backend.context.ledger.bookingsOf(resident.fiscalCode)[0]?.status).toBe('cancelled');

    const vouchers = await h.say(maria, '4');
    expect(menuOf(vouchers)).toEqual([
      '1. Fare domanda',
      '2. Sapere a che punto è la domanda',
      '3. Menu principale',
      '0. Indietro',
      '9. Parlare con una persona',
    ]);
    // 0 goes back to the main menu, 4 comes again.
    expectReply(await h.say(maria, '0'), /Come posso aiutarLa/);
    await h.say(maria, '4');
    // The application has a consent of its own (the booking's does not cover it); then name, fiscal code and
    // municipality are known from the booking: straight to the household.
    expectReply(await h.say(maria, '1'), /Per la domanda di buoni spesa mi servono/);
    expectReply(await h.say(maria, '1'), /Quante persone/);
    await h.say(maria, '4');
    await h.say(maria, '2');
    expectReply(await h.say(maria, '1'), /BSP-2026-\d{6}/);
    await h.say(maria, '4');
    expectReply(await h.say(maria, '2'), /Stato: ricevuta/);
  });

  it('books a service by typed answers, in English from the resident’s language_code', async () => {
    h = await harness();
    expectReply(await h.say(john, 'hello'), /How can I help/);
    expectReply(await h.say(john, 'doposcula'), 'Online homework help');
    expectReply(await h.say(john, '1'), 'Cooperativa Sociale Jonathan');
    expectReply(await h.say(john, 'check and book'), /Which municipality/);
    expectReply(await h.say(john, 'limena'), /How old/);
    expectReply(await h.say(john, 'nine'), /Which school/);
    await h.say(john, '2');
    await h.say(john, 'yes');
    expectReply(await h.say(john, '1'), /Choose the time/);
    await h.say(john, '1');
    await h.say(john, 'yes');
    await h.say(john, resident.givenName);
    await h.say(john, resident.familyName);
    await h.say(john, resident.fiscalCode);
    expectReply(await h.say(john, 'yes'), /Booking confirmed! Reference: WBC-2026-\d{6}/);
    expect(h.standIn.callsTo('answerCallbackQuery')).toHaveLength(0);
  });

  it('refuses a forged or missing secret with 401: no Bot API call, no turn', async () => {
    h = await harness();
    const callsBefore = h.standIn.calls.length;
    expect(await h.post(h.tg.text(maria, 'ciao'), 'not-the-secret')).toBe(401);
    expect(await h.post(h.tg.text(maria, 'ciao'), null)).toBe(401);
    expect(await h.post(h.tg.text(maria, 'ciao'), `${SECRET}x`)).toBe(401);
    await h.channel.settled();
    expect(h.standIn.calls.length).toBe(callsBefore);
    expect(await h.turns()).toBe(0);
  });

  it('refuses a body that is not an update with 400, and no turn', async () => {
    h = await harness();
    expect(await h.post('{not json')).toBe(400);
    expect(await h.post({ hello: 'world' })).toBe(400);
    expect(await h.post({ update_id: 'seven' })).toBe(400);
    await h.channel.settled();
    expect(h.standIn.callsTo('sendMessage')).toHaveLength(0);
    expect(await h.turns()).toBe(0);
  });

  it('answers an update delivered twice only once (sessions in Redis)', async () => {
    const prefix = testPrefix('telegram');
    h = await harness({ redisPrefix: prefix });
    const update = h.tg.text(maria, 'ciao');
    expect(await h.post(update)).toBe(200);
    expect(await h.post(update)).toBe(200);
    await h.channel.settled();
    expect(await h.post(update)).toBe(200);
    await h.channel.settled();
    const sent = h.standIn.sent(maria.id);
    expect(sent.filter((m) => /Sono Sportello/.test(m.text))).toHaveLength(1);
    expect(sent).toHaveLength(2); // the welcome and the menu, once
  });

  it('replies to updates posted back to back in the order they came', async () => {
    h = await harness();
    // Each post returns at the 200, before its turn has run.
    for (const update of [h.tg.start(maria), h.tg.text(maria, 'aiuto'), h.tg.text(maria, 'stop')]) expect(await h.post(update)).toBe(200);
    await h.channel.settled();
    const texts = h.standIn.sent(maria.id).map((m) => visible(m.text));
    const at = [/Sono Sportello/, /Scegli una voce scrivendo/, /ci fermiamo qui/].map((p) => texts.findIndex((t) => p.test(t)));
    expect(
      at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)),
      texts.join('\n---\n'),
    ).toBe(true);
  });

  it('answers a button of an earlier message with the expired-menu text and the current question', async () => {
    h = await harness();
    await h.send(maria, h.tg.start(maria));
    const menu = h.standIn.sent(maria.id).at(-1)!;
    expectReply(await h.press(maria, 'Cerca per argomento'), /Scegli l’argomento/);
    const stale = await h.press(maria, 'Buoni spesa', menu);
    expectReply(stale, h.assistant.translator.t('it', 'engine.stale_choice'), /Scegli l’argomento/);
    expect(
      stale
        .at(-1)!
        .keyboard?.flat()
        .map((b) => b.text),
    ).toContain('Supporto scolastico');
    expect(h.standIn.callsTo('answerCallbackQuery')).toHaveLength(2);
  });

  it('waits out a 429 in the middle of a reply burst and delivers every message, in order', async () => {
    h = await harness();
    await h.send(maria, h.tg.start(maria, 'svc_doposcuola-online'));
    for (const step of ['Verifica e prenota', 'Limena']) await h.press(maria, step);
    await h.say(maria, '9');
    await h.press(maria, /primaria/);
    await h.press(maria, 'Sì');
    const attemptsBefore = h.standIn.callsTo('sendMessage').length;
    h.standIn.rateLimitSends(1, { after: 1, retryAfter: 1 });
    const burst = await h.press(maria, 'fino a 10.000');

    const attempts = h.standIn.callsTo('sendMessage').slice(attemptsBefore);
    const limited = attempts.findIndex((c) => c.status === 429);
    expect(limited).toBe(1);
    expect(attempts[limited + 1]!.params['text']).toBe(attempts[limited]!.params['text']);
    expect(attempts[limited + 1]!.at - attempts[limited]!.at).toBeGreaterThanOrEqual(1000);
    expect(burst.map((m) => m.text)).toEqual(attempts.filter((c) => c.status === 200).map((c) => c.params['text']));
    expect(burst.length).toBeGreaterThanOrEqual(3);
    const order = [/puoi accedere/, /non una decisione ufficiale/, /Scegli l’orario/].map((p) => burst.findIndex((m) => p.test(visible(m.text))));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(burst.at(-1)!.keyboard).toBeDefined();
  });

  it('splits a 6000-character reply into parts Telegram accepts', async () => {
    h = await harness();
    const paragraphs = Array.from({ length: 6 }, (_, i) => `Paragrafo ${i}: ${'testo '.repeat(165)}`.trim());
    const text = paragraphs.join('\n\n');
    expect(text.length).toBeGreaterThan(6000);
    await h.channel.deliver(String(maria.id), [{ type: 'text', text }]);
    const sent = h.standIn.sent(maria.id);
    expect(sent.length).toBe(2);
    expect(sent.every((m) => m.text.length <= MAX_MESSAGE_CHARS)).toBe(true);
    expect(sent.map((m) => m.text).join('\n\n')).toBe(text);
    expect(h.standIn.callsTo('sendMessage').every((c) => c.status === 200)).toBe(true);
  });

  it('opens a service card from a /start deep link', async () => {
    h = await harness();
    const replies = await h.send(maria, h.tg.start(maria, 'svc_doposcuola-online'));
    expect(replies[0]!.text).toMatch(/^<b>Doposcuola online<\/b>\n<i>Cooperativa Sociale Jonathan<\/i>/);
    expect(replies[0]!.text).toMatch(/<b>Prezzo:<\/b> 8\s€ all’ora/);
    expect(h.standIn.callsTo('sendMessage')[0]!.params).toMatchObject({ parse_mode: 'HTML' });
    expect(
      replies
        .at(-1)!
        .keyboard?.flat()
        .map((b) => b.text),
    ).toContain('Verifica e prenota');
  });

  it('tells a group once that it works in private chat only, with no turn', async () => {
    h = await harness();
    const group = { id: -100200300 };
    expect(await h.post(h.tg.group(maria, group, 'ciao bot'))).toBe(200);
    expect(await h.post(h.tg.group(john, group, '/start'))).toBe(200);
    const pressInGroup = h.tg.raw({
      callback_query: {
        id: 'cbq-group',
        from: { id: john.id, is_bot: false, first_name: 'John' },
        chat_instance: 'g',
        data: '1.0',
        message: { message_id: 9, date: 1, chat: { ...group, type: 'group', title: 'G' } },
      },
    });
    expect(await h.post(pressInGroup)).toBe(200);
    await h.channel.settled();
    expect(h.standIn.callsTo('answerCallbackQuery').map((c) => c.params['callback_query_id'])).toEqual(['cbq-group']);
    const told = h.standIn.sent(group.id);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('solo in chat privata');
    expect(told[0]!.text).toContain('https://t.me/sportello_test_bot');
    expect(await h.turns()).toBe(0);
  });

  it('answers an edited message with a notice that edits are not read, with no turn', async () => {
    h = await harness();
    const replies = await h.send(maria, h.tg.edited(maria, 1, 'limena'));
    expect(replies.map((m) => m.text)).toEqual([`ℹ ${h.assistant.translator.t('it', 'telegram.edited_ignored')}`]);
    expect(await h.turns()).toBe(0);
  });

  it('stops sending to a chat that blocked the bot, and sends again when it writes', async () => {
    h = await harness();
    h.standIn.block(maria.id);
    await h.say(maria, 'ciao');
    expect(h.standIn.callsTo('sendMessage').map((c) => c.status)).toEqual([403]);
    h.standIn.unblock(maria.id);
    expectReply(await h.say(maria, 'menu'), /Come posso aiutarti/);
  });

  it('sets the command menu in every language spoken, and registers the webhook with its secret when a URL is set', async () => {
    h = await harness({ telegram: { webhookUrl: 'https://sportello.example.org/telegram/webhook' } });
    const commands = h.standIn.callsTo('setMyCommands');
    const byLanguage = new Map(
      commands.map((c) => [c.params['language_code'] ?? 'default', c.params['commands'] as { command: string; description: string }[]]),
    );
    expect([...byLanguage.keys()].sort()).toEqual(['ar', 'default', 'en', 'it', 'ro', 'sq', 'uk', 'zh']);
    expect(byLanguage.get('uk')!.find((c) => c.command === 'semplice')!.description).toMatch(/Простий режим/);
    expect(byLanguage.get('it')!.map((c) => c.command)).toEqual(advertisedCommands(lexicon, 'it').map((c) => c.command));
    expect(byLanguage.get('en')!.find((c) => c.command === 'aiuto')!.description).toMatch(/How it works/);
    expect(byLanguage.get('it')!.find((c) => c.command === 'aiuto')!.description).toMatch(/Come funziona/);
    expect(h.standIn.callsTo('setWebhook')[0]!.params).toEqual({
      url: 'https://sportello.example.org/telegram/webhook',
      secret_token: SECRET,
      allowed_updates: ['message', 'edited_message', 'callback_query'],
    });
    expect(h.standIn.callsTo('deleteWebhook')).toHaveLength(0);
  });

  it('finishes the turn in flight and sends its replies when the server stops', async () => {
    h = await harness();
    expect(await h.post(h.tg.start(maria))).toBe(200);
    await h.server.stop(1000);
    expectReply(h.standIn.sent(maria.id), /Come posso aiutarti/);
    expect(await h.post(h.tg.text(maria, 'ciao')).catch(() => 'refused')).toBe('refused');
  });
});

describe('telegram channel by long polling', () => {
  it('takes updates from getUpdates when no webhook secret is set, and confirms them when it stops', async () => {
    h = await harness({ telegram: { webhookSecret: undefined } });
    const update = h.tg.text(maria, 'ciao');
    h.standIn.pushUpdates(update);
    await h.standIn.waitForCalls('sendMessage', 2);
    await h.channel.settled();
    expectReply(h.standIn.sent(maria.id), /Sono Sportello/, /Come posso aiutarti/);
    expect(h.standIn.callsTo('deleteWebhook')).toHaveLength(1);
    expect(h.standIn.callsTo('getUpdates')[0]!.params).toMatchObject({ allowed_updates: ['message', 'edited_message', 'callback_query'] });
    expect(await h.post(h.tg.text(maria, 'ciao'))).toBe(404);
    await h.server.stop(1000);
    expect(h.standIn.callsTo('getUpdates').at(-1)!.params['offset']).toBe(update.update_id + 1);
  });

  it('stops cleanly even when stopped right after it started', async () => {
    h = await harness({ telegram: { webhookSecret: undefined } });
    await h.server.stop(1000);
    const polls = h.standIn.callsTo('getUpdates').length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.standIn.callsTo('getUpdates').length).toBe(polls);
  });
});
