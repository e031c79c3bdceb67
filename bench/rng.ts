// A small seeded PRNG (mulberry32) so both sides of the benchmark draw the same answers; not for anything secret.

/** Returns floats in [0, 1); the same seed gives the same sequence on every run and platform. */
export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both included. */
function randomInt(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[randomInt(rng, 0, items.length - 1)];
  if (item === undefined) throw new Error('pick: cannot pick from an empty list');
  return item;
}

/** One conversation's answers as choice indexes, so both sides draw the same answers from the same seed. */
export interface AnswerDraw {
  category: number; // of 3
  service: number; // of 5
  /** Sent and re-prompted before the valid age, in 10% of conversations. */
  invalidAge: string | undefined;
  age: number; // 0–120
  municipality: number; // of 5
  slot: number; // of 4
}

export function drawAnswers(rng: Rng): AnswerDraw {
  return {
    category: randomInt(rng, 0, 2),
    service: randomInt(rng, 0, 4),
    invalidAge: rng() < 0.1 ? pick(rng, ['150', 'boh']) : undefined,
    age: randomInt(rng, 0, 120),
    municipality: randomInt(rng, 0, 4),
    slot: randomInt(rng, 0, 3),
  };
}
