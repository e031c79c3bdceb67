// The Bot Framework channel (Teams, Web Chat, Emulator): botbuilder's CloudAdapter at POST /api/messages, activities
// → turns, replies and proactive messages out through the Bot Connector. Never decides what to say.
// Everything botbuilder-specific stays in this folder: the SDK is archived, and its successor (the Microsoft 365
// Agents SDK) should replace it here without the engine noticing.
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { CloudAdapter, TurnContext, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { BotMessage } from '../../conversation/messages.js';
import { conversationKey, hashId } from '../../conversation/key.js';
import type { TurnRunner } from '../../conversation/turn.js';
import { codeOf, NotDeliveredError, UnreachableError } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RemoteChannel } from '../channel.js';
import { sharedCounter, type ChannelMetrics } from '../counters.js';
import { createDeliveryQueue } from '../delivery-queue.js';
import { createAuthentication, refusalCode, refusalStatus } from './auth.js';
import type { BotFrameworkConfig } from './config.js';
import { parseActivity, toInbound, type Inbound, type IncomingActivity } from './inbound.js';
import { renderActivities, typingActivity } from './outbound.js';
import { asConversationReference, createReferenceKeeper, trimReference, type ReferenceStore } from './references.js';

export const MESSAGES_PATH = '/api/messages';

export interface BotFrameworkChannelOptions {
  config: BotFrameworkConfig;
  runner: TurnRunner;
  /** Where conversation references are kept (the assistant's store), for proactive messages. */
  references: ReferenceStore;
  log: Logger;
  metrics?: ChannelMetrics;
  /** Signs replies instead of Microsoft's login (the tests' stand-in checks a fixed token). */
  credentials?: ServiceClientCredentialsFactory;
  /** A turn not answered within this long shows the typing indicator first. */
  typingAfterMs?: number;
  /** How long stop() waits for turns and deliveries in flight. */
  drainTimeoutMs?: number;
}

export interface BotFrameworkChannel extends RemoteChannel {
  /** Resolves when no activity is being handled and no proactive message is being sent. */
  settled(): Promise<void>;
}

