// While a person has the conversation: what the resident's message asks of the line itself, and how staff read it; no I/O.
import type { Lexicon } from '../i18n/lexicon.js';
import { commandOf } from './commands.js';
import type { AttachmentKind, UserEvent } from './events.js';

/**
 * The buttons shown while waiting. They are not commands a resident can type with a slash: they only
 * make sense on the line, and the engine reads them before anything else.
 */
export const LINE_BUTTONS = { position: 'cmd:queue', leave: 'cmd:leave' } as const;

/** Texts holding the words that ask the line something, "|"-separated, in each language. */
export const LINE_TEXTS = ['handoff.leave_words', 'handoff.position_words', 'handoff.position_button', 'handoff.leave_button'] as const;

export type LineRequest = 'leave' | 'position' | 'reminder' | undefined;

const simplified = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Only a message that is nothing but one of those words asks the line: "annulla la prenotazione di
 * martedì" is for the person reading, not a request to leave.
 */
export function lineRequest(event: UserEvent, say: { t: (key: string) => string; lexicon: Lexicon }, options: { taken?: boolean } = {}): LineRequest {
  const { t } = say;
  const words = (key: string, label: string) => new Set([...t(key).split('|'), t(label)].map(simplified).filter(Boolean));
  switch (event.type) {
    case 'choice':
      if (event.payload === LINE_BUTTONS.leave) return 'leave';
      if (event.payload === LINE_BUTTONS.position) return 'position';
      if (event.payload === 'cmd:stop' || event.payload === 'cmd:menu') return 'leave';
      if (event.payload === 'cmd:person') return 'position';
      // A button of a question asked before the person came: nothing to pass on.
      return 'reminder';
    case 'command':
      return commandRequest(event.name);
    case 'start':
      return 'reminder';
    case 'text': {
      // "/start" is how a channel opens a chat, not a resident asking to leave: Telegram's own is a reminder too.
      if (/^\/start\b/i.test(event.text.trim())) return 'reminder';
      const command = commandOf(event.text, say.lexicon);
      if (command) return commandRequest(command);
      const said = simplified(event.text);
      if (words('handoff.leave_words', 'handoff.leave_button').has(said)) return 'leave';
      if (words('handoff.position_words', 'handoff.position_button').has(said)) return 'position';
      // Before anyone took the request the only numbered options shown are the two line buttons; afterwards
      // "2" may well be an answer to the person.
      if (!options.taken && said === '1') return 'position';
      if (!options.taken && said === '2') return 'leave';
      return undefined;
    }
    default:
      return undefined;
  }
}

function commandRequest(name: string): LineRequest {
  if (name === 'stop' || name === 'menu') return 'leave';
  if (name === 'person') return 'position';
  // Help, back, language, my data: the flows are paused; say what is going on instead.
  return 'reminder';
}

/** Staff read Italian, the resident's own words as written; what cannot be passed on becomes a note. */
const ATTACHMENT_NOTE: Record<AttachmentKind, string> = {
  voice: 'messaggio vocale (non inoltrabile: chiedi di scrivere o proponi una chiamata)',
  audio: 'file audio (non inoltrato)',
  photo: 'foto (non inoltrata)',
  video: 'video (non inoltrato)',
  document: 'documento (non inoltrato)',
  sticker: 'sticker',
  other: 'allegato (non inoltrato)',
};

export function noteForStaff(event: UserEvent): string {
  switch (event.type) {
    case 'text':
      return event.text;
    case 'attachment':
      return `[${ATTACHMENT_NOTE[event.kind]}]`;
    case 'location':
      return `[posizione condivisa: https://www.openstreetmap.org/?mlat=${event.latitude}&mlon=${event.longitude}#map=17/${event.latitude}/${event.longitude}]`;
    case 'contact':
      // The resident chose to share it with the person they are talking to.
      return `[numero di telefono condiviso: ${event.phone}]`;
    case 'choice':
    case 'command':
    case 'start':
      return `[${event.type}]`;
  }
}
