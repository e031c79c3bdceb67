// `npm run bench` (`-- --quick` for a short run): Sportello's engine and botbuilder-dialogs on the same 7-turn booking,
// in-process, on memory and on Redis, at 1, 100 and 1000 concurrent conversations; prints one table and writes the figures.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runBotbuilderCell } from './botbuilder/run.js';
import type { CellOptions, CellResult } from './cell.js';
import { redisFloor } from './redis-floor.js';
import { runSportelloCell } from './sportello/run.js';

const quick = process.argv.includes('--quick');
const redisUrl = process.env['REDIS_URL'] || 'redis://127.0.0.1:6379';
const conversations = quick ? 200 : 1000;
const runs = quick ? 1 : 3;
const concurrencies = [1, 100, 1000];
const engines = { sportello: runSportelloCell, 'botbuilder-dialogs': runBotbuilderCell } as const;
type Engine = keyof typeof engines;
type Storage = CellOptions['storage'];

interface Cell extends CellResult {
  engine: Engine;
  storage: Storage;
  concurrency: number;
  runs: number;
}

const progress = (text: string) => process.stderr.write(`${text}\n`);

/** The run with the median throughput, so one noisy run neither flatters nor sinks a cell. */
async function cell(engine: Engine, storage: Storage, concurrency: number): Promise<Cell> {
  const results: CellResult[] = [];
  for (let run = 0; run < runs; run++) {
    const result = await engines[engine]({ storage, redisUrl, concurrency, conversations, seed: 42 + run });
    if (result.failures > 0)
      throw new Error(`${engine}/${storage}/${concurrency}: ${result.failures} conversations failed: ${result.failureExamples.join('; ')}`);
    results.push(result);
  }
  const median = [...results].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond)[Math.floor(results.length / 2)]!;
  progress(`  ${engine.padEnd(18)} ${storage.padEnd(6)} ×${String(concurrency).padEnd(5)} ${median.turnsPerSecond.toFixed(0)} turns/s`);
  return { ...median, engine, storage, concurrency, runs };
}

progress(`bench: ${conversations} conversations per cell, median of ${runs}, Redis at ${redisUrl}`);
const cells: Cell[] = [];
for (const storage of ['memory', 'redis'] as const) {
  for (const concurrency of concurrencies) {
    for (const engine of Object.keys(engines) as Engine[]) cells.push(await cell(engine, storage, concurrency));
  }
}
const floor = {
  inFlight1: (await redisFloor(redisUrl, 1, quick ? 1 : 3)).pairsPerSecond,
  inFlight100: (await redisFloor(redisUrl, 100, quick ? 1 : 3)).pairsPerSecond,
};

const find = (engine: Engine, storage: Storage, concurrency: number) =>
  cells.find((c) => c.engine === engine && c.storage === storage && c.concurrency === concurrency)!;
const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const lines = [
  '| engine | storage | concurrent | turns/s | p50 ms | p99 ms | bytes/conversation at peak | store round trips/turn | conversations checked |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ...cells.map(
    (c) =>
      `| ${c.engine} | ${c.storage} | ${c.concurrency} | ${fmt(c.turnsPerSecond)} | ${fmt(c.p50Ms, 2)} | ${fmt(c.p99Ms, 2)} | ${fmt(c.bytesPerConversationAtPeak)} | ${fmt(c.roundTripsPerTurn, 2)} | ${c.checked - c.failures}/${c.checked} |`,
  ),
];
const ratio = (storage: Storage, concurrency: number) =>
  find('sportello', storage, concurrency).turnsPerSecond / find('botbuilder-dialogs', storage, concurrency).turnsPerSecond;
const at100Redis = find('sportello', 'redis', 100);
const targets = [
  `- Sportello ÷ botbuilder-dialogs at 100 concurrent: memory ${fmt(ratio('memory', 100), 1)}×, Redis ${fmt(ratio('redis', 100), 1)}× (target ≥ 10×)`,
  `- Sportello with Redis at 100 concurrent vs the node-redis floor (${fmt(floor.inFlight100)} GET+SET pairs/s with 100 in flight): ${fmt((at100Redis.turnsPerSecond / floor.inFlight100) * 100, 1)}% of it (target: within a factor of 2, ≥ 50%)`,
  `- Sportello p99 turn latency at 100 concurrent with Redis: ${fmt(at100Redis.p99Ms, 2)} ms (target < 10 ms)`,
  `- Sportello stored bytes per conversation at peak: ${fmt(Math.max(...cells.filter((c) => c.engine === 'sportello').map((c) => c.bytesPerConversationAtPeak)))} (target < 1,024)`,
];
const report = [
  ...lines,
  '',
  `Redis floor (node-redis GET+SET pairs/s, same run): ${fmt(floor.inFlight1)} with 1 in flight, ${fmt(floor.inFlight100)} with 100 in flight.`,
  '',
  ...targets,
].join('\n');
console.log(report);

const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  settings: { conversations, runs, concurrencies, quick, redisUrl },
  cells,
  redisFloor: floor,
};
const dir = new URL('./results/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('latest.json', dir), `${JSON.stringify(results, null, 2)}\n`);
progress(`bench: figures written to bench/results/latest.json`);
