// What a resident can do, on any channel: the one input of the conversation engine; no I/O.
import { z } from 'zod';

export const CommandName = z.enum([
  'menu',
  'back',
  'help',
  'language',
  'person',
  'my_data',
  'privacy',
  'delete_data',
  'stop',
  'simple',
  'notifications',
]);
export type CommandName = z.infer<typeof CommandName>;
/** The commands that open a flow, the one main.yaml's `entry_points.commands` names; the engine answers the others itself. */
export const FlowCommandName = CommandName.exclude(['menu', 'back', 'help', 'stop']);

export const AttachmentKind = z.enum(['voice', 'audio', 'photo', 'video', 'document', 'sticker', 'other']);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

export const UserEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('choice'), payload: z.string().max(256) }),
  z.object({ type: z.literal('command'), name: CommandName }),
  z.object({ type: z.literal('start'), payload: z.string().max(256).optional() }),
  z.object({ type: z.literal('location'), latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }),
  z.object({ type: z.literal('contact'), phone: z.string().max(40) }),
  z.object({ type: z.literal('attachment'), kind: AttachmentKind }),
]);
export type UserEvent = z.infer<typeof UserEvent>;

/**
 * What happened to the resident's request for a person, outside their own messages: staff took or
 * closed the ticket, or the resident left the line. Made by the handoff side, never parsed from a channel.
 */
export type StaffEvent = { type: 'staff'; change: 'taken' | 'closed' | 'left' };

/** A message Sportello writes first (a scheduled job): the engine decides what to say and whether to ask. */
export const ProactiveNotice = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reminder'), bookingId: z.string(), serviceId: z.string(), slotStart: z.string() }),
  z.object({ kind: z.literal('followup'), bookingId: z.string(), serviceId: z.string() }),
  z.object({ kind: z.literal('voucher_status'), applicationId: z.string(), reference: z.string(), status: z.string() }),
]);
export type ProactiveNotice = z.infer<typeof ProactiveNotice>;
/** The notices that ask a question, in the flow main.yaml's `entry_points.proactive` names; the others only say. */
export const AskingNoticeKind = z.enum(['reminder', 'followup']);
type ProactiveEvent = { type: 'proactive'; notice: ProactiveNotice };

/** Everything a turn may be about. */
export type TurnEvent = UserEvent | StaffEvent | ProactiveEvent;

/** Longer free text is cut before matching: nothing a menu or a search needs is that long. */
export const MAX_TEXT_CHARS = 1000;
