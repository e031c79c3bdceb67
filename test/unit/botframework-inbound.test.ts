// Bot Framework activities → UserEvents and hints: Web Chat, Teams (mentions, card submits, long ids), conversationUpdate.
import { describe, expect, it } from 'vitest';
import { MAX_ID_CHARS, parseActivity, storeId, toInbound, WELCOME_UPDATE_ID, type Inbound } from '../../src/channels/botframework/inbound.js';
import { botFrameworkActivities, teamsUser, type Person } from '../support/botframework-activities.js';
import { APP_ID } from '../support/botframework-stand-in.js';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
const bot = { id: APP_ID, name: 'Sportello' };
const webChat = botFrameworkActivities({
  channelId: 'webchat',
  serviceUrl: 'https://directline.botframework.com/',
  conversationId: 'K8s2fJ3nYx1AbCdEfGhIjK-eu',
  bot,
});
const teamsConversation = `a:1${'x'.repeat(130)}`;
const teams = botFrameworkActivities({ channelId: 'msteams', serviceUrl, conversationId: teamsConversation, bot });
const maria: Person = { id: 'dl_0123456789abcdef', name: 'You', locale: 'it-IT' };
const teamsMaria = teamsUser('Maria Bianchi', 'en-GB');

function inbound(activity: unknown): Inbound {
  const parsed = parseActivity(activity);
  if (!parsed.ok) throw new Error(parsed.problem);
  return toInbound(parsed.activity);
}

const eventOf = (activity: unknown) => {
  const result = inbound(activity);
  return result.kind === 'turn' ? result.event : result;
};

describe('parseActivity', () => {
  it('accepts a real-shaped Web Chat message and refuses what is not an activity, naming the path only', () => {
    expect(parseActivity(webChat.message(maria, 'ciao')).ok).toBe(true);
    expect(parseActivity('ciao')).toEqual({ ok: false, problem: '(body): invalid_type' });
    expect(parseActivity({ ...webChat.message(maria, 'ciao'), serviceUrl: 'ftp://example.org' })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^serviceUrl:/),
    });
    const noConversation = parseActivity({ ...webChat.message(maria, 'segreto'), conversation: { name: 'x' } });
    expect(noConversation).toMatchObject({ ok: false, problem: expect.stringMatching(/^conversation\.id:/) });
    expect(JSON.stringify(noConversation)).not.toContain('segreto');
  });
});

