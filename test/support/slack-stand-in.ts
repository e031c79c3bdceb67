// A local stand-in of the Slack Web API on 127.0.0.1:0: answers /api/<method> like Slack, records every call.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { callLog, localServer } from './stand-in-server.js';

const STAND_IN_BOT_TOKEN = 'xoxb-0000000000-stand-in-token-for-tests';
export const BOT = { userId: 'UBOT0001', botId: 'BBOT0001', teamId: 'TSPORTELLO', team: 'Sportello' } as const;

export interface RecordedCall {
  method: string;
  /** Form or JSON parameters; JSON-valued ones (blocks) parsed back. */
  params: Record<string, unknown>;
  /** `ok` of the answer. */
  ok: boolean;
  response: Record<string, unknown>;
  at: number;
}

export interface SlackStandIn {
  /** The `slackApiUrl` to give the client: ends with `/api/`. */
  apiUrl: string;
  token: string;
  calls: RecordedCall[];
  callsTo(method: string): RecordedCall[];
  /** Calls other than auth.test: what the app did on Slack. */
  actions(): RecordedCall[];
  /** Resolves when `method` has been called `count` times in all (at once if it already has). */
  waitForCalls(method: string, count: number): Promise<void>;
  close(): Promise<void>;
}

type Answer = Record<string, unknown>;

export async function slackStandIn(options: { token?: string } = {}): Promise<SlackStandIn> {
  const token = options.token ?? STAND_IN_BOT_TOKEN;
  const log = callLog<RecordedCall>();
  const { calls, callsTo } = log;
  // Slack's ts: seconds and a per-channel sequence, ordered as they are handed out.
  let clock = 1_700_000_000;
  const nextTs = () => `${++clock}.000100`;

  const answer = (method: string, params: Record<string, unknown>): Answer => {
    const channel = params['channel'];
    const needsChannel = () => (typeof channel === 'string' && channel.length > 0 ? undefined : { ok: false, error: 'channel_not_found' });
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://sportello.slack.com/',
          team: BOT.team,
          user: 'sportello',
          team_id: BOT.teamId,
          user_id: BOT.userId,
          bot_id: BOT.botId,
        };
      case 'chat.postMessage': {
        if (needsChannel()) return needsChannel()!;
        if (!params['text'] && !params['blocks']) return { ok: false, error: 'no_text' };
        const ts = nextTs();
        return {
          ok: true,
          channel,
          ts,
          message: {
            type: 'message',
            user: BOT.userId,
            bot_id: BOT.botId,
            text: params['text'],
            ts,
            ...(params['thread_ts'] ? { thread_ts: params['thread_ts'] } : {}),
          },
        };
      }
      case 'chat.update':
        if (needsChannel()) return needsChannel()!;
        if (typeof params['ts'] !== 'string') return { ok: false, error: 'message_not_found' };
        return { ok: true, channel, ts: params['ts'], text: params['text'] };
      case 'chat.postEphemeral':
        if (needsChannel()) return needsChannel()!;
        if (typeof params['user'] !== 'string') return { ok: false, error: 'user_not_in_channel' };
        return { ok: true, message_ts: nextTs() };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  const parse = (raw: string, type: string | undefined): Record<string, unknown> => {
    if (!raw) return {};
    if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
    const params: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) {
      // The client sends arrays and objects (blocks) as JSON strings in the form.
      params[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
    }
    return params;
  };

  const { port, close } = await localServer((req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const at = Date.now();
      let raw = '';
      for await (const chunk of req) raw += String(chunk);
      const method = /^\/api\/([a-zA-Z.]+)$/.exec(req.url ?? '')?.[1] ?? req.url ?? '';
      const params = parse(raw, req.headers['content-type']);
      const given = req.headers.authorization?.replace(/^Bearer /, '') ?? params['token'];
      const response = given !== token ? { ok: false, error: 'invalid_auth' } : answer(method, params);
      delete params['token'];
      log.record({ method, params, ok: response['ok'] === true, response, at });
      // Slack answers 200 with ok: false for API errors.
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(response));
    })();
  });
  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    token,
    calls,
    callsTo,
    actions: () => calls.filter((c) => c.method !== 'auth.test'),
    waitForCalls: log.waitForCalls,
    close,
  };
}
