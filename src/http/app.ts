// The one HTTP app every remote channel shares: health, readiness, metrics; channels mount their own routes.
import express, { type Express } from 'express';
import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';

/** Each check resolves when its dependency answers and rejects otherwise. */
export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export function createHttpApp(deps: { checks: ReadinessChecks; metrics: Metrics; log: Logger }): Express {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(deps.checks).map(async ([name, check]) => {
        try {
          // A check that hangs is a check that failed: readiness probes have short timeouts.
          await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000).unref())]);
          return [name, 'ok'] as const;
        } catch (err) {
          deps.log.warn({ check: name, code: (err as { code?: string }).code ?? 'unavailable' }, 'readiness check failed');
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = entries.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ ready, checks: Object.fromEntries(entries) });
  });

  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });

  return app;
}
