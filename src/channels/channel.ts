// What a remote channel (Telegram, Bot Framework, Slack) offers the server: routes, a start, a stop, proactive delivery.
import type { Express } from 'express';
import type { BotMessage } from '../conversation/messages.js';
import type { Conversation } from '../conversation/key.js';
import type { Channel } from '../welfare/contract.js';

/** A channel able to write first: a RemoteChannel, or the terminal printing. */
interface Deliverer {
  deliver(conversationId: string, messages: BotMessage[]): Promise<void>;
}

/** The channels running in this process, by name. */
export type Deliverers = Partial<Record<Channel, Deliverer>>;

/** Writes to a conversation through its own channel; a channel this process does not run is an error. */
export async function deliverTo(deliverers: Deliverers, conversation: Conversation, messages: BotMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const through = deliverers[conversation.channel];
  if (!through) throw new Error(`no ${conversation.channel} channel runs in this process to deliver to`);
  await through.deliver(conversation.id, messages);
}

export interface RemoteChannel {
  name: Channel;
  /** Mounts the channel's routes (webhooks) on the shared app. */
  mount(app: Express): void;
  /** Registers the webhook or starts polling, and anything else the platform needs at start. */
  start(): Promise<void>;
  /** Stops receiving, then waits for what is already queued to be sent. */
  stop(): Promise<void>;
  /**
   * Sends messages the resident did not ask for (staff replies, reminders) to a conversation. Rejects with
   * UnreachableError when the platform says the person cannot be reached any more, NotDeliveredError otherwise.
   */
  deliver(conversationId: string, messages: BotMessage[]): Promise<void>;
  /** Everything kept about a conversation was deleted ("delete my data"): drop what this process remembers of it. */
  forgot?(conversationId: string): void;
}
