// BotMessage[] → Telegram messages (HTML text, inline keyboards, split at 4096) and their sending; decides looks, never words.
import type { Telegram } from 'telegraf';
import type { InlineKeyboardButton, KeyboardButton } from 'telegraf/types';
import { numbered, type BotMessage, type Choice, type ServiceCardView } from '../../conversation/messages.js';
import type { Pacer, SendOutcome } from './pacer.js';

/** Telegram's limit on a message's text, counted after entities are parsed (so on the plain text). */
export const MAX_MESSAGE_CHARS = 4096;
/** Telegram's limit on a button's callback_data, in bytes. */
const MAX_CALLBACK_BYTES = 64;
/** Labels up to this many characters sit two to a row; any longer label puts every button on its own row. */
const PAIR_LABEL_CHARS = 20;

export interface OutgoingMessage {
  /** HTML for parse_mode HTML. */
  text: string;
  keyboard?: InlineKeyboardButton.CallbackButton[][];
  /** Simple mode: big buttons in place of the phone's keyboard, one per row; pressing one sends its text. */
  replyKeyboard?: KeyboardButton[][];
  /** Simple mode, a question with no options (a name, an age): the big buttons of the last menu go. */
  removeKeyboard?: true;
}

/** A piece of text with one style: the unit that splitting never breaks a tag of. */
export interface Run {
  text: string;
  style?: 'b' | 'i';
}

export function renderForTelegram(messages: BotMessage[], limit = MAX_MESSAGE_CHARS): OutgoingMessage[] {
  const out = messages.flatMap((message): OutgoingMessage[] => {
    const chunks = splitRuns(runsOf(message), limit).map(toHtml);
    if (message.type !== 'choices') return chunks.map((text) => ({ text }));
    const last = chunks.length - 1;
    if (message.simple) {
      // The keyboard goes with the last part, next to the question; the numbers are in the text too.
      const replyKeyboard = message.choices.map((c, i) => [{ text: numbered(c, i) }]);
      return chunks.map((text, i) => (i === last ? { text, replyKeyboard } : { text }));
    }
    const keyboard = inlineKeyboard(message.choices);
    return chunks.map((text, i) => (i === last && keyboard.length > 0 ? { text, keyboard } : { text }));
  });
  const simpleTurn = messages.some((m) => (m.type === 'text' || m.type === 'choices') && m.simple);
  const asksChoice = out.some((m) => m.keyboard || m.replyKeyboard);
  const final = out.at(-1);
  if (simpleTurn && !asksChoice && final) final.removeKeyboard = true;
  return out;
}

function runsOf(message: BotMessage): Run[] {
  switch (message.type) {
    case 'text':
      return [{ text: message.text }];
    case 'choices':
      if (!message.simple) return [{ text: message.text }];
      return [{ text: [message.text, ...message.choices.map(numbered)].join('\n') }];
    case 'notice':
      return [{ text: `${message.level === 'info' ? 'ℹ' : '⚠'} ${message.text}` }];
    case 'card':
      return cardRuns(message.card);
  }
}

function cardRuns(card: ServiceCardView): Run[] {
  const runs: Run[] = [{ text: card.title, style: 'b' }];
  if (card.subtitle) runs.push({ text: '\n' }, { text: card.subtitle, style: 'i' });
  if (card.description) runs.push({ text: `\n\n${card.description}` });
  card.fields.forEach((field, i) => {
    runs.push({ text: i === 0 ? '\n\n' : '\n' }, { text: `${field.label}:`, style: 'b' });
    // A value of several lines (contacts, requirements) starts on its own line.
    runs.push({ text: field.value.includes('\n') ? `\n${field.value}` : ` ${field.value}` });
  });
  return runs;
}

export function inlineKeyboard(choices: Choice[]): InlineKeyboardButton.CallbackButton[][] {
  // The engine's tokens are a few bytes; a longer payload would be refused by Telegram and lose the whole message.
  const buttons = choices
    .filter((c) => c.payload !== '' && Buffer.byteLength(c.payload, 'utf8') <= MAX_CALLBACK_BYTES)
    .map((c) => ({ text: c.label, callback_data: c.payload }));
  const perRow = buttons.every((b) => [...b.text].length <= PAIR_LABEL_CHARS) ? 2 : 1;
  const rows: InlineKeyboardButton.CallbackButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function toHtml(runs: Run[]): string {
  return runs.map((r) => (r.style ? `<${r.style}>${escapeHtml(r.text)}</${r.style}>` : escapeHtml(r.text))).join('');
}

/** Splits styled text into parts of at most `limit` characters, each with whole tags. */
export function splitRuns(runs: Run[], limit = MAX_MESSAGE_CHARS): Run[][] {
  const plain = runs.map((r) => r.text).join('');
  return splitRanges(plain, limit).map(([start, end]) => sliceRuns(runs, start, end));
}

/**
 * Where to cut a text into parts of at most `limit` UTF-16 units: at the last paragraph break that fits,
 * else the last line break, else the last space, else a hard cut that never halves a surrogate pair.
 * Blank parts are dropped; an empty text gives no part.
 */
export function splitRanges(text: string, limit = MAX_MESSAGE_CHARS): [number, number][] {
  const ranges: [number, number][] = [];
  let start = skipSpace(text, 0);
  while (text.length - start > limit) {
    const softCut = [text.lastIndexOf('\n\n', start + limit), text.lastIndexOf('\n', start + limit), text.lastIndexOf(' ', start + limit)].find(
      (at) => at > start,
    );
    let cut = softCut ?? start + limit;
    if (softCut === undefined && isHighSurrogate(text.charCodeAt(cut - 1))) cut -= 1;
    ranges.push([start, trimEnd(text, start, cut)]);
    start = skipSpace(text, cut);
  }
  const end = trimEnd(text, start, text.length);
  if (end > start) ranges.push([start, end]);
  return ranges.filter(([s, e]) => e > s);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

function skipSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end;
  while (i > start && /\s/.test(text[i - 1]!)) i--;
  return i;
}

function sliceRuns(runs: Run[], start: number, end: number): Run[] {
  const out: Run[] = [];
  let at = 0;
  for (const run of runs) {
    const from = Math.max(start, at);
    const to = Math.min(end, at + run.text.length);
    if (from < to) out.push({ ...run, text: run.text.slice(from - at, to - at) });
    at += run.text.length;
  }
  return out;
}

export type TelegramApi = Pick<Telegram, 'sendMessage' | 'answerCbQuery'>;

/** Queues the messages for one chat in order; resolves when each is sent, refused or dropped. */
export function sendMessages(api: TelegramApi, pacer: Pacer, chatId: string, messages: BotMessage[]): Promise<SendOutcome[]> {
  return Promise.all(
    renderForTelegram(messages).map((m) =>
      pacer.send(chatId, () =>
        api.sendMessage(chatId, m.text, {
          parse_mode: 'HTML',
          // Contact lines carry addresses and sites: a preview card under every service would bury the question.
          link_preview_options: { is_disabled: true },
          ...(m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
          ...(m.replyKeyboard ? { reply_markup: { keyboard: m.replyKeyboard, resize_keyboard: true, is_persistent: true } } : {}),
          ...(m.removeKeyboard ? { reply_markup: { remove_keyboard: true } } : {}),
        }),
      ),
    ),
  );
}
