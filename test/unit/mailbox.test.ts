// The mailbox that carries news back up the composition order: held until answered, in order; errors reach the poster.
import { describe, expect, it } from 'vitest';
import { createMailbox } from '../../src/mailbox.js';

describe('mailbox', () => {
  it('holds what is posted before the answerer comes, then answers it in order, and what follows at once', async () => {
    const box = createMailbox<string>('test');
    const heard: string[] = [];
    const first = box.post('a');
    const second = box.post('b');
    box.answer((item) => void heard.push(item));
    await Promise.all([first, second]);
    await box.post('c');
    expect(heard).toEqual(['a', 'b', 'c']);
  });

  it('resolves a post only once its answer finished', async () => {
    const box = createMailbox<number>('test');
    let done = false;
    box.answer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      done = true;
    });
    await box.post(1);
    expect(done).toBe(true);
  });

  it("rejects a post with the answer's error, thrown or rejected", async () => {
    const box = createMailbox<number>('test');
    box.answer((n) => {
      if (n === 1) throw new Error('thrown');
      return Promise.reject(new Error('rejected'));
    });
    await expect(box.post(1)).rejects.toThrow('thrown');
    await expect(box.post(2)).rejects.toThrow('rejected');
  });

  it('refuses a second answerer, naming the mailbox', () => {
    const box = createMailbox<number>('staff inbox');
    box.answer(() => undefined);
    expect(() => box.answer(() => undefined)).toThrow(/staff inbox: answered twice/);
  });
});
