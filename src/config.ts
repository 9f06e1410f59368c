/**
 * The only reader of process.env. Every setting is validated at start; a bad or missing value is reported
 * together with all the others in one error, so an operator fixes the environment in one pass.
 */
import { z } from 'zod'
import { isValidTimeZone } from './domain/time.ts'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const positiveInt = z.coerce.number().int().positive()
const nonNegativeInt = z.coerce.number().int().nonnegative()

/** API_TOKENS: comma-separated `name:secret:scope1|scope2` entries. */
const apiTokens = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const tokens: ApiToken[] = []
    for (const entry of raw.split(',').map((s) => s.trim()).filter(Boolean)) {
      const [name, secret, scopes] = entry.split(':')
      if (!name || !secret || secret.length < 16 || scopes === undefined) {
        ctx.addIssue({ code: 'custom', message: `entry "${name ?? entry}" must be name:secret:scope1|scope2 with a secret of 16+ characters` })
        continue
      }
      if (tokens.some((t) => t.name === name)) {
        ctx.addIssue({ code: 'custom', message: `token name "${name}" is used twice` })
        continue
      }
      tokens.push({ name, secret, scopes: scopes.split('|').filter(Boolean) })
    }
    return tokens
  })

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).default('postgres://postgres@127.0.0.1:5432/qunbot'),
  /** The database `qunbot check` (the test preflight) looks at; the tests create and migrate it. */
  TEST_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]+$/i).default('qunbot'),
  BOT_ACCOUNT: z.string().regex(/^[a-z0-9_-]+$/i, 'letters, digits, _ and - only').default('bot'),
  WECHATY_PUPPET: z.string().optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  WECHATY_NAME: z.string().default('qunbot'),
  LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  DEFAULT_TIMEZONE: z.string().refine(isValidTimeZone, 'an IANA timezone such as Asia/Shanghai').default('Asia/Shanghai'),
  GOVERNOR_MIN_GAP_MS: nonNegativeInt.default(3000),
  GOVERNOR_JITTER_MS: nonNegativeInt.default(2000),
  GOVERNOR_PER_MINUTE: positiveInt.default(20),
  GOVERNOR_PER_HOUR: positiveInt.default(300),
  GOVERNOR_BACKOFF_BASE_MS: positiveInt.default(60_000),
  GOVERNOR_BACKOFF_MAX_MS: positiveInt.default(6 * 3600_000),
  WELCOME_WINDOW_MS: positiveInt.default(60_000),
  REFERRAL_QUALIFY_MS: positiveInt.default(24 * 3600_000),
  REFERRAL_TARGET: positiveInt.default(3),
  REFERRAL_POINTS: nonNegativeInt.default(10),
  REFERRAL_BURST_LIMIT: positiveInt.default(10),
  REFERRAL_BURST_WINDOW_MS: positiveInt.default(3600_000),
  REFERRAL_SILENT_LEAVE_MS: positiveInt.default(24 * 3600_000),
  TRIAL_PACK_VALID_DAYS: positiveInt.default(30),
  GROUP_NOTICE_WINDOW_MS: positiveInt.default(10 * 60_000),
  /** Marketing DMs (SPEC 3.7): at most this many per person per 24 h, and per 30 days; only between these local hours. */
  MARKETING_DM_PER_DAY: positiveInt.default(1),
  MARKETING_DM_PER_30_DAYS: positiveInt.default(4),
  MARKETING_DM_START_HOUR: z.coerce.number().int().min(0).max(23).default(9),
  MARKETING_DM_END_HOUR: z.coerce.number().int().min(1).max(24).default(21),
  /** Repurchase reminders and lifecycle messages (SPEC 3.7, docs/CRM.md). */
  REMINDER_LEAD_DAYS: nonNegativeInt.default(3),
  REMINDER_CONVERSION_DAYS: positiveInt.default(14),
  REMINDER_STALE_DAYS: positiveInt.default(7),
  /** The coupon batch of the personal coupon in a repurchase reminder / a birthday greeting; empty: none (docs/CRM.md). */
  REMINDER_COUPON_BATCH: z.string().max(12).default('REPURCHASE'),
  BIRTHDAY_COUPON_BATCH: z.string().max(12).default('BIRTHDAY'),
  CARE_STALE_DAYS: positiveInt.default(3),
  REACTIVATION_SILENT_DAYS: positiveInt.default(60),
  REACTIVATION_EVERY_DAYS: positiveInt.default(90),
  ORDER_POINTS_PER_YUAN: z.coerce.number().min(0).max(100).default(1),
  /** Coupons (SPEC 3.5): this many counted failures within the window lock a subject out of redemption for LOCKOUT_MS. */
  COUPON_LOCKOUT_FAILURES: positiveInt.default(5),
  COUPON_LOCKOUT_WINDOW_MS: positiveInt.default(10 * 60_000),
  COUPON_LOCKOUT_MS: positiveInt.default(30 * 60_000),
  /** The expiry reminder DM goes this long before a coupon expires (3 days). */
  COUPON_EXPIRY_REMINDER_MS: positiveInt.default(3 * 86_400_000),
  /** Each group's daily posts go out a fixed offset of up to this long after the slot, so an account never bursts. */
  POST_SPREAD_MS: nonNegativeInt.max(60 * 60_000).default(10 * 60_000),
  WORKER_CONCURRENCY: positiveInt.default(4),
  HTTP_ENABLED: bool.default(true),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  API_TOKENS: apiTokens,
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
}).refine((c) => c.MARKETING_DM_START_HOUR < c.MARKETING_DM_END_HOUR, { path: ['MARKETING_DM_END_HOUR'], message: 'must be later than MARKETING_DM_START_HOUR' })

export interface ApiToken {
  name: string
  secret: string
  scopes: string[]
}

export type Config = z.infer<typeof schema>

export class ConfigError extends Error {
  constructor (readonly problems: string[]) {
    super(`invalid configuration: ${problems.join('; ')}`)
    this.name = 'ConfigError'
  }
}

/** Parses an environment (process.env by default); throws one ConfigError naming every bad variable. */
export function loadConfig (env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const result = schema.safeParse(cleaned)
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`))
  }
  return result.data
}

/** True when no real chat account is configured: the bot runs on the sandbox puppet. */
export function usesSandboxPuppet (config: Config): boolean {
  return !config.WECHATY_PUPPET || config.WECHATY_PUPPET === 'wechaty-puppet-mock'
}
