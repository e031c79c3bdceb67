// Builders of real-shaped Telegram updates (as the Bot API sends them), with increasing update and message ids.
import type { InlineKeyboardButton, Update } from 'telegraf/types';
import { BOT_USER } from './telegram-stand-in.js';

export interface Sender {
  id: number;
  firstName?: string;
  languageCode?: string;
}

type Json = Record<string, unknown>;

/** A sender of updates: each builder returns a fresh update with the next update_id. */
export function telegramUpdates(options: { firstUpdateId?: number } = {}) {
  let updateId = options.firstUpdateId ?? 500_000;
  let messageId = 1;
  const date = () => Math.floor(Date.now() / 1000);

  const user = (p: Sender): Json => ({
    id: p.id,
    is_bot: false,
    first_name: p.firstName ?? 'Maria',
    ...(p.languageCode ? { language_code: p.languageCode } : {}),
  });
  const privateChat = (p: Sender): Json => ({ id: p.id, first_name: p.firstName ?? 'Maria', type: 'private' });
  const message = (p: Sender, content: Json): Json => ({ message_id: messageId++, from: user(p), chat: privateChat(p), date: date(), ...content });
  const update = (body: Json): Update => ({ update_id: updateId++, ...body }) as unknown as Update;
  const commandEntity = (text: string) => [{ type: 'bot_command', offset: 0, length: (/^\/\S+/.exec(text)?.[0] ?? '').length }];

  return {
    text(p: Sender, text: string): Update {
      const entities = text.startsWith('/') ? { entities: commandEntity(text) } : {};
      return update({ message: message(p, { text, ...entities }) });
    },
    /** `/start` as Telegram sends it from a t.me/<bot>?start=<payload> link. */
    start(p: Sender, payload?: string): Update {
      const text = payload ? `/start ${payload}` : '/start';
      return update({ message: message(p, { text, entities: commandEntity(text) }) });
    },
    /** A press of an inline button under a message the bot sent. */
    callback(
      p: Sender,
      data: string,
      on: { messageId: number; text?: string; keyboard?: InlineKeyboardButton.CallbackButton[][] } = { messageId: 1 },
    ): Update {
      return update({
        callback_query: {
          id: `cbq-${updateId}`,
          from: user(p),
          message: {
            message_id: on.messageId,
            from: BOT_USER,
            chat: privateChat(p),
            date: date(),
            text: on.text ?? '',
            ...(on.keyboard ? { reply_markup: { inline_keyboard: on.keyboard } } : {}),
          },
          chat_instance: `ci-${p.id}`,
          data,
        },
      });
    },
    group(p: Sender, chat: { id: number; type?: 'group' | 'supergroup'; title?: string }, text: string): Update {
      return update({
        message: {
          message_id: messageId++,
          from: user(p),
          chat: { id: chat.id, title: chat.title ?? 'Genitori Limena', type: chat.type ?? 'group' },
          date: date(),
          text,
        },
      });
    },
    channelPost(chatId: number, text: string): Update {
      return update({
        channel_post: {
          message_id: messageId++,
          sender_chat: { id: chatId, type: 'channel', title: 'News' },
          chat: { id: chatId, type: 'channel', title: 'News' },
          date: date(),
          text,
        },
      });
    },
    edited(p: Sender, editedMessageId: number, text: string): Update {
      return update({
        edited_message: { message_id: editedMessageId, from: user(p), chat: privateChat(p), date: date() - 60, edit_date: date(), text },
      });
    },
    voice(p: Sender): Update {
      return update({
        message: message(p, { voice: { file_id: 'AwACAgQ', file_unique_id: 'AgAD', duration: 4, mime_type: 'audio/ogg', file_size: 9120 } }),
      });
    },
    photo(p: Sender, caption?: string): Update {
      const size = (w: number) => ({ file_id: `AgAC${w}`, file_unique_id: `AQAD${w}`, width: w, height: w, file_size: w * 10 });
      return update({ message: message(p, { photo: [size(90), size(320), size(800)], ...(caption ? { caption } : {}) }) });
    },
    document(p: Sender): Update {
      return update({
        message: message(p, {
          document: { file_id: 'BQACAgQ', file_unique_id: 'AgADBQ', file_name: 'isee.pdf', mime_type: 'application/pdf', file_size: 48213 },
        }),
      });
    },
    sticker(p: Sender): Update {
      return update({
        message: message(p, {
          sticker: {
            file_id: 'CAACAgI',
            file_unique_id: 'AgADCA',
            type: 'regular',
            width: 512,
            height: 512,
            is_animated: false,
            is_video: false,
            emoji: '👍',
          },
        }),
      });
    },
    location(p: Sender, latitude: number, longitude: number): Update {
      return update({ message: message(p, { location: { latitude, longitude } }) });
    },
    contact(p: Sender, phone: string): Update {
      return update({ message: message(p, { contact: { phone_number: phone, first_name: p.firstName ?? 'Maria', user_id: p.id } }) });
    },
    /** Anything else Telegram may send: the body goes as it is, with the next update_id. */
    raw(body: Json): Update {
      return update(body);
    },
  };
}
