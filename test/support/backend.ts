// Starts the reference backend on a free port with a fixed clock, and a client pointed at it.
import { DateTime } from 'luxon';
import { startBackend, type RunningBackend } from '../../backend/server.js';
import type { WebhookSubscriber } from '../../backend/webhooks.js';
import { createWelfareClient, type WelfareClient, type WelfareClientOptions } from '../../src/welfare/client.js';

export interface TestBackend extends RunningBackend {
  client: WelfareClient;
  clock: { now: DateTime };
}

export async function referenceBackend(
  options: { now?: string; client?: Partial<WelfareClientOptions>; webhooks?: WebhookSubscriber[]; token?: string } = {},
): Promise<TestBackend> {
  const clock = { now: DateTime.fromISO(options.now ?? '2026-03-02T09:00:00', { zone: 'Europe/Rome' }) };
  const backend = await startBackend({
    now: () => clock.now,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.token ? { token: options.token } : {}),
  });
  const client = createWelfareClient({ baseUrl: backend.url, timeoutMs: 2000, ...options.client });
  return { ...backend, client, clock };
}
