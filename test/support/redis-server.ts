// A throwaway redis-server that a test can stop and start again, to play "Redis went away".
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createClient } from 'redis';
import { findOnPath, freePort } from '../setup/redis.js';

export interface OwnRedis {
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Undefined when redis-server is not on the PATH (the suite may be using a remote REDIS_URL). */
export async function ownRedis(): Promise<OwnRedis | undefined> {
  const bin = await findOnPath('redis-server', process.env['PATH']);
  if (!bin) return undefined;
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  const running = () => server !== undefined && server.exitCode === null && server.signalCode === null;
  return {
    url,
    async start() {
      server = spawn(bin, ['--save', '', '--appendonly', 'no', '--port', String(port), '--bind', '127.0.0.1'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        const client = createClient({ url, socket: { reconnectStrategy: false } });
        client.on('error', () => undefined); // refused while starting: the loop tries again
        if (
          await client.connect().then(
            () => true,
            () => false,
          )
        ) {
          client.destroy();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`redis-server did not answer on port ${port}`);
    },
    async stop() {
      if (!running()) return;
      const exited = once(server!, 'exit');
      server!.kill('SIGKILL');
      await exited;
    },
  };
}
