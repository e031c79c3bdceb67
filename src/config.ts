// Environment → typed Config, validated once; every problem reported together. Only main.ts passes process.env.
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  SPORTELLO_LOCALE: z.enum(['it', 'en']).optional(),
  WELFARE_BACKEND_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:8081' }).optional(),
  WELFARE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  PROFILE_TTL_DAYS: z.coerce.number().positive().max(3650).default(180),
  DEDUPE_TTL_HOURS: z.coerce.number().min(24, { message: 'must be at least 24: platforms redeliver updates for a day' }).max(24 * 30).default(24),
  REDIS_URL: z.url({ message: 'must be a URL such as redis://127.0.0.1:6379' }).optional(),
  REDIS_KEY_PREFIX: z.string().regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits and _ . : - only').default('sportello:'),
  TURN_LEASE_MS: z.coerce.number().int().min(500).max(120_000).default(5000),
  LOG_LEVEL: LogLevel.optional(),
});

export interface Config {
  /** The language of a new conversation when the channel gives no hint. */
  locale?: 'it' | 'en';
  /** Unset: the reference backend runs in this process. */
  welfareBackendUrl?: string;
  welfareTimeoutMs: number;
  sessionTtlMs: number;
  profileTtlMs: number;
  dedupeTtlMs: number;
  /** Unset: sessions live in this process's memory (the embedded default). */
  redisUrl?: string;
  redisKeyPrefix: string;
  /** How long a turn may hold its conversation without a sign of life before others go on. */
  turnLeaseMs: number;
  logLevel?: z.infer<typeof LogLevel>;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** `--locale en` on the command line wins over SPORTELLO_LOCALE. */
export function loadConfig(env: Record<string, string | undefined>, argv: readonly string[] = []): Config {
  // An empty variable is an unset one: `FOO= npm start` must not fail validation.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const localeArg = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  if (localeArg !== -1) {
    const arg = argv[localeArg]!;
    present['SPORTELLO_LOCALE'] = arg.includes('=') ? arg.split('=')[1] : argv[localeArg + 1];
  }
  const parsed = Env.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return {
    ...(e.SPORTELLO_LOCALE ? { locale: e.SPORTELLO_LOCALE } : {}),
    ...(e.WELFARE_BACKEND_URL ? { welfareBackendUrl: e.WELFARE_BACKEND_URL } : {}),
    welfareTimeoutMs: e.WELFARE_TIMEOUT_MS,
    sessionTtlMs: e.SESSION_TTL_HOURS * 60 * 60 * 1000,
    profileTtlMs: e.PROFILE_TTL_DAYS * 24 * 60 * 60 * 1000,
    dedupeTtlMs: e.DEDUPE_TTL_HOURS * 60 * 60 * 1000,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    turnLeaseMs: e.TURN_LEASE_MS,
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
  };
}
