// A scheduler replica for the multi-process tests: claims due jobs from Redis and "sends" each to a recipient kept in Redis.
// Stops when stdin ends. Lines out (JSON): { ready }, { stalled: id } (see STALL_AT), { refused: id } (a lost lease).
//
// The recipient stands in for a channel that dedupes by message id, as a sender gets exactly once from an
// at-least-once scheduler: accepting a job id is one atomic step (SET NX of a marker + RPUSH to the inbox), so a
// job delivered again after its holder died is recognised and not shown twice. Every send, accepted or not, is
// logged apart ("sends"), so the test can see which jobs the scheduler handed out more than once, and to whom.
import { setTimeout as pause } from 'node:timers/promises';
import { createClient } from 'redis';
import { connectRedisScheduler } from '../../src/proactive/redis-scheduler.js';
import type { Job } from '../../src/proactive/scheduler.js';

const url = process.env['REDIS_URL']!;
const prefix = process.env['SCHEDULER_PREFIX']!;
const leaseMs = Number(process.env['LEASE_MS'] ?? 500);
const batch = Number(process.env['BATCH'] ?? 5);
/** After this many sends, stall after the next send, before completing it, holding the rest of the batch: the test kills us there. */
const stallAt = Number(process.env['STALL_AT'] ?? Infinity);

/** KEYS: marker, inbox, sends | ARGV: id, attempt, pid → 1 accepted, 0 already had it */
const RECEIVE = `
redis.call('RPUSH', KEYS[3], ARGV[1] .. ' ' .. ARGV[2] .. ' ' .. ARGV[3])
if redis.call('SET', KEYS[1], ARGV[3], 'NX') then
  redis.call('RPUSH', KEYS[2], ARGV[1])
  return 1
end
return 0
`;

const scheduler = await connectRedisScheduler({ url, prefix });
const recipient = createClient({ url });
await recipient.connect();
// The test reads the inbox and the sends under these names.
const keys = { marker: (id: string) => `${prefix}recipient:seen:${id}`, inbox: `${prefix}recipient:inbox`, sends: `${prefix}recipient:sends` };
const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function send(job: Job): Promise<void> {
  await pause(Math.random() * 4); // a channel's round trip, so the two replicas interleave
  await recipient.eval(RECEIVE, {
    keys: [keys.marker(job.id), keys.inbox, keys.sends],
    arguments: [job.id, String(job.attempts), String(process.pid)],
  });
}

// A property, not a `let`: the end of stdin sets it from a listener, which TypeScript's narrowing does not see.
const input = { ended: false };
process.stdin.on('end', () => (input.ended = true)).resume();
say({ ready: true });

let sent = 0;
while (!input.ended) {
  const jobs = await scheduler.claim(Date.now(), batch, leaseMs);
  if (jobs.length === 0) {
    await pause(25);
    continue;
  }
  for (const job of jobs) {
    await send(job);
    if (++sent > stallAt) {
      say({ stalled: job.id });
      await new Promise(() => setInterval(() => undefined, 1000)); // hangs here, alive, until SIGKILL
    }
    if (!(await scheduler.complete(job.id, job.attempts))) say({ refused: job.id });
  }
}
await scheduler.close();
recipient.destroy();
