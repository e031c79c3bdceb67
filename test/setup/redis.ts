// Vitest global setup: uses the Redis at REDIS_URL, or starts a throwaway redis-server for the run; touches no keys.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';
import type { TestProject } from 'vitest/node';
import type {} from '../support/redis.js'; // the ProvidedContext augmentation that types provide('redisUrl')

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
const START_TIMEOUT_MS = 5000;
const HINT = 'Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL.';

/** Its message is one line saying what to do; setup prints it alone. */
export class RedisUnavailableError extends Error {
  readonly code = 'redis_unavailable';
  override readonly name = 'RedisUnavailableError';
}

export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

export default async function setup(project: Pick<TestProject, 'provide'>): Promise<() => Promise<void>> {
  let redis: TestRedis;
  try {
    redis = await findOrStartRedis(process.env);
  } catch (err) {
    if (!(err instanceof RedisUnavailableError)) throw err;
    // Thrown, vitest would box it under a misleading "No test files found": say the one line and stop the run.
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  project.provide('redisUrl', redis.url);
  process.env['REDIS_URL'] = redis.url; // for the assistant processes that tests spawn
  return () => redis.stop();
}

export async function findOrStartRedis(env: NodeJS.ProcessEnv): Promise<TestRedis> {
  const wanted = env['REDIS_URL'] || DEFAULT_REDIS_URL;
  if (await answers(wanted, 1000)) return { url: wanted, stop: async () => undefined };
  const bin = await findOnPath('redis-server', env['PATH']);
  if (!bin) {
    throw new RedisUnavailableError(`Sportello's tests need Redis: none answers at ${wanted} and redis-server is not on the PATH. ${HINT}`);
  }
  return startRedisServer(bin, wanted);
}

/** A refused or timed-out connection, a non-Redis peer or a refused PING all mean "no Redis here": a value, not an error. */
export async function answers(url: string, timeoutMs: number): Promise<boolean> {
  let client: ReturnType<typeof createClient> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
    client.on('error', () => undefined); // without a listener a refused socket crashes the process; connect() rejects anyway
    const pong = client.connect().then((c) => c.ping());
    // A peer that accepts the socket but never speaks RESP would leave PING pending forever.
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no PONG within ${timeoutMs} ms`)), timeoutMs);
    });
    return (await Promise.race([pong, timeout])) === 'PONG';
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    if (client?.isOpen) client.destroy();
  }
}

export async function findOnPath(command: string, searchPath: string | undefined): Promise<string | undefined> {
  const names = process.platform === 'win32' ? [`${command}.exe`, command] : [command];
  for (const dir of (searchPath ?? '').split(path.delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = path.join(dir, name);
      if (await isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false; // missing or not executable: keep looking along the PATH
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not pick a free port');
  return address.port;
}

async function startRedisServer(bin: string, wanted: string): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn(bin, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Keep draining its output (a full pipe would block the server) and remember the tail for a failure message.
  let tail = '';
  const remember = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-2000);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let spawnError: Error | undefined;
  child.on('error', (err) => {
    spawnError = err;
  });
  const killOnExit = () => child.kill('SIGKILL'); // vitest killed or crashed: leave no server behind
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null || spawnError) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };

  const fail = async (what: string): Promise<never> => {
    await stop();
    const lastLine = tail.trim().split('\n').pop()?.trim();
    throw new RedisUnavailableError(
      `Sportello's tests need Redis: none answers at ${wanted} and ${bin} ${what}${lastLine ? ` (it said: ${lastLine})` : ''}. ${HINT}`,
    );
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) return fail(`could not be started: ${spawnError.message}`);
    if (child.exitCode !== null || child.signalCode !== null) {
      return fail(`exited with ${child.exitCode !== null ? `code ${child.exitCode}` : child.signalCode!} before answering on port ${port}`);
    }
    if (await answers(url, 200)) return { url, stop };
    if (Date.now() > deadline) return fail(`did not answer on port ${port} within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(25);
  }
}
