// `npm start`: reads the environment and starts the composed app: its remote channels behind the HTTP server when
// configured, else the terminal. Signals and exit codes are handled here; the parts are built in app/compose.ts.
import { pino } from 'pino';
import { composeApp } from './app/compose.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DialogError } from './conversation/dialog-loader.js';
import { codeOf, StartupError } from './errors.js';
import { OfficeHoursError } from './handoff/office-hours.js';
import { PrivacyFileError } from './app/privacy-file.js';
import { createMetrics } from './http/metrics.js';
import { LocaleError } from './i18n/locales.js';
import { createLogger, type Logger } from './log.js';

async function serve(config: Config): Promise<void> {
  const log = createLogger({ level: config.logLevel ?? 'info' });
  // One bad update must never take the process down: log it and go on. Only its code and name: a platform
  // error can carry the request it failed on (a resident's text, a token).
  process.on('unhandledRejection', (err) =>
    log.error({ code: codeOf(err), name: err instanceof Error ? err.name : typeof err }, 'unhandled rejection'),
  );
  const app = await composeApp(config, { log, metrics: createMetrics() });
  const running = await app.start();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void running.stop().then(
        () => process.exit(0),
        (err: unknown) => fail(log, err),
      );
    });
  }
}

async function terminal(config: Config): Promise<void> {
  // In the terminal the conversation owns stdout: logs go to stderr, and only warnings unless asked.
  const log = createLogger({ level: config.logLevel ?? 'warn', destination: pino.destination(2) });
  const interactive = isTty(process.stdin) && isTty(process.stdout);
  // With a Slack staff desk the HTTP server runs too (Slack posts to it); staff replies, reminders and follow-ups
  // print here while the terminal is open.
  const app = await composeApp(config, { log, terminal: { input: process.stdin, output: process.stdout, interactive } });
  const running = await app.start();
  await app.terminal!.run();
  await running.stop();
  process.exit(0);
}

// @types/node declares isTTY a boolean, but a piped or redirected stream has none at all.
const isTty = (stream: { isTTY?: boolean }): boolean => stream.isTTY === true;

function fail(log: Logger, err: unknown): never {
  log.fatal({ code: codeOf(err), name: err instanceof Error ? err.name : typeof err }, 'stopped on an error');
  process.exit(1);
}

try {
  const config = loadConfig(process.env, process.argv.slice(2));
  if (config.telegram || config.botframework) await serve(config);
  else await terminal(config);
} catch (err) {
  if (
    err instanceof ConfigError ||
    err instanceof DialogError ||
    err instanceof LocaleError ||
    err instanceof StartupError ||
    err instanceof OfficeHoursError ||
    err instanceof PrivacyFileError
  ) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