export function createBotFrameworkChannel(options: BotFrameworkChannelOptions): BotFrameworkChannel {
  const { config, runner } = options;
  const log = options.log.child({ channel: 'botframework' });
  const appId = 'appId' in config ? config.appId : undefined;
  const authentication = createAuthentication(config, options.credentials);
  const adapter = new CloudAdapter(authentication);
  const keeper = createReferenceKeeper({ store: options.references });
  const counters = options.metrics ? botFrameworkCounters(options.metrics) : undefined;
  // A turn answered within this long needs no typing indicator: most are, from memory, in a few milliseconds,
  // and a bubble that flashes costs a Connector call (and counts against Teams' per-conversation rate limit).
  const typingAfterMs = options.typingAfterMs ?? 300;
  const deliveries = createDeliveryQueue();
  const { track, settled } = deliveries;
  let stopping = false;

  // Our turns catch their own errors; this only sees the SDK's, and must not print the activity as its default does.
  adapter.onTurnError = async (_context, err) => {
    log.error({ code: codeOf(err), name: err.name }, 'turn pipeline failed');
  };

  async function onActivity(req: Request, res: Response): Promise<void> {
    const parsed = parseActivity(req.body);
    if (!parsed.ok) {
      counters?.activities.inc({ kind: 'invalid' });
      log.warn({ code: 'botframework_bad_activity', problem: parsed.problem }, 'request refused: not an activity');
      res.status(400).end();
      return;
    }
    const activity = parsed.activity;
    let auth: AuthenticateRequestResult;
    try {
      auth = await authentication.authenticateRequest(asActivity(activity), req.get('authorization') ?? '');
    } catch (err) {
      const status = refusalStatus(err);
      counters?.activities.inc({ kind: status === 401 ? 'refused' : 'unverified' });
      log.warn({ code: refusalCode(err), status, channelId: activity.channelId }, 'request refused: token not accepted');
      res.status(status).end();
      return;
    }
    const inbound = toInbound(activity);
    counters?.activities.inc({ kind: inbound.kind === 'turn' ? inbound.event.type : `ignored_${inbound.reason}` });
    if (inbound.kind === 'ignore') {
      log.debug({ reason: inbound.reason, type: activity.type.slice(0, 40) }, 'activity ignored');
      res.status(200).end();
      return;
    }
    try {
      // The turn runs inside the request, as the Connector expects: it waits up to 15 s for the answer, longer
      // than a turn takes with the backend's timeouts, and a reply inside the request needs no stored state.
      await track(adapter.processActivityDirect(auth, asActivity(activity), (context) => turn(context, inbound)));
      res.status(200).end();
    } catch (err) {
      // processActivityDirect wraps what it caught with its stack in the message: only codes are logged.
      log.error({ code: codeOf(err), conv: hashId(conversationKey(inbound.conversation)) }, 'activity not handled');
      res.status(500).end();
    }
  }

  async function turn(context: TurnContext, inbound: Extract<Inbound, { kind: 'turn' }>): Promise<void> {
    const key = conversationKey(inbound.conversation);
    const reference = trimReference(TurnContext.getConversationReference(context.activity));
    // Before the turn: a turn that hands the resident to staff must find the reference when staff answer.
    if (reference)
      await keeper
        .remember(key, reference)
        .catch((err: unknown) => log.warn({ code: codeOf(err), conv: hashId(key) }, 'conversation reference not saved'));
    const reply = runner(inbound.conversation, inbound.event, inbound.hints);
    const typing = typingUnless(context, reply);
    await deliveries.inOrder(key, reply, async (messages) => {
      await typing;
      await send(context, key, messages);
    });
  }

  /** Shows the typing indicator if the turn takes longer than `typingAfterMs`; resolves once it is sent or not needed. */
  function typingUnless(context: TurnContext, reply: Promise<unknown>): Promise<void> {
    return new Promise<void>((resolve) => {
      let fired = false;
      const timer = setTimeout(() => {
        fired = true;
        context.sendActivity(typingActivity()).then(
          () => resolve(),
          (err: unknown) => {
            log.debug({ code: codeOf(err) }, 'typing indicator not sent');
            resolve();
          },
        );
      }, typingAfterMs);
      // Answered in time: no indicator. Once it is on its way, the replies wait for it, so it never comes after them.
      const answered = () => {
        if (fired) return;
        clearTimeout(timer);
        resolve();
      };
      reply.then(answered, answered);
    });
  }

  async function send(context: TurnContext, key: string, messages: BotMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      await context.sendActivities(renderActivities(messages, context.activity.channelId));
    } catch (err) {
      // The Connector's error carries the request it failed on, the resident's text included: status and code only.
      const status = (err as { statusCode?: unknown }).statusCode;
      log.error({ code: codeOf(err), status: typeof status === 'number' ? status : undefined, conv: hashId(key) }, 'reply not delivered');
      // eslint-disable-next-line preserve-caught-error -- the Connector's error holds the resident's words: only code and status leave here
      throw new Error('reply not delivered');
    }
  }

  function refuseWhileStopping(_req: Request, res: Response, next: NextFunction): void {
    // The Connector retries what is refused: a replica that is up, or this one once started again, takes it.
    if (stopping) {
      res.status(503).end();
      return;
    }
    next();
  }

  // With an app id a request without a bearer token is refused before its body is read: it costs nothing and reaches nothing.
  function requireBearer(req: Request, res: Response, next: NextFunction): void {
    if (appId && !/^Bearer \S+$/.test(req.get('authorization') ?? '')) {
      counters?.activities.inc({ kind: 'refused' });
      log.warn({ code: 'botframework_no_token', status: 401 }, 'request refused: no token');
      res.status(401).end();
      return;
    }
    next();
  }

  return {
    name: 'botframework',

    forgot(conversationId: string) {
      keeper.drop(conversationKey({ channel: 'botframework', id: conversationId }));
    },

    mount(app: Express) {
      app.post(
        MESSAGES_PATH,
        refuseWhileStopping,
        requireBearer,
        express.json({ limit: '1mb' }),
        (req: Request, res: Response) => track(onActivity(req, res)),
        (err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
          const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 400;
          log.warn({ code: 'botframework_bad_body', status, type: err.type }, 'request refused: body not read');
          res.status(status).end();
        },
      );
    },

    async start() {
      if ('appId' in config) {
        const { openIdMetadataUrl, tokenIssuer, appType } = config;
        log.info({ mode: 'authenticated', appType, openIdMetadataUrl, tokenIssuer, path: MESSAGES_PATH }, 'bot framework channel started');
        return;
      }
      log.warn(
        { mode: 'emulator', code: 'botframework_unauthenticated', path: MESSAGES_PATH },
        'BOT FRAMEWORK CHANNEL WITHOUT AUTHENTICATION (BOTFRAMEWORK_EMULATOR=true): no token is checked, so anyone who reaches ' +
          `${MESSAGES_PATH} can talk to the assistant and make it send replies to any address they name. ` +
          'For the Bot Framework Emulator on a developer machine only; set MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD anywhere else.',
      );
    },

    async stop() {
      stopping = true;
      const timeout = options.drainTimeoutMs ?? 10_000;
      const drained = await deliveries.drain(timeout);
      if (!drained) log.warn({ timeoutMs: timeout }, 'stopping with turns still in flight');
    },

    async deliver(conversationId: string, messages: BotMessage[]) {
      if (messages.length === 0) return;
      const key = conversationKey({ channel: 'botframework', id: conversationId });
      await track(
        (async () => {
          const reference = await keeper.load(key);
          try {
            await adapter.continueConversationAsync(appId ?? '', asConversationReference(reference), (context) => send(context, key, messages));
          } catch (err) {
            // The Connector answers 403 when the user removed the bot or left the team, 404 when the conversation is gone.
            const status = (err as { statusCode?: number }).statusCode;
            if (status === 403 || status === 404) throw new UnreachableError(`the Bot Connector answered ${status}`, { cause: err });
            throw new NotDeliveredError('the Bot Connector did not take the message', { cause: err });
          }
        })(),
      );
    },

    settled,
  };
}

/** Validated for what Sportello reads; the rest is the channel's, handed to the SDK as it came. */
const asActivity = (activity: IncomingActivity) => activity as unknown as Activity;

function botFrameworkCounters(metrics: ChannelMetrics) {
  return {
    activities: sharedCounter(metrics, 'sportello_botframework_activities_total', 'Bot Framework requests received, by what was done with them', [
      'kind',
    ]),
  };
}
