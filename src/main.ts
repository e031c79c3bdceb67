// `npm start`: reads the environment, assembles the assistant and runs its channels: the remote ones behind the
// HTTP server when configured, else the terminal.
import { pino } from 'pino';
import { createAssistant } from './assistant.js';
import { createBotFrameworkChannel } from './channels/botframework/channel.js';
import type { RemoteChannel } from './channels/channel.js';
import { createTelegramChannel } from './channels/telegram/channel.js';
import { createTerminal } from './channels/terminal/run.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DialogError } from './conversation/dialog-loader.js';
import { codeOf, StartupError } from './errors.js';
import { OfficeHoursError } from './handoff/office-hours.js';
import { createMetrics } from './http/metrics.js';
import { startServer } from './http/server.js';
import { LocaleError } from './i18n/locales.js';
import { createLogger, type Logger } from './log.js';

async function serve(config: Config): Promise<void> {
  const log = createLogger({ level: config.logLevel ?? 'info' });
  // One bad update must never take the process down: log it and go on. Only its code and name: a platform
  // error can carry the request it failed on (a resident's text, a token).
  process.on('unhandledRejection', (err) => log.error({ code: codeOf(err), name: err instanceof Error ? err.name : typeof err }, 'unhandled rejection'));
  const assistant = await createAssistant(config, { log, metrics: createMetrics() });
  const { runner, translator, metrics } = assistant;
  const channels: RemoteChannel[] = [
    ...(config.telegram ? [createTelegramChannel({ config: config.telegram, runner, translator, log, metrics })] : []),
    ...(config.botframework ? [createBotFrameworkChannel({ config: config.botframework, runner, references: assistant.store, log, metrics })] : []),
  ];
  const server = await startServer({ assistant, channels, port: config.port, log, ...(config.welfareWebhookSecret ? { welfareWebhookSecret: config.welfareWebhookSecret } : {}) });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void server.stop().then(() => process.exit(0), (err: unknown) => fail(log, err));
    });
  }
}

async function terminal(config: Config): Promise<void> {
  // In the terminal the conversation owns stdout: logs go to stderr, and only warnings unless asked.
  const log = createLogger({ level: config.logLevel ?? 'warn', destination: pino.destination(2) });
  const assistant = await createAssistant(config, { log });
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const terminalChannel = createTerminal({ input: process.stdin, output: process.stdout, interactive, runner: assistant.runner, ...(config.locale ? { language: config.locale } : {}) });
  // With a Slack staff desk the HTTP server runs too (Slack posts to it), and staff replies print here.
  const server = assistant.handoff
    ? await startServer({ assistant, channels: [], deliverers: { terminal: terminalChannel }, port: config.port, log })
    : undefined;
  if (!server) {
    // Reminders and follow-ups print here too while the terminal is open.
    assistant.proactive.connect(assistant.runner, { terminal: terminalChannel });
    assistant.proactive.start();
  }
  await terminalChannel.run();
  if (server) await server.stop();
  else await assistant.close();
  process.exit(0);
}

function fail(log: Logger, err: unknown): never {
  log.fatal({ code: codeOf(err), name: err instanceof Error ? err.name : typeof err }, 'stopped on an error');
  process.exit(1);
}

try {
  const config = loadConfig(process.env, process.argv.slice(2));
  if (config.telegram || config.botframework) await serve(config);
  else await terminal(config);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DialogError || err instanceof LocaleError || err instanceof StartupError || err instanceof OfficeHoursError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
