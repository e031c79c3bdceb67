// What every platform stand-in shares: a log of the calls it received that a test can wait on, and a local server.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallLog<C extends { method: string }> {
  calls: C[];
  record(call: C): void;
  callsTo(method: string): C[];
  /** Resolves when `method` has been called `count` times in all (at once if it already has). */
  waitForCalls(method: string, count: number): Promise<void>;
}

export function callLog<C extends { method: string }>(): CallLog<C> {
  const calls: C[] = [];
  const waiters: { method: string; count: number; done: () => void }[] = [];
  const callsTo = (method: string) => calls.filter((c) => c.method === method);
  const wake = () => {
    for (const w of [...waiters]) {
      if (callsTo(w.method).length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.done();
      }
    }
  };
  return {
    calls,
    callsTo,
    record(call) {
      calls.push(call);
      wake();
    },
    waitForCalls(method, count) {
      return new Promise<void>((done) => {
        waiters.push({ method, count, done });
        wake();
      });
    },
  };
}

/** A server on a free loopback port; `close` drops open connections first, so a test never waits on keep-alive. */
export async function localServer(
  handle: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer(handle);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    server,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
