// Assembles the assistant from its parts: texts, flows, welfare backend (in-process when none is configured), store, turn runner.
import type { DateTime } from 'luxon';
import { startBackend } from '../backend/server.js';
import { ConfigError, type Config } from './config.js';
import { loadDialogs } from './conversation/dialog-loader.js';
import type { StaffAvailability } from './conversation/context.js';
import type { FlowSet } from './conversation/flow.js';
import type { BotMessage } from './conversation/messages.js';
import { createTurnRunner, type Conversation, type EffectPerformer, type TurnRunner } from './conversation/turn.js';
import { loadLexicon } from './i18n/lexicon.js';
import { loadLocales } from './i18n/locales.js';
import { createTranslator, type Translator } from './i18n/translator.js';
import { silentLogger, type Logger } from './log.js';
import { DIALOGS_DIR, LOCALES_DIR, PROJECT_ROOT } from './paths.js';
import { createMemoryStore } from './state/memory-store.js';
import { connectRedisStore } from './state/redis-store.js';
import type { ConversationStore } from './state/store.js';
import { createWelfareClient, type WelfareClient } from './welfare/client.js';
import type { ReadinessChecks } from './http/app.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { createStaffAvailability } from './handoff/availability.js';
import { createMemoryScheduler } from './proactive/memory-scheduler.js';
import { connectRedisScheduler } from './proactive/redis-scheduler.js';
import type { JobScheduler } from './proactive/scheduler.js';
import { createProactive, type Proactive } from './proactive/service.js';
import { createMemoryTicketStore } from './handoff/memory-ticket-store.js';
import { loadOfficeHours, unknownMunicipalities } from './handoff/office-hours.js';
import { createRedisTicketStore } from './handoff/redis-ticket-store.js';
import { createHandoff, type Handoff } from './handoff/service.js';
import { createStaffDesk } from './handoff/slack/staff-desk.js';
import { staffTexts } from './handoff/slack/staff-texts.js';
import type { TicketStore } from './handoff/ticket-store.js';
import { codeOf } from './errors.js';

export interface Assistant {
  runner: TurnRunner;
  metrics: Metrics;
  /** What /readyz asks: the store and the welfare backend. */
  checks: ReadinessChecks;
  translator: Translator;
  flows: FlowSet;
  welfare: WelfareClient;
  store: ConversationStore;
  welfareBackendUrl: string;
  /** Present when a Slack staff desk is configured; the server mounts and starts it. */
  handoff?: Handoff;
  /** Messages Sportello writes first; the server connects it to the channels and starts it. */
  proactive: Proactive;
  /** Called after a conversation's data was deleted, so channels drop what they remember of it. */
  onForget(listener: (conversation: Conversation) => void): void;
  close(): Promise<void>;
}

export interface AssistantOptions {
  log?: Logger;
  metrics?: Metrics;
  now?: () => DateTime;
  newId?: () => string;
  perform?: EffectPerformer;
  /** Staff availability without a Slack desk (tests of the resident's side); the desk's own wins when configured. */
  staff?: StaffAvailability;
  /** Another locales folder (a test adding a language); default: the project's locales/. */
  localesDir?: string;
}

