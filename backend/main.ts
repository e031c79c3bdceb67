// `npm run backend`: the reference welfare backend alone, on BACKEND_PORT (default 8081); voucher status webhooks to BACKEND_WEBHOOK_URL; bearer token WELFARE_BACKEND_TOKEN.
import { z } from 'zod';
import { createLogger } from '../src/log.js';
import { startBackend } from './server.js';

const Env = z
  .object({
    BACKEND_PORT: z.coerce.number().int().min(0).max(65535).default(8081),
    BACKEND_HOST: z.string().min(1).default('127.0.0.1'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    BACKEND_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    BACKEND_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    // the same value as the assistant's WELFARE_BACKEND_TOKEN; unset, the API is open (a warning says so at start)
    WELFARE_BACKEND_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .superRefine((env, ctx) => {
    // one without the other is a half-configured webhook: say so rather than sending unsigned or nowhere
    if ((env.BACKEND_WEBHOOK_URL === undefined) !== (env.BACKEND_WEBHOOK_SECRET === undefined)) {
      const missing = env.BACKEND_WEBHOOK_URL === undefined ? 'BACKEND_WEBHOOK_URL' : 'BACKEND_WEBHOOK_SECRET';
      ctx.addIssue({ code: 'custom', path: [missing], message: 'required when the other BACKEND_WEBHOOK_* is set' });
    }
  });

const parsed = Env.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== '')));
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(1);
}
const log = createLogger({ level: parsed.data.LOG_LEVEL, name: 'reference-backend' });
const { BACKEND_WEBHOOK_URL: url, BACKEND_WEBHOOK_SECRET: secret } = parsed.data;
const backend = await startBackend({
  port: parsed.data.BACKEND_PORT,
  host: parsed.data.BACKEND_HOST,
  logger: log,
  webhooks: url && secret ? [{ url, secret }] : [],
  ...(parsed.data.WELFARE_BACKEND_TOKEN ? { token: parsed.data.WELFARE_BACKEND_TOKEN } : {}),
});
console.log(`Reference welfare backend listening on ${backend.url} (in-memory: its bookings are lost when it stops)`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void backend.close().then(() => process.exit(0));
  });
}
