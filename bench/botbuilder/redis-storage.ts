// Bot Framework Storage on node-redis: JSON documents under a key prefix, eTags checked like MemoryStorage; no state of its own besides the eTag counter.
import { randomBytes } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder-core';

/** The node-redis commands this storage uses; a client from createClient() fits. */
export interface RedisCommands {
  mGet(keys: string[]): Promise<(string | null)[]>;
  set(key: string, value: string): Promise<unknown>;
  del(keys: string[]): Promise<number>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisStorageOptions {
  /** Prepended to every Bot Framework key, e.g. "bench:bb:". */
  prefix: string;
  /** Told the size of every document written (for measuring, not needed to run). */
  onWrite?: (key: string, bytes: number) => void;
}

// Compare-and-set in one round trip: the stored eTag must match, as MemoryStorage requires.
// A missing document is written whatever the eTag, again as MemoryStorage does.
const WRITE_IF_ETAG = `
local current = redis.call('GET', KEYS[1])
if current and cjson.decode(current).eTag ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
return 1`;

class ETagConflictError extends Error {
  readonly code = 'etag_conflict';
  override readonly name = 'ETagConflictError';
}

export class RedisStorage implements Storage {
  // Unique per instance so two processes on the same Redis never hand out the same eTag.
  private readonly eTagPrefix = randomBytes(6).toString('hex');
  private eTagCounter = 0;

  constructor(
    private readonly redis: RedisCommands,
    private readonly options: RedisStorageOptions,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.redis.mGet(keys.map((key) => this.options.prefix + key));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const json = values[i];
      if (json != null) items[key] = parseItem(key, json);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // Keys are written independently (no cross-key transaction), like MemoryStorage.
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item as StoreItem)));
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length > 0) await this.redis.del(keys.map((key) => this.options.prefix + key));
  }

  private async writeOne(key: string, item: StoreItem): Promise<void> {
    const expected = item.eTag;
    const json = JSON.stringify({ ...item, eTag: `${this.eTagPrefix}-${(this.eTagCounter++).toString(36)}` });
    const redisKey = this.options.prefix + key;
    if (!expected || expected === '*') {
      await this.redis.set(redisKey, json);
    } else {
      const written = await this.redis.eval(WRITE_IF_ETAG, { keys: [redisKey], arguments: [json, expected] });
      if (written !== 1) throw new ETagConflictError(`Storage: error writing "${key}" due to eTag conflict.`);
    }
    this.options.onWrite?.(key, Buffer.byteLength(json));
  }
}

function parseItem(key: string, json: string): StoreItem {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (cause) {
    throw new Error(`RedisStorage: "${key}" does not hold JSON`, { cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`RedisStorage: "${key}" does not hold a JSON object`);
  return value;
}

/** Deletes every key under the prefix (SCAN, then DEL in batches); returns how many were deleted. */
export async function deleteByPrefix(
  redis: { scanIterator(options: { MATCH: string; COUNT: number }): AsyncIterable<string[]>; del(keys: string[]): Promise<number> },
  prefix: string,
): Promise<number> {
  let deleted = 0;
  const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  for await (const keys of redis.scanIterator({ MATCH: match, COUNT: 1000 })) {
    if (keys.length > 0) deleted += await redis.del(keys);
  }
  return deleted;
}
