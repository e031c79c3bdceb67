// Serves an HTTP app and closes it gracefully: stop accepting, let the requests inside finish (a bounded wait), then
// close what is left. Knows nothing of what the app serves; the composition root decides what is mounted and when.
import type { Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpServer {
  /** Where this process answers, for tests and logs. */
  url: string;
  port: number;
  server: Server;
  /** Stops accepting and waits for requests in flight (at most `graceMs`), then drops the connections left. */
  close(graceMs: number): Promise<void>;
}

export async function listen(app: Express, options: { port: number; host?: string }): Promise<HttpServer> {
  const server = app.listen(options.port, options.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    async close(graceMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests already inside (webhook turns) finish; the channels then send what they queued.
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
      server.closeAllConnections();
    },
  };
}
