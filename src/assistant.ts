// Assembles the assistant from its parts: texts, flows, welfare backend (in-process when none is configured), store, turn runner.
import type { DateTime } from 'luxon';
import { startBackend } from '../backend/server.js';
import type { Config } from './config.js';
import { loadDialogs } from './conversation/dialog-loader.js';
import type { FlowSet } from './conversation/flow.js';
import { createTurnRunner, type EffectPerformer, type TurnRunner } from './conversation/turn.js';
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
  close(): Promise<void>;
}

export interface AssistantOptions {
  log?: Logger;
  metrics?: Metrics;
  now?: () => DateTime;
  newId?: () => string;
  perform?: EffectPerformer;
}

/** Throws DialogError or LocaleError naming file and path when flows or texts are broken. */
export async function createAssistant(config: Config, options: AssistantOptions = {}): Promise<Assistant> {
  const log = options.log ?? silentLogger;
  const translator = createTranslator(loadLocales(LOCALES_DIR, { rootForMessages: PROJECT_ROOT }));
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
  const ttls = { sessionMs: config.sessionTtlMs, profileMs: config.profileTtlMs, dedupeMs: config.dedupeTtlMs };
  const store: ConversationStore = config.redisUrl
    ? await connectRedisStore({ url: config.redisUrl, prefix: config.redisKeyPrefix, ttls, leaseMs: config.turnLeaseMs, log })
    : createMemoryStore({ ttls });
  const runner = createTurnRunner({
    store,
    flows,
    translator,
    welfare,
    log,
    ...(options.now ? { now: options.now } : {}),
    ...(options.newId ? { newId: options.newId } : {}),
    ...(options.perform ? { perform: options.perform } : {}),
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
    async close() {
      await store.close();
      await embedded?.close();
    },
  };
}
