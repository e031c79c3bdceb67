// The turn runner: order per conversation, errors that lose nothing, unreadable sessions, forget-me, and logs without personal data.
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { createTurnRunner, type TurnRunner } from '../../src/conversation/turn.js';
import { renderForTerminal } from '../../src/channels/terminal/render.js';
import { createMemoryStore } from '../../src/state/memory-store.js';
import { DIALOGS_DIR, PROJECT_ROOT } from '../../src/paths.js';
import { BackendRejectedError, BackendUnavailableError } from '../../src/welfare/errors.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { projectTranslator } from '../support/step-turn.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { peekSession } from '../support/conversation.js';
import { testPrivacy } from '../support/privacy.js';

let backend: TestBackend;
beforeAll(async () => {
  backend = await referenceBackend();
});
afterAll(() => backend.close());

const conversation = { channel: 'telegram' as const, id: '4242' };
const key = 'telegram:4242';

function setUp(welfare: WelfarePort = backend.client) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const store = createMemoryStore();
  const runner = createTurnRunner({
    privacy: testPrivacy,
    store,
    flows: loadDialogs(DIALOGS_DIR, { root: PROJECT_ROOT }),
    translator: projectTranslator(),
    welfare,
    log: pino({ level: 'debug' }, sink),
    now: () => DateTime.fromISO('2026-03-02T09:00:00', { zone: 'Europe/Rome' }),
  });
  return { store, runner, lines };
}

const text = (t: string) => ({ type: 'text' as const, text: t });
const reply = async (runner: TurnRunner, t: string, hints = {}) => renderForTerminal(await runner(conversation, text(t), hints));

/** A port whose every call fails the way `fail` says; what a backend outage or a bug looks like to the engine. */
function failingPort(fail: () => Error): WelfarePort {
  return new Proxy({} as WelfarePort, { get: () => async () => Promise.reject(fail()) });
}

describe('turn runner', () => {
  it('takes the language of a new conversation from the channel hint', async () => {
    const { runner } = setUp();
    expect(await reply(runner, 'hello', { language: 'en-GB' })).toMatch(/How can I help you/);
  });

  it('handles the turns of one conversation one after the other, in arrival order', async () => {
    const { runner, store } = setUp();
    const replies = await Promise.all(['ciao', '1', '2'].map((t) => reply(runner, t)));
    expect(replies[0]).toMatch(/Come posso aiutarti/);
    expect(replies[1]).toMatch(/argomento/);
    expect(replies[2]).toMatch(/Doposcuola online/);
    expect(await peekSession(store, key)).toMatchObject({ position: { flow: 'booking', step: 'services' } });
  });

  it('answers honestly when the backend is down and keeps the session as it was', async () => {
    const { runner, store } = setUp(failingPort(() => new BackendUnavailableError({ endpoint: 'GET /v1/categories', reason: 'network' })));
    await reply(runner, 'ciao');
    const before = await peekSession(store, key);
    const answer = await reply(runner, '1');
    expect(answer).toMatch(/non risponde in questo momento/);
    expect((await peekSession(store, key))?.data).toEqual(before?.data);
  });

  it('turns an unexpected error into an apology, logs its code and saves nothing', async () => {
    const { runner, store, lines } = setUp(failingPort(() => new Error('boom')));
    await reply(runner, 'ciao');
    const before = await peekSession(store, key);
    const answer = await reply(runner, '1');
    expect(answer).toMatch(/Qualcosa non ha funzionato/);
    expect(await peekSession(store, key)).toEqual(before);
    expect(lines.some((l) => l.includes('"code":"internal"') && l.includes('turn failed'))).toBe(true);
  });

  it('starts afresh, politely, when the stored session cannot be read', async () => {
    const { runner, store } = setUp();
    const held = await store.begin({ conversation: key, user: key });
    if (held === 'duplicate') throw new Error('unexpected duplicate');
    await held.commit({ session: { v: 2, garbage: true } });
    const answer = await reply(runner, 'ciao');
    expect(answer).toMatch(/Non sono riuscito a recuperare/);
    expect(answer).toMatch(/Come posso aiutarti/);
  });

  it('removes the stored session when the resident asks to forget them', async () => {
    const { runner, store } = setUp();
    await reply(runner, 'ciao');
    await reply(runner, 'cancella i miei dati');
    await reply(runner, 'sì');
    expect(await peekSession(store, key)).toBeUndefined();
  });

  it('logs an error by name, code and message only, never the data attached to it', async () => {
    const rejected = () =>
      new BackendRejectedError('GET /v1/categories', 422, '/problems/not-eligible', [
        { path: 'answers.child_age', message: 'Età del bambino: 16 (Mario Rossi)' },
      ]);
    const { runner, lines } = setUp(failingPort(rejected));
    await reply(runner, 'ciao');
    await reply(runner, '1');
    const all = lines.join('\n');
    expect(all).toContain('backend_rejected');
    expect(all).not.toMatch(/Mario Rossi|Età del bambino/);
  });

  it('never logs what the resident writes', async () => {
    const { runner, lines } = setUp();
    await reply(runner, 'ciao');
    await reply(runner, 'RSSMRA85T10A562S mi chiamo Mario Rossi');
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toMatch(/RSSMRA85T10A562S|Mario|Rossi|4242/);
    expect(all).toContain('turn handled');
  });
});
