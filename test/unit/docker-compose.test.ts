// docker-compose.yml and the Dockerfile against the code: services, start order, and only variables the config knows.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { startBackend } from '../../backend/server.js';
import { loadConfig } from '../../src/config.js';

const run = promisify(execFile);
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

const Command = z.union([z.string(), z.array(z.string())]);
const Service = z.object({
  image: z.string().optional(),
  build: z.union([z.string(), z.object({ context: z.string() })]).optional(),
  command: Command.optional(),
  environment: z.union([z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])), z.array(z.string())]).optional(),
  depends_on: z.union([z.array(z.string()), z.record(z.string(), z.object({ condition: z.string().optional() }))]).optional(),
  healthcheck: z.object({ test: Command }).optional(),
  stdin_open: z.boolean().optional(),
  tty: z.boolean().optional(),
});
const Compose = z.object({ services: z.record(z.string(), Service) });

const { services } = Compose.parse(parse(read('docker-compose.yml')));
const service = (name: string) => {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml: no service "${name}"`);
  return found;
};

describe('docker-compose.yml', () => {
  it('runs redis, the reference backend and the assistant, the last once the others are healthy', () => {
    expect(Object.keys(services).sort()).toEqual(['assistant', 'backend', 'redis']);
    expect(service('redis').image).toBe('redis:7-alpine');
    expect(service('redis').healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(service('backend').build).toBe('.');
    expect(service('backend').command).toEqual(['node', 'dist/backend/main.js']);
    expect(service('assistant').build).toBe('.');
    expect(service('assistant').command).toBeUndefined(); // the image's CMD: the built assistant (dist/main.js)
    expect(service('assistant').depends_on).toEqual({
      redis: { condition: 'service_healthy' },
      backend: { condition: 'service_healthy' },
    });
    expect(service('assistant')).toMatchObject({ stdin_open: true, tty: true });
  });

  it('gives the assistant only variables its configuration knows, and values it accepts', () => {
    const env = environment('assistant');
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'REDIS_URL',
        'WELFARE_BACKEND_URL',
        'LOG_LEVEL',
        'SESSION_TTL_HOURS',
        'PROFILE_TTL_DAYS',
        'REDIS_KEY_PREFIX',
        'TURN_LEASE_MS',
      ]),
    );
    expect(Object.keys(env).filter((name) => !envNames('src/config.ts').has(name))).toEqual([]);
    expect(loadConfig(env)).toMatchObject({
      redisUrl: 'redis://redis:6379',
      welfareBackendUrl: 'http://backend:8081',
      logLevel: 'warn',
      redisKeyPrefix: 'sportello:',
    });
  });

  it('gives the backend only variables backend/main.ts knows, listening where the assistant looks', () => {
    const env = environment('backend');
    expect(Object.keys(env).filter((name) => !envNames('backend/main.ts').has(name))).toEqual([]);
    expect(env).toMatchObject({ BACKEND_HOST: '0.0.0.0', BACKEND_PORT: '8081' });
    expect(environment('assistant')['WELFARE_BACKEND_URL']).toBe(`http://backend:${env['BACKEND_PORT']!}`);
  });

  it("checks the backend's health with a script that passes on /healthz and fails when nothing listens", async () => {
    const test = service('backend').healthcheck?.test;
    expect(test?.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    const script = String(test?.[3]);
    expect(script).toContain('http://127.0.0.1:8081/healthz');
    const backend = await startBackend();
    try {
      await expect(run(process.execPath, ['-e', script.replace('http://127.0.0.1:8081', backend.url)])).resolves.toBeDefined();
    } finally {
      await backend.close();
    }
    await expect(run(process.execPath, ['-e', script.replace('http://127.0.0.1:8081', backend.url)])).rejects.toMatchObject({ code: 1 });
  });
});

