// Environment → typed Config, validated once; every problem reported together. Only main.ts passes process.env.
import { z } from 'zod';
import type { BotFrameworkConfig } from './channels/botframework/config.js';
import type { TelegramConfig } from './channels/telegram/config.js';
import { languageFolders } from './i18n/locales.js';
import { LOCALES_DIR } from './paths.js';

// Each channel declares what it needs configured; this module fills it in.
export type { BotFrameworkConfig } from './channels/botframework/config.js';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const Env = z.object({
  WELFARE_BACKEND_URL: z.url({ error: 'must be a URL such as http://127.0.0.1:8081' }).optional(),
  WELFARE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(3000),
  WELFARE_BACKEND_TOKEN: z.string().min(16, { error: 'at least 16 characters, the same as the welfare backend' }).optional(),
  OWNER_KEY_SECRET: z.string().min(32, { error: 'at least 32 random characters: it keys who owns each booking' }).optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(24),
  PROFILE_TTL_DAYS: z.coerce.number().positive().max(3650).default(180),
  DEDUPE_TTL_HOURS: z.coerce
    .number()
    .min(24, { error: 'must be at least 24: platforms redeliver updates for a day' })
    .max(24 * 30)
    .default(24),
  REDIS_URL: z.url({ error: 'must be a URL such as redis://127.0.0.1:6379' }).optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,40}$/, 'letters, digits and _ . : - only')
    .default('sportello:'),
  TURN_LEASE_MS: z.coerce.number().int().min(500).max(120_000).default(5000),
  LOG_LEVEL: LogLevel.optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (ask @BotFather)')
    .optional(),
  // Telegram allows 1–256 characters A–Z, a–z, 0–9, _ and - in the secret token header.
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters: letters, digits, _ and -')
    .optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL that reaches POST /telegram/webhook' }).optional(),
  TELEGRAM_API_ROOT: z.url().optional(),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-[A-Za-z0-9-]{10,}$/, 'must be a bot token starting with xoxb- (OAuth & Permissions page of the Slack app)')
    .optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .regex(/^[a-f0-9]{32}$/, 'must be the 32 hex characters of Basic Information → Signing Secret')
    .optional(),
  SLACK_STAFF_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel id such as C0123ABCD (channel details → About)')
    .optional(),
  SLACK_API_URL: z.url({ error: 'must be a URL such as https://slack.com/api/' }).optional(),
  PROACTIVE_WEEKLY_CAP: z.coerce.number().int().min(0).max(50).default(3),
  WELFARE_WEBHOOK_SECRET: z.string().min(16, { error: 'at least 16 characters, shared with the welfare backend' }).optional(),
  HANDOFF_REANNOUNCE_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(10),
  OFFICE_HOURS_FILE: z.string().min(1).optional(),
  UNMET_TTL_DAYS: z.coerce.number().positive().max(3650).optional(),
  UNMET_MAX_TERMS: z.coerce.number().int().min(10).max(100_000).optional(),
  OPERATOR_TOKEN: z.string().min(24, { error: 'at least 24 characters (e.g. openssl rand -base64 32)' }).optional(),
  PRIVACY_FILE: z.string().min(1).optional(),
  MICROSOFT_APP_ID: z.uuid({ error: 'must be the Microsoft App ID of the Azure Bot (a GUID, Configuration page of the bot)' }).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  // The values of Azure's own bot templates; the SDK compares them ignoring case.
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], { error: 'must be MultiTenant, SingleTenant or UserAssignedMSI' })
    .optional(),
  MICROSOFT_APP_TENANT_ID: z.uuid({ error: 'must be the Microsoft Entra tenant id (a GUID)' }).optional(),
  BOTFRAMEWORK_EMULATOR: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
  BOTFRAMEWORK_OPENID_METADATA_URL: z
    .url({ error: 'must be a URL such as https://login.botframework.com/v1/.well-known/openidconfiguration' })
    .refine(secureOrLoopback, 'must be https:// (http:// only on 127.0.0.1 or localhost): it names the keys every request is checked with')
    .optional(),
  BOTFRAMEWORK_TOKEN_ISSUER: z.string().min(1).optional(),
});

/** Bot Framework's public cloud: where the Connector's signing keys are published, and the issuer of its tokens. */
const BOTFRAMEWORK_OPENID_METADATA_URL = 'https://login.botframework.com/v1/.well-known/openidconfiguration';
const BOTFRAMEWORK_TOKEN_ISSUER = 'https://api.botframework.com';

function secureOrLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname));
}

