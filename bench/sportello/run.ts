// One benchmark cell on Sportello's side: the same scripted conversations through the turn runner, on memory or Redis.
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createClient } from 'redis';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { createTurnRunner } from '../../src/conversation/turn.js';
import { loadLocales } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translator.js';
import { silentLogger } from '../../src/log.js';
import { LOCALES_DIR } from '../../src/paths.js';
import { createMemoryStore } from '../../src/state/memory-store.js';
import { createRedisStore, type RedisStore } from '../../src/state/redis-store.js';
import type { ConversationStore, HeldTurn, StoreObserver } from '../../src/state/store.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { measureCell, type CellOptions, type CellResult } from '../cell.js';
import type { Script } from '../flow-data.js';
import { loadLexicon } from '../../src/i18n/lexicon.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

function translator() {
  const bundles = loadLocales(LOCALES_DIR);
  for (const [lang, messages] of loadLocales(here('./locales'))) for (const [key, text] of messages) bundles.get(lang)?.set(key, text);
  return createTranslator(bundles, { lexicon: loadLexicon(LOCALES_DIR) });
}

/** What the store reports it wrote and sent, per conversation: the peak bytes and the round trips. */
function observer() {
  const bytes = { session: new Map<string, number>(), profile: new Map<string, number>() };
  const peaks = new Map<string, number>();
  const counter = { calls: 0 };
  const observe: StoreObserver = {
    roundTrip: () => {
      counter.calls++;
    },
    wrote: (document, owner, size) => {
      // The peak measured is of the documents a turn rewrites (the 1 KB target); transcript lines are appended, capped apart.
      if (document === 'transcript') return;
      bytes[document].set(owner, size);
      // In this flow every conversation is one-to-one: its user is the conversation.
      const total = (bytes.session.get(owner) ?? 0) + (bytes.profile.get(owner) ?? 0);
      if (total > (peaks.get(owner) ?? 0)) peaks.set(owner, total);
    },
  };
  return { observe, peaks, counter };
}

/** The memory store makes no requests: count begin and commit as the round trips a remote store would make. */
function countingMemoryStore(observe: StoreObserver): ConversationStore {
  const store = createMemoryStore({ observe });
  return {
    ...store,
    begin: async (request) => {
      observe.roundTrip?.();
      const held = await store.begin(request);
      if (held === 'duplicate') return held;
      const counted: HeldTurn = {
        ...held,
        commit: async (write) => {
          observe.roundTrip?.();
          await held.commit(write);
        },
      };
      return counted;
    },
  };
}

export async function runSportelloCell(options: CellOptions): Promise<CellResult> {
  const prefix = `bench:sp:${randomBytes(4).toString('hex')}:`;
  const { observe, peaks, counter } = observer();
  const store: ConversationStore =
    options.storage === 'memory' ? countingMemoryStore(observe) : createRedisStore({ url: options.redisUrl, prefix, leaseMs: 5000, observe });
  if (options.storage === 'redis') await (store as RedisStore).ready;
  const welfare = new Proxy({} as WelfarePort, { get: () => () => Promise.reject(new Error('the benchmark flow needs no backend')) });
  // The benchmark flow asks no consent and shows no notice: the store's default TTLs, no controllers.
  const privacy = { retention: { sessionHours: 24, profileDays: 180, dedupeHours: 24 }, controllers: {} };
  const runner = createTurnRunner({ store, flows: loadDialogs(here('./dialogs')), translator: translator(), welfare, log: silentLogger, privacy });
  try {
    return await measureCell(options, {
      async turn(script, text, index) {
        // Each turn carries an update id: dedupe is on while measuring, as in production.
        const messages = await runner(
          { channel: 'terminal', id: script.conversationId },
          { type: 'text', text },
          { updateId: `${script.conversationId}:${index}` },
        );
        if (messages.length === 0) throw new Error(`no reply to turn "${text}"`);
        return messages.map((m) => ('text' in m ? m.text : '')).join('\n');
      },
      async afterWarmUp() {
        peaks.clear();
        counter.calls = 0;
      },
      roundTrips: () => counter.calls,
      peakBytes: () => [...peaks.entries()].filter(([conversation]) => !conversation.startsWith('terminal:warm-')).map(([, bytes]) => bytes),
      checkProfiles: (list, fail) => checkProfiles(store, list, fail),
    });
  } finally {
    await store.close();
    if (options.storage === 'redis') await deleteKeys(options.redisUrl, prefix);
  }
}

// Read after the timed run, outside the count: every conversation's profile holds its five answers.
async function checkProfiles(store: ConversationStore, list: Script[], fail: (script: Script, reason: string) => void): Promise<void> {
  for (const script of list) {
    const key = `terminal:${script.conversationId}`;
    const held = await store.begin({ conversation: key, user: key });
    if (held === 'duplicate') continue;
    await held.release();
    const answers = (held.profile as { answers?: Record<string, unknown> } | undefined)?.answers ?? {};
    const { category, service, age, municipality, slot } = answers;
    const got = JSON.stringify({ category, service, age, municipality, slot });
    if (got !== JSON.stringify(script.expected)) fail(script, `profile ${got}`);
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = createClient({ url, socket: { reconnectStrategy: false } });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) if (keys.length > 0) await client.unlink(keys);
  client.destroy();
}
