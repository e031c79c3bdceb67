// Runs the shared HTTP app with the remote channels, and stops it gracefully: stop accepting, finish turns, close.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Assistant } from '../assistant.js';
import type { Deliverers, RemoteChannel } from '../channels/channel.js';
import { createVoucherWebhookRouter } from '../proactive/webhook.js';
import type { Logger } from '../log.js';
import { createHttpApp } from './app.js';

export interface RunningServer {
  url: string;
  server: Server;
  /** Stops accepting, lets the channels drain, waits for turns in flight (at most `graceMs`), then closes the assistant. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServerOptions {
  assistant: Assistant;
  channels: RemoteChannel[];
  /** Channels that run outside the server but can be written to (the terminal), for staff replies. */
  deliverers?: Deliverers;
  port: number;
  host?: string;
  log: Logger;
  /** Set: the backend's signed voucher-status webhook is received (WELFARE_WEBHOOK_SECRET). */
  welfareWebhookSecret?: string;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { assistant, channels, log } = options;
  const { handoff } = assistant;
  const app = createHttpApp({ checks: assistant.checks, metrics: assistant.metrics, log });
  for (const channel of channels) channel.mount(app);
  handoff?.mount(app);
  assistant.onForget((conversation) => channels.find((c) => c.name === conversation.channel)?.forgot?.(conversation.id));
  const deliverers = { ...options.deliverers, ...Object.fromEntries(channels.map((c) => [c.name, c])) };
  handoff?.connect(assistant.runner, deliverers);
  assistant.proactive.connect(assistant.runner, deliverers);
  if (options.welfareWebhookSecret) {
    app.use(createVoucherWebhookRouter({ secret: options.welfareWebhookSecret, onEvent: (event) => assistant.proactive.voucherChanged(event), log }));
  }
  const server = app.listen(options.port, options.host ?? '0.0.0.0');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  for (const channel of channels) await channel.start();
  await handoff?.start();
  assistant.proactive.start();
  log.info({ port, channels: channels.map((c) => c.name), staffDesk: handoff ? 'slack' : 'none' }, 'listening');

  let stopping: Promise<void> | undefined;
  return {
    url,
    server,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Requests already inside (webhook turns) finish; the channels then send what they queued.
        await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
        server.closeAllConnections();
        // Slack first: a staff reply acknowledged before the stop is still delivered through the channels.
        await handoff?.stop();
        await assistant.proactive.stop();
        for (const channel of channels) await channel.stop();
        await assistant.close();
        log.info({}, 'stopped');
      })();
      return stopping;
    },
  };
}
