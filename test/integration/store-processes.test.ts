// Several processes sharing Redis: per-conversation order across processes, one reply per redelivered update, and the lease.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { cleanPrefix, redisUrl, testPrefix } from '../support/redis.js';

interface Reply {
  conv: string;
  text: string;
  pid: number;
  replies: number;
  log: string | null;
}

const prefixes: string[] = [];
afterAll(async () => {
  for (const prefix of prefixes) await cleanPrefix(redisUrl(), prefix);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function worker(prefix: string, leaseMs = 5000) {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'test/support/store-worker.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, REDIS_URL: redisUrl(), STORE_PREFIX: prefix, LEASE_MS: String(leaseMs) },
  });
  const replies: Reply[] = [];
  let ready = false;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const parsed = JSON.parse(line) as Reply | { ready: true };
    if ('ready' in parsed) ready = true;
    else replies.push(parsed);
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    replies,
    /** Resolves once the worker is connected and reading. */
    ready: () => until(() => ready, 15_000),
    send: (message: { conv: string; text: string; updateId?: string }) => child.stdin.write(`${JSON.stringify(message)}\n`),
    end: async () => {
      child.stdin.end();
      const code = await exited;
      if (code !== 0 && code !== null) throw new Error(`worker exited ${code}: ${stderr}`);
    },
    kill: () => child.kill('SIGKILL'),
    exited,
  };
}

async function until(check: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await pause(10);
  }
}

describe('two processes sharing Redis', () => {
  it('handles 200 interleaved messages of 20 conversations in order, none lost', async () => {
    const prefix = testPrefix('procs');
    prefixes.push(prefix);
    const workers = [worker(prefix), worker(prefix)];
    await Promise.all(workers.map((w) => w.ready()));
    const conversations = Array.from({ length: 20 }, (_, i) => `c${i}`);
    for (let k = 0; k < 10; k++) {
      conversations.forEach((conv, i) => workers[(i + k) % 2]!.send({ conv, text: `m${k}` }));
      await pause(5); // a resident's next message never follows the previous within microseconds
    }
    await until(() => workers[0]!.replies.length + workers[1]!.replies.length === 200, 30_000);
    await Promise.all(workers.map((w) => w.end()));
    const all = [...workers[0]!.replies, ...workers[1]!.replies];
    expect(new Set(all.map((r) => r.pid)).size).toBe(2);
    for (const conv of conversations) {
      const replies = all.filter((r) => r.conv === conv);
      const logs = replies.map((r) => r.log!.replace(/^log:/, '').split(','));
      const final = logs.reduce((a, b) => (b.length > a.length ? b : a));
      // Complete: every message once, none lost, none twice.
      expect([...final].sort(), conv).toEqual(Array.from({ length: 10 }, (_, k) => `m${k}`).sort());
      // One after the other: every turn saw exactly the turns the store let in before it.
      for (const log of logs) expect(final.slice(0, log.length), conv).toEqual(log);
      // In arrival order: what one process received in a given order was handled in that order.
      for (const w of workers) {
        const sent = Array.from({ length: 10 }, (_, k) => k)
          .filter((k) => (conversations.indexOf(conv) + k) % 2 === workers.indexOf(w))
          .map((k) => `m${k}`);
        expect(
          final.filter((m) => sent.includes(m)),
          conv,
        ).toEqual(sent);
      }
    }
  }, 60_000);

  it('answers an update delivered to both processes only once', async () => {
    const prefix = testPrefix('dedupe');
    prefixes.push(prefix);
    const [a, b] = [worker(prefix), worker(prefix)];
    await Promise.all([a.ready(), b.ready()]);
    a.send({ conv: 'c1', text: 'once', updateId: 'u-1' });
    b.send({ conv: 'c1', text: 'once', updateId: 'u-1' });
    await until(() => a.replies.length + b.replies.length === 2, 15_000);
    await Promise.all([a.end(), b.end()]);
    const answered = [...a.replies, ...b.replies].filter((r) => r.replies > 0);
    expect(answered).toHaveLength(1);
    expect(answered[0]!.log).toBe('log:once');
  }, 30_000);

  it('lets the conversation go on within the lease when a process dies mid-turn', async () => {
    const prefix = testPrefix('kill');
    prefixes.push(prefix);
    const leaseMs = 1000;
    const [a, b] = [worker(prefix, leaseMs), worker(prefix, leaseMs)];
    await Promise.all([a.ready(), b.ready()]);
    a.send({ conv: 'c1', text: 'first' });
    await until(() => a.replies.length === 1, 15_000);
    a.send({ conv: 'c1', text: 'slow' }); // holds the conversation for 3 s
    await pause(300);
    a.kill();
    await a.exited;
    const killedAt = Date.now();
    b.send({ conv: 'c1', text: 'after' });
    await until(() => b.replies.length === 1, 10_000);
    const blocked = Date.now() - killedAt;
    await b.end();
    expect(b.replies[0]!.log).toBe('log:first,after');
    expect(blocked).toBeLessThan(leaseMs + 1500);
  }, 30_000);
});
