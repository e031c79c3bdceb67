// Starts the reference backend on a port (0 = any free one) and says where it listens.
import type { AddressInfo } from 'node:net';
import { createBackendApp, type BackendOptions } from './app.js';
import type { BackendContext } from './context.js';

export interface RunningBackend {
  url: string;
  context: BackendContext;
  close(): Promise<void>;
}

export async function startBackend(options: BackendOptions & { port?: number; host?: string } = {}): Promise<RunningBackend> {
  const { app, context, webhooks } = createBackendApp(options);
  const host = options.host ?? '127.0.0.1';
  const server = app.listen(options.port ?? 0, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    context,
    close: () =>
      new Promise<void>((resolve, reject) => {
        webhooks.close();
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
