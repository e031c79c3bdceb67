// Smoke test of Sportello's side of the benchmark: a tiny cell on memory and on Redis books every conversation correctly.
import { describe, expect, it } from 'vitest';
import { runSportelloCell } from '../../bench/sportello/run.js';
import { keysUnder, redisUrl } from '../support/redis.js';

describe.each(['memory', 'redis'] as const)('Sportello cell on %s', (storage) => {
  it('books every conversation, remembers the five answers in the profile and leaves no key behind', async () => {
    const result = await runSportelloCell({ storage, redisUrl: redisUrl(), concurrency: 3, conversations: 5, seed: 7 });
    expect(result.failureExamples).toEqual([]);
    expect(result).toMatchObject({ checked: 5, failures: 0, roundTripsPerTurn: 2 });
    expect(result.turns).toBeGreaterThanOrEqual(5 * 7);
    expect(result.bytesPerConversationAtPeak).toBeGreaterThan(100);
    expect(result.bytesPerConversationAtPeak).toBeLessThan(1024);
    if (storage === 'redis') expect(await keysUnder(redisUrl(), 'bench:sp:')).toEqual([]);
  }, 30_000);
});
