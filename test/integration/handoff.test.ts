// Escalation end to end: a Telegram resident (telegraf against the Bot API stand-in) and staff on Slack (Bolt and
// @slack/web-api against the Web API stand-in, signed requests), with sessions and tickets in real Redis.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parse, stringify } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { composeApp, type RunningApp } from '../../src/app/compose.js';
import { createTelegramChannel, WEBHOOK_PATH, type TelegramChannel } from '../../src/channels/telegram/channel.js';
import { loadConfig, type Config } from '../../src/config.js';
import { defaultOfficeHoursFile } from '../../src/handoff/office-hours.js';
import { CLOSE_ACTION, TAKE_ACTION } from '../../src/handoff/slack/blocks.js';
import { createLogger } from '../../src/log.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { maria as resident } from '../e2e/phrases.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';
import { buttonPress, SIGNING_SECRET, slackPoster, threadMessage, type SlackPoster, type StaffMember } from '../support/slack-requests.js';
import { slackStandIn, type RecordedCall, type SlackStandIn } from '../support/slack-stand-in.js';
import { telegramStandIn, type SentMessage, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { expectReply, matches } from '../support/telegram-replies.js';
import { telegramUpdates, type Sender } from '../support/telegram-updates.js';

const SECRET = 'webhook-secret_for-the-handoff-01';
const STAFF_CHANNEL = 'CSTAFF0001';
const maria: Sender = { id: 31337, firstName: 'Maria', languageCode: 'it' };
const john: Sender = { id: 42424, firstName: 'John', languageCode: 'en' };
const giulia: StaffMember = { id: 'UGIULIA01', name: 'giulia' };

/** One process of the assistant: Telegram webhook and Slack desk on one HTTP server. */
interface Node {
  server: RunningApp;
  channel: TelegramChannel;
  slack: SlackPoster;
  logs: string[];
  /** Waits until the Slack requests and Telegram sends this process started are done. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

interface World {
  telegram: TelegramStandIn;
  slackApi: SlackStandIn;
  backend: TestBackend;
  prefix: string;
  tg: ReturnType<typeof telegramUpdates>;
  nodes: Node[];
  start(over?: { reannounceMs?: number }): Promise<Node>;
  close(): Promise<void>;
}

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

async function world(options: { now?: string; officeHoursFile?: string } = {}): Promise<World> {
  const telegram = await telegramStandIn();
  const slackApi = await slackStandIn();
  const backend = await referenceBackend(options.now ? { now: options.now } : {});
  const prefix = testPrefix('handoff');
  const nodes: Node[] = [];
  const tg = telegramUpdates();

  async function start(over: { reannounceMs?: number } = {}): Promise<Node> {
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
    const telegramConfig = { token: telegram.token, webhookSecret: SECRET, apiRoot: telegram.url };
    const config: Config = {
      ...loadConfig({}),
      welfareBackendUrl: backend.url,
      redisUrl: redisUrl(),
      redisKeyPrefix: prefix,
      telegram: telegramConfig,
      slack: { botToken: slackApi.token, signingSecret: SIGNING_SECRET, staffChannel: STAFF_CHANNEL, apiUrl: slackApi.apiUrl },
      ...(options.officeHoursFile ? { officeHoursFile: options.officeHoursFile } : {}),
      ...over,
    };
    const assistant = await composeApp(config, {
      now: () => backend.clock.now,
      log,
      listen: { port: 0, host: '127.0.0.1' },
      channels: ({ runner, translator, metrics }) => [
        createTelegramChannel({ config: telegramConfig, runner, translator, log, metrics, pacing: { perChatIntervalMs: 5 } }),
      ],
    });
    const channel = assistant.channels[0] as TelegramChannel;
    const server = await assistant.start();
    let stopped = false;
    const node: Node = {
      server,
      channel,
      slack: slackPoster(server.url!),
      logs,
      async settle() {
        // Slack work is acknowledged first and finished after; a turn it started then sends through telegraf.
        await assistant.handoff!.settled();
        await channel.settled();
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        await server.stop(1000);
      },
    };
    nodes.push(node);
    return node;
  }

  return {
    telegram,
    slackApi,
    backend,
    prefix,
    tg,
    nodes,
    start,
    async close() {
      for (const node of nodes) await node.stop();
      await backend.close();
      await telegram.close();
      await slackApi.close();
      await cleanPrefix(redisUrl(), prefix);
    },
  };
}

/** A resident's side of one chat, through one node's webhook. */
function chat(node: () => Node, from: Sender) {
  const send = async (update: unknown): Promise<SentMessage[]> => {
    const before = w!.telegram.sent(from.id).length;
    const res = await fetch(`${node().server.url!}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
      body: JSON.stringify(update),
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
    await node().settle();
    return w!.telegram.sent(from.id).slice(before);
  };
  return {
    send,
    say: (text: string) => send(w!.tg.text(from, text)),
    press(label: string | RegExp) {
      const message = w!.telegram
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
      return send(w!.tg.callback(from, button.callback_data, { messageId: message.messageId, text: message.text, keyboard: message.keyboard! }));
    },
    /** Everything sent to this chat since `index`. */
    since: (index: number) => w!.telegram.sent(from.id).slice(index),
    count: () => w!.telegram.sent(from.id).length,
  };
}

const tickets = () => w!.slackApi.callsTo('chat.postMessage').filter((c) => !c.params['thread_ts']);
const threadPosts = (ticket: RecordedCall) => w!.slackApi.callsTo('chat.postMessage').filter((c) => c.params['thread_ts'] === ticket.response['ts']);
const blocksText = (call: RecordedCall) => JSON.stringify(call.params['blocks']);

async function staffPress(node: Node, ticket: RecordedCall, actionId: string): Promise<number> {
  const ticketId = (call: RecordedCall) => {
    const actions = (call.params['blocks'] as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    return actions!.elements!.find((e) => e.action_id === actionId)!.value;
  };
  const status = await node.slack.interaction(
    buttonPress({
      from: giulia,
      channel: String(ticket.response['channel']),
      messageTs: String(ticket.response['ts']),
      actionId,
      value: ticketId(ticket),
    }),
  );
  await node.settle();
  return status;
}

async function staffWrites(node: Node, ticket: RecordedCall, text: string, extra: { eventId?: string; retryNum?: number } = {}): Promise<number> {
  const envelope = threadMessage({
    from: giulia,
    channel: String(ticket.response['channel']),
    threadTs: String(ticket.response['ts']),
    text,
    ...(extra.eventId ? { eventId: extra.eventId } : {}),
  });
  const status = await node.slack.event(envelope, extra.retryNum !== undefined ? { retryNum: extra.retryNum } : {});
  await node.settle();
  return status;
}

/** Maria on Telegram, halfway through booking the online homework help: at the question about her child's age. */
async function toAgeQuestion(m: ReturnType<typeof chat>): Promise<void> {
  await m.send(w!.tg.start(maria));
  await m.press('Cerca per argomento');
  await m.press('Supporto scolastico');
  await m.press('Doposcuola online');
  await m.press('Verifica e prenota');
  expectReply(await m.press('Limena'), /Quanti anni/);
}

describe('handoff to staff on Slack', () => {
  it('a Telegram resident escalates, staff take, talk in the thread and close; the resident finishes the booking', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, maria);
    await toAgeQuestion(m);

    // Escalation: what happens and how long it usually takes, then a ticket with the transcript.
    const escalated = await m.say('operatore');
    expectReply(escalated, /Ti metto in contatto con una persona/, /entro 15 minuti/, '[Posizione in coda]', "[Torna all'assistente]");
    expect(tickets()).toHaveLength(1);
    const ticket = tickets()[0]!;
    expect(ticket.params['channel']).toBe(STAFF_CHANNEL);
    const shown = blocksText(ticket);
    for (const field of ['telegram', 'limena', 'booking.eligibility', 'doposcuola-online', 'cooperativa-jonathan', 'chiesto un operatore'])
      expect(shown).toContain(field);
    expect(shown).toContain('Quanti anni'); // the assistant's last question, in the transcript
    expect(shown).toContain('operatore'); // and what the resident wrote
    expect(shown).toContain('sportello_take');

    // Queued: the resident asks their position and writes; the message waits in the thread.
    expectReply(await m.press('Posizione in coda'), /Sei il prossimo/);
    expectReply(await m.say('Mio figlio ha la febbre, posso prenotare per la settimana prossima?'), /Ho inoltrato il messaggio/);
    expect(threadPosts(ticket).map((c) => String(c.params['text']))).toEqual([expect.stringContaining('Mio figlio ha la febbre')]);

    // Take: the ticket shows who; the resident is told.
    const beforeTake = m.count();
    expect(await staffPress(node, ticket, TAKE_ACTION)).toBe(200);
    expectReply(m.since(beforeTake), /ha preso la tua richiesta/);
    expect(JSON.stringify(w.slackApi.callsTo('chat.update').at(-1)!.params['blocks'])).toContain(`Preso da <@${giulia.id}>`);

    // Relay both ways; a second message from the resident is relayed silently.
    expect(await m.say('Grazie, aspetto')).toEqual([]);
    expect(threadPosts(ticket)).toHaveLength(2);
    const beforeReply = m.count();
    expect(await staffWrites(node, ticket, 'Buongiorno Maria, sì: può prenotare già ora per lunedì.')).toBe(200);
    expectReply(m.since(beforeReply), /Operatore: Buongiorno Maria, sì: può prenotare già ora per lunedì\./);

    // An internal note stays in Slack.
    const beforeNote = m.count();
    expect(await staffWrites(node, ticket, '// chiedere a Jonathan se c’è posto il lunedì')).toBe(200);
    expect(m.since(beforeNote)).toEqual([]);

    // Close: the resident is told, rates, and is back at the exact question with her answers.
    const beforeClose = m.count();
    expect(await staffPress(node, ticket, CLOSE_ACTION)).toBe(200);
    expectReply(m.since(beforeClose), /ha chiuso la conversazione/, /Ti è stata utile/);
    expectReply(await m.say('5'), /Grazie, la tua risposta/, /Quanti anni/);
    const logs = w.nodes[0]!.logs.join('');
    for (const words of ['febbre', 'Buongiorno Maria', 'chiedere a Jonathan']) expect(logs).not.toContain(words); // relayed, never logged

    expectReply(await m.say('9'), /Che scuola/);
    await m.press(/primaria/);
    await m.press('Sì');
    expectReply(await m.press('fino a 10.000'), /Scegli l’orario/);
    await m.press(/lunedì 2 marzo 2026, 15:00/);
    await m.press('Sì');
    await m.say(resident.givenName);
    await m.say(resident.familyName);
    await m.say(resident.fiscalCode);
    expectReply(await m.press('Sì'), /Prenotazione confermata! Codice: WBC-2026-\d{6}/);
    expect(w.backend.context.ledger.bookingsOf(resident.fiscalCode)).toHaveLength(1);

    const metrics = await fetch(`${node.server.url!}/metrics`).then((r) => r.text());
    expect(metrics).toMatch(/sportello_handoff_events_total\{event="ticket_live"\} 1/);
    expect(metrics).toMatch(/sportello_handoff_ratings_total\{rating="5"\} 1/);
  });

  it('posts to the staff channel of the team the office hours route to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sportello-hours-'));
    const file = join(dir, 'office-hours.yaml');
    const hours = parse(readFileSync(defaultOfficeHoursFile, 'utf8')) as { teams: Record<string, Record<string, unknown>> };
    hours.teams['cooperativa-jonathan']!['slack_channel'] = 'CJONATHAN1';
    writeFileSync(file, stringify(hours));
    try {
      w = await world({ officeHoursFile: file });
      const node = await w.start();
      const m = chat(() => node, maria);
      await toAgeQuestion(m); // the online homework help: category supporto-scolastico → cooperativa-jonathan
      await m.say('operatore');
      expect(tickets().map((t) => t.params['channel'])).toEqual(['CJONATHAN1']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('masks personal data in the transcript unless the resident consented', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, maria);
    await m.send(w.tg.start(maria));
    await m.say('sono Maria Rossi, il mio codice fiscale è RSSMRA85T10A562S e il telefono 333 123 4567');
    await m.say('operatore');
    const shown = blocksText(tickets()[0]!);
    expect(shown).not.toContain('RSSMRA85T10A562S');
    expect(shown).not.toContain('123 4567');
    expect(shown).toContain('[codice fiscale]');
    expect(shown).toContain('[telefono]');
  });

  it('in simple mode, what the desk side says to the resident is in the polite register too', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, maria);
    await m.send(w.tg.start(maria, 'simple'));
    expectReply(await m.say('9'), /La metto in contatto con una persona/, /Può già scrivere qui/);
    // The place in the queue is said by the handoff service after the turn, not by the engine.
    expectReply(await m.say('1'), /Non c'è nessuno prima di Lei\./);
    expect(tickets()).toHaveLength(1);
  });

  it('lets the resident leave the queue: the ticket is closed in Slack and the conversation resumes', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, maria);
    await toAgeQuestion(m);
    await m.say('operatore');
    expectReply(await m.press("Torna all'assistente"), /ho annullato la richiesta/, /Quanti anni/);
    const ticket = tickets()[0]!;
    expect(threadPosts(ticket).map((c) => String(c.params['text']))).toEqual([expect.stringContaining("L'utente ha annullato")]);
    expect(JSON.stringify(w.slackApi.callsTo('chat.update').at(-1)!.params['blocks'])).toContain("Annullato dall'utente");
    // Staff pressing Take afterwards are told it is closed; the resident hears nothing.
    const before = m.count();
    await staffPress(node, ticket, TAKE_ACTION);
    expect(m.since(before)).toEqual([]);
    expect(w.slackApi.callsTo('chat.postEphemeral').at(-1)!.params['text']).toMatch(/già chiuso/);
  });

  it('outside office hours on a patron day: the next opening in words, then a call-back request ticket', async () => {
    // Wednesday 11 November 2026, San Martino: the Campo San Martino desk is closed all day.
    w = await world({ now: '2026-11-11T10:00:00' });
    const node = await w.start();
    const m = chat(() => node, maria);
    await m.send(w.tg.start(maria, 'mun_campo-san-martino'));
    const closed = await m.say('operatore');
    expectReply(closed, /Adesso gli uffici sono chiusi\. Riaprono venerdì alle 9:00\./, /Vuoi essere richiamato/);
    expect(tickets()).toHaveLength(0);
    expectReply(await m.press('Sì'), /numero di telefono/, /Sei d'accordo/);
    expectReply(await m.press('Sì'), /Scrivi il tuo numero/);
    expectReply(await m.say('tre tre tre'), /non sembra giusto/);
    // Shared as a Telegram contact.
    expectReply(
      await m.send(w.tg.contact(maria, '+39 333 765 4321')),
      /ti richiameranno dopo la riapertura, venerdì alle 9:00/,
      /Come posso aiutarti/,
    );
    expect(tickets()).toHaveLength(1);
    const ticket = tickets()[0]!;
    const shown = blocksText(ticket);
    expect(shown).toContain('richiesta di richiamata');
    expect(shown).toContain('sportello-campo-san-martino');
    expect(shown).toContain('+39 333 765 4321');
    expect(node.logs.join('')).not.toContain('765 4321');
    // The resident is not on the line: the next message goes to the assistant, not to Slack.
    expectReply(await m.say('menu'), /Come posso aiutarti/);
    expect(threadPosts(ticket)).toEqual([]);

    // "Delete my data": the ticket goes, and its Slack message keeps only the reference.
    await m.say('cancella i miei dati');
    await m.press('Sì');
    const redacted = w.slackApi.callsTo('chat.update').at(-1)!;
    expect(redacted.params['ts']).toBe(ticket.response['ts']);
    expect(JSON.stringify(redacted.params)).toMatch(/dati cancellati su richiesta/);
    expect(JSON.stringify(redacted.params)).not.toContain('765 4321');
  });

  it('in English, outside office hours on a Sunday: the opening is said in English and a refusal leaves nothing', async () => {
    w = await world({ now: '2026-03-01T11:00:00' });
    const node = await w.start();
    const j = chat(() => node, john);
    await j.say('hello');
    expectReply(await j.say('operator'), /The offices are closed now\. They open again tomorrow at 9:00\./, /phone call back/);
    expectReply(await j.press('No'), /I will not leave a request/);
    expect(tickets()).toHaveLength(0);
  });

  it('in English, live: the resident hears each step of the handoff in English, staff words as written', async () => {
    w = await world();
    const node = await w.start();
    const j = chat(() => node, john);
    await j.say('hello');
    expectReply(
      await j.say('talk to a person'),
      /putting you in touch with a person/,
      /within 15 minutes/,
      '[Place in the queue]',
      '[Back to the assistant]',
    );
    expect(blocksText(tickets()[0]!)).toContain('"*Lingua*\\nen"');
    expectReply(await j.say('queue'), /You are next/);
    const ticket = tickets()[0]!;
    const before = j.count();
    await staffPress(node, ticket, TAKE_ACTION);
    await staffWrites(node, ticket, 'Hello John, I am Giulia from the social services.');
    expectReply(j.since(before), /has taken your request/, /Staff: Hello John, I am Giulia/);
    const beforeClose = j.count();
    await staffPress(node, ticket, CLOSE_ACTION);
    expectReply(j.since(beforeClose), /has closed the conversation/, /Was this conversation helpful/);
    expectReply(await j.say('4'), /Thank you/, /How can I help/);
  });

  it('relays a retried Slack event once, and refuses forged and expired signatures', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, maria);
    await m.send(w.tg.start(maria));
    await m.say('operatore');
    const ticket = tickets()[0]!;
    await staffPress(node, ticket, TAKE_ACTION);

    const before = m.count();
    expect(await staffWrites(node, ticket, 'Mi dica pure.', { eventId: 'Ev0RETRY001' })).toBe(200);
    expect(await staffWrites(node, ticket, 'Mi dica pure.', { eventId: 'Ev0RETRY001', retryNum: 1 })).toBe(200);
    expect(await staffWrites(node, ticket, 'Mi dica pure.', { eventId: 'Ev0RETRY001', retryNum: 2 })).toBe(200);
    expect(m.since(before).filter((s) => s.text.includes('Mi dica pure'))).toHaveLength(1);

    // Escalating again while a ticket is open creates no second ticket.
    await m.say('/operatore');
    expect(tickets()).toHaveLength(1);

    const envelope = threadMessage({ from: giulia, channel: STAFF_CHANNEL, threadTs: String(ticket.response['ts']), text: 'falso' });
    const sent = m.count();
    expect(await node.slack.event(envelope, { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' })).toBe(401);
    expect(await node.slack.event(envelope, { secret: 'another-secret' })).toBe(401);
    expect(await node.slack.event(envelope, { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 })).toBe(401);
    await node.settle();
    expect(m.since(sent)).toEqual([]);
  });

  it('a restart between take and reply: the reply from Slack still reaches the resident, and close resumes her booking', async () => {
    w = await world();
    let current = await w.start();
    const m = chat(() => current, maria);
    await toAgeQuestion(m);
    await m.say('operatore');
    const ticket = tickets()[0]!;
    await staffPress(current, ticket, TAKE_ACTION);

    await current.stop();
    current = await w.start();

    const before = m.count();
    expect(await staffWrites(current, ticket, 'Sono ancora qui: mi dica l’età del bambino.')).toBe(200);
    expectReply(m.since(before), /Operatore: Sono ancora qui/);
    expect(await m.say('Ha 9 anni')).toEqual([]);
    expect(threadPosts(ticket).at(-1)!.params['text']).toContain('Ha 9 anni');
    const beforeClose = m.count();
    await staffPress(current, ticket, CLOSE_ACTION);
    expectReply(m.since(beforeClose), /ha chiuso la conversazione/);
    expectReply(await m.press('Salta'), /Quanti anni/);
    expectReply(await m.say('9'), /Che scuola/);
  });

  it('re-announces a ticket nobody took once per period, with two replicas sweeping', async () => {
    w = await world();
    const a = await w.start({ reannounceMs: 1500 });
    await w.start({ reannounceMs: 1500 });
    const m = chat(() => a, maria);
    await m.send(w.tg.start(maria));
    await m.say('operatore');
    const ticket = tickets()[0]!;
    const reminders = () => threadPosts(ticket).filter((c) => String(c.params['reply_broadcast']) === 'true');
    expect(reminders()).toEqual([]);
    await until(() => reminders().length > 0, 5000);
    // Each replica sweeps every second: both have looked again before the ticket is due a second time.
    await waitMs(1200);
    expect(reminders()).toHaveLength(1);
    expect(String(reminders()[0]!.params['text'])).toMatch(/ancora in attesa di un operatore/);
    // After hours nobody is there to remind.
    const morning = w.backend.clock.now;
    w.backend.clock.now = morning.set({ hour: 20 });
    await waitMs(1700);
    expect(reminders()).toHaveLength(1);
    w.backend.clock.now = morning;
    await until(() => reminders().length === 2, 5000);
    // Once taken, nobody is reminded of it.
    await staffPress(a, ticket, TAKE_ACTION);
    await waitMs(1700);
    expect(reminders()).toHaveLength(2);
  });

  it('never re-announces a call-back request: it waits for the office to open by design', async () => {
    w = await world({ now: '2026-11-11T10:00:00' });
    const node = await w.start({ reannounceMs: 1000 });
    const m = chat(() => node, maria);
    await m.send(w.tg.start(maria, 'mun_campo-san-martino'));
    await m.say('operatore');
    await m.press('Sì');
    await m.press('Sì');
    await m.say('333 765 4321');
    const ticket = tickets()[0]!;
    await waitMs(2200);
    expect(threadPosts(ticket)).toEqual([]);
  });
});

const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await waitMs(25);
  }
}
