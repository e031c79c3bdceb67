// Telegram updates → turns, notices or nothing: every update kind Sportello meets, and the webhook secret check.
import { describe, expect, it } from 'vitest';
import { parseUpdate, secretMatches, toInbound, type Inbound } from '../../src/channels/telegram/inbound.js';
import { telegramUpdates } from '../support/telegram-updates.js';

const maria = { id: 4242, languageCode: 'it' };
const tg = telegramUpdates({ firstUpdateId: 900 });

function inbound(update: unknown): Inbound {
  const parsed = parseUpdate(update);
  if (!parsed.ok) throw new Error(`unexpected invalid update: ${parsed.problem}`);
  return toInbound(parsed.update);
}

const eventOf = (update: unknown) => {
  const result = inbound(update);
  if (result.kind !== 'turn') throw new Error(`expected a turn, got ${result.kind}`);
  return result.event;
};

describe('telegram inbound', () => {
  it('turns a private text into a text turn of that chat, with language and update id as hints', () => {
    const update = tg.text(maria, 'doposcuola');
    expect(inbound(update)).toEqual({
      kind: 'turn',
      chatId: '4242',
      conversation: { channel: 'telegram', id: '4242' },
      event: { type: 'text', text: 'doposcuola' },
      hints: { updateId: String(update.update_id), language: 'it' },
    });
  });

  it('leaves the language hint out when Telegram gives none', () => {
    const result = inbound(tg.text({ id: 7 }, 'ciao'));
    expect(result.kind === 'turn' && result.hints).toEqual({ updateId: expect.any(String) });
  });

  it('reads /start with a deep-link payload as a start event', () => {
    expect(eventOf(tg.start(maria, 'svc_doposcuola-online'))).toEqual({ type: 'start', payload: 'svc_doposcuola-online' });
    expect(eventOf(tg.start(maria, 'mun_limena'))).toEqual({ type: 'start', payload: 'mun_limena' });
    expect(eventOf(tg.start(maria))).toEqual({ type: 'start' });
    expect(eventOf(tg.text(maria, '/start@sportello_test_bot svc_doposcuola-online'))).toEqual({ type: 'start', payload: 'svc_doposcuola-online' });
  });

  it('drops a payload Telegram could not have sent, keeping the start', () => {
    expect(eventOf(tg.text(maria, '/start due parole'))).toEqual({ type: 'start' });
    expect(eventOf(tg.text(maria, `/start ${'x'.repeat(65)}`))).toEqual({ type: 'start' });
  });

  it('leaves other slash commands as text, which the engine reads', () => {
    expect(eventOf(tg.text(maria, '/aiuto'))).toEqual({ type: 'text', text: '/aiuto' });
    expect(eventOf(tg.text(maria, '/started'))).toEqual({ type: 'text', text: '/started' });
  });

  it('turns a button press into a choice with the callback data, to be answered', () => {
    const update = tg.callback(maria, '12.3', { messageId: 77 });
    expect(inbound(update)).toMatchObject({
      kind: 'turn',
      chatId: '4242',
      event: { type: 'choice', payload: '12.3' },
      callbackQueryId: (update as { callback_query: { id: string } }).callback_query.id,
    });
  });

  it('answers a callback without data or without a message, and does nothing else', () => {
    const game = tg.raw({
      callback_query: {
        id: 'q1',
        from: { id: 1, is_bot: false, first_name: 'A' },
        chat_instance: 'c',
        game_short_name: 'g',
        message: { message_id: 1, date: 0, chat: { id: 1, type: 'private' } },
      },
    });
    expect(inbound(game)).toEqual({ kind: 'ignore', reason: 'no_callback_data', callbackQueryId: 'q1' });
    const viaInline = tg.raw({
      callback_query: { id: 'q2', from: { id: 1, is_bot: false, first_name: 'A' }, chat_instance: 'c', inline_message_id: 'im', data: '1.0' },
    });
    expect(inbound(viaInline)).toEqual({ kind: 'ignore', reason: 'unsupported_update', callbackQueryId: 'q2' });
  });

  it('maps shared locations, venues and contacts', () => {
    expect(eventOf(tg.location(maria, 45.49, 11.83))).toEqual({ type: 'location', latitude: 45.49, longitude: 11.83 });
    const venue = tg.raw({
      message: {
        message_id: 5,
        date: 1,
        from: { id: 4242, is_bot: false, first_name: 'M' },
        chat: { id: 4242, type: 'private' },
        location: { latitude: 45.5, longitude: 11.8 },
        venue: { title: 'Municipio', address: 'Piazza', location: { latitude: 45.5, longitude: 11.8 } },
      },
    });
    expect(eventOf(venue)).toEqual({ type: 'location', latitude: 45.5, longitude: 11.8 });
    expect(eventOf(tg.contact(maria, '+39 049 123 4567'))).toEqual({ type: 'contact', phone: '+39 049 123 4567' });
  });

  it.each([
    ['voice', tg.voice(maria), 'voice'],
    ['photo with a caption', tg.photo(maria, 'il mio ISEE'), 'photo'],
    ['document', tg.document(maria), 'document'],
    ['sticker', tg.sticker(maria), 'sticker'],
  ] as const)('maps a %s to an attachment event', (_name, update, kind) => {
    expect(eventOf(update)).toEqual({ type: 'attachment', kind });
  });

  it('reads an animation (which also carries a document) as other, and a poll or dice as other', () => {
    const base = { message_id: 9, date: 1, from: { id: 4242, is_bot: false, first_name: 'M' }, chat: { id: 4242, type: 'private' } };
    expect(eventOf(tg.raw({ message: { ...base, animation: { file_id: 'a' }, document: { file_id: 'a' } } }))).toEqual({
      type: 'attachment',
      kind: 'other',
    });
    expect(eventOf(tg.raw({ message: { ...base, dice: { emoji: '🎲', value: 3 } } }))).toEqual({ type: 'attachment', kind: 'other' });
    expect(eventOf(tg.raw({ message: { ...base, video_note: { file_id: 'v' } } }))).toEqual({ type: 'attachment', kind: 'video' });
  });

  it('ignores service messages and messages from bots', () => {
    const base = { message_id: 9, date: 1, chat: { id: 4242, type: 'private' } };
    expect(inbound(tg.raw({ message: { ...base, from: { id: 4242, is_bot: false, first_name: 'M' }, write_access_allowed: {} } }))).toEqual({
      kind: 'ignore',
      reason: 'service_message',
    });
    expect(inbound(tg.raw({ message: { ...base, from: { id: 99, is_bot: true, first_name: 'B' }, text: 'hi' } }))).toEqual({
      kind: 'ignore',
      reason: 'from_bot',
    });
  });

  it('recognises groups, supergroups and channels, for the private-only reply', () => {
    expect(inbound(tg.group(maria, { id: -100123 }, 'ciao bot'))).toEqual({ kind: 'not_private', chatId: '-100123', language: 'it' });
    expect(inbound(tg.group(maria, { id: -100124, type: 'supergroup' }, '/start'))).toMatchObject({ kind: 'not_private', chatId: '-100124' });
    expect(inbound(tg.channelPost(-100999, 'news'))).toEqual({ kind: 'not_private', chatId: '-100999' });
    const pressInGroup = tg.raw({
      callback_query: {
        id: 'q3',
        from: { id: 1, is_bot: false, first_name: 'A' },
        chat_instance: 'c',
        data: '1.0',
        message: { message_id: 1, date: 1, chat: { id: -5, type: 'group', title: 'G' } },
      },
    });
    expect(inbound(pressInGroup)).toEqual({ kind: 'not_private', chatId: '-5', callbackQueryId: 'q3' });
  });

  it('turns an edit in a private chat into an edit notice, and ignores edits elsewhere', () => {
    expect(inbound(tg.edited(maria, 3, 'limena'))).toEqual({ kind: 'edited', chatId: '4242', language: 'it' });
    const groupEdit = tg.raw({
      edited_message: {
        message_id: 3,
        date: 1,
        edit_date: 2,
        from: { id: 1, is_bot: false, first_name: 'A' },
        chat: { id: -5, type: 'group', title: 'G' },
        text: 'x',
      },
    });
    expect(inbound(groupEdit)).toEqual({ kind: 'ignore', reason: 'edited_elsewhere' });
  });

  it('ignores update kinds Sportello does not read', () => {
    expect(inbound(tg.raw({ my_chat_member: { chat: { id: 1, type: 'private' } } }))).toEqual({ kind: 'ignore', reason: 'unsupported_update' });
  });

  it('refuses bodies that are not updates, naming the path and not the values', () => {
    expect(parseUpdate('hello')).toEqual({ ok: false, problem: '(body): invalid_type' });
    expect(parseUpdate({})).toMatchObject({ ok: false, problem: expect.stringMatching(/^update_id/) });
    expect(parseUpdate({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 'x', type: 'private' }, text: 'Maria Bianchi' } })).toEqual({
      ok: false,
      problem: 'message.chat.id: invalid_type',
    });
    expect(parseUpdate({ update_id: 1, message: { message_id: 1, date: 1, chat: { id: 1, type: 'secret' } } })).toMatchObject({ ok: false });
  });

  it('keeps the fields it does not read, as Telegram adds new ones', () => {
    const parsed = parseUpdate({
      update_id: 1,
      message: { message_id: 1, date: 1, chat: { id: 1, type: 'private' }, text: 'x', brand_new_field: 1 },
    });
    expect(parsed.ok && parsed.update.message).toMatchObject({ brand_new_field: 1 });
  });

  it('compares the webhook secret exactly, refusing missing, shorter and longer ones', () => {
    const secret = 'S3cret_token-for-the-webhook';
    expect(secretMatches(secret, secret)).toBe(true);
    expect(secretMatches(undefined, secret)).toBe(false);
    expect(secretMatches('', secret)).toBe(false);
    expect(secretMatches(secret.slice(0, -1), secret)).toBe(false);
    expect(secretMatches(`${secret}x`, secret)).toBe(false);
    expect(secretMatches(secret.toLowerCase(), secret)).toBe(false);
  });
});
