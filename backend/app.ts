// The reference welfare backend as an express app: wiring, request logs and problem details; routes live in routes/.
import express, { type ErrorRequestHandler, type Express } from 'express';
import { DateTime } from 'luxon';
import { ProblemType } from '../src/welfare/contract.js';
import { safeErr, silentLogger, type Logger } from '../src/log.js';
import type { Catalogue } from './catalogue-schema.js';
import { loadCatalogue } from './catalogue.js';
import { createContext, type BackendContext } from './context.js';
import { bearerAuth } from './auth.js';
import { buildOpenApiDocument } from './openapi.js';
import { ProblemError, problem, sendProblem } from './problem.js';
import { bookingRoutes } from './routes/bookings.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { feedbackRoutes } from './routes/feedback.js';
import { voucherRoutes } from './routes/vouchers.js';
import { welfareAccountRoutes } from './routes/welfare-accounts.js';
import { loadVoucherPolicy, type VoucherPolicy } from './vouchers.js';
import { createWebhookSender, type WebhookSender, type WebhookSenderOptions, type WebhookSubscriber } from './webhooks.js';
import { API_PREFIX } from '../src/welfare/contract.js';

export interface BackendOptions {
  catalogue?: Catalogue;
  policy?: VoucherPolicy;
  now?: () => DateTime;
  logger?: Logger;
  /** Told of every voucher status change with a signed POST (see `signatureHeader`). */
  webhooks?: WebhookSubscriber[];
  webhookDelivery?: Pick<WebhookSenderOptions, 'retryDelaysMs' | 'timeoutMs' | 'nowSeconds'>;
  /** Set: every /v1 request needs "Authorization: Bearer <token>" (401 otherwise). Unset: the API is open, for local development. */
  token?: string;
}

export function createBackendApp(options: BackendOptions = {}): { app: Express; context: BackendContext; webhooks: WebhookSender } {
  const log = options.logger ?? silentLogger;
  const webhooks = createWebhookSender({ subscribers: options.webhooks ?? [], log, ...options.webhookDelivery });
  const context = createContext(
    options.catalogue ?? loadCatalogue(),
    options.policy ?? loadVoucherPolicy(),
    options.now ?? (() => DateTime.now()),
    webhooks.send,
  );
  const openapi = buildOpenApiDocument();
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The route template, never the URL: a query string can carry a fiscal code.
      const route = req.route ? `${req.baseUrl}${String((req.route as { path: unknown }).path)}` : 'unmatched';
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info({ method: req.method, route, status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    next();
  });
  app.use(express.json({ limit: '64kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // health and the contract stay readable: they hold no one's data
  if (options.token) app.use(API_PREFIX, bearerAuth(options.token));
  else
    log.warn(
      { code: 'backend_open' },
      'WELFARE_BACKEND_TOKEN is not set: the welfare API is open to anyone who can reach it (local development only)',
    );
  app.use(
    API_PREFIX,
    catalogueRoutes(context),
    bookingRoutes(context),
    feedbackRoutes(context),
    voucherRoutes(context),
    welfareAccountRoutes(context),
  );

  app.use((_req, _res, next) => {
    next(problem(ProblemType.notFound, 404, 'There is nothing at this address.'));
  });
  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    if (err instanceof ProblemError) {
      sendProblem(res, err.problem);
      return;
    }
    const bodyError = err as { type?: string; status?: number };
    if (bodyError.type === 'entity.parse.failed') {
      sendProblem(res, problem(ProblemType.validation, 400, 'The body is not valid JSON.').problem);
      return;
    }
    if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      sendProblem(res, { type: ProblemType.validation, title: 'The request is not valid', status: bodyError.status });
      return;
    }
    log.error({ err: safeErr(err) }, 'unhandled error in the reference backend');
    sendProblem(res, problem(ProblemType.internal, 500, 'Something went wrong on our side.').problem);
  };
  app.use(onError);
  return { app, context, webhooks };
}
