// Bot Framework activity → a turn for the engine or a reason to ignore it; pure, zod-validated, no I/O.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AttachmentKind, UserEvent } from '../../conversation/events.js';
import type { Conversation } from '../../conversation/key.js';
import type { TurnHints } from '../../conversation/turn.js';

// Only what Sportello reads is checked; channels add fields freely, so every object lets the rest through.
const Account = z.looseObject({
  id: z.string().min(1),
  name: z.string().optional(),
  aadObjectId: z.string().max(64).optional(),
  role: z.string().optional(),
});

const ConversationAccount = z.looseObject({
  id: z.string().min(1).max(1024),
  isGroup: z.boolean().optional(),
  conversationType: z.string().optional(),
  tenantId: z.string().optional(),
});

const Attachment = z.looseObject({ contentType: z.string(), contentUrl: z.string().optional(), name: z.string().optional() });

const Mention = z.looseObject({ type: z.literal('mention'), mentioned: z.looseObject({ id: z.string() }).optional(), text: z.string().optional() });

/** What every activity a channel posts carries, plus the fields of the kinds Sportello handles. */
export const IncomingActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: ConversationAccount,
  from: Account,
  recipient: Account,
  locale: z.string().max(35).optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  attachments: z.array(Attachment).optional(),
  entities: z.array(z.looseObject({ type: z.string().optional() })).optional(),
  membersAdded: z.array(Account).optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

export type ParsedBody = { ok: true; activity: IncomingActivity } | { ok: false; problem: string };

/** Validates a request body; the problem names the path, never the values. */
export function parseActivity(body: unknown): ParsedBody {
  const parsed = IncomingActivity.safeParse(body);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, problem: `${issue?.path.join('.') || '(body)'}: ${issue?.code ?? 'invalid'}` };
}

type IgnoreReason = 'unsupported_activity' | 'members_changed' | 'empty_message' | 'from_bot';

export type Inbound = { kind: 'turn'; conversation: Conversation; event: UserEvent; hints: TurnHints } | { kind: 'ignore'; reason: IgnoreReason };

/** The update id of the welcome: the store's dedupe makes it one per conversation however often the bot is added. */
export const WELCOME_UPDATE_ID = 'welcome';

/** Ids longer than this are hashed before they become store keys. */
export const MAX_ID_CHARS = 100;

/**
 * A channel id as Sportello keys it. Teams ids are long ("a:1Hk…" runs past 130 characters, a channel thread adds
 * ";messageid=…"): beyond MAX_ID_CHARS a stable hash keeps Redis keys and logs short. Nothing needs the id back
 * from the key: proactive messages use the stored conversation reference, which holds the real one.
 */
export function storeId(id: string): string {
  return id.length <= MAX_ID_CHARS ? id : `h.${createHash('sha256').update(id).digest('base64url')}`;
}

export function toInbound(activity: IncomingActivity): Inbound {
  if (activity.from.role === 'bot') return { kind: 'ignore', reason: 'from_bot' };
  switch (activity.type) {
    case 'message': {
      const event = messageEvent(activity);
      return event ? turn(activity, event, activity.id) : { kind: 'ignore', reason: 'empty_message' };
    }
    case 'conversationUpdate': {
      const botAdded = activity.membersAdded?.some((m) => m.id === activity.recipient.id) ?? false;
      // Only the bot's own arrival greets: a user joining a group, or the user half of Web Chat's pair, says nothing.
      return botAdded ? turn(activity, { type: 'start' }, WELCOME_UPDATE_ID) : { kind: 'ignore', reason: 'members_changed' };
    }
    default:
      return { kind: 'ignore', reason: 'unsupported_activity' };
  }
}

function turn(activity: IncomingActivity, event: UserEvent, updateId: string | undefined): Inbound {
  const group = isGroup(activity);
  return {
    kind: 'turn',
    conversation: { channel: 'botframework', id: storeId(activity.conversation.id) },
    event,
    hints: {
      ...(activity.locale ? { language: activity.locale } : {}),
      ...(updateId ? { updateId } : {}),
      // In a group each person keeps their own profile (language, consents).
      ...(group ? { userId: storeId(activity.from.id) } : {}),
      ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
    },
  };
}

function isGroup(activity: IncomingActivity): boolean {
  const type = activity.conversation.conversationType;
  return activity.conversation.isGroup === true || type === 'channel' || type === 'groupChat';
}

function messageEvent(activity: IncomingActivity): UserEvent | undefined {
  const payload = payloadOf(activity.value);
  if (payload !== undefined) return { type: 'choice', payload };
  const text = withoutMentions(activity).trim();
  if (text) return { type: 'text', text };
  const kinds = (activity.attachments ?? []).map((a) => attachmentKind(a.contentType)).filter((k): k is AttachmentKind => k !== undefined);
  return kinds.length > 0 ? { type: 'attachment', kind: kinds[0]! } : undefined;
}

/**
 * The payload of a pressed button: `{ payload }` as the card or suggested action put it. Web Chat's messageBack and
 * Action.Submit send the object as `value`; Teams' messageBack sends its `value`, which some clients deliver as JSON text.
 */
function payloadOf(value: unknown): string | undefined {
  let v = value;
  if (typeof v === 'string' && v.startsWith('{')) {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return undefined; // not ours: the text, if any, is read instead
    }
  }
  const payload = (v as { payload?: unknown } | null | undefined)?.payload;
  return typeof payload === 'string' && payload.length > 0 && payload.length <= 256 ? payload : undefined;
}

/** Teams puts `<at>Bot</at>` in the text of a message that mentions the bot (always, in a channel). */
function withoutMentions(activity: Pick<IncomingActivity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  for (const entity of activity.entities ?? []) {
    const mention = Mention.safeParse(entity);
    if (mention.success && mention.data.mentioned?.id === activity.recipient.id && mention.data.text) text = text.split(mention.data.text).join(' ');
  }
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/[ \t]{2,}/g, ' ');
}

// Channels label recorded voice clips with the containers browsers and phones record in.
const VOICE = /^audio\/(ogg|opus|webm|aac|amr)\b/;

function attachmentKind(contentType: string): AttachmentKind | undefined {
  const type = contentType.toLowerCase();
  // Teams sends the message's own HTML beside what was pasted, and cards are what bots send, not residents.
  if (type === 'text/html' || type.startsWith('application/vnd.microsoft.card.')) return undefined;
  if (VOICE.test(type)) return 'voice';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('image/')) return 'photo';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('application/') || type.startsWith('text/')) return 'document';
  return 'other';
}
