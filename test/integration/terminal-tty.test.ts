// `npm start` on a real terminal (a pseudo-terminal from util-linux `script`): it greets at once and numbers the choices.
import { spawn, spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';

const hasScript = spawnSync('script', ['--version']).status === 0;

it.skipIf(!hasScript)(
  'greets before any input on a TTY, shows numbered choices and reads a typed number',
  async () => {
    const child = spawn('script', ['-q', '-e', '-c', `${process.execPath} --import tsx src/main.ts`, '/dev/null'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, WELFARE_BACKEND_URL: '', REDIS_URL: '', TERM: 'dumb' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 150 && !pattern.test(output); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toMatch(pattern);
    };
    await until(/Come posso aiutarti/); // nothing typed yet: the interactive mode opens the conversation
    expect(output).toMatch(/1\. Cerca per argomento/);
    child.stdin.write('1\r');
    await until(/Bambini e famiglie|argomento che ti interessa/);
    child.stdin.write('\x04'); // Ctrl-D: end of input
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
  },
  30_000,
);
