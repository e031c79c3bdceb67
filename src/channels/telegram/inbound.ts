// Telegram update → a turn for the engine, a channel-side notice, or a reason to ignore it; pure, zod-validated, no I/O.
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AttachmentKind, UserEvent } from '../../conversation/events.js';
import type { Conversation } from '../../conversation/key.js';
import type { TurnHints } from '../../conversation/turn.js';

// Only what Sportello reads is checked; Telegram adds fields often, so every object lets the rest through.
const User = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  language_code: z.string().max(35).optional(),
});

const Chat = z.looseObject({
  id: z.number().int(),
  type: z.enum(['private', 'group', 'supergroup', 'channel']),
});

const Entity = z.looseObject({ type: z.string(), offset: z.number().int().min(0), length: z.number().int().min(0) });

const Message = z.looseObject({
  message_id: z.number().int(),
  date: z.number(),
  chat: Chat,
  from: User.optional(),
  text: z.string().optional(),
  entities: z.array(Entity).optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  contact: z.looseObject({ phone_number: z.string() }).optional(),
});
type Message = z.infer<typeof Message>;

const CallbackQuery = z.looseObject({
  id: z.string().min(1),
  from: User,
  // An inaccessible message (older than 48 hours) still carries its chat.
  message: z.looseObject({ message_id: z.number().int(), chat: Chat }).optional(),
  data: z.string().optional(),
});

export const TelegramUpdate = z.looseObject({
  update_id: z.number().int().min(0),
  message: Message.optional(),
  edited_message: Message.optional(),
  channel_post: Message.optional(),
  edited_channel_post: Message.optional(),
  callback_query: CallbackQuery.optional(),
});
export type TelegramUpdate = z.infer<typeof TelegramUpdate>;

type IgnoreReason = 'unsupported_update' | 'from_bot' | 'service_message' | 'no_callback_data' | 'edited_elsewhere';

/** What the channel does with one update. `callbackQueryId`, when set, must be answered whatever else happens. */
export type Inbound =
  | { kind: 'turn'; chatId: string; conversation: Conversation; event: UserEvent; hints: TurnHints; callbackQueryId?: string }
  | { kind: 'not_private'; chatId: string; language?: string; callbackQueryId?: string }
  | { kind: 'edited'; chatId: string; language?: string }
  | { kind: 'ignore'; reason: IgnoreReason; callbackQueryId?: string };

export type ParsedBody = { ok: true; update: TelegramUpdate } | { ok: false; problem: string };

/** Validates a webhook body (or a polled update); the problem names the path, never the values. */
export function parseUpdate(body: unknown): ParsedBody {
  const parsed = TelegramUpdate.safeParse(body);
  if (parsed.success) return { ok: true, update: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || '(body)'}: ${issue?.code ?? 'invalid'}` };
}

/** Compares the webhook's secret header in constant time, whatever the lengths. */
export function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

// Telegram's deep-link payloads: up to 64 of A–Z, a–z, 0–9, _ and -.
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

export function toInbound(update: TelegramUpdate): Inbound {
  const updateId = String(update.update_id);
  if (update.callback_query) {
    const query = update.callback_query;
    const callbackQueryId = query.id;
    const chat = query.message?.chat;
    if (!chat) return { kind: 'ignore', reason: 'unsupported_update', callbackQueryId };
    if (chat.type !== 'private') return notPrivate(chat.id, query.from.language_code, callbackQueryId);
    if (query.data === undefined || query.data === '') return { kind: 'ignore', reason: 'no_callback_data', callbackQueryId };
    return turn(chat.id, { type: 'choice', payload: query.data }, updateId, query.from.language_code, callbackQueryId);
  }
  const message = update.message ?? update.channel_post;
  if (message) {
    if (message.chat.type !== 'private') return notPrivate(message.chat.id, message.from?.language_code);
    if (message.from?.is_bot) return { kind: 'ignore', reason: 'from_bot' };
    const event = eventOf(message);
    if (!event) return { kind: 'ignore', reason: 'service_message' };
    return turn(message.chat.id, event, updateId, message.from?.language_code);
  }
  const edited = update.edited_message;
  if (edited) {
    // Only a resident's own chat hears about edits: a group would get a notice for every typo fixed.
    if (edited.chat.type !== 'private') return { kind: 'ignore', reason: 'edited_elsewhere' };
    return { kind: 'edited', chatId: String(edited.chat.id), ...lang(edited.from?.language_code) };
  }
  return { kind: 'ignore', reason: update.edited_channel_post ? 'edited_elsewhere' : 'unsupported_update' };
}

function turn(chatId: number, event: UserEvent, updateId: string, language: string | undefined, callbackQueryId?: string): Inbound {
  const id = String(chatId);
  return {
    kind: 'turn',
    chatId: id,
    conversation: { channel: 'telegram', id },
    event,
    hints: { updateId, ...lang(language) },
    ...(callbackQueryId ? { callbackQueryId } : {}),
  };
}

function notPrivate(chatId: number, language: string | undefined, callbackQueryId?: string): Inbound {
  return { kind: 'not_private', chatId: String(chatId), ...lang(language), ...(callbackQueryId ? { callbackQueryId } : {}) };
}

const lang = (code: string | undefined) => (code ? { language: code } : {});

// Media keys in the order Telegram's own docs resolve overlaps (an animation also carries `document`).
const MEDIA: [string, AttachmentKind][] = [
  ['voice', 'voice'],
  ['audio', 'audio'],
  ['video_note', 'video'],
  ['animation', 'other'],
  ['video', 'video'],
  ['photo', 'photo'],
  ['sticker', 'sticker'],
  ['document', 'document'],
];
// Content a resident sends that Sportello cannot read; anything else without content is a service message.
const OTHER_CONTENT = ['poll', 'dice', 'game', 'story', 'invoice', 'paid_media', 'giveaway'];

function eventOf(message: Message): UserEvent | undefined {
  if (message.text !== undefined) return startOf(message) ?? { type: 'text', text: message.text };
  // A venue carries its location too.
  if (message.location) return { type: 'location', latitude: message.location.latitude, longitude: message.location.longitude };
  if (message.contact) return { type: 'contact', phone: message.contact.phone_number.slice(0, 40) };
  const record = message as Record<string, unknown>;
  const media = MEDIA.find(([key]) => record[key] !== undefined);
  if (media) return { type: 'attachment', kind: media[1] };
  if (OTHER_CONTENT.some((key) => record[key] !== undefined)) return { type: 'attachment', kind: 'other' };
  return undefined;
}

/** `/start` (or `/start@bot`) as the message's leading command, with its deep-link payload. */
function startOf(message: Message): UserEvent | undefined {
  const text = message.text ?? '';
  const command = message.entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  const name = command ? text.slice(0, command.length) : /^\/\S+/.exec(text)?.[0];
  if (!name || !/^\/start(@\w+)?$/i.test(name)) return undefined;
  const payload = text.slice(name.length).trim();
  return START_PAYLOAD.test(payload) ? { type: 'start', payload } : { type: 'start' };
}
