import path from 'node:path';
import { z } from 'zod';
import { type OidcProvider, parseOidcProviders } from '../modules/accounts/oidc-config.js';
import type { S3Settings } from '../modules/storage/s3.js';
import { parseClockStart } from '../shared/clock.js';

/** Every setting comes from the environment; the README's configuration table lists them all. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  /** How long a start waits for a PostgreSQL server that cannot be reached yet. */
  DATABASE_WAIT_SECONDS: z.coerce.number().min(0).max(3600).default(60),
  DATA_DIR: z.string().default('./data'),
  /** Default: true, except in production where the demo is never seeded. */
  SEED_DEMO: z.enum(['true', 'false']).optional(),
  /** Production only: start although the database holds demo accounts (a public demonstration server). */
  ALLOW_DEMO_ACCOUNTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SECRET: z.string().min(16).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(10),
  /** Papers one citizen account may send in a rolling 24 hours (waiting, filed or withdrawn), and their size. */
  UPLOAD_DAY_FILES: z.coerce.number().int().positive().default(30),
  UPLOAD_DAY_MB: z.coerce.number().positive().default(100),
  /** Papers one case may hold, and their size together. */
  UPLOAD_CASE_FILES: z.coerce.number().int().positive().default(20),
  UPLOAD_CASE_MB: z.coerce.number().positive().default(50),
  /** clamd (ClamAV) scans every paper when set; TCP, INSTREAM. */
  CLAMAV_HOST: z.string().min(1).optional(),
  CLAMAV_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  CLAMAV_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /**
   * clamd unreachable, late or failing: `refuse` the paper (503), or `hold` it (stored, never served, until the
   * worker's scan finds it clean; removed if it is infected).
   */
  CLAMAV_UNAVAILABLE: z.enum(['refuse', 'hold']).default('refuse'),
  /**
   * Papers in an S3-compatible bucket instead of `DATA_DIR/files` when both are set (see
   * docs/decisions/2026-12-07-storage.md); `npm run storage:migrate` moves the folder's files there.
   */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'must be a bucket name: 3 to 63 lowercase letters, digits, dots and dashes',
    )
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Keys start with `<prefix>/` (several platforms in one bucket). */
  S3_PREFIX: z
    .string()
    .regex(
      /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/,
      'must be letters, digits, dots, dashes and underscores, in parts separated by /',
    )
    .optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Jisr <no-reply@jisr.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Sign-in family: tries per client address and account (e-mail) pair, per route, per 15 minutes. */
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** Tries on one account from all addresses together; default three times LOGIN_RATE_LIMIT. */
  LOGIN_ACCOUNT_RATE_LIMIT: z.coerce.number().int().positive().optional(),
  /** Tries from one client address on all accounts together. */
  LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().positive().default(50),
  TRACK_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  /** Requests a minute one address may make to the public figures and open data (no sign-in). */
  PUBLIC_FIGURES_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  /** Requests a minute one API key may make (each key counted on its own, across processes). */
  API_KEY_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  /** Searches of the person directory one staff member may make in an hour (the desk and its twin check). */
  DESK_SEARCH_RATE_LIMIT: z.coerce.number().int().positive().default(120),
  STAFF_TOTP_REQUIRED: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Rate-limit counters in Redis instead of the database (`redis://` or `rediss://`). */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  /** Prefix of the platform's Redis keys, so that several platforms may share one Redis. */
  REDIS_KEY_PREFIX: z.string().min(1).max(100).default('jisr:'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
  NOTIFY_RETRY_BASE_SECONDS: z.coerce.number().positive().default(30),
  NOTIFY_RETRY_MAX_SECONDS: z.coerce
    .number()
    .positive()
    .default(6 * 3600),
  NOTIFY_LEASE_SECONDS: z.coerce.number().positive().default(300),
  QUIET_HOURS: z
    .string()
    .regex(/^(([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d)?$/)
    .default('21:00-08:00'),
  EMAIL_BOUNCE_SECRET: z.string().min(16).optional(),
  SMS_PROVIDER: z.enum(['none', 'webhook']).default('none'),
  SMS_WEBHOOK_URL: z.string().url().optional(),
  SMS_WEBHOOK_SECRET: z.string().optional(),
  WHATSAPP_PROVIDER: z.enum(['none', 'cloud', 'webhook']).default('none'),
  WHATSAPP_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_TEMPLATE_PREFIX: z.string().default('jisr_'),
  WHATSAPP_WEBHOOK_URL: z.string().url().optional(),
  WHATSAPP_WEBHOOK_SECRET: z.string().optional(),
  WHATSAPP_DEFAULT_INSTITUTION: z.string().optional(),
  /**
   * E-mail in (docs/decisions/2026-12-08-email-in.md): the SMTP listener's port, started when set (0: a free
   * port); its address (default HOST); the domain replies and bodies' intake addresses are at (notification
   * e-mails about a case get a Reply-To there when it is set); the largest message; the messages one sending
   * address may send an hour; intake addresses of bodies besides `<code>@domain` (`AML=plaintes@aml.ma,...`).
   */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).optional(),
  INBOUND_MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a domain name')
    .optional(),
  INBOUND_MAIL_MAX_MB: z.coerce.number().positive().default(25),
  INBOUND_MAIL_RATE_LIMIT: z.coerce.number().int().positive().default(30),
  INBOUND_INTAKE_ADDRESSES: z
    .string()
    .regex(
      /^([A-Za-z0-9_-]+=[^\s,=@]+@[^\s,=@]+)(,[A-Za-z0-9_-]+=[^\s,=@]+@[^\s,=@]+)*$/,
      'must be CODE=address pairs separated by commas',
    )
    .optional(),
  LETTER_WINDOW: z.enum(['right', 'left']).default('right'),
  LETTER_LOGO: z.string().optional(),
  LETTER_BATCH_HOUR: z.coerce.number().int().min(0).max(23).default(15),
  /**
   * Months a settled case is kept whole before the retention job removes its content (law 09-08), where the
   * body set no period of its own for the category. See docs/decisions/2026-12-07-retention.md.
   */
  RETENTION_MONTHS: z.coerce.number().int().min(2).max(600).default(60),
  CLOCK_START: z.string().optional(),
  /**
   * Identity providers offered on the sign-in page (OpenID Connect): a JSON list, see
   * modules/accounts/oidc-config.ts and the README.
   */
  OIDC_PROVIDERS: z.string().optional(),
  /** Who may read /api/docs and /api/openapi.json: default public, staff-only in production. */
  API_DOCS: z.enum(['public', 'staff', 'off']).optional(),
});

