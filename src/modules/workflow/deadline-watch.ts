import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { formatDate } from '../../i18n/format.js';
import { isLang } from '../../i18n/index.js';
import { accounts, overseerScopes, staffMemberships } from '../accounts/schema.js';
import { recordAudit } from '../audit/service.js';
import { caseEvents, cases } from '../cases/schema.js';
import { institutions } from '../institutions/schema.js';
import { enqueueEmail } from '../notifications/service.js';
import { addWorkingDays, workingDaysBetween } from './calendar.js';

/** States in which the body owes an answer and the clock runs. */
const running = ['submitted', 'acknowledged', 'in_progress', 'reply_pending_approval', 'reopened'] as const;
export const REMIND_BEFORE_WORKING_DAYS = 2;
/** After this many working days overdue, the territorial overseer is told too. */
export const OVERSEER_AFTER_WORKING_DAYS = 10;

type Step = { caseId: string; kind: 'reminder' | 'escalation_supervisor' | 'escalation_overseer' };

/**
 * Reminds the person holding a case before its due date, escalates to the institution's supervisors once
 * it is overdue, then to the territory's overseers. Each step happens once per case (recorded as an
 * internal timeline event in the same transaction as its e-mails), so the job can run as often as wanted.
 */
export async function runDeadlineWatch(db: Db, now: Date, publicUrl: string): Promise<Step[]> {
  const soon = addWorkingDays(now, REMIND_BEFORE_WORKING_DAYS);
  const rows = await db
    .select({ c: cases, inst: institutions })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(and(inArray(cases.state, [...running]), lt(cases.dueAt, soon)))
    .limit(500);
  const done: Step[] = [];
  for (const { c, inst } of rows) {
    const events = await db
      .select({ type: caseEvents.type, data: caseEvents.data })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c.id), inArray(caseEvents.type, ['deadline_reminder', 'escalated'])));
    const has = (type: string, level?: number) =>
      events.some((e) => e.type === type && (level === undefined || e.data.level === level));
    const overdueDays = c.dueAt < now ? workingDaysBetween(c.dueAt, now) : -1;
    let step: Step['kind'] | null = null;
    if (overdueDays >= OVERSEER_AFTER_WORKING_DAYS && !has('escalated', 2)) step = 'escalation_overseer';
    else if (overdueDays >= 0 && c.dueAt < now && !has('escalated', 1)) step = 'escalation_supervisor';
    else if (c.dueAt >= now && !has('deadline_reminder')) step = 'reminder';
    if (!step) continue;

    const recipients =
      step === 'reminder'
        ? await db
            .select({ email: accounts.email, lang: accounts.preferredLanguage })
            .from(accounts)
            .where(eq(accounts.id, c.assigneeId ?? '00000000-0000-0000-0000-000000000000'))
        : step === 'escalation_supervisor'
          ? await db
              .select({ email: accounts.email, lang: accounts.preferredLanguage })
              .from(staffMemberships)
              .innerJoin(accounts, eq(accounts.id, staffMemberships.accountId))
              .where(
                and(
                  eq(staffMemberships.institutionId, c.institutionId),
                  eq(staffMemberships.role, 'supervisor'),
                ),
              )
          : await db
              .select({ email: accounts.email, lang: accounts.preferredLanguage })
              .from(overseerScopes)
              .innerJoin(accounts, eq(accounts.id, overseerScopes.accountId))
              .where(
                sql`(${overseerScopes.scope} = 'province' and ${overseerScopes.territoryCode} = ${inst.provinceCode})
                  or (${overseerScopes.scope} = 'region' and ${overseerScopes.territoryCode} = ${inst.regionCode})`,
              );
    await db.transaction(async (tx) => {
      const level = step === 'reminder' ? 0 : step === 'escalation_supervisor' ? 1 : 2;
      await tx.insert(caseEvents).values({
        caseId: c.id,
        type: step === 'reminder' ? 'deadline_reminder' : 'escalated',
        data: { level, overdueWorkingDays: Math.max(0, overdueDays), notified: recipients.length },
        visibility: 'internal',
        createdAt: now,
      });
      for (const r of recipients) {
        const lang = isLang(r.lang) ? r.lang : 'fr';
        await enqueueEmail(tx, {
          to: r.email,
          template: step === 'reminder' ? 'deadline_reminder' : 'escalation',
          lang,
          caseId: c.id,
          params: {
            tracking: c.trackingNumber,
            subject: c.subject,
            due: formatDate(c.dueAt, lang),
            days: Math.max(0, overdueDays),
            count: Math.max(0, overdueDays),
            institution: lang === 'ar' ? inst.nameAr : inst.nameFr,
            url: `${publicUrl}/staff/cases/${c.id}`,
          },
        });
      }
      await recordAudit(tx, {
        actorId: null,
        action: `case.${step}`,
        entityType: 'case',
        entityId: c.id,
        institutionId: c.institutionId,
        data: { level, notified: recipients.length },
      });
    });
    done.push({ caseId: c.id, kind: step });
  }
  return done;
}
