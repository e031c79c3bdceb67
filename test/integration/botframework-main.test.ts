// `npm start` with Bot Framework configured: the server comes up with /api/messages instead of the terminal.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { freePort } from '../setup/redis.js';
import { botFrameworkActivities } from '../support/botframework-activities.js';
import { visible } from '../support/botframework-replies.js';
import { APP_ID, botConnectorStandIn, type BotConnectorStandIn } from '../support/botframework-stand-in.js';

let connector: BotConnectorStandIn | undefined;
afterEach(async () => {
  await connector?.close();
  connector = undefined;
});

async function start(env: Record<string, string>) {
  const port = await freePort();
  // Node itself, as the image runs it: npm would answer SIGTERM for it.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: String(port), WELFARE_BACKEND_URL: '', REDIS_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  for (let i = 0; i < 400 && !/"msg":"listening"/.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(output).toMatch(/"msg":"listening"/);
  return {
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

const post = (base: string, activity: unknown, authorization?: string) =>
  fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });

it('serves the Emulator unauthenticated, warning loudly, and answers through the serviceUrl', async () => {
  connector = await botConnectorStandIn({ requireToken: false });
  const app = await start({ BOTFRAMEWORK_EMULATOR: 'true' });
  expect(app.output()).toMatch(/"level":40[^\n]*"code":"botframework_unauthenticated"[^\n]*WITHOUT AUTHENTICATION/);
  const chat = botFrameworkActivities({
    channelId: 'emulator',
    serviceUrl: connector.url,
    conversationId: 'emulator-conversation-1',
    bot: { id: 'bot', name: 'Sportello' },
  });
  const user = { id: 'emulator-user', name: 'User', locale: 'it-IT' };
  expect((await post(app.base, chat.membersAdded(user, { bot: true, people: [user] }))).status).toBe(200);
  expect(connector.messages().map(visible).join('\n')).toMatch(/Sono Sportello[\s\S]*Come posso aiutarti/);
  expect(await app.stop()).toBe(0);
}, 60_000);

it('with an app id, refuses an unsigned request with 401 and runs nothing', async () => {
  connector = await botConnectorStandIn();
  const app = await start({
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: 'stand-in-password',
    BOTFRAMEWORK_OPENID_METADATA_URL: connector.openIdMetadataUrl,
  });
  expect(app.output()).toMatch(/"mode":"authenticated"/);
  const chat = botFrameworkActivities({
    channelId: 'webchat',
    serviceUrl: connector.url,
    conversationId: 'webchat-conversation-1',
    bot: { id: APP_ID, name: 'Sportello' },
  });
  const hello = chat.message({ id: 'dl_user', name: 'You' }, 'ciao');
  expect((await post(app.base, hello)).status).toBe(401);
  expect((await post(app.base, hello, 'Bearer not-a-token')).status).toBe(401);
  expect(connector.posted()).toEqual([]);
  expect(await (await fetch(`${app.base}/metrics`)).text()).toMatch(/sportello_botframework_activities_total\{kind="refused"\} 2/);
  expect(app.output()).not.toContain('ciao');
  expect(await app.stop()).toBe(0);
}, 60_000);
