// What residents searched for and did not find, kept to tell the municipalities which services are looked for: the
// port, and its bounded, expiring shape shared by the memory and Redis stores. Terms come scrubbed (scrub.ts).
//
// Counts are kept in buckets of a third of the retention: a bucket expires `retentionMs` after it ends, so a search
// is forgotten between 90 and 120 days after it was typed (the default), even in a language searched every day. Each
// bucket keeps at most `maxTerms` terms, the most searched: a full bucket drops its least searched term for a new one.

export interface UnmetNeeds {
  /** Counts one search with no result, in the resident's language; `terms` as scrubSearch made them. */
  record(lang: string, terms: string): Promise<void>;
  /** The most searched terms of a language, most first, with how often they were searched in the retention. */
  top(lang: string, limit: number): Promise<UnmetTerm[]>;
  /** The languages with something kept. */
  languages(): Promise<string[]>;
  close(): Promise<void>;
}

export interface UnmetTerm {
  terms: string;
  count: number;
}

export interface UnmetNeedsOptions {
  /** How long a search is kept (UNMET_TTL_DAYS); 90 days by default. */
  retentionMs?: number;
  /** At most this many terms per language and bucket (UNMET_MAX_TERMS); 1000 by default. */
  maxTerms?: number;
  now?: () => Date;
}

export const DEFAULT_UNMET_RETENTION_MS = 90 * 24 * 60 * 60 * 1000;
export const DEFAULT_UNMET_MAX_TERMS = 1000;
const BUCKETS_PER_RETENTION = 3;

export interface Buckets {
  /** The bucket a search made now goes to, and when it expires (ms since the epoch). */
  current: { id: number; expiresAt: number };
  /** Every bucket that may still hold something, the current one included. */
  live: number[];
}

export function bucketsAt(nowMs: number, retentionMs: number): Buckets {
  const size = Math.max(1, Math.floor(retentionMs / BUCKETS_PER_RETENTION));
  const id = Math.floor(nowMs / size);
  const live = Array.from({ length: BUCKETS_PER_RETENTION + 1 }, (_, i) => id - i);
  return { current: { id, expiresAt: (id + 1) * size + retentionMs }, live };
}

/** Sums the buckets' counts and orders them: most searched first, then alphabetically (stable for reports and tests). */
export function ranked(counts: Iterable<[string, number]>, limit: number): UnmetTerm[] {
  const total = new Map<string, number>();
  for (const [terms, count] of counts) total.set(terms, (total.get(terms) ?? 0) + count);
  return [...total]
    .map(([terms, count]) => ({ terms, count }))
    .sort((a, b) => b.count - a.count || (a.terms < b.terms ? -1 : a.terms > b.terms ? 1 : 0))
    .slice(0, limit);
}
