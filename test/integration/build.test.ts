// `npm run build` and the built entry point: `node <out>/main.js` answers piped conversations exactly as `npm start` does.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { resident } from '../support/people.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', WELFARE_BACKEND_URL: '', REDIS_URL: '' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// Inside the project, not under the OS temp dir: the build finds node_modules, "type": "module" and the data folders
// by walking up to package.json, as dist/ does. Its own folder, so a developer's dist/ is neither used nor raced.
const out = mkdtempSync(path.join(PROJECT_ROOT, '.build-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(async () => {
  const build = await run('npm', ['run', 'build', '--silent', '--', '--outDir', out]);
  if (build.code !== 0) throw new Error(`npm run build failed (${build.code ?? 'on a signal'}):\n${build.stdout}${build.stderr}`);
}, 180_000);

// Both at once: the reference backend's slots depend on the clock, so the two runs should see the same minute.
async function bothWays(input: string, args: string[] = []): Promise<[Run, Run]> {
  return Promise.all([
    run(process.execPath, [path.join(out, 'main.js'), ...args], input),
    run('npm', ['start', '--silent', ...(args.length ? ['--', ...args] : [])], input),
  ]);
}

describe('npm run build', () => {
  it('emits the entry point and the reference backend, and no tests or benchmarks', () => {
    expect(existsSync(path.join(out, 'main.js'))).toBe(true);
    expect(existsSync(path.join(out, 'backend', 'server.js'))).toBe(true);
    expect(existsSync(path.join(out, 'test'))).toBe(false);
    expect(existsSync(path.join(out, 'bench'))).toBe(false);
  });

  it('answers a whole booking in Italian the same way as npm start', async () => {
    const person = resident(12, { givenName: 'Anna', familyName: 'Gallo' });
    const lines = [
      'ciao',
      'doposcuola',
      '1',
      '1',
      'limena',
      '9',
      'primaria',
      'no',
      '1',
      'sì',
      person.givenName,
      person.familyName,
      person.fiscalCode,
      'sì',
    ];
    const [built, started] = await bothWays(`${lines.join('\n')}\n`);
    expect(built).toEqual({ code: 0, stdout: expect.stringMatching(/Prenotazione confermata! Codice: WBC-\d{4}-\d{6}/), stderr: '' });
    expect(built.stdout).toBe(started.stdout);
    expect(started).toMatchObject({ code: 0, stderr: '' });
  }, 90_000);

  it('takes the same arguments: --locale en', async () => {
    const [built, started] = await bothWays('hello\n3\n', ['--locale', 'en']);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/How can I help you/);
    expect(built.stdout).toBe(started.stdout);
    expect(started.code).toBe(0);
  }, 90_000);
});
