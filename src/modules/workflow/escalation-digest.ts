import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { formatDate } from '../../i18n/format.js';
import { isLang, type Lang, t } from '../../i18n/index.js';
import { accounts, overseerScopes, staffMemberships } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { institutions } from '../institutions/schema.js';
import { enqueueEmail } from '../notifications/service.js';
import { moroccanDate, moroccanHour } from './calendar.js';
import { deadlineSteps, escalationDigests } from './schema.js';

/** The hour (Morocco) from which the day's digests go out: read at the start of the working day. */
export const DIGEST_HOUR = 8;
/** Cases listed by name in one digest; the rest are counted. */
const LISTED = 25;
/** How far back a first digest looks (an account that never had one). */
const FIRST_DIGEST_LOOKBACK_MS = 86_400_000;
/** Escalations older than this are never put in a digest (a worker stopped for a month sends no backlog). */
const LOOKBACK_LIMIT_MS = 30 * 86_400_000;

export type DigestSent = { accountId: string; email: string; cases: number };

/**
 * Sends each supervisor (the escalations of their body's cases) and each provincial or regional overseer
 * (the escalations to overseers in their territory) one e-mail a day listing the cases escalated since their
 * previous digest, instead of one message per case. A digest is recorded under (account, Moroccan day) in
 * the transaction that queues it, so two workers never send the same one. Nothing is sent before `fromHour`.
 */
export async function sendEscalationDigests(
  db: Db,
  now: Date,
  publicUrl: string,
  opts: { fromHour?: number } = {},
): Promise<DigestSent[]> {
  if (moroccanHour(now) < (opts.fromHour ?? DIGEST_HOUR)) return [];
  const day = moroccanDate(now);
  const sent: DigestSent[] = [];
  for (const r of await recipientsWithNews(db, now, day)) {
    const lang: Lang = isLang(r.lang) ? r.lang : 'fr';
    const listed = await listedCases(db, r.caseIds.slice(0, LISTED), lang);
    const queued = await db.transaction(async (tx) => {
      const [won] = await tx
        .insert(escalationDigests)
        .values({ accountId: r.accountId, day, coversUntil: now, cases: r.caseIds.length })
        .onConflictDoNothing()
        .returning({ day: escalationDigests.day });
      if (!won) return false;
      const more = r.caseIds.length - listed.length;
      await enqueueEmail(tx, {
        to: r.email,
        template: 'escalation_digest',
        lang,
        params: {
          count: r.caseIds.length,
          list: listed.join('\n'),
          more: more > 0 ? `\n${t(lang, 'mail.escalation_digest.more', { count: more })}` : '',
          url: `${publicUrl}/staff/stalled`,
        },
      });
      return true;
    });
    if (queued) sent.push({ accountId: r.accountId, email: r.email, cases: r.caseIds.length });
  }
  return sent;
}

type Recipient = { accountId: string; email: string; lang: string; caseIds: string[] };

/**
 * The accounts with escalations since their last digest (or the last day, for a first one) and no digest yet
 * today, each with those cases: supervisors for the body's level-1 escalations, overseers of the body's
 * province or region for level 2. Disabled accounts are left out.
 */
async function recipientsWithNews(db: Db, now: Date, day: string): Promise<Recipient[]> {
  const since = sql`coalesce((select max(d.covers_until) from ${escalationDigests} d where d.account_id = ${accounts.id}),
    ${new Date(now.getTime() - FIRST_DIGEST_LOOKBACK_MS).toISOString()}::timestamptz)`;
  const news = (level: number) =>
    and(
      eq(deadlineSteps.level, level),
      gt(deadlineSteps.createdAt, new Date(now.getTime() - LOOKBACK_LIMIT_MS)),
      lte(deadlineSteps.createdAt, now),
      sql`${deadlineSteps.createdAt} > ${since}`,
      sql`not exists (select 1 from ${escalationDigests} d where d.account_id = ${accounts.id} and d.day = ${day})`,
    );
  const fields = {
    accountId: accounts.id,
    email: accounts.email,
    lang: accounts.preferredLanguage,
    caseIds: sql<string[]>`array_agg(distinct ${deadlineSteps.caseId}::text)`,
  };
  const grouped = [accounts.id, accounts.email, accounts.preferredLanguage] as const;
  const supervisors = await db
    .select(fields)
    .from(deadlineSteps)
    .innerJoin(cases, eq(cases.id, deadlineSteps.caseId))
    .innerJoin(
      staffMemberships,
      and(eq(staffMemberships.institutionId, cases.institutionId), eq(staffMemberships.role, 'supervisor')),
    )
    .innerJoin(accounts, and(eq(accounts.id, staffMemberships.accountId), isNull(accounts.disabledAt)))
    .where(news(1))
    .groupBy(...grouped);
  const overseers = await db
    .select(fields)
    .from(deadlineSteps)
    .innerJoin(cases, eq(cases.id, deadlineSteps.caseId))
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .innerJoin(
      overseerScopes,
      or(
        and(
          eq(overseerScopes.scope, 'province'),
          eq(overseerScopes.territoryCode, institutions.provinceCode),
        ),
        and(eq(overseerScopes.scope, 'region'), eq(overseerScopes.territoryCode, institutions.regionCode)),
      ),
    )
    .innerJoin(accounts, and(eq(accounts.id, overseerScopes.accountId), isNull(accounts.disabledAt)))
    .where(news(2))
    .groupBy(...grouped);
  // one digest per account, were it both a supervisor and an overseer
  const byAccount = new Map<string, Recipient>();
  for (const r of [...supervisors, ...overseers]) {
    const seen = byAccount.get(r.accountId);
    if (seen) seen.caseIds = [...new Set([...seen.caseIds, ...r.caseIds])];
    else byAccount.set(r.accountId, { ...r });
  }
  return [...byAccount.values()];
}

/** One line per case, oldest due first: its tracking number, its body, its due date. */
async function listedCases(db: Db, ids: string[], lang: Lang): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({
      tracking: cases.trackingNumber,
      nameAr: institutions.nameAr,
      nameFr: institutions.nameFr,
      dueAt: cases.dueAt,
    })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(inArray(cases.id, ids))
    .orderBy(asc(cases.dueAt), asc(cases.trackingNumber));
  return rows.map((r) =>
    t(lang, 'mail.escalation_digest.line', {
      tracking: r.tracking,
      institution: lang === 'ar' ? r.nameAr : r.nameFr,
      due: formatDate(r.dueAt, lang),
    }),
  );
}
