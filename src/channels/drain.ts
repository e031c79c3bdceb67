// Waiting for a channel's work in flight when it stops, for a bounded time: a stop must end even if a platform hangs.

/** True when `settled` resolved within `timeoutMs`, false when the time ran out first. */
export async function drainWithin(settled: () => Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    settled().then(() => true),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return drained;
}