/** Throws DialogError or LocaleError naming file and path when flows or texts are broken. */
export async function createAssistant(config: Config, options: AssistantOptions = {}): Promise<Assistant> {
  const log = options.log ?? silentLogger;
  const localesDir = options.localesDir ?? LOCALES_DIR;
  const translator = createTranslator(loadLocales(localesDir, { rootForMessages: PROJECT_ROOT }), { lexicon: loadLexicon(localesDir, { rootForMessages: PROJECT_ROOT }) });
  const unspoken = [['SPORTELLO_LOCALE', config.locale], ['STAFF_LANGUAGE', config.staffLanguage]].filter(([, l]) => l && !translator.languages.includes(l));
  if (unspoken.length > 0) throw new ConfigError(unspoken.map(([name]) => `${name}: one of ${translator.languages.join(', ')}`));
  const flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
  const embedded = config.welfareBackendUrl
    ? undefined
    : await startBackend({ logger: log.child({ name: 'reference-backend' }), ...(options.now ? { now: options.now } : {}) });
  const welfareBackendUrl = config.welfareBackendUrl ?? embedded!.url;
  if (embedded) log.info({ url: embedded.url }, 'reference welfare backend started in-process');
  const metrics = options.metrics ?? createMetrics({ defaults: false });
  const welfare = createWelfareClient({
    baseUrl: welfareBackendUrl,
    timeoutMs: config.welfareTimeoutMs,
    onCall: ({ endpoint, ms, outcome }) => {
      metrics.backendCalls.inc({ endpoint, outcome });
      metrics.backendSeconds.observe({ endpoint }, ms / 1000);
    },
  });
  const ttls = { sessionMs: config.sessionTtlMs, profileMs: config.profileTtlMs, dedupeMs: config.dedupeTtlMs, transcriptMs: config.sessionTtlMs, referenceMs: config.profileTtlMs };
  const store: ConversationStore = config.redisUrl
    ? await connectRedisStore({ url: config.redisUrl, prefix: config.redisKeyPrefix, ttls, leaseMs: config.turnLeaseMs, log })
    : createMemoryStore({ ttls });
  const staffDesk = config.slack ? await createSlackHandoff(config, config.slack, { log, metrics, store, translator, welfare, ...(options.now ? { now: options.now } : {}) }) : undefined;
  const handoff = staffDesk?.handoff;
  const scheduler: JobScheduler = config.redisUrl
    ? await connectRedisScheduler({ url: config.redisUrl, prefix: config.redisKeyPrefix, log })
    : createMemoryScheduler();
  const proactive = createProactive({
    scheduler,
    welfare,
    log,
    metrics,
    // The change feed is read in any case: the signed webhook, where it is mounted, only makes news arrive at once,
    // and the feed covers a webhook lost while this process was down or not serving.
    pollChanges: true,
    ...(options.now ? { now: options.now } : {}),
  });
  const forgetListeners: ((conversation: Conversation) => void)[] = [];
  const performers = [options.perform, handoff?.perform, proactive.perform].filter((p): p is EffectPerformer => p !== undefined);
  const perform: EffectPerformer = async (effects, at) => {
    const said: BotMessage[] = [];
    for (const performer of performers) said.push(...((await performer(effects, at)) ?? []));
    if (effects.some((e) => e.type === 'forget_user')) for (const listener of forgetListeners) listener(at.conversation);
    return said;
  };
  const runner = createTurnRunner({
    store,
    flows,
    translator,
    welfare,
    log,
    ...(handoff ? { staff: handoff.availability } : options.staff ? { staff: options.staff } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
    perform,
    proactiveWeeklyCap: config.proactiveWeeklyCap,
    ...(config.locale ? { defaultLanguage: config.locale } : {}),
    onTurn: ({ channel, outcome, ms }) => {
      metrics.turns.inc({ channel, outcome });
      if (outcome === 'ok') metrics.turnSeconds.observe({ channel }, ms / 1000);
    },
  });
  return {
    runner,
    metrics,
    checks: { store: () => store.ping(), backend: () => welfare.listMunicipalities() },
    translator,
    flows,
    welfare,
    store,
    welfareBackendUrl,
    ...(handoff ? { handoff } : {}),
    proactive,
    onForget: (listener) => void forgetListeners.push(listener),
    async close() {
      await proactive.stop();
      await scheduler.close();
      await staffDesk?.tickets.close();
      await store.close();
      await embedded?.close();
    },
  };
}

/** The Slack staff desk and the service between it and the residents; tickets kept where sessions are. */
async function createSlackHandoff(
  config: Config,
  slack: NonNullable<Config['slack']>,
  parts: { log: Logger; metrics: Metrics; store: ConversationStore; translator: Translator; welfare: WelfareClient; now?: () => DateTime },
): Promise<{ handoff: Handoff; tickets: TicketStore }> {
  const { log } = parts;
  const hours = loadOfficeHours(config.officeHoursFile);
  // Checked when the backend answers; a backend that is down at start must not stop the assistant.
  parts.welfare.listMunicipalities().then(
    (municipalities) => {
      for (const problem of unknownMunicipalities(hours, municipalities)) log.error({ code: 'office_hours_invalid' }, problem);
    },
    (err: unknown) => log.warn({ code: codeOf(err) }, 'office hours not checked against the municipalities'),
  );
  const tickets: TicketStore = config.redisUrl
    ? createRedisTicketStore({ url: config.redisUrl, prefix: config.redisKeyPrefix, log })
    : createMemoryTicketStore();
  if ('ready' in tickets) await (tickets as { ready: Promise<unknown> }).ready;
  const routes = Object.fromEntries([...hours.teams.values()].flatMap((t) => (t.slack_channel ? [[t.id, t.slack_channel] as const] : [])));
  let handoff!: Handoff;
  const desk = createStaffDesk({
    botToken: slack.botToken,
    signingSecret: slack.signingSecret,
    staffChannel: slack.staffChannel,
    ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
    routes,
    tickets,
    texts: staffTexts(parts.translator, config.staffLanguage ?? 'it'),
    log,
    onStaffReply: (t, text) => handoff.onStaffReply(t, text),
    onTaken: (t) => handoff.onTaken(t),
    onClosed: (t) => handoff.onClosed(t),
  });
  handoff = createHandoff({
    tickets,
    desk,
    availability: createStaffAvailability({ hours, welfare: parts.welfare, log }),
    store: parts.store,
    translator: parts.translator,
    log,
    metrics: parts.metrics,
    reannounceMs: config.reannounceMs,
    ...(parts.now ? { officeClock: parts.now } : {}),
  });
  return { handoff, tickets };
}
