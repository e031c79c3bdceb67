// Tickets as Slack Block Kit messages, and text crossing between Slack markup and plain text; no I/O.
import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { ROME } from '../../calendar/holidays.js';
import type { Ticket } from '../ticket.js';

type KnownBlock = types.KnownBlock;

export const TAKE_ACTION = 'sportello_take';
export const CLOSE_ACTION = 'sportello_close';

/** Staff read Italian: the labels are not translated, the resident's words are shown as written. */
const KIND = { live: 'richiesta live', callback: 'richiesta di richiamata' } as const;
const REASON = { asked: 'chiesto un operatore', misunderstood: 'non capito due volte', voice: 'messaggio vocale', backend_down: 'servizio non raggiungibile' } as const;
const SPEAKER = { resident: 'Utente', assistant: 'Assistente' } as const;
/** Slack refuses a section text over 3,000 characters; a line is shortened before the whole is. */
const SECTION_LIMIT = 2900;
const LINE_LIMIT = 300;

/** Slack's own escaping: a resident writing `<!channel>` must not ping the whole staff channel. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What a staff message says, without Slack markup: links as "label (url)", mentions and entities decoded. */
export function plainText(slackText: string): string {
  return slackText
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/<mailto:[^|>]+\|([^>]+)>/g, '$1')
    .replace(/<[@#!][^|>]*\|([^>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

const clip = (text: string, limit: number) => (text.length > limit ? `${text.slice(0, limit - 1)}…` : text);
const romeTime = (iso: string) => DateTime.fromISO(iso, { zone: ROME }).toFormat('dd/LL HH:mm');

export function ticketSummary(t: Ticket): string {
  return `${t.reference} · ${KIND[t.kind]}`;
}

/** The text notifications and screen readers show in place of the blocks. */
export function ticketFallback(t: Ticket): string {
  return `${ticketSummary(t)} (${t.team}${t.municipality ? `, ${t.municipality}` : ''})`;
}

function transcriptText(t: Ticket): string {
  if (t.transcript.length === 0) return '_nessuna conversazione_';
  const lines = t.transcript.map((l) => `*${SPEAKER[l.from]}* ${romeTime(l.at).slice(-5)}: ${escapeMrkdwn(clip(l.text.replace(/\s+/g, ' '), LINE_LIMIT))}`);
  // The oldest lines go first when it is too long: the last turns say why the resident asked.
  while (lines.length > 1 && lines.join('\n').length > SECTION_LIMIT) lines.shift();
  return clip(lines.join('\n'), SECTION_LIMIT);
}

function statusBlock(t: Ticket): KnownBlock {
  const text =
    t.status === 'closed'
      ? `:white_check_mark: ${t.closedBy?.id === 'resident' ? "Annullato dall'utente" : `Chiuso${t.closedBy ? ` da <@${t.closedBy.id}>` : ''}`} alle ${romeTime(t.closedAt!)}`
      : t.status === 'taken'
        ? `:raising_hand: Preso da <@${t.takenBy!.id}> alle ${romeTime(t.takenAt!)}`
        : `:hourglass_flowing_sand: In attesa di un operatore`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** The ticket message: what it is, where the resident was, what they said, and the buttons its status allows. */
export function ticketBlocks(t: Ticket): KnownBlock[] {
  const field = (label: string, value: string | undefined) => ({ type: 'mrkdwn' as const, text: `*${label}*\n${escapeMrkdwn(value ?? '—')}` });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(ticketSummary(t), 150) } },
    {
      type: 'section',
      fields: [
        field('Lingua', t.lang),
        field('Canale', t.conversation.channel),
        field('Comune', t.municipality),
        field('Passaggio', t.step),
        field('Servizio', t.serviceId),
        field('Team', t.team),
        field('Motivo', REASON[t.reason]),
        field('In coda da', romeTime(t.createdAt)),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: transcriptText(t) } },
  ];
  if (t.phone) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `:telephone_receiver: *Richiamare al* ${escapeMrkdwn(t.phone)}` } });
  blocks.push(statusBlock(t));
  const buttons = [
    ...(t.status === 'queued' ? [{ type: 'button' as const, action_id: TAKE_ACTION, style: 'primary' as const, text: { type: 'plain_text' as const, text: 'Prendo io' }, value: t.id }] : []),
    ...(t.status !== 'closed' ? [{ type: 'button' as const, action_id: CLOSE_ACTION, text: { type: 'plain_text' as const, text: 'Chiudi' }, value: t.id }] : []),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `ticket:${t.id}`, elements: buttons });
  return blocks;
}