describe('toInbound: messages', () => {
  it('turns a Web Chat message into a text turn with the locale and the activity id', () => {
    const activity = webChat.message(maria, '  ciao  ');
    expect(inbound(activity)).toEqual({
      kind: 'turn',
      conversation: { channel: 'botframework', id: 'K8s2fJ3nYx1AbCdEfGhIjK-eu' },
      event: { type: 'text', text: 'ciao' },
      hints: { language: 'it-IT', updateId: activity['id'] },
    });
  });

  it('gives a Teams user’s Entra object id as a hint, and keys a long conversation id by a stable hash', () => {
    const result = inbound(teams.message(teamsMaria, 'hello'));
    expect(result).toMatchObject({
      kind: 'turn',
      event: { type: 'text', text: 'hello' },
      hints: { language: 'en-GB', aadObjectId: teamsMaria.aadObjectId },
    });
    const id = (result as Extract<Inbound, { kind: 'turn' }>).conversation.id;
    expect(id).toMatch(/^h\.[A-Za-z0-9_-]{43}$/);
    expect(id).toBe(storeId(teamsConversation));
    expect(storeId('x'.repeat(MAX_ID_CHARS))).toBe('x'.repeat(MAX_ID_CHARS));
  });

  it('removes the @mention of the bot from a Teams message, and names the person in a group or channel', () => {
    const channel = botFrameworkActivities({
      channelId: 'msteams',
      serviceUrl,
      conversationId: '19:abc@thread.tacv2;messageid=1',
      bot,
      conversationType: 'channel',
    });
    const result = inbound(channel.mention(teamsMaria, 'aiuto'));
    expect(result).toMatchObject({ kind: 'turn', event: { type: 'text', text: 'aiuto' }, hints: { userId: storeId(teamsMaria.id) } });
    expect(storeId(teamsMaria.id).length).toBeLessThanOrEqual(MAX_ID_CHARS);
    // Without the entity (some clients) the <at> tag still goes.
    expect(eventOf({ ...teams.message(teamsMaria, '<at>Sportello</at> menu'), entities: [] })).toEqual({ type: 'text', text: 'menu' });
    // A personal chat has no userId: the conversation is the person.
    expect(inbound(teams.message(teamsMaria, 'ciao'))).not.toHaveProperty('hints.userId');
  });

  it('reads a pressed button’s payload from value: suggested action, card submit, or JSON text', () => {
    expect(eventOf(webChat.submit(maria, { payload: 'b3' }, { displayText: 'Limena' }))).toEqual({ type: 'choice', payload: 'b3' });
    expect(eventOf(teams.submit(teamsMaria, { payload: 'b7', msteams: { type: 'messageBack' } }))).toEqual({ type: 'choice', payload: 'b7' });
    expect(eventOf(teams.submit(teamsMaria, '{"payload":"b9"}'))).toEqual({ type: 'choice', payload: 'b9' });
    // A value that is not ours: the text, if any, is what the person said.
    expect(eventOf({ ...webChat.message(maria, 'ciao'), value: { other: 1 } })).toEqual({ type: 'text', text: 'ciao' });
    expect(eventOf({ ...webChat.message(maria, 'ciao'), value: '{broken' })).toEqual({ type: 'text', text: 'ciao' });
    expect(eventOf(webChat.submit(maria, { payload: 'x'.repeat(300) }))).toEqual({ kind: 'ignore', reason: 'empty_message' });
  });

  it('names the kind of an attachment and skips the HTML Teams sends beside it', () => {
    const withAttachments = (...types: string[]) => ({
      ...webChat.message(maria, ''),
      attachments: types.map((contentType) => ({ contentType, contentUrl: 'https://x/y' })),
    });
    expect(eventOf(withAttachments('image/png'))).toEqual({ type: 'attachment', kind: 'photo' });
    expect(eventOf(withAttachments('audio/ogg; codecs=opus'))).toEqual({ type: 'attachment', kind: 'voice' });
    expect(eventOf(withAttachments('audio/webm'))).toEqual({ type: 'attachment', kind: 'voice' });
    expect(eventOf(withAttachments('audio/mpeg'))).toEqual({ type: 'attachment', kind: 'audio' });
    expect(eventOf(withAttachments('video/mp4'))).toEqual({ type: 'attachment', kind: 'video' });
    expect(eventOf(withAttachments('text/html', 'application/vnd.microsoft.teams.file.download.info'))).toEqual({
      type: 'attachment',
      kind: 'document',
    });
    expect(eventOf(withAttachments('application/pdf'))).toEqual({ type: 'attachment', kind: 'document' });
    expect(eventOf(withAttachments('text/html'))).toEqual({ kind: 'ignore', reason: 'empty_message' });
  });
});

describe('toInbound: other activities', () => {
  it('greets when the bot is among the members added, once per conversation by its update id', () => {
    expect(inbound(teams.membersAdded(teamsMaria, { bot: true }))).toMatchObject({
      kind: 'turn',
      event: { type: 'start' },
      hints: { updateId: WELCOME_UPDATE_ID },
    });
    expect(inbound(webChat.membersAdded(maria, { bot: true, people: [maria] }))).toMatchObject({ kind: 'turn', event: { type: 'start' } });
    expect(inbound(webChat.membersAdded(maria, { people: [maria] }))).toEqual({ kind: 'ignore', reason: 'members_changed' });
  });

  it('ignores typing, reactions, invokes and what a bot sends', () => {
    expect(inbound(webChat.typing(maria))).toEqual({ kind: 'ignore', reason: 'unsupported_activity' });
    expect(inbound({ ...teams.message(teamsMaria, ''), type: 'invoke', name: 'adaptiveCard/action' })).toEqual({
      kind: 'ignore',
      reason: 'unsupported_activity',
    });
    expect(inbound({ ...webChat.message(maria, 'eco'), from: { id: 'other-bot', role: 'bot' } })).toEqual({ kind: 'ignore', reason: 'from_bot' });
  });
});
