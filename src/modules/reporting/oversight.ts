import { type AnyColumn, and, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { cases } from '../cases/schema.js';
import { visibleInstitutionIds } from '../cases/service.js';
import { openStates } from '../cases/state-machine.js';
import { institutions } from '../institutions/schema.js';

const open = [...openStates];

/**
 * `column = any($1)` with the ids as one array parameter: a national overseer sees hundreds of bodies, and
 * an `in (…)` list of hundreds of parameters cost more to build, send and plan than the query itself.
 */
const anyOf = (column: AnyColumn, ids: string[]): SQL => sql`${column} = any(${sql.param(ids)}::uuid[])`;

/**
 * Every body an overseer (or a supervisor) may see, with its volumes: open cases, overdue ones, cases
 * received in the last 90 days, the median days to answer over them, and the oldest open case.
 * Two aggregates, each over the rows it needs (the open cases; the last 90 days), read through the indexes
 * on (institution, state) and (institution, created_at), rather than one pass over every case ever filed.
 */
export async function oversightFigures(db: Db, actor: Actor, now = currentTime()) {
  const ids = await visibleInstitutionIds(db, actor);
  if (!ids.length) return [];
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const openAgg = db
    .select({
      institutionId: cases.institutionId,
      open: sql<number>`count(*)::int`.as('open'),
      overdue:
        sql<number>`(count(*) filter (where ${cases.state} <> 'awaiting_citizen' and ${cases.dueAt} < ${now}))::int`.as(
          'overdue',
        ),
      pastDue: sql<number>`(count(*) filter (where ${cases.dueAt} < ${now}))::int`.as('past_due'),
      oldestOpenAt: sql<string | null>`min(${cases.createdAt})`.as('oldest_open_at'),
    })
    .from(cases)
    .where(and(anyOf(cases.institutionId, ids), inArray(cases.state, open)))
    .groupBy(cases.institutionId)
    .as('o');
  const recentAgg = db
    .select({
      institutionId: cases.institutionId,
      received90: sql<number>`count(*)::int`.as('received90'),
      medianDaysToAnswer: sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (${cases.closedAt} - ${cases.createdAt})) / 86400) filter (where ${cases.state} in ('answered', 'closed', 'ready') and ${cases.closedAt} is not null)`.as(
        'median_days',
      ),
    })
    .from(cases)
    .where(and(anyOf(cases.institutionId, ids), gte(cases.createdAt, since)))
    .groupBy(cases.institutionId)
    .as('r');
  const rows = await db
    .select({
      id: institutions.id,
      code: institutions.code,
      type: institutions.type,
      nameAr: institutions.nameAr,
      nameFr: institutions.nameFr,
      nameEn: institutions.nameEn,
      provinceCode: institutions.provinceCode,
      open: sql<number>`coalesce(${openAgg.open}, 0)`,
      overdue: sql<number>`coalesce(${openAgg.overdue}, 0)`,
      received90: sql<number>`coalesce(${recentAgg.received90}, 0)`,
      medianDaysToAnswer: recentAgg.medianDaysToAnswer,
      oldestOpenAt: openAgg.oldestOpenAt,
    })
    .from(institutions)
    .leftJoin(openAgg, eq(openAgg.institutionId, institutions.id))
    .leftJoin(recentAgg, eq(recentAgg.institutionId, institutions.id))
    .where(anyOf(institutions.id, ids))
    .orderBy(sql`coalesce(${openAgg.pastDue}, 0) desc`, institutions.code);
  return rows.map((r) => ({
    ...r,
    open: Number(r.open),
    overdue: Number(r.overdue),
    received90: Number(r.received90),
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
    .where(and(anyOf(cases.institutionId, ids), inArray(cases.state, open as never[])))
    .orderBy(cases.createdAt)
    .limit(limit);
}
