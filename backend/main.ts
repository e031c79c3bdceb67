// `npm run backend`: the reference welfare backend alone, on BACKEND_PORT (default 8081).
import { z } from 'zod';
import { createLogger } from '../src/log.js';
import { startBackend } from './server.js';

const Env = z.object({
  BACKEND_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
  BACKEND_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const log = createLogger({ level: parsed.data.LOG_LEVEL, name: 'reference-backend' });
const backend = await startBackend({ port: parsed.data.BACKEND_PORT, host: parsed.data.BACKEND_HOST, logger: log });
console.log(`Reference welfare backend listening on ${backend.url} (in-memory: its bookings are lost when it stops)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void backend.close().then(() => process.exit(0));
  });
}
