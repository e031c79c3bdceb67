// Sportello writing first, end to end: a Telegram resident (telegraf against the Bot API stand-in), the reference
// backend's signed voucher webhook, jobs in real Redis, and a clock the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type App, type RunningApp } from '../../src/app/compose.js';
import { createTelegramChannel, WEBHOOK_PATH, type TelegramChannel } from '../../src/channels/telegram/channel.js';
import { loadConfig, type Config } from '../../src/config.js';
import { jobIds } from '../../src/proactive/service.js';
import { VOUCHER_WEBHOOK_PATH } from '../../src/proactive/webhook.js';
import { silentLogger } from '../../src/log.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { peekSession } from '../support/conversation.js';
import { maria as resident } from '../e2e/phrases.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';
import { expectReply, matches } from '../support/telegram-replies.js';
import { telegramStandIn, type SentMessage, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { telegramUpdates, type Sender } from '../support/telegram-updates.js';

const SECRET = 'webhook-secret_for-proactive-0001';
const WEBHOOK_SECRET = 'shared-secret-with-the-backend-0123456789';
const maria: Sender = { id: 31337, firstName: 'Maria', languageCode: 'it' };

interface World {
  standIn: TelegramStandIn;
  backend: TestBackend;
  assistant: App;
  channel: TelegramChannel;
  server: RunningApp;
  prefix: string;
  /** Where the backend posts its webhook: set once the assistant listens. */
  subscriber: { url: string; secret: string };
  say(text: string): Promise<SentMessage[]>;
  press(label: string | RegExp): Promise<SentMessage[]>;
  /** Moves the clock (Europe/Rome wall time) and sends what is due. */
  at(iso: string): Promise<SentMessage[]>;
  close(): Promise<void>;
}

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(now = '2026-03-02T09:00:00'): Promise<World> {
  const standIn = await telegramStandIn();
  const subscriber = { url: 'http://127.0.0.1:9/not-yet', secret: WEBHOOK_SECRET };
  const backend = await referenceBackend({ now, webhooks: [subscriber] });
  const prefix = testPrefix('proactive');
  const telegram = { token: standIn.token, webhookSecret: SECRET, apiRoot: standIn.url };
  const config: Config = {
    ...loadConfig({}),
    welfareBackendUrl: backend.url,
    redisUrl: redisUrl(),
    redisKeyPrefix: prefix,
    telegram,
    welfareWebhookSecret: WEBHOOK_SECRET,
  };
  const assistant = await composeApp(config, {
    now: () => backend.clock.now,
    log: silentLogger,
    listen: { port: 0, host: '127.0.0.1' },
    channels: ({ runner, translator, metrics }) => [
      createTelegramChannel({ config: telegram, runner, translator, log: silentLogger, metrics, pacing: { perChatIntervalMs: 5 } }),
    ],
  });
  const channel = assistant.channels[0] as TelegramChannel;
  const server = await assistant.start();
  subscriber.url = `${server.url!}${VOUCHER_WEBHOOK_PATH}`;
  const tg = telegramUpdates();
  const sent = () => standIn.sent(maria.id).length;
  const send = async (update: unknown) => {
    const before = sent();
    const res = await fetch(`${server.url!}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    await channel.settled();
    return standIn.sent(maria.id).slice(before);
  };
  return {
    standIn,
    backend,
    assistant,
    channel,
    server,
    prefix,
    subscriber,
    say: (text) => send(tg.text(maria, text)),
    press(label) {
      const message = standIn
        .sent(maria.id)
        .filter((m) => m.keyboard)
        .at(-1);
      const button = message?.keyboard?.flat().find((b) => matches(b.text, label));
      if (!message || !button) throw new Error(`no button ${String(label)}`);
      return send(tg.callback(maria, button.callback_data, { messageId: message.messageId, text: message.text, keyboard: message.keyboard! }));
    },
    async at(iso) {
      backend.clock.now = backend.clock.now.set(Object.fromEntries(Object.entries(DateParts(iso))));
      const before = sent();
      await assistant.proactive.tick();
      await channel.settled();
      return standIn.sent(maria.id).slice(before);
    },
    async close() {
      await server.stop(1000);
      await backend.close();
      await standIn.close();
      await cleanPrefix(redisUrl(), prefix);
    },
  };
}

function DateParts(iso: string) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(iso)!;
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]) };
}

/** Maria books the online homework help on the slot whose label matches, by buttons and typed answers. */
async function book(slot: RegExp): Promise<void> {
  await w!.say('ciao');
  await w!.press('Cerca per argomento');
  await w!.press('Supporto scolastico');
  await w!.press('Doposcuola online');
  await w!.press('Verifica e prenota');
  await w!.press('Limena');
  await w!.say('9');
  await w!.press(/primaria/);
  await w!.press('Sì');
  expectReply(await w!.press('fino a 10.000'), /Scegli l’orario/);
  let offered = w!.standIn
    .sent(maria.id)
    .filter((m) => m.keyboard)
    .at(-1)!;
  while (!offered.keyboard!.flat().some((b) => slot.test(b.text))) {
    await w!.press(/^Altri$/);
    offered = w!.standIn
      .sent(maria.id)
      .filter((m) => m.keyboard)
      .at(-1)!;
  }
  await w!.press(slot);
  await w!.press('Sì');
  await w!.say(resident.givenName);
  await w!.say(resident.familyName);
  await w!.say(resident.fiscalCode);
  expectReply(await w!.press('Sì'), /Prenotazione confermata/);
}

describe('proactive messages', () => {
  it('reminds right away a booking made after 18:00 the day before; "cancel" there cancels it and its follow-up', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/lunedì 2 marzo 2026, 15:00/);
    const [booking] = w.backend.context.ledger.bookingsOf(resident.fiscalCode);
    expectReply(await w.at('2026-03-02T09:01'), /Promemoria: .*«Doposcuola online»\. Ci sarai\?/);
    expectReply(await w.press('Annulla la prenotazione'), /Ho annullato la prenotazione/);
    expect(w.backend.context.ledger.bookingsOf(resident.fiscalCode)[0]!.status).toBe('cancelled');
    // The follow-up of a cancelled booking is gone.
    expect(await schedulerGet(jobIds.followup({ channel: 'telegram', id: String(maria.id) }, booking!.id))).toBeUndefined();
    expect(await w.at('2026-03-04T10:01')).toEqual([]);
  });

  it('reminds at 18:00 the day before, not earlier; "I will be there" keeps the booking', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/martedì 3 marzo 2026/);
    expect(await w.at('2026-03-02T17:59')).toEqual([]);
    expectReply(await w.at('2026-03-02T18:00'), /Promemoria: .*«Doposcuola online»/);
    expectReply(await w.press('Sì, ci sarò'), /ti aspettano/);
    expect(w.backend.context.ledger.bookingsOf(resident.fiscalCode)[0]!.status).toBe('confirmed');
  });

  it('reminds at 18:00 on Rome’s wall clock across the October daylight-saving change', async () => {
    // Clocks go back at 3:00 on Sunday 25 October 2026: the Monday booking is reminded on Sunday at 18:00 winter time.
    w = await world('2026-10-22T09:00:00');
    await book(/lunedì 26 ottobre 2026/);
    expect(await w.at('2026-10-25T17:59')).toEqual([]);
    expectReply(await w.at('2026-10-25T18:00'), /Promemoria: .*«Doposcuola online»/);
    expect(w.backend.clock.now.offset).toBe(60); // winter time: the wall clock said 18:00, not 19:00 or 17:00
  });

  it('a booking cancelled from another conversation (another channel) takes its messages with it', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/martedì 3 marzo 2026/);
    const [booking] = w.backend.context.ledger.bookingsOf(resident.fiscalCode);
    const webChat = { channel: 'botframework' as const, id: 'webchat-of-maria' };
    const session = (await import('../../src/conversation/session.js')).newSession('botframework:webchat-of-maria', 'it', '2026-03-02T09:30:00Z');
    await w.assistant.proactive.perform([{ type: 'booking_cancelled', bookingId: booking!.id }], {
      conversation: webChat,
      key: 'botframework:webchat-of-maria',
      session,
      runTurn: w.assistant.runner,
    });
    expect(await schedulerGet(jobIds.reminder({ channel: 'telegram', id: String(maria.id) }, booking!.id))).toBeUndefined();
    expect(await w.at('2026-03-02T18:00')).toEqual([]);
  });

  it('"delete my data" removes the conversation’s scheduled messages', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/martedì 3 marzo 2026/);
    const [booking] = w.backend.context.ledger.bookingsOf(resident.fiscalCode);
    expect(await schedulerGet(jobIds.reminder({ channel: 'telegram', id: String(maria.id) }, booking!.id))).toBeDefined();
    await w.say('cancella i miei dati');
    expectReply(await w.press('Sì'), /cancellato/i);
    expect(await schedulerGet(jobIds.reminder({ channel: 'telegram', id: String(maria.id) }, booking!.id))).toBeUndefined();
    expect(await w.at('2026-03-02T18:00')).toEqual([]);
  });

  it('drops the job of a resident who blocked the bot, without retrying it', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/martedì 3 marzo 2026/);
    w.standIn.block(maria.id);
    expect(await w.at('2026-03-02T18:00')).toEqual([]);
    const refused = w.standIn.callsTo('sendMessage').filter((c) => c.status === 403).length;
    expect(refused).toBe(1);
    // Later ticks do not try again.
    await w.at('2026-03-02T18:30');
    await w.at('2026-03-02T19:30');
    expect(w.standIn.callsTo('sendMessage').filter((c) => c.status === 403)).toHaveLength(refused);
    const metrics = await fetch(`${w.server.url!}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/sportello_proactive_jobs_total\{event="failed",reason="unreachable"\} 1/);
  });

  it('a booking cancelled from "my bookings" takes its reminder with it', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/martedì 3 marzo 2026/);
    await w.say('menu');
    await w.press('Le mie prenotazioni');
    await w.press(/Doposcuola online/);
    expectReply(await w.press('Sì'), /annullata/);
    expect(await w.at('2026-03-02T18:00')).toEqual([]);
  });

  it('asks "did it help?" two days after the service and sends the answer to the backend; not after "notifiche"', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/lunedì 2 marzo 2026, 15:00/);
    const [booking] = w.backend.context.ledger.bookingsOf(resident.fiscalCode);
    await w.at('2026-03-02T09:01');
    await w.press('Sì, ci sarò');
    expectReply(await w.at('2026-03-04T10:01'), /Ti è stato utile «Doposcuola online»\?/);
    expectReply(await w.press(/^4/), /Vuoi aggiungere un commento/);
    expectReply(await w.say('La tutor è stata molto paziente'), /Grazie!/);
    const feedback = await fetch(`${w.backend.url}/v1/bookings/${booking!.id}/feedback`).then((r) => r.json());
    expect(feedback).toMatchObject({ rating: 4, comment: 'La tutor è stata molto paziente' });
  });

  it('honours the opt-out on the next job', async () => {
    w = await world('2026-03-02T09:00:00');
    await book(/lunedì 2 marzo 2026, 15:00/);
    await w.at('2026-03-02T09:01');
    await w.press('Sì, ci sarò');
    expectReply(await w.say('notifiche'), /non ti scriverò più per primo/);
    expect(await w.at('2026-03-04T10:01')).toEqual([]);
    const metrics = await fetch(`${w.server.url!}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/sportello_proactive_jobs_total\{event="skipped",reason="opted_out"\} 1/);
  });

  it('defers a voucher status change to 8:30 in quiet hours, then tells the resident; a wrongly signed webhook is refused', async () => {
    w = await world('2026-03-02T09:00:00');
    await w.say('ciao');
    await w.press('Buoni spesa');
    await w.press('Fare domanda');
    await w.press('Sì');
    await w.say(resident.givenName);
    await w.say(resident.familyName);
    await w.say(resident.fiscalCode);
    await w.press('Limena');
    await w.say('3');
    await w.press(/diminuito/);
    const sent = await w.press('Sì');
    const reference = /BSP-2026-\d{6}/.exec(sent.map((m) => m.text).join('\n'))![0];
    const stored = await peekSession(w.assistant.store, 'telegram:31337');
    const applicationId = stored!.data.vouchers[0]!.id;

    // Forged: refused before anything is read.
    const forged = await fetch(`${w.server.url!}${VOUCHER_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sportello-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: JSON.stringify({ id: 'f0f0f0f0-0000-4000-8000-000000000000' }),
    });
    expect(forged.status).toBe(401);

    // Decided at 23:10: the backend posts its signed event; the message waits for the morning.
    w.backend.clock.now = w.backend.clock.now.set({ hour: 23, minute: 10 });
    const decided = await fetch(`${w.backend.url}/v1/voucher-applications/${applicationId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'approved' }),
    });
    expect(decided.status).toBe(200);
    await until(async () => (await schedulerCount()) > 0);
    expect(await w.at('2026-03-02T23:11')).toEqual([]);
    expect(await w.at('2026-03-03T08:29')).toEqual([]);
    expectReply(await w.at('2026-03-03T08:31'), new RegExp(`${reference}: accolta`, 'i'));
  });
});

async function schedulerGet(id: string) {
  const scheduler = (await import('../../src/proactive/redis-scheduler.js')).createRedisScheduler({ url: redisUrl(), prefix: w!.prefix });
  await scheduler.ready;
  const found = await scheduler.get(id);
  await scheduler.close();
  return found;
}

async function schedulerCount(): Promise<number> {
  const scheduler = (await import('../../src/proactive/redis-scheduler.js')).createRedisScheduler({ url: redisUrl(), prefix: w!.prefix });
  await scheduler.ready;
  const counts = await scheduler.counts(Date.now() + 365 * 24 * 3600 * 1000);
  await scheduler.close();
  return counts.scheduled - 1; // the application's dormant watch job is always there
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