export interface Config {
  /** The language of a new conversation when the channel gives no hint. */
  locale?: string;
  /** The language staff read on the desk (Slack); unset: Italian. */
  staffLanguage?: string;
  /** Unset: the reference backend runs in this process. */
  welfareBackendUrl?: string;
  welfareTimeoutMs: number;
  /** Sent as a bearer token to the welfare backend (and required by the embedded one); unset: none. */
  welfareBackendToken?: string;
  /** Keys the owner key of each chat identity; unset: a development default, and a warning at start (never in production). */
  ownerKeySecret?: string;
  sessionTtlMs: number;
  profileTtlMs: number;
  dedupeTtlMs: number;
  /** Unset: sessions live in this process's memory (the embedded default). */
  redisUrl?: string;
  redisKeyPrefix: string;
  /** How long a turn may hold its conversation without a sign of life before others go on. */
  turnLeaseMs: number;
  logLevel?: z.infer<typeof LogLevel>;
  /** Port of the HTTP server (webhooks, health, metrics); it runs when a remote channel is configured. */
  port: number;
  telegram?: TelegramConfig;
  /** Set: escalated conversations become tickets in Slack; unset: residents are told how to reach an office. */
  slack?: {
    botToken: string;
    signingSecret: string;
    staffChannel: string;
    apiUrl?: string;
  };
  /** A ticket nobody took is announced again after this long. */
  reannounceMs: number;
  /** At most this many non-essential proactive messages (follow-ups) per resident per week. */
  proactiveWeeklyCap: number;
  /** Set: the backend's signed voucher-status webhook is received at POST /welfare/webhooks/voucher-status. */
  welfareWebhookSecret?: string;
  /** Staff teams' hours and routing; unset: config/office-hours.yaml. */
  officeHoursFile?: string;
  /** How long unmet searches are kept, and how many terms per language; unset: 90 days, 1000 (src/unmet/store.ts). */
  unmetRetentionMs?: number;
  unmetMaxTerms?: number;
  /** Bearer token of GET /operator/unmet; unset: the endpoint does not exist (404). */
  operatorToken?: string;
  /** The data controller of each municipality, as the privacy notice names it; unset: config/privacy.yaml. */
  privacyFile?: string;
  /** Set: Microsoft Teams, Web Chat and the Emulator through Bot Framework at POST /api/messages. */
  botframework?: BotFrameworkConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** A language the assistant speaks: one of the folders of the locales folder. */
const languageOf = (languages: readonly string[]) => z.string().refine((l) => languages.includes(l), { error: `one of ${languages.join(', ')}` });

/** `--locale en` on the command line wins over SPORTELLO_LOCALE. The languages are the folders of locales/. */
export function loadConfig(
  env: Record<string, string | undefined>,
  argv: readonly string[] = [],
  languages: readonly string[] = languageFolders(LOCALES_DIR),
): Config {
  // An empty variable is an unset one: `FOO= npm start` must not fail validation.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const localeArg = argv.findIndex((a) => a === '--locale' || a.startsWith('--locale='));
  if (localeArg !== -1) {
    const arg = argv[localeArg]!;
    present['SPORTELLO_LOCALE'] = arg.includes('=') ? arg.split('=')[1] : argv[localeArg + 1];
  }
  const parsed = Env.extend({ SPORTELLO_LOCALE: languageOf(languages).optional(), STAFF_LANGUAGE: languageOf(languages).optional() }).safeParse(
    present,
  );
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.TELEGRAM_WEBHOOK_URL && !e.TELEGRAM_WEBHOOK_SECRET)
    problems.push('TELEGRAM_WEBHOOK_URL: needs TELEGRAM_WEBHOOK_SECRET, or anyone could post updates');
  if ((e.TELEGRAM_WEBHOOK_SECRET || e.TELEGRAM_WEBHOOK_URL || e.TELEGRAM_API_ROOT) && !e.TELEGRAM_BOT_TOKEN)
    problems.push('TELEGRAM_BOT_TOKEN: required by the other TELEGRAM_ variables');
  const slackVars = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_STAFF_CHANNEL'] as const;
  const slackSet = slackVars.filter((v) => e[v] !== undefined);
  if (slackSet.length > 0 || e.SLACK_API_URL) {
    for (const v of slackVars)
      if (e[v] === undefined)
        problems.push(
          `${v}: required with ${[...slackSet, ...(e.SLACK_API_URL ? ['SLACK_API_URL'] : [])].filter((x) => x !== v).join(', ')} (all three make the Slack staff desk)`,
        );
  }
  problems.push(...botFrameworkProblems(e));
  if (problems.length > 0) throw new ConfigError(problems);
  const botframework = botFrameworkConfig(e);
  return {
    ...(e.SPORTELLO_LOCALE ? { locale: e.SPORTELLO_LOCALE } : {}),
    ...(e.STAFF_LANGUAGE ? { staffLanguage: e.STAFF_LANGUAGE } : {}),
    ...(e.WELFARE_BACKEND_URL ? { welfareBackendUrl: e.WELFARE_BACKEND_URL } : {}),
    welfareTimeoutMs: e.WELFARE_TIMEOUT_MS,
    ...(e.WELFARE_BACKEND_TOKEN ? { welfareBackendToken: e.WELFARE_BACKEND_TOKEN } : {}),
    ...(e.OWNER_KEY_SECRET ? { ownerKeySecret: e.OWNER_KEY_SECRET } : {}),
    sessionTtlMs: e.SESSION_TTL_HOURS * 60 * 60 * 1000,
    profileTtlMs: e.PROFILE_TTL_DAYS * 24 * 60 * 60 * 1000,
    dedupeTtlMs: e.DEDUPE_TTL_HOURS * 60 * 60 * 1000,
    ...(e.REDIS_URL ? { redisUrl: e.REDIS_URL } : {}),
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    turnLeaseMs: e.TURN_LEASE_MS,
    ...(e.LOG_LEVEL ? { logLevel: e.LOG_LEVEL } : {}),
    port: e.PORT,
    ...(e.TELEGRAM_BOT_TOKEN
      ? {
          telegram: {
            token: e.TELEGRAM_BOT_TOKEN,
            ...(e.TELEGRAM_WEBHOOK_SECRET ? { webhookSecret: e.TELEGRAM_WEBHOOK_SECRET } : {}),
            ...(e.TELEGRAM_WEBHOOK_URL ? { webhookUrl: e.TELEGRAM_WEBHOOK_URL } : {}),
            ...(e.TELEGRAM_API_ROOT ? { apiRoot: e.TELEGRAM_API_ROOT } : {}),
          },
        }
      : {}),
    ...(e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET && e.SLACK_STAFF_CHANNEL
      ? {
          slack: {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            staffChannel: e.SLACK_STAFF_CHANNEL,
            ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
          },
        }
      : {}),
    reannounceMs: e.HANDOFF_REANNOUNCE_MINUTES * 60 * 1000,
    proactiveWeeklyCap: e.PROACTIVE_WEEKLY_CAP,
    ...(e.WELFARE_WEBHOOK_SECRET ? { welfareWebhookSecret: e.WELFARE_WEBHOOK_SECRET } : {}),
    ...(e.OFFICE_HOURS_FILE ? { officeHoursFile: e.OFFICE_HOURS_FILE } : {}),
    ...(e.UNMET_TTL_DAYS ? { unmetRetentionMs: e.UNMET_TTL_DAYS * 24 * 60 * 60 * 1000 } : {}),
    ...(e.UNMET_MAX_TERMS ? { unmetMaxTerms: e.UNMET_MAX_TERMS } : {}),
    ...(e.OPERATOR_TOKEN ? { operatorToken: e.OPERATOR_TOKEN } : {}),
    ...(e.PRIVACY_FILE ? { privacyFile: e.PRIVACY_FILE } : {}),
    ...(botframework ? { botframework } : {}),
  };
}

