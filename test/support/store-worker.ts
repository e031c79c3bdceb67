// A worker process for the multi-process tests: turns arrive as JSON lines on stdin, replies leave as JSON lines on stdout.
// Each line is handled as soon as it is read, without waiting for the previous one: ordering is the store's job.
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadDialogs } from '../../src/conversation/dialog-loader.js';
import { createTurnRunner } from '../../src/conversation/turn.js';
import { silentLogger } from '../../src/log.js';
import { connectRedisStore } from '../../src/state/redis-store.js';
import type { WelfarePort } from '../../src/welfare/port.js';
import { registerRecordKind } from './record-kind.js';
import { projectTranslator } from './step-turn.js';
import { testPrivacy } from './privacy.js';

registerRecordKind();
const store = await connectRedisStore({
  url: process.env['REDIS_URL']!,
  prefix: process.env['STORE_PREFIX']!,
  leaseMs: Number(process.env['LEASE_MS'] ?? 5000),
});
const flows = loadDialogs(fileURLToPath(new URL('../fixtures/dialogs-record', import.meta.url)));
const unused = new Proxy({} as WelfarePort, { get: () => () => Promise.reject(new Error('no backend in this test')) });
const runner = createTurnRunner({ store, flows, translator: projectTranslator(), welfare: unused, log: silentLogger, privacy: testPrivacy });

process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
const pending: Promise<void>[] = [];
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const { conv, text, updateId } = JSON.parse(line) as { conv: string; text: string; updateId?: string };
  pending.push(
    runner({ channel: 'telegram', id: conv }, { type: 'text', text }, updateId ? { updateId } : {}).then((messages) => {
      const last = messages.at(-1);
      process.stdout.write(
        `${JSON.stringify({ conv, text, pid: process.pid, replies: messages.length, log: last?.type === 'text' ? last.text : null })}\n`,
      );
    }),
  );
}
await Promise.all(pending);
await store.close();