export type Config = Omit<z.infer<typeof schema>, 'SEED_DEMO' | 'LOGIN_ACCOUNT_RATE_LIMIT'> & {
  SEED_DEMO: boolean;
  LOGIN_ACCOUNT_RATE_LIMIT: number;
  apiDocs: 'public' | 'staff' | 'off';
  publicUrl: string;
  /** The attachments' folder, by their content: `DATA_DIR/files` (where they stay unless `s3` is set). */
  filesDir: string;
  /** The bucket the attachments are kept in instead, when `S3_ENDPOINT` and `S3_BUCKET` are set. */
  s3: S3Settings | null;
  secret: string;
  staffTotpRequired: boolean;
  /** The identity providers of `OIDC_PROVIDERS` (none when unset). */
  oidcProviders: OidcProvider[];
};

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production' && !c.SECRET)
    throw new Error('Invalid configuration:\n  SECRET: required in production');
  const clockStart = parseClockStart(c.CLOCK_START);
  if (clockStart && !(clockStart instanceof Date))
    throw new Error(`Invalid configuration:\n  CLOCK_START: ${clockStart.error}`);
  if (clockStart && c.NODE_ENV === 'production')
    throw new Error(
      'Invalid configuration:\n  CLOCK_START: tests and demonstrations only, never in production',
    );
  if (c.NODE_ENV === 'production' && c.SEED_DEMO === 'true')
    throw new Error(
      'Invalid configuration:\n  SEED_DEMO: the demo (accounts with a published password) is never seeded in production',
    );
  const missing = [
    c.SMS_PROVIDER === 'webhook' && !c.SMS_WEBHOOK_URL && 'SMS_WEBHOOK_URL',
    c.WHATSAPP_PROVIDER === 'webhook' && !c.WHATSAPP_WEBHOOK_URL && 'WHATSAPP_WEBHOOK_URL',
    c.WHATSAPP_PROVIDER === 'cloud' && !c.WHATSAPP_PHONE_NUMBER_ID && 'WHATSAPP_PHONE_NUMBER_ID',
    c.WHATSAPP_PROVIDER === 'cloud' && !c.WHATSAPP_ACCESS_TOKEN && 'WHATSAPP_ACCESS_TOKEN',
  ].filter(Boolean);
  if (missing.length)
    throw new Error(
      `Invalid configuration:\n${missing.map((m) => `  ${m}: required by the provider chosen`).join('\n')}`,
    );
  if (c.INBOUND_SMTP_PORT !== undefined && !c.INBOUND_MAIL_DOMAIN)
    throw new Error(
      'Invalid configuration:\n  INBOUND_MAIL_DOMAIN: required with INBOUND_SMTP_PORT (the domain replies come to)',
    );
  const s3 = s3Settings(c);
  const oidc = parseOidcProviders(c.OIDC_PROVIDERS, c.NODE_ENV === 'production');
  if ('errors' in oidc) throw new Error(`Invalid configuration:\n${oidc.errors.join('\n')}`);
  return {
    ...c,
    SEED_DEMO: c.NODE_ENV !== 'production' && c.SEED_DEMO !== 'false',
    LOGIN_ACCOUNT_RATE_LIMIT: c.LOGIN_ACCOUNT_RATE_LIMIT ?? 3 * c.LOGIN_RATE_LIMIT,
    apiDocs: c.API_DOCS ?? (c.NODE_ENV === 'production' ? 'staff' : 'public'),
    publicUrl: c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
    filesDir: path.resolve(c.DATA_DIR, 'files'),
    s3,
    secret: c.SECRET ?? 'development-secret-change-me',
    staffTotpRequired:
      c.STAFF_TOTP_REQUIRED === 'true' || (c.STAFF_TOTP_REQUIRED === 'auto' && c.NODE_ENV === 'production'),
    oidcProviders: oidc.providers,
  };
}

