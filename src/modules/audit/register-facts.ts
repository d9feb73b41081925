/**
 * What the written register needs beside its own knowledge: the periods and providers configured, and, when a
 * database is read, the bodies and the periods each set for a category.
 */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { caseCategories, institutionCategorySettings } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';
import type { Text } from './register-vocabulary.js';

type Named = { code: string; name: Text };

export type RegisterFacts = {
  writtenAt: Date;
  defaultMonths: number;
  sessionHours: number;
  /** Host names only: never a user name, password or path. Null: no provider configured. */
  email: string | null;
  sms: string | null;
  whatsapp: { kind: 'cloud' | 'webhook'; host: string } | null;
  /** Null when no database was read (the defaults only). */
  bodies: Named[] | null;
  periods: { body: Named; category: Named; months: number }[];
};

const hostOf = (url: string | undefined) => {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
};

/** The periods and providers of a configuration, before any database is read. */
export function configFacts(config: Config, writtenAt: Date): RegisterFacts {
  const whatsappUrl =
    config.WHATSAPP_PROVIDER === 'cloud'
      ? config.WHATSAPP_API_URL
      : config.WHATSAPP_PROVIDER === 'webhook'
        ? config.WHATSAPP_WEBHOOK_URL
        : undefined;
  const whatsappHost = hostOf(whatsappUrl);
  return {
    writtenAt,
    defaultMonths: config.RETENTION_MONTHS,
    sessionHours: config.SESSION_TTL_HOURS,
    email: hostOf(config.SMTP_URL),
    sms: config.SMS_PROVIDER === 'webhook' ? hostOf(config.SMS_WEBHOOK_URL) : null,
    whatsapp:
      whatsappHost && config.WHATSAPP_PROVIDER !== 'none'
        ? { kind: config.WHATSAPP_PROVIDER, host: whatsappHost }
        : null,
    bodies: null,
    periods: [],
  };
}

const named = (r: { code: string; nameAr: string; nameFr: string; nameEn: string }): Named => ({
  code: r.code,
  name: { ar: r.nameAr, fr: r.nameFr, en: r.nameEn },
});

/** The bodies (one, when a code is given) and the periods they set per category, from the database. */
export async function databaseFacts(db: Executor, facts: RegisterFacts, institutionCode?: string) {
  const only = institutionCode ? eq(institutions.code, institutionCode) : undefined;
  const bodies = await db.select().from(institutions).where(only).orderBy(asc(institutions.code));
  const periods = await db
    .select({
      body: institutions,
      category: caseCategories,
      months: institutionCategorySettings.retentionMonths,
    })
    .from(institutionCategorySettings)
    .innerJoin(institutions, eq(institutions.id, institutionCategorySettings.institutionId))
    .innerJoin(caseCategories, eq(caseCategories.id, institutionCategorySettings.categoryId))
    .where(and(isNotNull(institutionCategorySettings.retentionMonths), only))
    .orderBy(asc(institutions.code), asc(caseCategories.code));
  return {
    ...facts,
    bodies: bodies.map(named),
    periods: periods.map((p) => ({ body: named(p.body), category: named(p.category), months: p.months! })),
  };
}
