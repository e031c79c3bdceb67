// Two scheduler replicas sharing Redis over 500 due jobs: each delivered once, none lost, even when one is killed mid-batch.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as pause } from 'node:timers/promises';
import { createClient } from 'redis';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { connectRedisScheduler } from '../../src/proactive/redis-scheduler.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

const JOBS = 500;
const LEASE_MS = 500;

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});

function worker(prefix: string, env: Record<string, string> = {}) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'test/support/scheduler-worker.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: redisUrl(), SCHEDULER_PREFIX: prefix, LEASE_MS: String(LEASE_MS), ...env },
  });
  const said: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => said.push(JSON.parse(line) as Record<string, unknown>));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const saying = (key: string) => said.find((line) => key in line);
  return {
    pid: child.pid!,
    said,
    /** Resolves with the first line carrying `key`. */
    until: async (key: string, ms = 15_000) => {
      await until(
        () => saying(key) !== undefined,
        ms,
        () => `worker ${child.pid!} never said "${key}": ${stderr}`,
      );
      return saying(key)!;
    },
    end: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`worker exited ${code ?? 'on a signal'}: ${stderr}`);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, ms: number, why: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${why()}`);
    await pause(20);
  }
}

/** A prefix of its own, 500 jobs to schedule (already due, earliest first), and readers of what the recipient saw (the worker's keys). */
async function setUp(name: string) {
  const prefix = testPrefix(name);
  prefixes.push(prefix);
  const scheduler = await connectRedisScheduler({ url: redisUrl(), prefix });
  const ids = Array.from({ length: JOBS }, (_, i) => `booking:${i}:reminder`);
  const base = Date.now() - 60_000;
  const scheduleAll = () => Promise.all(ids.map((id, i) => scheduler.schedule({ id, kind: 'reminder', dueAt: base + i, payload: { booking: i } })));
  const client = createClient({ url: redisUrl() });
  await client.connect();
  const inbox = () => client.lRange(`${prefix}recipient:inbox`, 0, -1);
  const sends = async () =>
    (await client.lRange(`${prefix}recipient:sends`, 0, -1)).map((line) => {
      const [id, attempt, pid] = line.split(' ');
      return { id: id!, attempt: Number(attempt), pid: Number(pid) };
    });
  const allDone = async () => (await client.lLen(`${prefix}recipient:inbox`)) === JOBS && (await scheduler.counts(Date.now())).scheduled === 0;
  const close = async () => {
    client.destroy();
    await scheduler.close();
  };
  return { prefix, ids, scheduler, scheduleAll, inbox, sends, allDone, close };
}

const countBy = <T>(items: T[]) => items.reduce((m, item) => m.set(item, (m.get(item) ?? 0) + 1), new Map<T, number>());

describe('two scheduler processes sharing Redis', () => {
  it('deliver 500 due jobs between them, each exactly once, none claimed twice', async () => {
    const run = await setUp('sched-two');
    const workers = [worker(run.prefix), worker(run.prefix)];
    await Promise.all(workers.map((w) => w.until('ready')));
    const started = Date.now();
    await run.scheduleAll(); // both are polling: neither gets a head start
    await until(run.allDone, 15_000, () => 'not every job was delivered');
    const ms = Date.now() - started;
    await Promise.all(workers.map((w) => w.end()));

    const sends = await run.sends();
    expect([...(await run.inbox())].sort()).toEqual([...run.ids].sort());
    expect(sends).toHaveLength(JOBS); // no job handed out twice, not even to be deduped
    expect(sends.every((s) => s.attempt === 1)).toBe(true);
    expect(new Set(sends.map((s) => s.pid))).toEqual(new Set(workers.map((w) => w.pid)));
    expect(workers.flatMap((w) => w.said.filter((line) => 'refused' in line))).toEqual([]);
    expect(await run.scheduler.counts(Date.now())).toEqual({ scheduled: 0, due: 0, leased: 0 });
    console.info(`two replicas, ${JOBS} jobs: ${ms} ms from scheduling`);
    await run.close();
  }, 30_000);

  it('deliver every job once when one is killed mid-batch: the survivor takes its jobs after the lease', async () => {
    const run = await setUp('sched-kill');
    // The victim sends 120 jobs (about half of its share), then the 121st, and hangs before completing it,
    // holding the rest of its batch: the worst moment to die, delivered but not completed.
    const victim = worker(run.prefix, { STALL_AT: '120' });
    const survivor = worker(run.prefix);
    await Promise.all([victim.until('ready'), survivor.until('ready')]);
    const started = Date.now();
    await run.scheduleAll();
    const stalled = String((await victim.until('stalled'))['stalled']);
    await victim.kill();
    const killedAt = Date.now();
    const deliveredAtKill = (await run.inbox()).length;
    await until(run.allDone, 15_000, () => 'the survivor did not finish the victim’s jobs');
    const ms = Date.now() - started;
    await survivor.end();

    const inbox = await run.inbox();
    const sends = await run.sends();
    // Exactly once where it counts: the recipient got every job, none twice.
    expect(inbox).toHaveLength(JOBS);
    expect([...inbox].sort()).toEqual([...run.ids].sort());
    // At least once from the scheduler: the one job sent more than once is the one sent and never completed,
    // sent again by the survivor on attempt 2 once the lease ended (and recognised by the recipient).
    const twice = [...countBy(sends.map((s) => s.id))].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice).toEqual([stalled]);
    expect(sends.filter((s) => s.id === stalled).map((s) => [s.pid, s.attempt])).toEqual([
      [victim.pid, 1],
      [survivor.pid, 2],
    ]);
    // The rest of the victim's batch went to the survivor too, after the lease: claimed before, never sent by the victim.
    const retaken = sends.filter((s) => s.attempt === 2 && s.id !== stalled);
    expect(retaken.every((s) => s.pid === survivor.pid)).toBe(true);
    expect(sends.filter((s) => s.pid === victim.pid)).toHaveLength(121);
    expect(survivor.said.filter((line) => 'refused' in line)).toEqual([]);
    expect(await run.scheduler.counts(Date.now())).toEqual({ scheduled: 0, due: 0, leased: 0 });
    console.info(
      `kill test: ${deliveredAtKill}/${JOBS} delivered at the kill; ${retaken.length + 1} job(s) taken over after the ${LEASE_MS} ms lease; ` +
        `all done ${Date.now() - killedAt} ms after the kill, ${ms} ms from scheduling`,
    );
    await run.close();
  }, 30_000);
});
