// Runs a command of the project with its standard input piped in and collects what it printed; for the terminal tests.
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/paths.js';
import type { Person } from '../../src/welfare/contract.js';

export interface PipedRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The assistant's defaults, whatever the developer's shell exports: terminal channel (no Slack, Telegram or Teams),
 * embedded backend, memory store, Italian, warnings only. `env` adds to or overrides them.
 */
export function runPiped(command: string, args: string[], input: string, env: Record<string, string> = {}): Promise<PipedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        WELFARE_BACKEND_URL: '',
        REDIS_URL: '',
        SPORTELLO_LOCALE: '',
        SLACK_BOT_TOKEN: '',
        TELEGRAM_BOT_TOKEN: '',
        MICROSOFT_APP_ID: '',
        ...env,
      },
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

/** `npm start` with `args` after `--`. */
export function npmStartPiped(input: string, args: string[] = [], env: Record<string, string> = {}): Promise<PipedRun> {
  return runPiped('npm', ['start', '--silent', ...(args.length ? ['--', ...args] : [])], input, env);
}

/** A whole booking of the online homework help in Limena, typed in Italian, for a child of 9 in primary school. */
export function homeworkBookingLines(person: Person): string[] {
  // 'no' to the ISEE question's consent (the full price, nothing more asked), '1' for the first slot
  return ['ciao', 'doposcuola', '1', '1', 'limena', '9', 'primaria', 'no', '1', 'sì', person.givenName, person.familyName, person.fiscalCode, 'sì'];
}
