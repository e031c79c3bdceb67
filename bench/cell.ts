// What both sides of a benchmark cell share: warm-up, the timed run over the scripted conversations, checks and figures.
import { scripts, type Script } from './flow-data.js';
import { msSince, percentile, runPool } from './measure.js';

export interface CellOptions {
  storage: 'memory' | 'redis';
  redisUrl: string;
  concurrency: number;
  conversations: number;
  seed: number;
}

export interface CellResult {
  turns: number;
  seconds: number;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerConversationAtPeak: number;
  roundTripsPerTurn: number;
  checked: number;
  failures: number;
  /** Up to three, to say what went wrong. */
  failureExamples: string[];
}

/** One engine on one storage, as the cell drives it. */
export interface CellDriver {
  /** Sends one resident's text and returns the reply's text; throws when there is none. */
  turn(script: Script, text: string, index: number): Promise<string>;
  /** Clears what the warm-up left (keys, counters, peaks) before the timed run. */
  afterWarmUp(warmUp: Script[]): Promise<void>;
  /** Store round trips since the warm-up. */
  roundTrips(): number;
  /** Per conversation of the timed run, the most bytes its state took at once. */
  peakBytes(): number[];
  /** Checks, outside the timed run, that each conversation's profile holds its answers. */
  checkProfiles(list: Script[], fail: (script: Script, reason: string) => void): Promise<void>;
}

const WARM_UP_CONVERSATIONS = 300;

export async function measureCell(options: CellOptions, driver: CellDriver): Promise<CellResult> {
  const latencies: number[] = [];
  const failureExamples: string[] = [];
  const failed = new Set<string>(); // conversations, however many checks each one failed
  const fail = (script: Script, reason: string) => {
    failed.add(script.conversationId);
    if (failureExamples.length < 3) failureExamples.push(`${script.conversationId}: ${reason}`);
  };
  const talk = async (script: Script, record: boolean) => {
    let last = '';
    for (const [index, text] of script.texts.entries()) {
      const start = process.hrtime.bigint();
      last = await driver.turn(script, text, index);
      if (record) latencies.push(msSince(start));
    }
    if (!last.includes(script.expected.service) || !last.includes(script.expected.slot)) fail(script, `final reply "${last}"`);
  };
  const runAll = (list: Script[], record: boolean) =>
    runPool(list.length, options.concurrency, async (i) => {
      const script = list[i]!;
      try {
        await talk(script, record);
      } catch (err) {
        fail(script, err instanceof Error ? err.message : String(err));
      }
    });

  // Warm-up (JIT, connections): not measured.
  const warmUp = scripts(options.seed ^ 0x5eed, WARM_UP_CONVERSATIONS, 'warm-');
  await runAll(warmUp, false);
  if (failed.size > 0) throw new Error(`warm-up failed: ${failureExamples.join('; ')}`);
  await driver.afterWarmUp(warmUp);

  const timed = scripts(options.seed, options.conversations, '');
  const start = process.hrtime.bigint();
  await runAll(timed, true);
  const seconds = msSince(start) / 1000;
  const roundTrips = driver.roundTrips();
  await driver.checkProfiles(timed, fail);

  const turns = latencies.length;
  const peaks = driver.peakBytes();
  return {
    turns,
    seconds,
    turnsPerSecond: turns / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    bytesPerConversationAtPeak: peaks.length === 0 ? 0 : peaks.reduce((a, b) => a + b, 0) / peaks.length,
    roundTripsPerTurn: turns === 0 ? 0 : roundTrips / turns,
    checked: timed.length,
    failures: failed.size,
    failureExamples,
  };
}
