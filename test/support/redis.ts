// Redis for tests: the URL the global setup found or started, a unique key prefix per test, and its cleanup.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/setup/redis.ts for every run. */
    redisUrl: string;
  }
}

export function redisUrl(): string {
  return inject('redisUrl');
}

/** `test:<name>:<random>:` — tests share one Redis (maybe the developer's own), so each writes under its own prefix. */
export function testPrefix(name: string): string {
  return `test:${name}:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix`, which must start with `test:`: a typo must never empty a real database. */
export async function cleanPrefix(url: string, prefix: string): Promise<number> {
  if (!prefix.startsWith('test:')) throw new Error(`cleanPrefix: "${prefix}" is not a test prefix (it must start with "test:")`);
  const client = createClient({ url });
  await client.connect();
  try {
    let deleted = 0;
    // SCAN, not KEYS: it does not block a server that others may be using.
    for await (const keys of client.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 500 })) {
      if (keys.length > 0) deleted += await client.unlink(keys);
    }
    return deleted;
  } finally {
    client.destroy();
  }
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Every key under `prefix`, sorted: what a store left behind. */
export async function keysUnder(url: string, prefix: string): Promise<string[]> {
  const client = createClient({ url });
  await client.connect();
  try {
    const found: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${escapeGlob(prefix)}*` })) found.push(...batch);
    return found.sort();
  } finally {
    client.destroy();
  }
}
