// A one-way edge back up the object graph: a part built early posts to it, the one part built later that answers it
// says so once; what was posted before then waits, in order. Lets the composition root build in dependency order
// where the running app talks in a circle (the staff desk before the runner whose turns answer it). No I/O.
export interface Mailbox<T> {
  /** Resolves once the item was answered; rejects with the answer's error. */
  post(item: T): Promise<void>;
  /** The one answerer, for the mailbox's lifetime. */
  answer(handle: (item: T) => Promise<void> | void): void;
}

export function createMailbox<T>(name: string): Mailbox<T> {
  let answerer: ((item: T) => Promise<void> | void) | undefined;
  const waiting: { item: T; done: (answered: Promise<void>) => void }[] = [];
  const run = async (handle: (item: T) => Promise<void> | void, item: T) => handle(item);

  return {
    post(item) {
      if (answerer) return run(answerer, item);
      return new Promise<Promise<void>>((done) => waiting.push({ item, done })).then((answered) => answered);
    },
    answer(handle) {
      if (answerer) throw new Error(`${name}: answered twice; one part answers a mailbox`);
      answerer = handle;
      for (const { item, done } of waiting.splice(0)) done(run(handle, item));
    },
  };
}
