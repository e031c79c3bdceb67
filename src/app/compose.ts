// The composition root: builds the whole assistant once, in dependency order (texts and flows, store, welfare backend,
// the performers of effects, turn runner, channels, the parts that write first, HTTP), then starts and stops it. No
// other module assembles parts; only main.ts (and tests) import this one.
import type { Readable, Writable } from 'node:stream';
import type { DateTime } from 'luxon';
import { randomBytes } from 'node:crypto';
import { createBotFrameworkChannel } from '../channels/botframework/channel.js';
import type { Deliverers, RemoteChannel } from '../channels/channel.js';
import { createTelegramChannel } from '../channels/telegram/channel.js';
import { createTerminal, type Terminal } from '../channels/terminal/run.js';
import { ConfigError, type Config } from '../config.js';
import type { PrivacyFacts, StaffAvailability } from '../conversation/context.js';
import { loadDialogs } from '../conversation/dialog-loader.js';
import type { FlowSet } from '../conversation/flow.js';
import type { BotMessage } from '../conversation/messages.js';
import { createTurnRunner, type Conversation, type EffectPerformer, type TurnRunner } from '../conversation/turn.js';
import type { Handoff } from '../handoff/service.js';
import { answerStaffNews } from '../handoff/staff-news.js';
import type { StaffNews } from '../handoff/staff-inbox.js';
import { createHttpApp, type ReadinessChecks } from '../http/app.js';
import { createMetrics, type Metrics } from '../http/metrics.js';
import { createOperatorRouter } from '../http/operator.js';
import { listen, type HttpServer } from '../http/server.js';
import { loadLexicon } from '../i18n/lexicon.js';
import { loadLocales, loadPoliteLocales } from '../i18n/locales.js';
import { createTranslator, type Translator } from '../i18n/translator.js';
import { silentLogger, type Logger } from '../log.js';
import { createMailbox } from '../mailbox.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from '../paths.js';
import { createMemoryScheduler } from '../proactive/memory-scheduler.js';
import { connectRedisScheduler } from '../proactive/redis-scheduler.js';
import type { JobScheduler } from '../proactive/scheduler.js';
import { createProactiveSender, type ProactiveSender } from '../proactive/sender.js';
import { createProactive, type Proactive } from '../proactive/service.js';
import { createVoucherWebhookRouter } from '../proactive/webhook.js';
import { createMemoryStore } from '../state/memory-store.js';
import { connectRedisStore } from '../state/redis-store.js';
import type { ConversationStore } from '../state/store.js';
import { createMemoryUnmetNeeds } from '../unmet/memory-store.js';
import { connectRedisUnmetNeeds } from '../unmet/redis-store.js';
import type { UnmetNeeds } from '../unmet/store.js';
import { createWelfareClient, type WelfareClient } from '../welfare/client.js';
import { DEVELOPMENT_OWNER_KEY_SECRET } from '../welfare/owner-key.js';
import { loadPrivacyFile } from './privacy-file.js';
import { createSlackHandoff } from './slack-handoff.js';
import { unmetSignals } from './unmet-signals.js';

/** What a channel is built from; the runner exists by then. */
interface ChannelParts {
  runner: TurnRunner;
  translator: Translator;
  metrics: Metrics;
  store: ConversationStore;
  log: Logger;
}

export interface ComposeOptions {
  log?: Logger;
  metrics?: Metrics;
  now?: () => DateTime;
  newId?: () => string;
  /** Performs effects before the assistant's own performers (tests record them). */
  perform?: EffectPerformer;
  /** Staff availability without a Slack desk (tests of the resident's side); the desk's own wins when configured. */
  staff?: StaffAvailability;
  /** The remote channels; default: those the config enables. */
  channels?: (parts: ChannelParts) => RemoteChannel[];
  /** The conversation runs in this terminal: the HTTP server then runs only for a Slack staff desk. */
  terminal?: { input: Readable; output: Writable; interactive: boolean };
  /** More channels that can be written to (tests stand in for a terminal). */
  deliverers?: Deliverers;
  /** Where the HTTP server listens; default: the config's port on every interface. */
  listen?: { port?: number; host?: string };
  /** Another locales folder (a test adding a language); default: the project's locales/. */
  localesDir?: string;
}

export interface App {
  runner: TurnRunner;
  metrics: Metrics;
  /** What /readyz asks: the store and the welfare backend. */
  checks: ReadinessChecks;
  translator: Translator;
  flows: FlowSet;
  welfare: WelfareClient;
  store: ConversationStore;
  /** What residents searched for and did not find (scrubbed), for the municipalities. */
  unmet: UnmetNeeds;
  welfareBackendUrl: string;
  /** Present when a Slack staff desk is configured. */
  handoff?: Handoff;
  /** Messages Sportello writes first: the jobs kept from effects, and their sending. */
  proactive: Proactive & ProactiveSender;
  channels: RemoteChannel[];
  terminal?: Terminal;
  /** Starts receiving: the HTTP server (unless only a terminal runs), the channels, the staff desk, proactive sending. */
  start(): Promise<RunningApp>;
  /** Stops what was started (waiting for turns in flight at most `graceMs`), then closes stores and connections. */
  stop(graceMs?: number): Promise<void>;
}

