// Requests as Slack sends them to the app: signed Events API envelopes and form-encoded interaction payloads.
import { createHmac, randomUUID } from 'node:crypto';
import { BOT } from './slack-stand-in.js';

export const SIGNING_SECRET = 'stand-in-signing-secret-0123456789abcdef';

interface Signing {
  secret?: string;
  /** Unix seconds of `X-Slack-Request-Timestamp`; now when not given. */
  timestamp?: number;
  /** Sent instead of the right signature. */
  signature?: string;
  /** `X-Slack-Retry-Num`: Slack's redelivery of an event it thinks went unanswered. */
  retryNum?: number;
}

/** `v0=` HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret, as Slack computes it. */
function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function signedHeaders(body: string, contentType: string, signing: Signing = {}): Record<string, string> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signing.signature ?? sign(signing.secret ?? SIGNING_SECRET, timestamp, body),
    ...(signing.retryNum !== undefined ? { 'x-slack-retry-num': String(signing.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {}),
  };
}

export interface SlackPoster {
  /** An Events API envelope, as JSON, to /slack/events; returns the HTTP status. */
  event(envelope: Record<string, unknown>, signing?: Signing): Promise<number>;
  /** An interaction payload, form-encoded as `payload=<json>`, to /slack/interactions. */
  interaction(payload: Record<string, unknown>, signing?: Signing): Promise<number>;
}

export function slackPoster(baseUrl: string): SlackPoster {
  const send = async (path: string, body: string, contentType: string, signing?: Signing) => {
    const res = await fetch(`${baseUrl}${path}`, { method: 'POST', body, headers: signedHeaders(body, contentType, signing) });
    await res.arrayBuffer();
    return res.status;
  };
  return {
    event: (envelope, signing) => send('/slack/events', JSON.stringify(envelope), 'application/json', signing),
    interaction: (payload, signing) =>
      send('/slack/interactions', new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', signing),
  };
}

export interface StaffMember {
  id: string;
  name: string;
}

/** A `message` event in a thread, wrapped in its envelope; `eventId` stays the same across Slack's retries. */
export function threadMessage(options: {
  from: StaffMember;
  channel: string;
  threadTs: string;
  text: string;
  eventId?: string;
  ts?: string;
}): Record<string, unknown> {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  return {
    token: 'legacy-verification-token',
    team_id: BOT.teamId,
    api_app_id: 'ASPORTELLO',
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: BOT.teamId, user_id: BOT.userId, is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: options.channel,
      channel_type: 'channel',
      user: options.from.id,
      text: options.text,
      ts,
      thread_ts: options.threadTs,
      event_ts: ts,
    },
  };
}

/** A button press on a message, as a `block_actions` interaction payload. */
export function buttonPress(options: {
  from: StaffMember;
  channel: string;
  messageTs: string;
  actionId: string;
  value: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    team: { id: BOT.teamId, domain: 'sportello' },
    user: { id: options.from.id, username: options.from.name, name: options.from.name, team_id: BOT.teamId },
    api_app_id: 'ASPORTELLO',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: options.messageTs, channel_id: options.channel, is_ephemeral: false },
    trigger_id: `${Date.now()}.trigger`,
    channel: { id: options.channel, name: 'sportello-staff' },
    message: { type: 'message', ts: options.messageTs, user: BOT.userId, bot_id: BOT.botId, text: 'ticket' },
    response_url: 'http://127.0.0.1:9/unused',
    actions: [
      {
        type: 'button',
        action_id: options.actionId,
        block_id: `ticket:${options.value}`,
        value: options.value,
        text: { type: 'plain_text', text: 'button' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}
