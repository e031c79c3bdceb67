// A channel's outgoing work: replies of one conversation sent in turn order, everything in flight tracked so stop() can drain.
// Knows no platform: what "send" means is the channel's.
import { drainWithin } from './drain.js';

export interface DeliveryQueueOptions {
  /** Work handed on that settled() also waits for once nothing is tracked (Telegram's pacer queue). */
  downstream?: () => Promise<void>;
}

export interface DeliveryQueue {
  /** Counts `work` as in flight until it settles; returns it unchanged. */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Calls `send` with the reply once every earlier reply of `key` was sent or failed: the runner orders a
   * conversation's turns, this keeps their replies in the same order on the way out. Keys do not wait for each other.
   */
  inOrder<T>(key: string, reply: Promise<T>, send: (value: T) => Promise<void>): Promise<void>;
  /** Resolves when nothing is in flight (work added while waiting is waited for too), downstream included. */
  settled(): Promise<void>;
  /** settled() for at most `timeoutMs`: true when it resolved in time. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createDeliveryQueue(options: DeliveryQueueOptions = {}): DeliveryQueue {
  const inFlight = new Set<Promise<unknown>>();
  const replying = new Map<string, Promise<void>>();

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const forget = () => inFlight.delete(work);
    work.then(forget, forget);
    return work;
  };

  function inOrder<T>(key: string, reply: Promise<T>, send: (value: T) => Promise<void>): Promise<void> {
    const previous = replying.get(key);
    // allSettled: a reply that failed must not hold back the next one.
    const mine = Promise.allSettled([previous]).then(async () => send(await reply));
    replying.set(key, mine);
    const forget = () => {
      if (replying.get(key) === mine) replying.delete(key);
    };
    mine.then(forget, forget);
    return mine;
  }

  async function settled(): Promise<void> {
    for (;;) {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      if (!options.downstream) return;
      await options.downstream();
      // New work may have come in while downstream drained: look again.
      if (inFlight.size === 0) return;
    }
  }

  return { track, inOrder, settled, drain: (timeoutMs) => drainWithin(settled, timeoutMs) };
}
