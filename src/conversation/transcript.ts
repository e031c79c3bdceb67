// A turn as transcript lines for staff taking over (what the resident did, what the assistant said); no I/O, no masking.
import { z } from 'zod';
import type { TurnEvent, UserEvent } from './events.js';
import type { BotMessage } from './messages.js';

export const TranscriptEntry = z.object({ from: z.enum(['resident', 'assistant']), text: z.string(), at: z.string() }); // at = ISO
export type TranscriptEntry = z.infer<typeof TranscriptEntry>;

/** Longer lines are clipped: staff need the gist in one Slack message, not a resident's whole letter. */
const MAX_LINE_CHARS = 300;

function clip(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]; // by code point: an emoji is never cut in half
  return chars.length <= MAX_LINE_CHARS ? chars.join('') : `${chars.slice(0, MAX_LINE_CHARS - 1).join('')}…`;
}

function residentLine(event: UserEvent, chosen: string | undefined): string {
  switch (event.type) {
    case 'text':
      return clip(event.text);
    case 'choice':
      // The payload is opaque (and may carry ids): only what the caller resolved it to is shown.
      return chosen === undefined ? '[scelta]' : clip(`[scelta] ${chosen}`);
    case 'command':
      return `/${event.name}`;
    case 'start':
      return '/start';
    case 'attachment':
      return `[${event.kind}]`;
    case 'location':
      return '[posizione]';
    case 'contact':
      return '[contatto]'; // never the number: it goes to a call-back request, with consent, not to the transcript
  }
}

function said(message: BotMessage): string {
  switch (message.type) {
    case 'text':
    case 'notice':
      return message.text;
    case 'choices':
      if (message.choices.length === 0) return message.text;
      return [message.text, `[${message.choices.map((c) => c.label).join(' | ')}]`].filter((part) => part.trim() !== '').join(' ');
    case 'card':
      return message.card.title;
  }
}

/** The lines one turn adds: what the resident did (nothing, for news from staff), then what the assistant said. */
export function turnTranscript(event: TurnEvent, chosen: string | undefined, messages: BotMessage[], at: string): TranscriptEntry[] {
  const lines: TranscriptEntry[] =
    event.type === 'staff' || event.type === 'proactive' ? [] : [{ from: 'resident', text: residentLine(event, chosen), at }];
  const reply = clip(
    messages
      .map(said)
      .filter((text) => text.trim() !== '')
      .join(' / '),
  );
  if (reply !== '') lines.push({ from: 'assistant', text: reply, at });
  return lines;
}

/** Entries read back from the store, invalid ones dropped. */
export function readTranscript(raw: unknown[]): TranscriptEntry[] {
  return raw.flatMap((entry) => {
    const parsed = TranscriptEntry.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}
