// Builders of real-shaped Bot Framework activities, as Web Chat (Direct Line), Teams and the Emulator post them to a bot.
import { randomUUID } from 'node:crypto';

export interface Person {
  id: string;
  name: string;
  /** Teams: the user's Microsoft Entra object id. */
  aadObjectId?: string;
  locale?: string;
}

export interface ChatOptions {
  channelId: 'webchat' | 'msteams' | 'emulator';
  serviceUrl: string;
  conversationId: string;
  bot: { id: string; name: string };
  /** Teams: the organisation's tenant. */
  tenantId?: string;
  /** Teams: 'personal' (default), 'groupChat' or 'channel'. */
  conversationType?: 'personal' | 'groupChat' | 'channel';
}

type Json = Record<string, unknown>;

const TENANT_ID = '0b9e3a5c-7d21-4c8e-9f3a-6b1d2e4f5a6c';

/** A sender of activities in one conversation: each builder returns a fresh activity with the next id. */
export function botFrameworkActivities(chat: ChatOptions) {
  let seq = 1;
  const teams = chat.channelId === 'msteams';
  const nextId = () => (teams ? `${Date.now()}${String(seq++).padStart(3, '0')}` : `${chat.conversationId}|${String(seq++).padStart(7, '0')}`);
  const conversation = (): Json =>
    teams
      ? {
          conversationType: chat.conversationType ?? 'personal',
          tenantId: chat.tenantId ?? TENANT_ID,
          id: chat.conversationId,
          ...(chat.conversationType && chat.conversationType !== 'personal' ? { isGroup: true } : {}),
        }
      : { id: chat.conversationId };
  const from = (p: Person): Json =>
    teams ? { id: p.id, name: p.name, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) } : { id: p.id, name: p.name, role: 'user' };

  const base = (type: string, p: Person, extra: Json = {}): Json => {
    const now = new Date().toISOString();
    const locale = p.locale ?? 'it-IT';
    return {
      type,
      id: nextId(),
      timestamp: now,
      localTimestamp: now.replace('Z', '+01:00'),
      localTimezone: 'Europe/Rome',
      serviceUrl: chat.serviceUrl,
      channelId: chat.channelId,
      from: from(p),
      conversation: conversation(),
      recipient: teams ? { id: `28:${chat.bot.id}`, name: chat.bot.name } : { id: chat.bot.id, name: chat.bot.name, role: 'bot' },
      locale,
      ...(teams
        ? {
            entities: [{ type: 'clientInfo', locale, country: locale.slice(-2), platform: 'Web', timezone: 'Europe/Rome' }],
            channelData: { tenant: { id: chat.tenantId ?? TENANT_ID } },
          }
        : {
            entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
            channelData: { clientActivityID: randomUUID() },
          }),
      ...extra,
    };
  };

  return {
    botAccountId: teams ? `28:${chat.bot.id}` : chat.bot.id,
    /** Something the person typed. */
    message: (p: Person, text: string): Json => base('message', p, { text, textFormat: 'plain' }),
    /** Teams: a message in a group or channel that @mentions the bot. */
    mention(p: Person, text: string): Json {
      const at = `<at>${chat.bot.name}</at>`;
      return base('message', p, {
        text: `${at} ${text}`,
        textFormat: 'plain',
        entities: [{ type: 'mention', text: at, mentioned: { id: `28:${chat.bot.id}`, name: chat.bot.name } }],
      });
    },
    /**
     * A button pressed: Web Chat's messageBack (suggested action) posts its value with the display text in
     * channelData; Teams' messageBack from an Adaptive Card posts the action's value, replying to the card.
     */
    submit(p: Person, value: unknown, options: { displayText?: string; replyToId?: string } = {}): Json {
      if (teams)
        return base('message', p, {
          value,
          ...(options.replyToId ? { replyToId: options.replyToId } : {}),
          channelData: { tenant: { id: chat.tenantId ?? TENANT_ID }, source: { name: 'message' } },
        });
      return base('message', p, {
        value,
        channelData: { clientActivityID: randomUUID(), ...(options.displayText ? { messageBack: { displayText: options.displayText } } : {}) },
      });
    },
    /** An attachment uploaded by the person (Web Chat's upload, Teams' inline image). */
    attachment: (p: Person, contentType: string, name: string): Json =>
      base('message', p, { attachments: [{ contentType, contentUrl: `${chat.serviceUrl}/attachments/${randomUUID()}`, name }] }),
    /** conversationUpdate: members joined; the bot is one of them when `bot` is true. */
    membersAdded(p: Person, members: { bot?: boolean; people?: Person[] }): Json {
      const added = [
        ...(members.bot ? [{ id: teams ? `28:${chat.bot.id}` : chat.bot.id, name: chat.bot.name }] : []),
        ...(members.people ?? []).map((m) => ({ id: m.id, name: m.name })),
      ];
      return base('conversationUpdate', p, { membersAdded: added });
    },
    typing: (p: Person): Json => base('typing', p),
  };
}

/** Web Chat over Direct Line; ids of that shape. */
export function webChatUser(n: number, locale = 'it-IT'): Person {
  return { id: `dl_${randomUUID().replace(/-/g, '').slice(0, 20)}${n}`, name: 'You', locale };
}

/** A Teams user: the long "29:…" id and the Entra object id. */
export function teamsUser(name: string, locale = 'it-IT'): Person {
  return { id: `29:1${randomUUID().replace(/-/g, '')}${randomUUID().replace(/-/g, '')}`, name, aadObjectId: randomUUID(), locale };
}
