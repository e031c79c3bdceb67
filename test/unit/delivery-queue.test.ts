import { describe, expect, it } from 'vitest';
import { createDeliveryQueue } from '../../src/channels/delivery-queue.js';

/** A promise resolved or rejected from outside, to decide when a "turn" finishes. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('delivery queue', () => {
  it('sends the replies of one conversation in turn order, whichever turn finishes first', async () => {
    const queue = createDeliveryQueue();
    const sent: string[] = [];
    const send = async (text: string) => {
      sent.push(text);
    };
    const first = deferred<string>();
    const second = deferred<string>();
    const both = Promise.all([queue.inOrder('a', first.promise, send), queue.inOrder('a', second.promise, send)]);
    second.resolve('second');
    await tick();
    expect(sent).toEqual([]);
    first.resolve('first');
    await both;
    expect(sent).toEqual(['first', 'second']);
  });

  it('waits for a slow send before the next reply of the same conversation', async () => {
    const queue = createDeliveryQueue();
    const sent: string[] = [];
    const slow = deferred();
    const one = queue.inOrder('a', Promise.resolve('one'), async (text) => {
      await slow.promise;
      sent.push(text);
    });
    const two = queue.inOrder('a', Promise.resolve('two'), async (text) => {
      sent.push(text);
    });
    await tick();
    expect(sent).toEqual([]);
    slow.resolve();
    await Promise.all([one, two]);
    expect(sent).toEqual(['one', 'two']);
  });

  it('does not make one conversation wait for another', async () => {
    const queue = createDeliveryQueue();
    const sent: string[] = [];
    const send = async (text: string) => {
      sent.push(text);
    };
    const stuck = deferred<string>();
    const a = queue.inOrder('a', stuck.promise, send);
    await queue.inOrder('b', Promise.resolve('b'), send);
    expect(sent).toEqual(['b']);
    stuck.resolve('a');
    await a;
    expect(sent).toEqual(['b', 'a']);
  });

  it('lets the next reply out after a failed turn or a failed send, and reports the failure to its own caller', async () => {
    const queue = createDeliveryQueue();
    const sent: string[] = [];
    const failedTurn = queue.inOrder('a', Promise.reject(new Error('turn failed')), async (text: string) => {
      sent.push(text);
    });
    const failedSend = queue.inOrder('a', Promise.resolve('lost'), async () => {
      throw new Error('send failed');
    });
    const next = queue.inOrder('a', Promise.resolve('next'), async (text) => {
      sent.push(text);
    });
    await expect(failedTurn).rejects.toThrow('turn failed');
    await expect(failedSend).rejects.toThrow('send failed');
    await next;
    expect(sent).toEqual(['next']);
  });

  it('settles once everything tracked is over, work tracked meanwhile included', async () => {
    const queue = createDeliveryQueue();
    const first = deferred();
    const later = deferred();
    void queue.track(first.promise);
    let settled = false;
    const settling = queue.settled().then(() => {
      settled = true;
    });
    void queue.track(later.promise);
    first.resolve();
    await tick();
    expect(settled).toBe(false);
    later.reject(new Error('a failure counts as over'));
    await settling;
    expect(settled).toBe(true);
  });

  it('waits for downstream work, then again for what came in meanwhile', async () => {
    const order: string[] = [];
    const pacer = deferred();
    const latecomer = deferred();
    let drains = 0;
    const queue = createDeliveryQueue({
      downstream: async () => {
        drains += 1;
        if (drains === 1) {
          void queue.track(latecomer.promise.then(() => order.push('latecomer')));
          await pacer.promise;
          order.push('pacer');
        }
      },
    });
    const settling = queue.settled().then(() => order.push('settled'));
    pacer.resolve();
    await tick();
    expect(order).toEqual(['pacer']);
    latecomer.resolve();
    await settling;
    expect(order).toEqual(['pacer', 'latecomer', 'settled']);
    expect(drains).toBe(2);
  });

  it('drains within a time limit: true when settled in time, false when work hangs', async () => {
    const queue = createDeliveryQueue();
    void queue.track(Promise.resolve());
    expect(await queue.drain(1000)).toBe(true);
    void queue.track(new Promise(() => undefined));
    expect(await queue.drain(20)).toBe(false);
  });
});