export interface RunningApp {
  /** Where the HTTP server answers; none when only a terminal runs. */
  url: string | undefined;
  stop(graceMs?: number): Promise<void>;
}

/** Throws DialogError, LocaleError or OfficeHoursError naming file and path when flows, texts or hours are broken. */
export async function composeApp(config: Config, options: ComposeOptions = {}): Promise<App> {
  const log = options.log ?? silentLogger;
  const now = options.now ? { now: options.now } : {};
  const metrics = options.metrics ?? createMetrics({ defaults: false });
  const localesDir = options.localesDir ?? LOCALES_DIR;
  const bundles = loadLocales(localesDir, { rootForMessages: PROJECT_ROOT });
  const translator = createTranslator(bundles, {
    lexicon: loadLexicon(localesDir, { rootForMessages: PROJECT_ROOT }),
    polite: loadPoliteLocales(localesDir, bundles, { rootForMessages: PROJECT_ROOT }),
  });
  const chosen = { SPORTELLO_LOCALE: config.locale, STAFF_LANGUAGE: config.staffLanguage };
  const unspoken = Object.entries(chosen).filter(([, lang]) => lang !== undefined && !translator.languages.includes(lang));
  if (unspoken.length > 0) throw new ConfigError(unspoken.map(([name]) => `${name}: one of ${translator.languages.join(', ')}`));
  const flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
  const hours = (ms: number) => ms / (60 * 60 * 1000);
  const privacy: PrivacyFacts = {
    retention: { sessionHours: hours(config.sessionTtlMs), profileDays: hours(config.profileTtlMs) / 24, dedupeHours: hours(config.dedupeTtlMs) },
    controllers: loadPrivacyFile(config.privacyFile),
  };

  const ttls = {
    sessionMs: config.sessionTtlMs,
    profileMs: config.profileTtlMs,
    dedupeMs: config.dedupeTtlMs,
    transcriptMs: config.sessionTtlMs,
    referenceMs: config.profileTtlMs,
  };
  const store: ConversationStore = config.redisUrl
    ? await connectRedisStore({ url: config.redisUrl, prefix: config.redisKeyPrefix, ttls, leaseMs: config.turnLeaseMs, log })
    : createMemoryStore({ ttls });
  const unmetOptions = {
    ...(config.unmetRetentionMs ? { retentionMs: config.unmetRetentionMs } : {}),
    ...(config.unmetMaxTerms ? { maxTerms: config.unmetMaxTerms } : {}),
  };
  const unmet: UnmetNeeds = config.redisUrl
    ? await connectRedisUnmetNeeds({ url: config.redisUrl, prefix: config.redisKeyPrefix, log, ...unmetOptions })
    : createMemoryUnmetNeeds(unmetOptions);

  // Loaded only when no backend is configured: the assistant does not link the reference backend otherwise.
  // Without a configured token the in-process backend still gets one, made here: its API is never open.
  const backendToken = config.welfareBackendToken ?? (config.welfareBackendUrl ? undefined : randomBytes(24).toString('base64url'));
  const embedded = config.welfareBackendUrl
    ? undefined
    : await (
        await import('../../backend/server.js')
      ).startBackend({ logger: log.child({ name: 'reference-backend' }), ...now, ...(backendToken ? { token: backendToken } : {}) });
  const welfareBackendUrl = config.welfareBackendUrl ?? embedded!.url;
  if (embedded) log.info({ url: embedded.url }, 'reference welfare backend started in-process');
  const ownerKeySecret = config.ownerKeySecret ?? DEVELOPMENT_OWNER_KEY_SECRET;
  // In-process, owner keys live and die with this process's memory; a real backend keeps them, so it is said loudly.
  if (!config.ownerKeySecret) {
    const said = { code: 'owner_key_secret_default' };
    const text = 'OWNER_KEY_SECRET is not set: owner keys use the public development secret; set it in production (32+ random characters)';
    if (embedded) log.info(said, text);
    else log.warn(said, text);
  }
  const welfare = createWelfareClient({
    baseUrl: welfareBackendUrl,
    ...(backendToken ? { token: backendToken } : {}),
    timeoutMs: config.welfareTimeoutMs,
    onCall: ({ endpoint, ms, outcome }) => {
      metrics.backendCalls.inc({ endpoint, outcome });
      metrics.backendSeconds.observe({ endpoint }, ms / 1000);
    },
  });

  // Effects. Staff news and forgotten conversations flow back to parts built after the runner: through mailboxes.
  const staffInbox = createMailbox<StaffNews>('staff inbox');
  const forgotten = createMailbox<Conversation>('forgotten conversations');
  const slack = config.slack
    ? await createSlackHandoff({
        slack: config.slack,
        config,
        inbox: staffInbox,
        store,
        translator,
        welfare,
        log,
        metrics,
        ...(options.now ? { now: options.now } : {}),
      })
    : undefined;
  const handoff = slack?.handoff;
  const scheduler: JobScheduler = config.redisUrl
    ? await connectRedisScheduler({ url: config.redisUrl, prefix: config.redisKeyPrefix, log })
    : createMemoryScheduler();
  const jobs = createProactive({ scheduler, welfare, log, metrics, ...now });
  const performers = [options.perform, handoff?.perform, jobs.perform].filter((p): p is EffectPerformer => p !== undefined);
  const perform: EffectPerformer = async (effects, at) => {
    const said: BotMessage[] = [];
    for (const performer of performers) said.push(...((await performer(effects, at)) ?? []));
    if (effects.some((e) => e.type === 'forget_user')) await forgotten.post(at.conversation);
    return said;
  };

  const runner = createTurnRunner({
    store,
    flows,
    translator,
    welfare,
    log,
    ...(handoff ? { staff: handoff.availability } : options.staff ? { staff: options.staff } : {}),
    ...now,
    ...(options.newId ? { newId: options.newId } : {}),
    perform,
    proactiveWeeklyCap: config.proactiveWeeklyCap,
    privacy,
    ownerKeySecret,
    ...(config.locale ? { defaultLanguage: config.locale } : {}),
    onSignals: unmetSignals({ metrics, unmet }),
    onTurn: ({ channel, outcome, ms }) => {
      metrics.turns.inc({ channel, outcome });
      if (outcome === 'ok') metrics.turnSeconds.observe({ channel }, ms / 1000);
    },
  });

  const parts: ChannelParts = { runner, translator, metrics, store, log };
  const channels = options.channels ? options.channels(parts) : configuredChannels(config, parts);
  const terminal = options.terminal
    ? createTerminal({ ...options.terminal, runner, ...(config.locale ? { language: config.locale } : {}) })
    : undefined;
  const deliverers: Deliverers = {
    ...options.deliverers,
    ...(terminal ? { terminal } : {}),
    ...Object.fromEntries(channels.map((c) => [c.name, c])),
  };
  forgotten.answer((conversation) => channels.find((c) => c.name === conversation.channel)?.forgot?.(conversation.id));
  if (handoff) answerStaffNews({ inbox: staffInbox, runTurn: runner, deliverers, translator, metrics });
  const sender = createProactiveSender({
    scheduler,
    runTurn: runner,
    deliverers,
    voucherChanged: (change) => jobs.voucherChanged(change),
    welfare,
    // The change feed is read in any case: the signed webhook, where it is mounted, only makes news arrive at once,
    // and the feed covers a webhook lost while this process was down or not serving.
    pollChanges: true,
    log,
    metrics,
    ...now,
  });

  const checks: ReadinessChecks = { store: () => store.ping(), backend: () => welfare.listMunicipalities() };
  // In a terminal the HTTP server runs only for Slack, which posts to it.
  const http = !terminal || handoff ? createHttpApp({ checks, metrics, log }) : undefined;
  if (http) {
    for (const channel of channels) channel.mount(http);
    handoff?.mount(http);
    if (config.operatorToken) http.use(createOperatorRouter({ token: config.operatorToken, unmet }));
    if (!terminal && config.welfareWebhookSecret) {
      http.use(createVoucherWebhookRouter({ secret: config.welfareWebhookSecret, onEvent: (event) => jobs.voucherChanged(event), log }));
    }
  }

  let server: HttpServer | undefined;
  let started = false;
  let stopping: Promise<void> | undefined;

  async function stop(graceMs = 10_000): Promise<void> {
    stopping ??= (async () => {
      await server?.close(graceMs);
      if (started) {
        // Slack first: a staff reply acknowledged before the stop is still delivered through the channels.
        await handoff?.stop();
        await sender.stop();
        for (const channel of channels) await channel.stop();
      }
      await scheduler.close();
      await slack?.tickets.close();
      await store.close();
      await unmet.close();
      await embedded?.close();
      if (server) log.info({}, 'stopped');
    })();
    return stopping;
  }

  return {
    runner,
    metrics,
    checks,
    translator,
    flows,
    welfare,
    store,
    unmet,
    welfareBackendUrl,
    ...(handoff ? { handoff } : {}),
    proactive: { ...jobs, ...sender },
    channels,
    ...(terminal ? { terminal } : {}),
    async start() {
      if (started) throw new Error('the app was started already');
      started = true;
      if (http)
        server = await listen(http, { port: options.listen?.port ?? config.port, ...(options.listen?.host ? { host: options.listen.host } : {}) });
      for (const channel of channels) await channel.start();
      await handoff?.start();
      sender.start();
      if (server) log.info({ port: server.port, channels: channels.map((c) => c.name), staffDesk: handoff ? 'slack' : 'none' }, 'listening');
      return { url: server?.url, stop };
    },
    stop,
  };
}

function configuredChannels(config: Config, parts: ChannelParts): RemoteChannel[] {
  const { runner, translator, log, metrics, store } = parts;
  return [
    ...(config.telegram ? [createTelegramChannel({ config: config.telegram, runner, translator, log, metrics })] : []),
    ...(config.botframework ? [createBotFrameworkChannel({ config: config.botframework, runner, references: store, log, metrics })] : []),
  ];
}