/** The bucket's settings: endpoint and bucket both or neither, both keys or neither (the SDK's own chain). */
function s3Settings(c: z.infer<typeof schema>): S3Settings | null {
  const problems = [
    c.S3_ENDPOINT && !c.S3_BUCKET && '  S3_BUCKET: required with S3_ENDPOINT',
    c.S3_BUCKET && !c.S3_ENDPOINT && '  S3_ENDPOINT: required with S3_BUCKET',
    !!c.S3_ACCESS_KEY_ID !== !!c.S3_SECRET_ACCESS_KEY &&
      `  ${c.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'}: the two keys go together`,
    !c.S3_ENDPOINT &&
      !c.S3_BUCKET &&
      (c.S3_ACCESS_KEY_ID || c.S3_SECRET_ACCESS_KEY || c.S3_PREFIX) &&
      '  S3_ENDPOINT, S3_BUCKET: required by the other S3_ settings (unset, papers stay in DATA_DIR/files)',
  ].filter(Boolean);
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  if (!c.S3_ENDPOINT || !c.S3_BUCKET) return null;
  return {
    endpoint: c.S3_ENDPOINT,
    bucket: c.S3_BUCKET,
    region: c.S3_REGION,
    prefix: c.S3_PREFIX?.replace(/\/$/, '') ?? '',
    forcePathStyle: c.S3_FORCE_PATH_STYLE,
    ...(c.S3_ACCESS_KEY_ID &&
      c.S3_SECRET_ACCESS_KEY && {
        credentials: { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY },
      }),
  };
}
