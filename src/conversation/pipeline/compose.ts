// How stages make one pipeline, the way grammY composes middleware; no conversation logic here.

/** Runs the rest of the pipeline; a stage that does not call it ends the turn there. */
export type Next = () => Promise<void>;

/** One job of a turn: do it, or pass the turn on with `next()` (and, if it wants, look at what came back). */
export type Stage<T> = (turn: T, next: Next) => Promise<void>;

/** The stage that does nothing but pass the turn on. */
const pass = (_turn: unknown, next: Next): Promise<void> => next();

/** `a` then `b`: `a`'s `next` runs `b`, and `b`'s `next` runs whatever follows both. */
function concat<T>(a: Stage<T>, b: Stage<T>): Stage<T> {
  return async (turn, next) => {
    let called = false;
    await a(turn, async () => {
      // A stage that called next() twice would run the rest of the turn twice: say which one it was.
      if (called) throw new Error(`stage "${a.name || 'anonymous'}" called next() twice`);
      called = true;
      await b(turn, next);
    });
  };
}

/** Stages in the order they run, as one stage. */
export function compose<T>(...stages: Stage<T>[]): Stage<T> {
  return stages.reduceRight<Stage<T>>((rest, stage) => concat(stage, rest), pass);
}
