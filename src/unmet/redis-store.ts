// Unmet searches in Redis, shared by every process.
//
// Keys, under the prefix (default `sportello:`):
//   {unmet:<lang>}:<bucket>   sorted set: scrubbed search terms → how often searched in that bucket (store.ts).
//                             At most maxTerms members; expires retentionMs after the bucket ends. The hash tag keeps a
//                             language's buckets in one Cluster slot, for ZUNION.
// A search is one MULTI (ZINCRBY, ZREMRANGEBYRANK, PEXPIREAT): the set is never left over its bound or without expiry.
import { silentLogger, type Logger } from '../log.js';
import { openRedis, readyWithin } from '../state/redis-connection.js';
import { bucketsAt, DEFAULT_UNMET_MAX_TERMS, DEFAULT_UNMET_RETENTION_MS, ranked, type UnmetNeeds, type UnmetNeedsOptions } from './store.js';

export interface RedisUnmetNeedsOptions extends UnmetNeedsOptions {
  url: string;
  /** Prefix of every key, so several deployments (or test runs) share one Redis. */
  prefix?: string;
  log?: Logger;
}

export async function connectRedisUnmetNeeds(options: RedisUnmetNeedsOptions & { waitMs?: number }): Promise<UnmetNeeds> {
  const prefix = options.prefix ?? 'sportello:';
  if (/[{}]/.test(prefix)) throw new TypeError(`unmet-needs prefix "${prefix}" must not contain braces: the keys get {unmet:<lang>} themselves`);
  const retentionMs = options.retentionMs ?? DEFAULT_UNMET_RETENTION_MS;
  const maxTerms = options.maxTerms ?? DEFAULT_UNMET_MAX_TERMS;
  const now = () => (options.now ?? (() => new Date()))().getTime();
  const key = (lang: string, bucket: number) => `${prefix}{unmet:${lang}}:${bucket}`;
  const redis = openRedis({ url: options.url, log: options.log ?? silentLogger, what: 'unmet needs', scripts: {} });
  const { client, call } = redis;
  await readyWithin(redis.ready, options.waitMs);

  return {
    async record(lang, terms) {
      const { current } = bucketsAt(now(), retentionMs);
      const at = key(lang, current.id);
      await call(() =>
        client
          .multi()
          .zIncrBy(at, 1, terms)
          .zRemRangeByRank(at, 0, -(maxTerms + 1))
          .pExpireAt(at, current.expiresAt)
          .exec(),
      );
    },
    async top(lang, limit) {
      const [first, ...rest] = bucketsAt(now(), retentionMs).live.map((bucket) => key(lang, bucket));
      const counts = await call(() => client.zUnionWithScores([first!, ...rest]));
      return ranked(
        counts.map(({ value, score }) => [value, score] as [string, number]),
        limit,
      );
    },
    async languages() {
      const found = new Set<string>();
      const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}{unmet:*}:*`;
      await call(async () => {
        for await (const keys of client.scanIterator({ MATCH: match, COUNT: 500 })) {
          for (const k of keys) {
            const lang = /\{unmet:([^}]+)\}/.exec(k.slice(prefix.length))?.[1];
            if (lang) found.add(lang);
          }
        }
      });
      return [...found].sort();
    },
    close: () => redis.close(),
  };
}
