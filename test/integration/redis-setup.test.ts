// The global Redis setup: tests reach the Redis it provides; it starts and stops its own, or stops the run with one line.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import setup, { answers, findOnPath, findOrStartRedis, freePort } from '../setup/redis.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

const run = promisify(execFile);
const realRedisServer = await findOnPath('redis-server', process.env['PATH']);
const noRedisLine = (url: string) =>
  `Sportello's tests need Redis: none answers at ${url} and redis-server is not on the PATH. ` +
  'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.';

describe('the Redis a test is given', () => {
  const prefix = testPrefix('redis-setup');
  afterEach(() => cleanPrefix(redisUrl(), prefix));

  it('answers PING and keeps what is SET under a test prefix', async () => {
    const client = createClient({ url: redisUrl() });
    await client.connect();
    try {
      expect(await client.ping()).toBe('PONG');
      await client.set(`${prefix}greeting`, 'ciao');
      expect(await client.get(`${prefix}greeting`)).toBe('ciao');
      expect(await cleanPrefix(redisUrl(), prefix)).toBe(1);
      expect(await client.get(`${prefix}greeting`)).toBeNull();
    } finally {
      client.destroy();
    }
  });

  it('is the REDIS_URL that processes spawned by tests inherit', () => {
    expect(process.env['REDIS_URL']).toBe(redisUrl());
  });

  it('refuses to clean a prefix that is not a test prefix', async () => {
    await expect(cleanPrefix(redisUrl(), 'sportello:')).rejects.toThrow(/not a test prefix/);
  });
});

describe('the global setup', () => {
  let dir: string;
  let closedUrl: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-redis-setup-'));
    closedUrl = `redis://127.0.0.1:${await freePort()}`;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('uses a Redis that answers at REDIS_URL and starts nothing', async () => {
    const redis = await findOrStartRedis({ REDIS_URL: redisUrl(), PATH: dir });
    expect(redis.url).toBe(redisUrl());
    await redis.stop();
    expect(await answers(redisUrl(), 1000)).toBe(true);
  });

  it('stops with one line when nothing answers and redis-server is not on the PATH', async () => {
    const emptyDir = await mkdtemp(path.join(dir, 'empty-'));
    await expect(findOrStartRedis({ REDIS_URL: closedUrl, PATH: emptyDir })).rejects.toThrow(noRedisLine(closedUrl));
    await expect(findOrStartRedis({ REDIS_URL: closedUrl, PATH: '' })).rejects.toThrow(noRedisLine(closedUrl));
  });

  it('names the redis-server on the PATH that is not a Redis', async () => {
    const fakeDir = await mkdtemp(path.join(dir, 'fake-'));
    const fake = path.join(fakeDir, 'redis-server');
    await writeFile(fake, '#!/bin/sh\necho "not a redis" >&2\nexit 1\n');
    await chmod(fake, 0o755);
    const failure = findOrStartRedis({ REDIS_URL: closedUrl, PATH: fakeDir });
    await expect(failure).rejects.toThrow(
      new RegExp(
        `^Sportello's tests need Redis: none answers at ${closedUrl} and ${fake} exited with code 1 before answering on port \\d+ \\(it said: not a redis\\)\\. Install it .* or set REDIS_URL\\.$`,
      ),
    );
  });

  it('stops the whole run with that line alone', async () => {
    const emptyDir = await mkdtemp(path.join(dir, 'empty-'));
    const vitest = path.resolve('node_modules/vitest/vitest.mjs');
    const env = { ...withoutVitestVars(process.env), PATH: emptyDir, REDIS_URL: closedUrl, NO_COLOR: '1' };
    // A filter that matches no test: should the setup wrongly pass, the nested run still does nothing.
    const failure = run(process.execPath, [vitest, 'run', 'test/unit/config.test.ts', '-t', 'no test has this name'], { env });
    await expect(failure).rejects.toMatchObject({ code: 1, stderr: `${noRedisLine(closedUrl)}\n` });
  });

  it.runIf(realRedisServer)('starts redis-server on a free port when nothing answers, and stops it at teardown', async () => {
    vi.stubEnv('REDIS_URL', closedUrl);
    const provided = new Map<string, unknown>();
    const teardown = await setup({ provide: (key, value) => provided.set(key, value) });
    const url = provided.get('redisUrl');
    try {
      expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(url).not.toBe(closedUrl);
      expect(process.env['REDIS_URL']).toBe(url);
      expect(await answers(String(url), 1000)).toBe(true);
    } finally {
      await teardown();
    }
    expect(await answers(String(url), 500)).toBe(false);
  });
});

function withoutVitestVars(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('VITEST')));
}
