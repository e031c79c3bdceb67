// The assistant's turns on Redis: migrated sessions, redeliveries, forget-me leaving no key, and Redis going away and back.
import { DateTime } from 'luxon';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { createTurnRunner } from '../../src/conversation/turn.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { connectRedisStore } from '../../src/state/redis-store.js';
import { ownRedis } from '../support/redis-server.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { cleanPrefix, keysUnder, redisUrl, testPrefix } from '../support/redis.js';
import { projectTranslator } from '../support/step-turn.js';
import { testPrivacy } from '../support/privacy.js';

let backend: TestBackend;
const prefixes: string[] = [];
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(async () => {
  await backend.close();
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});

const flows = loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT });
const conversation = { channel: 'telegram' as const, id: '777' };

async function setUp(url = redisUrl()) {
  const prefix = testPrefix('turns');
  prefixes.push(prefix);
  const store = await connectRedisStore({ url, prefix, waitMs: 1000 });
  const runner = createTurnRunner({
    privacy: testPrivacy,
    store,
    flows,
    translator: projectTranslator(),
    welfare: backend.client,
    log: (await import('../../src/log.js')).silentLogger,
    now: () => DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Rome' }),
  });
  const say = async (text: string, updateId?: string) =>
    renderForTerminal(await runner(conversation, { type: 'text', text }, updateId ? { updateId } : {}));
  return { store, runner, say, prefix };
}

describe('turns on Redis', () => {
  it('migrates a session stored by the previous version and carries on from it', async () => {
    const { store, say } = await setUp();
    const v1 = {
      v: 1,
      key: 'telegram:777',
      lang: 'en',
      position: { flow: 'booking', step: 'category' },
      visit: 3,
      history: [{ flow: 'main', step: 'menu' }],
      resume: [],
      // What pick_category had asked, as v1 stored it.
      scratch: {
        options: [
          { id: 'famiglie-minori', label: 'Children and families' },
          { id: 'supporto-scolastico', label: 'School support' },
          { id: 'anziani', label: 'Older people' },
        ],
      },
      data: { answers: { residence: 'limena' }, consent: {}, vars: {}, vouchers: [] },
      misunderstood: 0,
      updatedAt: '2026-03-01T10:00:00.000Z',
    };
    const client = createClient({ url: redisUrl() });
    await client.connect();
    await client.set(store.keysOf('telegram:777').session, JSON.stringify(v1));
    client.destroy();
    expect(await say('2')).toMatch(/Online homework help/); // the category list answered in English
    const stored = JSON.parse(
      (await (async () => {
        const c = createClient({ url: redisUrl() });
        await c.connect();
        const raw = await c.get(store.keysOf('telegram:777').session);
        c.destroy();
        return raw;
      })())!,
    ) as { v: number; position: string; data: { answers: Record<string, unknown> } };
    expect(stored).toMatchObject({
      v: 2,
      position: 'booking.services',
      history: ['main.menu', 'booking.category'],
      data: { answers: { residence: 'limena' } },
    });
    expect(stored).not.toHaveProperty('key');
    await store.close();
  });

  it('answers a redelivered update only once', async () => {
    const { store, say } = await setUp();
    expect(await say('ciao', 'update-1')).toMatch(/Come posso aiutarti/);
    expect(await say('ciao', 'update-1')).toBe('');
    expect(await say('1', 'update-2')).toMatch(/argomento/);
    await store.close();
  });

  it('deletes every key of the person on "delete my data"', async () => {
    const { store, say, prefix } = await setUp();
    await say('ciao', 'u-1');
    await say('1', 'u-2');
    expect(await keysUnder(redisUrl(), prefix)).toEqual(
      expect.arrayContaining([expect.stringMatching(/:session$/), expect.stringMatching(/:seen$/), expect.stringMatching(/:profile$/)]),
    );
    await say('cancella i miei dati', 'u-3');
    expect(await say('sì', 'u-4')).toMatch(/ho cancellato i tuoi dati/);
    expect(await keysUnder(redisUrl(), prefix)).toEqual([]);
    await store.close();
  });
});

describe('when Redis goes away', async () => {
  const own = await ownRedis();
  afterAll(() => own?.stop());

  it.skipIf(!own)(
    'says it is temporarily unavailable, then reconnects by itself',
    async () => {
      await own!.start();
      const { store, say } = await setUp(own!.url);
      expect(await say('ciao')).toMatch(/Come posso aiutarti/);
      await own!.stop();
      expect(await say('1')).toMatch(/momentaneamente non disponibile/);
      await expect(store.ping()).rejects.toThrow();
      await own!.start(); // empty: a restarted Redis without persistence
      let answer = '';
      for (let i = 0; i < 60 && !/Come posso aiutarti|argomento/.test(answer); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        answer = await say('ciao');
      }
      expect(answer).toMatch(/Come posso aiutarti/);
      await store.ping();
      await store.close();
    },
    20_000,
  );
});