describe('Dockerfile', () => {
  const instructions = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const [keyword = '', ...rest] = line.trim().split(/\s+/);
      return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    });
  const last = (keyword: string) => instructions.filter((i) => i.keyword === keyword).at(-1)?.args;

  it('builds with npm ci and npm run build, and runs on the same LTS Node slim image with the runtime dependencies only', () => {
    const from = instructions.filter((i) => i.keyword === 'FROM').map((i) => i.args);
    expect(from).toEqual([expect.stringMatching(/^node:\d+-(trixie-|bookworm-)?slim AS build$/), from[0]!.replace(/ AS build$/, '')]);
    expect(Number(/^node:(\d+)/.exec(from[0]!)?.[1])).toBeGreaterThanOrEqual(24); // Node 20 reached its end of life in April 2026
    const runs = instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
    expect(runs).toEqual([expect.stringMatching(/^npm ci /), 'npm run build', expect.stringMatching(/^npm ci --omit=dev /)]);
  });

  it('copies only what runs into the image, from paths that exist', () => {
    const runtime = instructions.slice(instructions.findLastIndex((i) => i.keyword === 'FROM'));
    const copied = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copied).toContain('--from=build /app/dist dist');
    const sources = copied.filter((args) => !args.startsWith('--from')).flatMap((args) => args.split(' ').slice(0, -1));
    expect(sources.filter((source) => !existsSync(new URL(`../../${source}`, import.meta.url)))).toEqual([]);
    expect(sources.filter((source) => /^(src|test|bench|docs)\b|\.ts$/.test(source))).toEqual([]);
  });

  it('checks /healthz on PORT with a script that passes when it answers and fails when nothing listens', async () => {
    const check = /^(?:--\S+\s+)*CMD (\[.*\])$/.exec(last('HEALTHCHECK') ?? '')?.[1];
    const [node, flag, script] = JSON.parse(check ?? '[]') as string[];
    expect([node, flag]).toEqual(['node', '-e']);
    const backend = await startBackend(); // anything with /healthz will do
    const port = new URL(backend.url).port;
    try {
      await expect(run(process.execPath, ['-e', String(script)], { env: { ...process.env, PORT: port } })).resolves.toBeDefined();
    } finally {
      await backend.close();
    }
    await expect(run(process.execPath, ['-e', String(script)], { env: { ...process.env, PORT: port } })).rejects.toMatchObject({ code: 1 });
  });

  it('starts the built assistant as the unprivileged node user', () => {
    expect(JSON.parse(last('CMD') ?? 'null')).toEqual(['node', 'dist/main.js']);
    expect(last('USER')).toBe('node');
    const userAt = instructions.findLastIndex((i) => i.keyword === 'USER');
    expect(instructions.findLastIndex((i) => i.keyword === 'CMD')).toBeGreaterThan(userAt);
  });

  it('leaves dependencies, history and secrets out of the build context', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git', 'coverage', 'bench/results', '.env']));
  });
});

/** The service's variables as the container sees them when the host sets none: `${VAR:-default}` → default. */
function environment(name: string): Record<string, string> {
  const declared = service(name).environment ?? {};
  const entries = Array.isArray(declared)
    ? declared.map((item) => (item.includes('=') ? [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)] : [item, null]))
    : Object.entries(declared);
  return Object.fromEntries(
    entries
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== null) // bare names pass the host's value through
      .map(([key, value]) => [key, interpolate(String(value), `${name}.environment.${key}`)]),
  );
}

function interpolate(value: string, where: string): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, _braced, operator: string | undefined, word: string | undefined) => {
      if (match === '$$') return '$';
      if (operator?.endsWith('?')) throw new Error(`docker-compose.yml: ${where} requires a host variable (${match})`);
      return operator ? (word ?? '') : '';
    },
  );
}

/** The variable names in a module's `const Env = z.object({ … });`: the names it reads, without exporting the schema. */
function envNames(file: string): Set<string> {
  // However the formatter lays out the chain (`z.object({` or `z\n  .object({`), up to the object's closing line.
  const block = /^const Env = z\s*\.object\(\{\n([\s\S]*?)\n\s*\}\)/m.exec(read(file))?.[1];
  if (!block) throw new Error(`${file}: no "const Env = z.object({ … });" block to read the variable names from`);
  const names = new Set([...block.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!));
  if (names.size === 0) throw new Error(`${file}: no variable names in its Env block`);
  return names;
}
