// What residents asked for and did not find, through the real engine: counted in /metrics by language, step and reason,
// searches kept scrubbed in Redis, listed to operators who hold the token.
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeApp, type App, type RunningApp } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import type { BotMessage } from '../../src/conversation/messages.js';
import { silentLogger } from '../../src/log.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

const TOKEN = 'operator-token-0123456789abcdef';
const prefix = testPrefix('unmet-app');
let backend: TestBackend;
let assistant: App;
let server: RunningApp;

beforeAll(async () => {
  backend = await referenceBackend();
  assistant = await composeApp(
    { ...loadConfig({ OPERATOR_TOKEN: TOKEN }), welfareBackendUrl: backend.url, redisUrl: redisUrl(), redisKeyPrefix: prefix },
    { log: silentLogger, listen: { port: 0, host: '127.0.0.1' }, channels: () => [] },
  );
  server = await assistant.start();
});
afterAll(async () => {
  await server.stop(100);
  await backend.close();
  await cleanPrefix(redisUrl(), prefix);
});

let update = 0;
async function say(id: string, text: string, language = 'it'): Promise<string> {
  const said: BotMessage[] = await assistant.runner({ channel: 'telegram', id }, { type: 'text', text }, { updateId: `u${++update}`, language });
  return said.map((m) => ('text' in m ? m.text : '')).join('\n');
}

const operator = (query: string, token?: string) =>
  fetch(`${server.url!}/operator/unmet${query}`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

/** Every member of every sorted set the app wrote under its prefix. */
async function everythingKept(): Promise<string[]> {
  const client = createClient({ url: redisUrl() });
  await client.connect();
  try {
    const kept: string[] = [];
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*unmet*`, COUNT: 500 })) {
      for (const key of keys) kept.push(key, ...(await client.zRange(key, 0, -1)));
    }
    return kept;
  } finally {
    await client.close();
  }
}

describe('unmet needs', () => {
  it('keeps the scrubbed words of a search with no result, counts it, and keeps nothing of a search with a fiscal code', async () => {
    for (const id of ['a', 'b', 'c']) await say(id, 'ciao');
    expect(await say('a', 'Maglioni di lana')).toMatch(/Non ho trovato servizi per «Maglioni di lana»/);
    expect(await say('b', 'maglioni di lana')).toMatch(/Non ho trovato servizi/);
    expect(await say('c', 'il mio codice RSSMRA80A01G224K')).toMatch(/Non ho trovato servizi/);
    await say('d', 'hello', 'en');
    expect(await say('d', 'woollen jumpers', 'en')).toMatch(/I found no services for “woollen jumpers”|no service/i);

    const kept = await everythingKept();
    expect(kept).toContain('maglioni di lana');
    expect(kept).toContain('woollen jumpers');
    expect(kept.join(' ')).not.toMatch(/rssmra|codice|224k/i);

    const metrics = await (await fetch(`${server.url!}/metrics`)).text();
    expect(metrics).toMatch(/sportello_unmet_searches_total\{lang="it"\} 3/);
    expect(metrics).toMatch(/sportello_unmet_searches_total\{lang="en"\} 1/);
    expect(metrics).not.toMatch(/maglioni|RSSMRA/i);
  });

  it('counts a misunderstanding and an escalation by language, step and reason, without the words', async () => {
    await say('e', 'ciao');
    await say('e', '2'); // describe what you need
    await say('e', '!!'); // no word in it: not understood
    await say('f', 'ciao');
    await say('f', '7'); // talk to a person
    const metrics = await (await fetch(`${server.url!}/metrics`)).text();
    expect(metrics).toMatch(/sportello_misunderstandings_total\{lang="it",step="search\.ask",reason="text"\} 1/);
    expect(metrics).toMatch(/sportello_escalations_total\{lang="it",step="none",reason="asked"\} 1/);
  });

  it('lists the most searched terms to an operator with the token, and to nobody else', async () => {
    expect((await operator('?lang=it')).status).toBe(401);
    expect((await operator('?lang=it', 'wrong-token-0123456789abcdef')).status).toBe(401);
    expect((await operator('?lang=it', `${TOKEN}x`)).status).toBe(401);
    const listed = await operator('?lang=it&limit=5', TOKEN);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ top: { it: [{ terms: 'maglioni di lana', count: 2 }] } });
    expect(await (await operator('', TOKEN)).json()).toEqual({
      top: { en: [{ terms: 'woollen jumpers', count: 1 }], it: [{ terms: 'maglioni di lana', count: 2 }] },
    });
    expect((await operator('?limit=0', TOKEN)).status).toBe(400);
  });
});

describe('without OPERATOR_TOKEN', () => {
  it('has no operator endpoint', async () => {
    const other = await composeApp(
      { ...loadConfig({}), welfareBackendUrl: backend.url },
      { log: silentLogger, listen: { port: 0, host: '127.0.0.1' }, channels: () => [] },
    );
    const running = await other.start();
    try {
      expect((await fetch(`${running.url!}/operator/unmet?lang=it`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
    } finally {
      await running.stop(100);
    }
  });
});
