// A conversation's identity: its channel and the channel's id, the key everything kept about it is stored under, and
// the hash logs name it by. No I/O; every store and index keyed by conversation uses this one key.
import { createHash } from 'node:crypto';
import type { Channel } from '../welfare/contract.js';

export interface Conversation {
  channel: Channel;
  /** The channel's own id of the conversation (a Telegram chat id, a Bot Framework conversation id). */
  id: string;
}

/** "telegram:12345": also the Redis hash tag of the conversation's keys, so sessions and tickets share a slot. */
export const conversationKey = (c: Conversation) => `${c.channel}:${c.id}`;

/** Logs name a conversation by a hash: enough to follow one, useless to find a person. */
export const hashId = (key: string) => createHash('sha256').update(key).digest('hex').slice(0, 12);
