// The shared HTTP server: liveness, readiness that follows Redis and the backend, Prometheus metrics, graceful stop.
import { afterAll, describe, expect, it } from 'vitest';
import { composeApp, type App, type RunningApp } from '../../src/app/compose.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { referenceBackend, type TestBackend } from '../support/backend.js';
import { ownRedis, type OwnRedis } from '../support/redis-server.js';

const own: OwnRedis | undefined = await ownRedis();
let backend: TestBackend | undefined;
let server: RunningApp | undefined;
let assistant: App | undefined;
afterAll(async () => {
  await server?.stop(100);
  await backend?.close();
  await own?.stop();
});

describe.skipIf(!own)('HTTP server', () => {
  it('is alive, ready while Redis answers, not ready when Redis stops, ready again when it is back', async () => {
    await own!.start();
    backend = await referenceBackend();
    assistant = await composeApp(
      { ...loadConfig({}), welfareBackendUrl: backend.url, redisUrl: own!.url, redisKeyPrefix: 'test:http:' },
      { log: silentLogger, listen: { port: 0, host: '127.0.0.1' } },
    );
    server = await assistant.start();

    expect(await (await fetch(`${server.url!}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url!}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { store: 'ok', backend: 'ok' } });

    await own!.stop();
    const notReady = await fetch(`${server.url!}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ ready: false, checks: { store: 'unavailable', backend: 'ok' } });
    expect((await fetch(`${server.url!}/healthz`)).status).toBe(200); // alive all the same: a restart would not help

    await own!.start();
    let again = 503;
    for (let i = 0; i < 50 && again !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = (await fetch(`${server.url!}/readyz`)).status;
    }
    expect(again).toBe(200);
  }, 20_000);

  it('counts turns by channel and outcome, and backend calls, in Prometheus text', async () => {
    await assistant!.runner({ channel: 'telegram', id: 'm1' }, { type: 'text', text: 'ciao' }, { updateId: 'u1' });
    await assistant!.runner({ channel: 'telegram', id: 'm1' }, { type: 'text', text: 'ciao' }, { updateId: 'u1' });
    await assistant!.runner({ channel: 'telegram', id: 'm1' }, { type: 'text', text: '1' }, { updateId: 'u2' });
    const res = await fetch(`${server!.url!}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/sportello_turns_total\{channel="telegram",outcome="ok"\} 2/);
    expect(text).toMatch(/sportello_turns_total\{channel="telegram",outcome="duplicate"\} 1/);
    expect(text).toMatch(/sportello_turn_duration_seconds_count\{channel="telegram"\} 2/);
    expect(text).toMatch(/sportello_backend_calls_total\{endpoint="GET \/v1\/categories",outcome="ok"\} 1/);
  });

  it('stops gracefully: no new connections, the assistant closed', async () => {
    const url = server!.url;
    await server!.stop(500);
    server = undefined;
    await expect(fetch(`${url!}/healthz`)).rejects.toThrow();
  });
});
