// A local stand-in of the Bot Connector on 127.0.0.1:0: records the activities a bot posts to its serviceUrl,
// publishes an OpenID metadata document and key set, and signs Bot Framework tokens with its own RSA key.
import { createHash, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ServiceClientCredentialsFactory, TokenCredentials } from 'botframework-connector';
import { callLog, localServer } from './stand-in-server.js';

export const APP_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const ISSUER = 'https://api.botframework.com';
/** The bearer token the stand-in expects on the bot's calls; real deployments get one from Microsoft's login. */
export const OUTBOUND_TOKEN = 'stand-in-connector-token-0123456789';
/** The channels the key is endorsed for, as on Microsoft's keys: a token for another channel id is refused. */
const ENDORSEMENTS = ['msteams', 'webchat', 'directline', 'emulator'];

const OPENID_PATH = '/v1/.well-known/openidconfiguration';
const KEYS_PATH = '/v1/.well-known/keys';

interface RecordedCall {
  /** `POST activities` (a conversation's new activity or a reply), `GET metadata`, `GET keys`, or the method and path. */
  method: string;
  path: string;
  status: number;
  /** The Authorization header the bot sent. */
  authorization?: string;
  at: number;
}

export interface PostedActivity {
  conversationId: string;
  /** Set when the bot replied to an activity (…/activities/:replyToId). */
  replyToId?: string;
  /** The id the stand-in gave it, as the Connector does. */
  id: string;
  activity: Record<string, unknown>;
  at: number;
}

export interface TokenOptions {
  appId?: string;
  serviceUrl?: string;
  issuer?: string;
  /** Seconds from now; negative for a token that has expired. */
  expiresIn?: number;
  /** Sign with a key the metadata does not publish, under the published key id (a forgery). */
  forged?: boolean;
  kid?: string;
}

export interface BotConnectorStandIn {
  /** The serviceUrl to put in activities. */
  url: string;
  openIdMetadataUrl: string;
  calls: RecordedCall[];
  /** Activities the bot posted that the stand-in accepted, in order; of one conversation when given. */
  posted(conversationId?: string): PostedActivity[];
  /** Like posted() without the typing indicators. */
  messages(conversationId?: string): PostedActivity[];
  /** A Bot Framework token as the Connector sends it to the bot (`Bearer` not included). */
  token(options?: TokenOptions): string;
  /** The factory to give the channel: credentials that sign with OUTBOUND_TOKEN. */
  credentials(appId?: string): ServiceClientCredentialsFactory;
  waitForCalls(method: string, count: number): Promise<void>;
  close(): Promise<void>;
}

export async function botConnectorStandIn(options: { requireToken?: boolean; issuer?: string } = {}): Promise<BotConnectorStandIn> {
  const requireToken = options.requireToken ?? true;
  const issuer = options.issuer ?? ISSUER;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const forger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('base64url')
    .slice(0, 27);
  const log = callLog<RecordedCall>();
  const posted: PostedActivity[] = [];
  let nextId = 1;
  let url = '';

  const keys = () => ({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, x5t: kid, use: 'sig', endorsements: ENDORSEMENTS }] });
  const metadata = () => ({
    issuer,
    authorization_endpoint: 'https://invalid.botframework.com',
    jwks_uri: `${url}${KEYS_PATH}`,
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
  });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const at = Date.now();
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const path = req.url ?? '';
    const authorization = req.headers.authorization;
    const answer = (method: string, status: number, body?: unknown) => {
      log.record({ method, path, status, ...(authorization ? { authorization } : {}), at });
      res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
    };
    if (req.method === 'GET' && path === OPENID_PATH) {
      answer('GET metadata', 200, metadata());
      return;
    }
    if (req.method === 'GET' && path === KEYS_PATH) {
      answer('GET keys', 200, keys());
      return;
    }
    const route = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
    if (req.method !== 'POST' || !route) {
      answer(`${req.method!} ${path}`, 404, { error: { code: 'NotFound', message: 'no such route' } });
      return;
    }
    if (requireToken && authorization !== `Bearer ${OUTBOUND_TOKEN}`) {
      answer('POST activities', 401, { message: 'Authorization has been denied for this request.' });
      return;
    }
    const activity = JSON.parse(raw || '{}') as Record<string, unknown>;
    if (typeof activity['type'] !== 'string') {
      answer('POST activities', 400, { error: { code: 'BadArgument', message: 'Activity type required' } });
      return;
    }
    const id = `${nextId++}`;
    posted.push({
      conversationId: decodeURIComponent(route[1]!),
      ...(route[2] ? { replyToId: decodeURIComponent(route[2]) } : {}),
      id,
      activity,
      at,
    });
    answer('POST activities', 200, { id });
  };

  const { port, close } = await localServer((req, res) => void handle(req, res));
  url = `http://127.0.0.1:${port}`;

  const of = (conversationId?: string) => posted.filter((p) => conversationId === undefined || p.conversationId === conversationId);
  return {
    url,
    openIdMetadataUrl: `${url}${OPENID_PATH}`,
    calls: log.calls,
    posted: of,
    messages: (conversationId) => of(conversationId).filter((p) => p.activity['type'] !== 'typing'),
    token(opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        serviceurl: opts.serviceUrl ?? url,
        nbf: now - 5,
        exp: now + (opts.expiresIn ?? 3600),
        iss: opts.issuer ?? issuer,
        aud: opts.appId ?? APP_ID,
      };
      return jwt({ alg: 'RS256', typ: 'JWT', kid: opts.kid ?? kid, x5t: opts.kid ?? kid }, claims, opts.forged ? forger : privateKey);
    },
    credentials: (appId = APP_ID) => new FixedTokenCredentials(appId),
    waitForCalls: log.waitForCalls,
    close,
  };
}

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(header)}.${part(claims)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), key).toString('base64url')}`;
}

/** Credentials for the channel's own calls that the stand-in accepts, in place of a token from Microsoft's login. */
class FixedTokenCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  override async isValidAppId(appId: string) {
    return appId === this.appId;
  }
  override async isAuthenticationDisabled() {
    return false;
  }
  override async createCredentials(appId: string) {
    if (appId !== this.appId) throw new Error(`stand-in credentials asked for another app id: ${appId}`);
    return new TokenCredentials(OUTBOUND_TOKEN);
  }
}

/** A fresh conversation id, shaped like the channel's own. */
export function conversationId(channel: 'webchat' | 'msteams' | 'emulator'): string {
  const random = randomUUID().replace(/-/g, '');
  // Teams' personal chats: "a:1" and some 130 characters.
  if (channel === 'msteams') return `a:1${Array.from({ length: 4 }, () => randomUUID().replace(/-/g, '')).join('')}`.slice(0, 130);
  if (channel === 'webchat') return `${random.slice(0, 22)}-eu`;
  return random;
}
