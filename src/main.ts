// `npm start`: reads the environment, assembles the assistant and runs its channels (the terminal by default).
import { pino } from 'pino';
import { createAssistant } from './assistant.js';
import { ConfigError, loadConfig } from './config.js';
import { DialogError } from './conversation/dialog-loader.js';
import { LocaleError } from './i18n/locales.js';
import { runTerminal } from './channels/terminal/run.js';
import { createLogger } from './log.js';

try {
  const config = loadConfig(process.env, process.argv.slice(2));
  // In the terminal the conversation owns stdout: logs go to stderr, and only warnings unless asked.
  const log = createLogger({ level: config.logLevel ?? 'warn', destination: pino.destination(2) });
  const assistant = await createAssistant(config, { log });
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  await runTerminal({ input: process.stdin, output: process.stdout, interactive, runner: assistant.runner, ...(config.locale ? { language: config.locale } : {}) });
  await assistant.close();
  process.exit(0);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DialogError || err instanceof LocaleError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
