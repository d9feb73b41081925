import { z } from 'zod';

/** Every setting comes from the environment; the README's configuration table lists them all. */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  SECRET: z.string().min(16).optional(),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Jisr <no-reply@jisr.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  TRACK_RATE_LIMIT: z.coerce.number().int().positive().default(20),
  STAFF_TOTP_REQUIRED: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof schema> & {
  publicUrl: string;
  secret: string;
  staffTotpRequired: boolean;
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
  return {
    ...c,
    publicUrl: c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`,
    secret: c.SECRET ?? 'development-secret-change-me',
    staffTotpRequired:
      c.STAFF_TOTP_REQUIRED === 'true' || (c.STAFF_TOTP_REQUIRED === 'auto' && c.NODE_ENV === 'production'),
  };
}
