import { defineConfig } from 'vitest/config';

// Two cores on CI: a couple of workers keeps integration tests (real HTTP, real Redis) from starving each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
