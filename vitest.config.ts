import { defineConfig } from 'vitest/config';

// Two cores on CI: a couple of workers keeps integration tests (real HTTP, real Redis) from starving each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Finds the Redis at REDIS_URL or starts a redis-server for the run; stops the run with one line when it can do neither.
    globalSetup: ['test/setup/redis.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
