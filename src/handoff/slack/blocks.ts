// Tickets as Slack Block Kit messages, and text crossing between Slack markup and plain text; no I/O.
import type { types } from '@slack/bolt';
import { DateTime } from 'luxon';
import { ROME } from '../../calendar/holidays.js';
import type { Ticket } from '../ticket.js';
import type { StaffTexts } from './staff-texts.js';

type KnownBlock = types.KnownBlock;

export const TAKE_ACTION = 'sportello_take';
export const CLOSE_ACTION = 'sportello_close';

// Labels are in the staff's language (locales/<lang>/staff.yaml); the resident's words are shown as written.
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

function ticketSummary(t: Ticket, say: StaffTexts): string {
  return `${t.reference} · ${say(`kind.${t.kind}`)}`;
}

/** The text notifications and screen readers show in place of the blocks. */
export function ticketFallback(t: Ticket, say: StaffTexts): string {
  return `${ticketSummary(t, say)} (${t.team}${t.municipality ? `, ${t.municipality}` : ''})`;
}

function transcriptText(t: Ticket, say: StaffTexts): string {
  if (t.transcript.length === 0) return say('no_transcript');
  const lines = t.transcript.map(
    (l) => `*${say(`speaker.${l.from}`)}* ${romeTime(l.at).slice(-5)}: ${escapeMrkdwn(clip(l.text.replace(/\s+/g, ' '), LINE_LIMIT))}`,
  );
  // The oldest lines go first when it is too long: the last turns say why the resident asked.
  while (lines.length > 1 && lines.join('\n').length > SECTION_LIMIT) lines.shift();
  return clip(lines.join('\n'), SECTION_LIMIT);
}

function statusBlock(t: Ticket, say: StaffTexts): KnownBlock {
  const closed = () => {
    const time = romeTime(t.closedAt!);
    if (t.closedBy?.id === 'resident') return say('status.cancelled', { time });
    return t.closedBy ? say('status.closed_by', { by: t.closedBy.id, time }) : say('status.closed', { time });
  };
  const text =
    t.status === 'closed'
      ? closed()
      : t.status === 'taken'
        ? say('status.taken', { by: t.takenBy!.id, time: romeTime(t.takenAt!) })
        : say('status.waiting');
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** The ticket message: what it is, where the resident was, what they said, and the buttons its status allows. */
export function ticketBlocks(t: Ticket, say: StaffTexts): KnownBlock[] {
  const field = (label: string, value: string | undefined) => ({
    type: 'mrkdwn' as const,
    text: `*${say(`field.${label}`)}*\n${escapeMrkdwn(value ?? '—')}`,
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(ticketSummary(t, say), 150) } },
    {
      type: 'section',
      fields: [
        field('lang', t.lang),
        field('channel', t.conversation.channel),
        field('municipality', t.municipality),
        field('step', t.step),
        field('service', t.serviceId),
        field('team', t.team),
        field('reason', say(`reason.${t.reason}`)),
        field('queued_since', romeTime(t.createdAt)),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: transcriptText(t, say) } },
  ];
  if (t.phone) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: say('call_back', { phone: escapeMrkdwn(t.phone) }) } });
  blocks.push(statusBlock(t, say));
  const buttons = [
    ...(t.status === 'queued'
      ? [
          {
            type: 'button' as const,
            action_id: TAKE_ACTION,
            style: 'primary' as const,
            text: { type: 'plain_text' as const, text: say('button.take') },
            value: t.id,
          },
        ]
      : []),
    ...(t.status !== 'closed'
      ? [{ type: 'button' as const, action_id: CLOSE_ACTION, text: { type: 'plain_text' as const, text: say('button.close') }, value: t.id }]
      : []),
  ];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `ticket:${t.id}`, elements: buttons });
  return blocks;
}
