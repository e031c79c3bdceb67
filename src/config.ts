// Environment → typed Config, validated once; every problem reported together. Only main.ts passes process.env.
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  SPORTELLO_LOCALE: z.enum(['it', 'en']).optional(),
  WELFARE_BACKEND_URL: z.url({ message: 'must be a URL such as http://127.0.0.1:8081' }).optional(),
  WELFARE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 365).default(24),
  LOG_LEVEL: LogLevel.optional(),
});

export interface Config {
  /** The language of a new conversation when the channel gives no hint. */
  locale?: 'it' | 'en';
  /** Unset: the reference backend runs in this process. */
  welfareBackendUrl?: string;
  welfareTimeoutMs: number;
  sessionTtlMs: number;
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
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
  };
}
