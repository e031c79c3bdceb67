// The assistant with a Telegram token: the HTTP server comes up with the webhook, answers health, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../setup/redis.js';
import { telegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in.js';
import { telegramUpdates } from '../support/telegram-updates.js';

let standIn: TelegramStandIn | undefined;
afterAll(() => standIn?.close());

it('serves the Telegram webhook, health and metrics, and exits 0 on SIGTERM', async () => {
  standIn = await telegramStandIn();
  const port = await freePort();
  const secret = 'test-secret-0123456789abcdef';
  // Node itself, as the image runs it: npm would answer SIGTERM for it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      TELEGRAM_BOT_TOKEN: standIn.token,
      TELEGRAM_API_ROOT: standIn.url,
      TELEGRAM_WEBHOOK_SECRET: secret,
      WELFARE_BACKEND_URL: '',
      REDIS_URL: '',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  // Generous: a cold tsx start on a loaded 2-core CI machine has taken over 10 s. An early exit ends the wait.
  for (let i = 0; i < 400 && child.exitCode === null && !/"listening"|listening/.test(output); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  expect(output).toMatch(/listening/);

  expect((await fetch(`${base}/healthz`)).status).toBe(200);
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const update = telegramUpdates().text({ id: 4242 }, 'ciao');
  const post = (headers: Record<string, string>) =>
    fetch(`${base}/telegram/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) });
  expect((await post({})).status).toBe(401);
  expect((await post({ 'x-telegram-bot-api-secret-token': secret })).status).toBe(200);
  await standIn.waitForCalls('sendMessage', 1);
  expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/sportello_turns_total\{channel="telegram",outcome="ok"\} 1/);
  expect(output).not.toContain('ciao');

  child.kill('SIGTERM');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
}, 90_000);