type Parsed = z.infer<typeof Env>;

function botFrameworkProblems(e: Parsed): string[] {
  const problems: string[] = [];
  const type = e.MICROSOFT_APP_TYPE ?? 'MultiTenant';
  if (e.BOTFRAMEWORK_EMULATOR) {
    if (e.MICROSOFT_APP_ID) problems.push('BOTFRAMEWORK_EMULATOR: must not be true with MICROSOFT_APP_ID (it turns off the check of every request)');
    return problems;
  }
  const dependent = (
    [
      'MICROSOFT_APP_PASSWORD',
      'MICROSOFT_APP_TYPE',
      'MICROSOFT_APP_TENANT_ID',
      'BOTFRAMEWORK_OPENID_METADATA_URL',
      'BOTFRAMEWORK_TOKEN_ISSUER',
    ] as const
  ).filter((v) => e[v] !== undefined);
  if (!e.MICROSOFT_APP_ID) {
    if (dependent.length > 0)
      problems.push(`MICROSOFT_APP_ID: required by ${dependent.join(', ')} (or set BOTFRAMEWORK_EMULATOR=true for the Emulator, without them)`);
    return problems;
  }
  if (type === 'UserAssignedMSI') {
    if (e.MICROSOFT_APP_PASSWORD)
      problems.push('MICROSOFT_APP_PASSWORD: must not be set with MICROSOFT_APP_TYPE=UserAssignedMSI (the managed identity signs in)');
  } else if (!e.MICROSOFT_APP_PASSWORD) {
    problems.push(`MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID for a ${type} app (the client secret of its app registration)`);
  }
  if (type !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID) problems.push(`MICROSOFT_APP_TENANT_ID: required with MICROSOFT_APP_TYPE=${type}`);
  return problems;
}

function botFrameworkConfig(e: Parsed): BotFrameworkConfig | undefined {
  if (e.BOTFRAMEWORK_EMULATOR) return { emulator: true };
  if (!e.MICROSOFT_APP_ID) return undefined;
  return {
    appId: e.MICROSOFT_APP_ID,
    ...(e.MICROSOFT_APP_PASSWORD ? { appPassword: e.MICROSOFT_APP_PASSWORD } : {}),
    appType: e.MICROSOFT_APP_TYPE ?? 'MultiTenant',
    ...(e.MICROSOFT_APP_TENANT_ID ? { tenantId: e.MICROSOFT_APP_TENANT_ID } : {}),
    openIdMetadataUrl: e.BOTFRAMEWORK_OPENID_METADATA_URL ?? BOTFRAMEWORK_OPENID_METADATA_URL,
    tokenIssuer: e.BOTFRAMEWORK_TOKEN_ISSUER ?? BOTFRAMEWORK_TOKEN_ISSUER,
  };
}
