import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../accounts/actor.js';
import { cases } from '../cases/schema.js';
import { visibleInstitutionIds } from '../cases/service.js';
import { openStates } from '../cases/state-machine.js';
import { institutions } from '../institutions/schema.js';

const open = [...openStates];

/**
 * Every body an overseer (or a supervisor) may see, with its volumes: open cases, overdue ones, cases
 * received in the last 90 days, the median days to answer over them, and the oldest open case.
 */
export async function oversightFigures(db: Db, actor: Actor, now = new Date()) {
  const ids = await visibleInstitutionIds(db, actor);
  if (!ids.length) return [];
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .select({
      id: institutions.id,
      code: institutions.code,
      type: institutions.type,
      nameAr: institutions.nameAr,
      nameFr: institutions.nameFr,
      nameEn: institutions.nameEn,
      provinceCode: institutions.provinceCode,
      open: sql<number>`count(${cases.id}) filter (where ${cases.state} in ${open})::int`,
      overdue: sql<number>`count(${cases.id}) filter (where ${cases.state} in ${open} and ${cases.state} <> 'awaiting_citizen' and ${cases.dueAt} < ${now})::int`,
      received90: sql<number>`count(${cases.id}) filter (where ${cases.createdAt} >= ${since})::int`,
      medianDaysToAnswer: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (${cases.closedAt} - ${cases.createdAt})) / 86400) filter (where ${cases.state} in ('answered', 'closed', 'ready') and ${cases.createdAt} >= ${since} and ${cases.closedAt} is not null)`,
      oldestOpenAt: sql<string | null>`min(${cases.createdAt}) filter (where ${cases.state} in ${open})`,
    })
    .from(institutions)
    .leftJoin(cases, eq(cases.institutionId, institutions.id))
    .where(inArray(institutions.id, ids))
    .groupBy(institutions.id)
    .orderBy(
      sql`count(${cases.id}) filter (where ${cases.state} in ${open} and ${cases.dueAt} < ${now}) desc`,
      institutions.code,
    );
  return rows.map((r) => ({
    ...r,
    medianDaysToAnswer:
      r.medianDaysToAnswer === null ? null : Math.round(Number(r.medianDaysToAnswer) * 10) / 10,
    oldestOpenAt: r.oldestOpenAt ? new Date(r.oldestOpenAt).toISOString() : null,
  }));
}

/** The oldest open cases across the bodies an overseer sees, to step in where things are stuck. */
export async function oldestOpenCases(db: Db, actor: Actor, limit = 10) {
  const ids = await visibleInstitutionIds(db, actor);
  if (!ids.length) return [];
  return db
    .select({
      id: cases.id,
      trackingNumber: cases.trackingNumber,
      subject: cases.subject,
      state: cases.state,
      dueAt: cases.dueAt,
      createdAt: cases.createdAt,
      institutionCode: institutions.code,
    })
    .from(cases)
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(and(inArray(cases.institutionId, ids), inArray(cases.state, open as never[])))
    .orderBy(cases.createdAt)
    .limit(limit);
}
