// What a turn signals about unmet needs reaches the app once the turn is saved; a listener that fails loses the resident nothing.
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import type { TurnSignal } from '../../src/conversation/context.js';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { createTurnRunner, type RunnerOptions } from '../../src/conversation/turn.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { createMemoryStore } from '../../src/state/memory-store.js';
import { StoreUnavailableError } from '../../src/state/store.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { testPrivacy } from '../support/privacy.js';
import { projectTranslator } from '../support/step-turn.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(() => backend.close());

const conversation = { channel: 'telegram' as const, id: '777' };

function setUp(onSignals: NonNullable<RunnerOptions['onSignals']>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const runner = createTurnRunner({
    privacy: testPrivacy,
    store: createMemoryStore(),
    flows: loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT }),
    translator: projectTranslator(),
    welfare: backend.client,
    log: pino({ level: 'debug' }, sink),
    now: () => DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Rome' }),
    onSignals,
  });
  const say = async (text: string) => renderForTerminal(await runner(conversation, { type: 'text', text }, { language: 'it' }));
  return { say, lines };
}

describe('turn signals', () => {
  it('tells a search with no result, with the language of the conversation, once the turn is saved', async () => {
    const told: { signals: TurnSignal[]; lang: string }[] = [];
    const { say } = setUp(async (signals, at) => void told.push({ signals, lang: at.lang }));
    await say('ciao');
    expect(told).toEqual([]);
    await say('maglioni di lana');
    expect(told).toEqual([{ signals: [{ type: 'search_unmatched', query: 'maglioni di lana' }], lang: 'it' }]);
  });

  it('keeps the turn when the listener fails, and logs neither the words nor the failure as the resident’s', async () => {
    const { say, lines } = setUp(async () => Promise.reject(new StoreUnavailableError('redis did not answer')));
    await say('ciao');
    expect(await say('maglioni di lana')).toMatch(/Non ho trovato servizi per «maglioni di lana»/);
    expect(await say('2')).toMatch(/Descrivi|Scrivi|bisogno/);
    expect(lines.join('')).toMatch(/signals not recorded/);
    expect(lines.join('')).not.toMatch(/maglioni/);
  });
});
