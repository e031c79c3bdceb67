// Unmet searches in this process's memory (the default `npm start`): bounded and expiring as the Redis store is.
import { bucketsAt, DEFAULT_UNMET_MAX_TERMS, DEFAULT_UNMET_RETENTION_MS, ranked, type UnmetNeeds, type UnmetNeedsOptions } from './store.js';

interface Bucket {
  expiresAt: number;
  counts: Map<string, number>;
}

export function createMemoryUnmetNeeds(options: UnmetNeedsOptions = {}): UnmetNeeds {
  const retentionMs = options.retentionMs ?? DEFAULT_UNMET_RETENTION_MS;
  const maxTerms = options.maxTerms ?? DEFAULT_UNMET_MAX_TERMS;
  const now = () => (options.now ?? (() => new Date()))().getTime();
  /** lang → bucket id → bucket. */
  const kept = new Map<string, Map<number, Bucket>>();

  function liveBuckets(lang: string): Bucket[] {
    const buckets = kept.get(lang);
    if (!buckets) return [];
    const at = now();
    for (const [id, bucket] of buckets) if (bucket.expiresAt <= at) buckets.delete(id);
    if (buckets.size === 0) kept.delete(lang);
    return [...buckets.values()];
  }

  return {
    async record(lang, terms) {
      const { current } = bucketsAt(now(), retentionMs);
      liveBuckets(lang);
      const buckets = kept.get(lang) ?? new Map<number, Bucket>();
      kept.set(lang, buckets);
      const bucket = buckets.get(current.id) ?? { expiresAt: current.expiresAt, counts: new Map<string, number>() };
      buckets.set(current.id, bucket);
      bucket.counts.set(terms, (bucket.counts.get(terms) ?? 0) + 1);
      if (bucket.counts.size > maxTerms) {
        // As Redis's ZREMRANGEBYRANK 0 0: the lowest count goes, of equal counts the first alphabetically.
        let least: [string, number] | undefined;
        for (const entry of bucket.counts) if (!least || entry[1] < least[1] || (entry[1] === least[1] && entry[0] < least[0])) least = entry;
        bucket.counts.delete(least![0]);
      }
    },
    async top(lang, limit) {
      return ranked(
        liveBuckets(lang).flatMap((b) => [...b.counts]),
        limit,
      );
    },
    async languages() {
      return [...kept.keys()].filter((lang) => liveBuckets(lang).length > 0).sort();
    },
    async close() {},
  };
}
