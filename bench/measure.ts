// Shared measuring helpers for the benchmark: percentiles, a call counter for storage round trips, a worker pool; no I/O.

/** Nearest-rank percentile (p in 0–100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = Float64Array.from(samples).sort();
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export interface CallCounter {
  calls: number;
}

type AsyncMethodName<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never }[keyof T];

/**
 * The same object with the named async methods counted: each call is one round trip when the
 * target is remote. Other members are inherited from the target unchanged.
 */
export function countCalls<T extends object>(target: T, methods: readonly AsyncMethodName<T>[], counter: CallCounter): T {
  const counted = Object.create(target) as T;
  for (const name of methods) {
    const method = target[name] as (...args: unknown[]) => Promise<unknown>;
    if (typeof method !== 'function') throw new Error(`countCalls: ${String(name)} is not a method of the target`);
    Object.defineProperty(counted, name, {
      value: (...args: unknown[]) => {
        counter.calls++;
        return method.apply(target, args);
      },
    });
  }
  return counted;
}

/** Runs work(0 … count-1) with at most `concurrency` in flight; each worker takes the next index when it is free. */
export async function runPool(count: number, concurrency: number, work: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
}

/** Milliseconds from a process.hrtime.bigint() reading to now. */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
