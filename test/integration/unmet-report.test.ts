// `npm run report:unmet` as operators run it: the most searched terms per language from the Redis at REDIS_URL.
import { afterAll, describe, expect, it } from 'vitest';
import { connectRedisUnmetNeeds } from '../../src/unmet/redis-store.js';
import { runPiped } from '../support/piped-process.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

const prefix = testPrefix('unmet-report');
afterAll(async () => {
  await cleanPrefix(redisUrl(), prefix);
});

describe('npm run report:unmet', () => {
  it('prints the most searched terms of each language, most first', async () => {
    const unmet = await connectRedisUnmetNeeds({ url: redisUrl(), prefix });
    for (const [lang, terms, times] of [
      ['it', 'maglioni di lana', 3],
      ['it', 'corsi di cucito', 1],
      ['uk', 'курси італійської', 2],
    ] as const)
      for (let i = 0; i < times; i++) await unmet.record(lang, terms);
    await unmet.close();

    const env = { REDIS_URL: redisUrl(), REDIS_KEY_PREFIX: prefix };
    const all = await runPiped('npm', ['run', '-s', 'report:unmet'], '', env);
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout).toBe('it (2)\n  3  maglioni di lana\n  1  corsi di cucito\n\nuk (1)\n  2  курси італійської\n');

    const one = await runPiped('npm', ['run', '-s', 'report:unmet', '--', '--lang', 'it', '--limit', '1'], '', env);
    expect(one.stdout).toBe('it (1)\n  3  maglioni di lana\n');
  }, 30_000);

  it('says where to look when there is no Redis', async () => {
    const run = await runPiped('npm', ['run', '-s', 'report:unmet'], '', { REDIS_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/REDIS_URL is not set.*GET \/operator\/unmet/);
  }, 30_000);
});
