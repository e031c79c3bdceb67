// Conversation references beside the session: what a proactive message (staff reply, reminder) needs to reach a
// resident, saved when it changes, read back by deliver().
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import { UnreachableError } from '../../errors.js';
import type { ConversationStore } from '../../state/store.js';

export type ReferenceStore = Pick<ConversationStore, 'saveReference' | 'reference'>;

/** What is kept: enough to write to the conversation, nothing else of the person (no display name, no activity). */
export const StoredReference = z.object({
  channelId: z.string().min(1),
  serviceUrl: z.url(),
  locale: z.string().optional(),
  conversation: z.object({
    id: z.string().min(1),
    conversationType: z.string().optional(),
    isGroup: z.boolean().optional(),
    tenantId: z.string().optional(),
  }),
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  user: z.object({ id: z.string().min(1), aadObjectId: z.string().optional(), role: z.string().optional() }),
});
export type StoredReference = z.infer<typeof StoredReference>;

/** A proactive message to a conversation whose reference is not (or no longer) stored. */
/** Without a reference the conversation cannot be written to: unreachable, as the channel contract says. */
export class ReferenceMissingError extends UnreachableError {
  override readonly code = 'botframework_no_reference';
  override readonly name = 'ReferenceMissingError';
}

/**
 * The stored shape of TurnContext.getConversationReference(activity): without `activityId`, which changes every
 * turn (a proactive message is not a reply to an old activity) and would make every turn a write, and without names.
 */
export function trimReference(ref: Partial<ConversationReference>): StoredReference | undefined {
  const { conversation, bot, user } = ref;
  // The SDK declares isGroup required; Web Chat and the Emulator leave it out.
  const isGroup = (conversation as { isGroup?: boolean } | undefined)?.isGroup;
  const parsed = StoredReference.safeParse({
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    ...(ref.locale ? { locale: ref.locale } : {}),
    conversation: conversation && {
      id: conversation.id,
      ...(conversation.conversationType ? { conversationType: conversation.conversationType } : {}),
      ...(isGroup !== undefined ? { isGroup } : {}),
      ...(conversation.tenantId ? { tenantId: conversation.tenantId } : {}),
    },
    bot: bot && { id: bot.id, ...(bot.name ? { name: bot.name } : {}) },
    user: user && { id: user.id, ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}), ...(user.role ? { role: user.role } : {}) },
  });
  return parsed.success ? parsed.data : undefined;
}

/** Back to the SDK's type: its accounts declare names (and more) required, but the Connector needs only the ids. */
export const asConversationReference = (ref: StoredReference) => ref as unknown as Partial<ConversationReference>;

export interface ReferenceKeeper {
  /** Saves the reference unless this process saved the same one lately. */
  remember(key: string, ref: StoredReference): Promise<void>;
  /** The stored reference; throws ReferenceMissingError when there is none or it cannot be read. */
  load(key: string): Promise<StoredReference>;
  /** The store's copy was deleted ("delete my data"): the next turn saves it again. */
  drop(key: string): void;
}

export interface ReferenceKeeperOptions {
  store: ReferenceStore;
  /**
   * How long a save is trusted before the same reference is written again. The store's own copy can go without this
   * process knowing: "delete my data" removes it, and its TTL (180 days) runs from the last save. Writing again
   * after a while bounds both, at one small write per conversation per period instead of one per turn.
   */
  refreshMs?: number;
  /** Conversations remembered at once; the oldest is forgotten first (and simply saved again when it writes). */
  maxEntries?: number;
  now?: () => number;
}

export function createReferenceKeeper(options: ReferenceKeeperOptions): ReferenceKeeper {
  const { store } = options;
  const refreshMs = options.refreshMs ?? 10 * 60 * 1000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? (() => Date.now());
  const saved = new Map<string, { json: string; at: number }>();

  return {
    async remember(key, ref) {
      const json = JSON.stringify(ref);
      const last = saved.get(key);
      if (last && last.json === json && now() - last.at < refreshMs) return;
      await store.saveReference(key, ref);
      // Re-inserted at the end: the Map's order is the order of use, so the first entry is the stalest.
      saved.delete(key);
      saved.set(key, { json, at: now() });
      if (saved.size > maxEntries) saved.delete(saved.keys().next().value!);
    },
    drop(key) {
      saved.delete(key);
    },
    async load(key) {
      const parsed = StoredReference.safeParse(await store.reference(key));
      if (!parsed.success) {
        throw new ReferenceMissingError(
          'no Bot Framework conversation reference is stored for this conversation: the resident must write to the bot again before a message can reach them',
        );
      }
      return parsed.data;
    },
  };
}
