// `npm run build` and the built entry point: `node <out>/main.js` answers piped conversations exactly as `npm start` does.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/paths.js';
import { resident } from '../support/people.js';
import { homeworkBookingLines, npmStartPiped, runPiped, type PipedRun } from '../support/piped-process.js';

// Inside the project, not under the OS temp dir: the build finds node_modules, "type": "module" and the data folders
// by walking up to package.json, as dist/ does. Its own folder, so a developer's dist/ is neither used nor raced.
const out = mkdtempSync(path.join(PROJECT_ROOT, '.build-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

beforeAll(async () => {
  const build = await runPiped('npm', ['run', 'build', '--silent', '--', '--outDir', out], '');
  if (build.code !== 0) throw new Error(`npm run build failed (${build.code ?? 'on a signal'}):\n${build.stdout}${build.stderr}`);
}, 180_000);

// Both at once: the reference backend's slots depend on the clock, so the two runs should see the same minute.
async function bothWays(input: string, args: string[] = []): Promise<[PipedRun, PipedRun]> {
  return Promise.all([runPiped(process.execPath, [path.join(out, 'main.js'), ...args], input), npmStartPiped(input, args)]);
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
    const lines = homeworkBookingLines(person);
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
