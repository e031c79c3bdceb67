// The Bot Framework channel end to end: real botbuilder (CloudAdapter) against a Bot Connector stand-in that signs
// its own tokens, real-shaped Web Chat and Teams activities posted to the running app, staff replies from Slack.
import { Writable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { composeApp, type App, type RunningApp } from '../../src/app/compose.js';
import { createBotFrameworkChannel, MESSAGES_PATH, type BotFrameworkChannel } from '../../src/channels/botframework/channel.js';
import { loadConfig, type BotFrameworkConfig, type Config } from '../../src/config.js';
import type { TurnRunner } from '../../src/conversation/turn.js';
import { TAKE_ACTION } from '../../src/handoff/slack/blocks.js';
import { createLogger } from '../../src/log.js';
import { maria as resident } from '../e2e/phrases.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { botFrameworkActivities, teamsUser, webChatUser, type ChatOptions, type Person } from '../support/botframework-activities.js';
import { buttons, expectReply, visible } from '../support/botframework-replies.js';
import {
  APP_ID,
  botConnectorStandIn,
  conversationId,
  ISSUER,
  OUTBOUND_TOKEN,
  type BotConnectorStandIn,
  type PostedActivity,
  type TokenOptions,
} from '../support/botframework-stand-in.js';
import { cleanPrefix, keysUnder, redisUrl, testPrefix } from '../support/redis.js';
import { buttonPress, SIGNING_SECRET, slackPoster, threadMessage, type SlackPoster, type StaffMember } from '../support/slack-requests.js';
import { slackStandIn, type RecordedCall, type SlackStandIn } from '../support/slack-stand-in.js';
import { matches } from '../support/telegram-replies.js';

const BOT = { id: APP_ID, name: 'Sportello' };
const STAFF_CHANNEL = 'CSTAFF0001';
const giulia: StaffMember = { id: 'UGIULIA01', name: 'giulia' };

/** One process of the assistant: the Bot Framework channel (and the Slack desk when asked) on one HTTP server. */
interface Node {
  server: RunningApp;
  assistant: App;
  channel: BotFrameworkChannel;
  slack: SlackPoster;
  logs: string[];
  settle(): Promise<void>;
  stop(): Promise<void>;
}

interface World {
  connector: BotConnectorStandIn;
  backend: TestBackend;
  slackApi?: SlackStandIn;
  prefix?: string;
  nodes: Node[];
  start(): Promise<Node>;
  close(): Promise<void>;
}

let w: World | undefined;
afterEach(async () => {
  await w?.close();
  w = undefined;
});

interface WorldOptions {
  emulator?: boolean;
  slack?: boolean;
  redis?: boolean;
  typingAfterMs?: number;
  /** Each turn waits this long first, as if the backend were slow. */
  turnDelayMs?: number;
}

async function world(options: WorldOptions = {}): Promise<World> {
  const connector = await botConnectorStandIn({ requireToken: !options.emulator });
  const backend = await referenceBackend();
  const slackApi = options.slack ? await slackStandIn() : undefined;
  const prefix = options.redis ? testPrefix('botframework') : undefined;
  const nodes: Node[] = [];
  const botframework: BotFrameworkConfig = options.emulator
    ? { emulator: true }
    : {
        appId: APP_ID,
        appPassword: 'stand-in-password',
        appType: 'MultiTenant',
        openIdMetadataUrl: connector.openIdMetadataUrl,
        tokenIssuer: ISSUER,
      };

  async function start(): Promise<Node> {
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
    const config: Config = {
      ...loadConfig({}),
      welfareBackendUrl: backend.url,
      botframework,
      ...(prefix ? { redisUrl: redisUrl(), redisKeyPrefix: prefix } : {}),
      ...(slackApi
        ? { slack: { botToken: slackApi.token, signingSecret: SIGNING_SECRET, staffChannel: STAFF_CHANNEL, apiUrl: slackApi.apiUrl } }
        : {}),
    };
    const { turnDelayMs } = options;
    const assistant = await composeApp(config, {
      now: () => backend.clock.now,
      log,
      listen: { port: 0, host: '127.0.0.1' },
      channels: (parts) => {
        const runner: TurnRunner = turnDelayMs ? async (...turn) => (await delay(turnDelayMs), parts.runner(...turn)) : parts.runner;
        return [
          createBotFrameworkChannel({
            config: botframework,
            runner,
            ...(options.typingAfterMs !== undefined ? { typingAfterMs: options.typingAfterMs } : {}),
            references: parts.store,
            log,
            metrics: parts.metrics,
            ...(options.emulator ? {} : { credentials: connector.credentials() }),
          }),
        ];
      },
    });
    const channel = assistant.channels[0] as BotFrameworkChannel;
    const server = await assistant.start();
    let stopped = false;
    const node: Node = {
      server,
      assistant,
      channel,
      slack: slackPoster(server.url!),
      logs,
      async settle() {
        await assistant.handoff?.settled();
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
    connector,
    backend,
    ...(slackApi ? { slackApi } : {}),
    ...(prefix ? { prefix } : {}),
    nodes,
    start,
    async close() {
      for (const node of nodes) await node.stop();
      await backend.close();
      await connector.close();
      await slackApi?.close();
      if (prefix) await cleanPrefix(redisUrl(), prefix);
    },
  };
}

type Chat = ReturnType<typeof chat>;

/** One person's side of one conversation, through a node's /api/messages, with tokens the stand-in signs. */
function chat(node: () => Node, channelId: ChatOptions['channelId'], person: Person, extra: Partial<ChatOptions> = {}) {
  const options: ChatOptions = { channelId, serviceUrl: w!.connector.url, conversationId: conversationId(channelId), bot: BOT, ...extra };
  const activities = botFrameworkActivities(options);
  const id = options.conversationId;
  const sentIds: string[] = [];
  const post = async (activity: unknown, token: TokenOptions | string | null = {}): Promise<number> => {
    const activityId = (activity as { id?: unknown } | null)?.id;
    if (typeof activityId === 'string') sentIds.push(activityId);
    const authorization = token === null ? undefined : `Bearer ${typeof token === 'string' ? token : w!.connector.token(token)}`;
    const res = await fetch(`${node().server.url!}${MESSAGES_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...(authorization ? { authorization } : {}) },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
    await res.arrayBuffer();
    return res.status;
  };
  const send = async (activity: unknown): Promise<PostedActivity[]> => {
    const before = w!.connector.messages(id).length;
    expect(await post(activity)).toBe(200);
    await node().settle();
    return w!.connector.messages(id).slice(before);
  };
  return {
    id,
    /** Ids of the activities this person posted. */
    sentIds,
    activities,
    post,
    send,
    say: (text: string) => send(activities.message(person, text)),
    welcome: () => send(activities.membersAdded(person, { bot: true, people: [person] })),
    /** Presses a button of the latest activity that has buttons. */
    press(label: string | RegExp) {
      const carrying = w!.connector
        .messages(id)
        .filter((p) => buttons(p).length > 0)
        .at(-1);
      const button = carrying && buttons(carrying).find((b) => matches(b.title, label));
      if (!button)
        throw new Error(
          `no button ${String(label)} in: ${
            carrying
              ? buttons(carrying)
                  .map((b) => b.title)
                  .join(' | ')
              : 'no buttons'
          }`,
        );
      return send(activities.submit(person, button.value, { displayText: button.title, replyToId: button.activityId }));
    },
    since: (index: number) => w!.connector.messages(id).slice(index),
    count: () => w!.connector.messages(id).length,
  };
}

/** Maria books the online homework help from the menu to the booking reference, pressing the buttons she is shown. */
async function bookByButtons(m: Chat): Promise<PostedActivity[]> {
  expectReply(await m.welcome(), /Sono Sportello/, /Come posso aiutarti/);
  await m.press('Cerca per argomento');
  await m.press('Supporto scolastico');
  expectReply(await m.press('Doposcuola online'), 'Doposcuola online', 'Cooperativa Sociale Jonathan');
  expectReply(await m.press('Verifica e prenota'), /In quale comune/);
  expectReply(await m.press('Limena'), /Quanti anni/);
  expectReply(await m.say('9'), /Che scuola/);
  await m.press(/primaria/);
  expectReply(await m.press('Sì'), /ISEE/);
  expectReply(await m.press('fino a 10.000'), /puoi accedere/, /Scegli l’orario/);
  expectReply(await m.press(/lunedì 2 marzo 2026, 15:00/), /mi servono tre dati/);
  await m.press('Sì');
  await m.say(resident.givenName);
  await m.say(resident.familyName);
  expectReply(await m.say(resident.fiscalCode), /Ecco il riepilogo/, /Confermi la prenotazione/);
  const confirmed = await m.press('Sì');
  expectReply(confirmed, /Prenotazione confermata! Codice: WBC-2026-\d{6}/);
  return confirmed;
}

const turns = async (node: Node) => (await node.assistant.metrics.turns.get()).values.reduce((n, v) => n + v.value, 0);

describe('bot framework channel: Web Chat', () => {
  it('books a service by pressing suggested actions, each reply posted to the activity it answers', async () => {
    w = await world();
    const node = await w.start();
    const maria = webChatUser(1, 'it-IT');
    const m = chat(() => node, 'webchat', maria);
    await bookByButtons(m);

    const posted = w.connector.posted(m.id);
    const menu = posted.find((p) => /Come posso aiutarti/.test(visible(p)))!;
    // Suggested actions are messageBack: the label shows in the transcript, the payload comes back as the value.
    expect((menu.activity['suggestedActions'] as { actions: unknown[] }).actions[0]).toMatchObject({
      type: 'messageBack',
      title: 'Cerca per argomento',
      displayText: 'Cerca per argomento',
      value: { payload: expect.any(String) },
    });
    expect(menu.activity['textFormat']).toBe('markdown');
    // Every reply answers an activity Maria posted (Direct Line's conversationUpdate is not answered, only followed),
    // and was signed with the token the Connector expects.
    const answers = posted.filter((p) => p.replyToId !== undefined);
    expect(
      posted
        .slice(0, posted.length - answers.length)
        .map(visible)
        .join('\n'),
    ).toMatch(/Sono Sportello[\s\S]*Come posso aiutarti/);
    expect(answers.every((p) => m.sentIds.includes(p.replyToId!))).toBe(true);
    expect(w.connector.calls.filter((c) => c.method === 'POST activities').every((c) => c.authorization === `Bearer ${OUTBOUND_TOKEN}`)).toBe(true);
    expect(w.backend.context.ledger.bookingsOf(resident.fiscalCode)).toEqual([
      expect.objectContaining({ service: expect.objectContaining({ id: 'doposcuola-online' }) }),
    ]);

    // Logs follow the conversation by a hash: no conversation or user id, no name, no fiscal code, no answer.
    const logs = node.logs.join('');
    expect(logs).toContain('"channel":"botframework"');
    for (const secret of [m.id, maria.id, resident.familyName, resident.fiscalCode, 'Limena']) expect(logs).not.toContain(secret);
  });

  it('speaks English from the activity locale, through a whole booking by suggested actions', async () => {
    w = await world();
    const node = await w.start();
    const john = chat(() => node, 'webchat', webChatUser(2, 'en-US'));
    expectReply(await john.welcome(), /How can I help/);
    await john.press('Browse by topic');
    await john.press('School support');
    expectReply(await john.press('Online homework help'), 'Cooperativa Sociale Jonathan');
    expectReply(await john.press('Check and book'), /Which municipality/);
    expectReply(await john.press('Limena'), /How old/);
    expectReply(await john.say('nine'), /Which school/);
    await john.press(/primary/i);
    expectReply(await john.press('Yes'), /ISEE/);
    expectReply(await john.press(/10,000/), /Choose the time/);
    await john.press(/Monday 2 March 2026/);
    expectReply(await john.press('Yes'), /What is your given name/);
    await john.say(resident.givenName);
    await john.say(resident.familyName);
    expectReply(await john.say(resident.fiscalCode), /Here is the summary/);
    expectReply(await john.press('Yes'), /Booking confirmed! Reference: WBC-2026-\d{6}/);
  });

  it('refuses a body that is not an activity with 400, and runs nothing', async () => {
    w = await world();
    const node = await w.start();
    const m = chat(() => node, 'webchat', webChatUser(3));
    expect(await m.post('{not json')).toBe(400);
    expect(await m.post({ hello: 'world' })).toBe(400);
    expect(await m.post({ ...m.activities.message(webChatUser(3), 'ciao'), serviceUrl: 'not a url' })).toBe(400);
    expect(await m.post({ ...m.activities.message(webChatUser(3), 'ciao'), conversation: undefined })).toBe(400);
    await node.settle();
    expect(w.connector.posted()).toEqual([]);
    expect(await turns(node)).toBe(0);
  });
});

describe('bot framework channel: Teams', () => {
  it('books by Adaptive Card buttons, shows the service as an Adaptive Card, and keeps a long conversation id out of the keys', async () => {
    w = await world({ redis: true });
    const node = await w.start();
    const maria = teamsUser('Maria Bianchi');
    const m = chat(() => node, 'msteams', maria);
    expect(m.id.length).toBeGreaterThan(100);
    await bookByButtons(m);

    const posted = w.connector.posted(m.id);
    // No suggested actions in Teams: every choice is a card button that sends a messageBack with the payload.
    expect(posted.some((p) => p.activity['suggestedActions'])).toBe(false);
    const menu = posted.find((p) => /Come posso aiutarti/.test(visible(p)))!;
    const card = (menu.activity['attachments'] as { contentType: string; content: Record<string, unknown> }[])[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card.content)).toContain('"type":"messageBack"');
    // The service card: title, provider and fields as a FactSet.
    const service = posted.find((p) => JSON.stringify(p.activity).includes('FactSet'))!;
    expect(visible(service)).toMatch(/Doposcuola online/);
    expect(visible(service)).toMatch(/Cooperativa Sociale Jonathan/);
    const facts = JSON.stringify(service.activity['attachments']);
    expect(facts).toMatch(/"type":"FactSet","facts":\[\{"title":/);

    // The Redis keys name the conversation by a hash of its id, not by the id itself.
    const keys = await keysUnder(redisUrl(), w.prefix!);
    expect(keys.some((k) => k.includes('{botframework:h.'))).toBe(true);
    expect(keys.filter((k) => k.includes(m.id) || k.includes(maria.id))).toEqual([]);
    const logs = node.logs.join('');
    for (const secret of [m.id, maria.id, maria.aadObjectId!, maria.name, resident.fiscalCode]) expect(logs).not.toContain(secret);
  });

  it('answers a message that @mentions the bot in a channel without the mention, with a profile per person', async () => {
    w = await world();
    const node = await w.start();
    const maria = teamsUser('Maria Bianchi');
    const m = chat(() => node, 'msteams', maria, { conversationType: 'channel' });
    expectReply(await m.send(m.activities.mention(maria, 'aiuto')), /In ogni momento puoi scrivere/);
  });
});

describe('bot framework channel: typing indicator', () => {
  it('shows typing before the replies of a turn that takes a while, and never after them', async () => {
    w = await world({ typingAfterMs: 20, turnDelayMs: 150 });
    const node = await w.start();
    const m = chat(() => node, 'webchat', webChatUser(7));
    await m.say('ciao');
    const types = w.connector.posted(m.id).map((p) => p.activity['type']);
    expect(types[0]).toBe('typing');
    expect(types.slice(1).length).toBeGreaterThan(0);
    expect(types.slice(1).every((t) => t === 'message')).toBe(true);
  });

  it('shows none for a turn answered at once', async () => {
    w = await world({ typingAfterMs: 5_000 });
    const node = await w.start();
    const m = chat(() => node, 'webchat', webChatUser(8));
    await m.say('ciao');
    expect(w.connector.posted(m.id).filter((p) => p.activity['type'] === 'typing')).toEqual([]);
  });
});

describe('bot framework channel: welcome', () => {
  it('greets once when the bot is added, even if the update comes twice; a user joining gets nothing', async () => {
    w = await world();
    const node = await w.start();
    const maria = teamsUser('Maria Bianchi');
    const m = chat(() => node, 'msteams', maria);
    expectReply(await m.send(m.activities.membersAdded(maria, { bot: true })), /Sono Sportello/, /Come posso aiutarti/);
    expect(await m.send(m.activities.membersAdded(maria, { bot: true }))).toEqual([]);
    const other = chat(() => node, 'webchat', webChatUser(4));
    expect(await other.send(other.activities.membersAdded(webChatUser(4), { people: [webChatUser(5)] }))).toEqual([]);
    expect(await other.send(other.activities.typing(webChatUser(4)))).toEqual([]);
    expect(w.connector.messages(m.id).filter((p) => /Sono Sportello/.test(visible(p)))).toHaveLength(1);
  });
});

describe('bot framework channel: authentication', () => {
  it('refuses requests without a valid token with 401, before any turn or reply', async () => {
    w = await world();
    const node = await w.start();
    const maria = webChatUser(6);
    const m = chat(() => node, 'webchat', maria);
    const hello = () => m.activities.message(maria, 'ciao');
    // botbuilder prints a refused key and an expired token's error to stderr itself (no activity in either).
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await m.post(hello(), null)).toBe(401);
    expect(await m.post(hello(), 'not-a-jwt')).toBe(401);
    expect(await m.post(hello(), { forged: true })).toBe(401);
    expect(await m.post(hello(), { expiresIn: -3600 })).toBe(401);
    expect(await m.post(hello(), { kid: 'unknown-key' })).toBe(401);
    expect(await m.post(hello(), { appId: '00000000-0000-4000-8000-000000000000' })).toBe(401);
    expect(await m.post(hello(), { issuer: 'https://sts.example.org' })).toBe(401);
    expect(await m.post(hello(), { serviceUrl: 'https://elsewhere.example.org' })).toBe(401);
    // The key is endorsed for Teams, Web Chat, Direct Line and the Emulator only.
    expect(await m.post({ ...hello(), channelId: 'slack' })).toBe(401);
    printed.mockRestore();
    await node.settle();
    expect(w.connector.posted()).toEqual([]);
    expect(await turns(node)).toBe(0);
    const logs = node.logs.join('');
    const codes = ['no_token', 'token_invalid', 'token_expired', 'unknown_key', 'wrong_audience', 'service_url_mismatch', 'not_endorsed'];
    for (const code of codes) expect(logs).toContain(`"code":"botframework_${code}"`);

    // The same request with a token the stand-in signed: 200 and the reply, signed for the Connector.
    expectReply(await m.say('ciao'), /Come posso aiutarti/);
    const replies = w.connector.calls.filter((c) => c.method === 'POST activities');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((c) => c.status === 200 && c.authorization === `Bearer ${OUTBOUND_TOKEN}`)).toBe(true);
  });

  it('runs without authentication for the Emulator, and says so loudly at start', async () => {
    w = await world({ emulator: true });
    const node = await w.start();
    const warning = node.logs
      .map((l) => JSON.parse(l) as { level: number; msg: string; code?: string })
      .find((l) => l.code === 'botframework_unauthenticated');
    expect(warning).toMatchObject({ level: 40 });
    expect(warning!.msg).toMatch(/WITHOUT AUTHENTICATION/);
    expect(warning!.msg).toMatch(/MICROSOFT_APP_ID/);
    const m = chat(() => node, 'emulator', { id: 'emulator-user', name: 'User', locale: 'it-IT' });
    expect(await m.post(m.activities.message({ id: 'emulator-user', name: 'User' }, 'ciao'), null)).toBe(200);
    await node.settle();
    expectReply(w.connector.messages(m.id), /Come posso aiutarti/);
    expect(w.connector.calls.filter((c) => c.method === 'POST activities').every((c) => c.authorization === undefined)).toBe(true);
  });
});

describe('bot framework channel: staff replies from Slack', () => {
  const tickets = () => w!.slackApi!.callsTo('chat.postMessage').filter((c) => !c.params['thread_ts']);

  async function staffPress(node: Node, ticket: RecordedCall, actionId: string): Promise<number> {
    const actions = (ticket.params['blocks'] as { type: string; elements?: { action_id: string; value: string }[] }[]).find(
      (b) => b.type === 'actions',
    );
    const value = actions!.elements!.find((e) => e.action_id === actionId)!.value;
    const status = await node.slack.interaction(
      buttonPress({ from: giulia, channel: String(ticket.response['channel']), messageTs: String(ticket.response['ts']), actionId, value }),
    );
    await node.settle();
    return status;
  }

  async function staffWrites(node: Node, ticket: RecordedCall, text: string): Promise<number> {
    const status = await node.slack.event(
      threadMessage({ from: giulia, channel: String(ticket.response['channel']), threadTs: String(ticket.response['ts']), text }),
    );
    await node.settle();
    return status;
  }

  it('reaches a Teams user proactively, also after a restart, from the stored conversation reference', async () => {
    w = await world({ slack: true, redis: true });
    let current = await w.start();
    const maria = teamsUser('Maria Bianchi');
    const m = chat(() => current, 'msteams', maria);
    await m.welcome();
    expectReply(await m.say('operatore'), /Ti metto in contatto con una persona/);
    expect(tickets()).toHaveLength(1);
    const ticket = tickets()[0]!;
    expect(JSON.stringify(ticket.params['blocks'])).toContain('botframework');

    const beforeTake = m.count();
    expect(await staffPress(current, ticket, TAKE_ACTION)).toBe(200);
    expectReply(m.since(beforeTake), /ha preso la tua richiesta/);

    const beforeReply = m.count();
    expect(await staffWrites(current, ticket, 'Buongiorno Maria, come posso aiutarla?')).toBe(200);
    const reply = m.since(beforeReply);
    expectReply(reply, /Operatore: Buongiorno Maria, come posso aiutarla\?/);
    // Proactive: into the Teams conversation, not in answer to anything Maria posted, signed like any reply.
    expect(reply.every((p) => p.conversationId === m.id && !m.sentIds.includes(p.replyToId ?? ''))).toBe(true);
    expect(w.connector.calls.at(-1)!.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);

    // A new process on the same Redis: nothing in memory, the reference comes from the store.
    await current.stop();
    current = await w.start();
    const afterRestart = m.count();
    expect(await staffWrites(current, ticket, 'Sono ancora qui.')).toBe(200);
    expectReply(m.since(afterRestart), /Operatore: Sono ancora qui\./);
    expect(current.logs.join('')).not.toContain('Sono ancora qui');
  });

  it('after "delete my data" the next turn stores the reference again, so a person asked for at once can answer', async () => {
    w = await world({ slack: true, redis: true });
    const node = await w.start();
    const maria = teamsUser('Maria Bianchi');
    const m = chat(() => node, 'msteams', maria);
    await m.welcome();
    await m.say('cancella i miei dati');
    expectReply(await m.say('sì'), /cancellato/i);
    await m.say('operatore');
    const ticket = tickets()[0]!;
    const before = m.count();
    await staffWrites(node, ticket, 'Eccomi.');
    expectReply(m.since(before), /Operatore: Eccomi\./);
  });

  it('tells staff when a conversation cannot be reached: no reference stored', async () => {
    w = await world({ slack: true, redis: true });
    const node = await w.start();
    await expect(node.channel.deliver('never-seen', [{ type: 'text', text: 'ciao' }])).rejects.toThrow(/must write to the bot again/);
  });
});
