import { type AnyColumn, and, eq, gte, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import type { Actor } from '../accounts/actor.js';
import { cases } from '../cases/schema.js';
import { visibleInstitutionIds } from '../cases/service.js';
import { openStates } from '../cases/state-machine.js';
import { institutions } from '../institutions/schema.js';
import { oversightSnapshots } from './schema.js';

const open = [...openStates];

/**
 * `column = any($1)` with the ids as one array parameter: a national overseer sees hundreds of bodies, and
 * an `in (…)` list of hundreds of parameters cost more to build, send and plan than the query itself.
 */
const anyOf = (column: AnyColumn, ids: string[]): SQL => sql`${column} = any(${sql.param(ids)}::uuid[])`;

/** Up to this many bodies, the figures are computed on each request; above, they come from a snapshot. */
export const LIVE_OVERSIGHT_BODIES = 50;
/** How old a snapshot may be before a request recomputes it. */
export const OVERSIGHT_SNAPSHOT_MAX_AGE_MS = 60_000;
/** The advisory lock under which one request at a time recomputes the snapshot (others serve the last one). */
const SNAPSHOT_LOCK = 7_120_031;

export type BodyFigures = {
  institutionId: string;
  open: number;
  overdue: number;
  pastDue: number;
  received90: number;
  medianDaysToAnswer: number | null;
  oldestOpenAt: Date | null;
};

/**
 * The figures of the given bodies counted from the cases: open cases, overdue ones, cases received in the
 * last 90 days, the median days to answer over them, and the oldest open case. Two aggregates, each over the
 * rows it needs (the open cases; the last 90 days), read through the indexes on (institution, state) and
 * (institution, created_at), rather than one pass over every case ever filed.
 */
async function countedFigures(db: Executor, ids: string[], now: Date): Promise<BodyFigures[]> {
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
      institutionId: institutions.id,
      open: sql<number>`coalesce(${openAgg.open}, 0)`,
      overdue: sql<number>`coalesce(${openAgg.overdue}, 0)`,
      pastDue: sql<number>`coalesce(${openAgg.pastDue}, 0)`,
      received90: sql<number>`coalesce(${recentAgg.received90}, 0)`,
      medianDaysToAnswer: recentAgg.medianDaysToAnswer,
      oldestOpenAt: openAgg.oldestOpenAt,
    })
    .from(institutions)
    .leftJoin(openAgg, eq(openAgg.institutionId, institutions.id))
    .leftJoin(recentAgg, eq(recentAgg.institutionId, institutions.id))
    .where(anyOf(institutions.id, ids));
  return rows.map((r) => ({
    institutionId: r.institutionId,
    open: Number(r.open),
    overdue: Number(r.overdue),
    pastDue: Number(r.pastDue),
    received90: Number(r.received90),
    medianDaysToAnswer:
      r.medianDaysToAnswer === null ? null : Math.round(Number(r.medianDaysToAnswer) * 10) / 10,
    oldestOpenAt: r.oldestOpenAt ? new Date(r.oldestOpenAt) : null,
  }));
}

/**
 * The figures from the snapshot when every body has one younger than the allowed age; otherwise counted
 * again and stored by the one request holding the lock, while the others serve the last snapshot (or count
 * for themselves when there is none yet). `asOf` says when they were counted.
 */
async function snapshotFigures(db: Db, ids: string[], now: Date) {
  const s = oversightSnapshots;
  const kept = await db.select().from(s).where(anyOf(s.institutionId, ids));
  const age = (r: { computedAt: Date }) => Math.abs(now.getTime() - r.computedAt.getTime());
  if (kept.length === ids.length && kept.every((r) => age(r) <= OVERSIGHT_SNAPSHOT_MAX_AGE_MS)) {
    return { figures: kept, asOf: new Date(Math.min(...kept.map((r) => r.computedAt.getTime()))) };
  }
  const counted = await db.transaction(async (tx) => {
    const lock = (await tx.execute(
      sql`select pg_try_advisory_xact_lock(${SNAPSHOT_LOCK}) as got`,
    )) as unknown as {
      rows: { got: boolean }[];
    };
    if (!lock.rows[0]?.got) return null;
    const figures = await countedFigures(tx, ids, now);
    await tx
      .insert(s)
      .values(figures.map((f) => ({ ...f, computedAt: now })))
      .onConflictDoUpdate({
        target: s.institutionId,
        set: {
          open: sql`excluded.open`,
          overdue: sql`excluded.overdue`,
          pastDue: sql`excluded.past_due`,
          received90: sql`excluded.received90`,
          medianDaysToAnswer: sql`excluded.median_days_to_answer`,
          oldestOpenAt: sql`excluded.oldest_open_at`,
          computedAt: sql`excluded.computed_at`,
        },
      });
    return figures;
  });
  if (counted) return { figures: counted, asOf: now };
  if (kept.length === ids.length) {
    return { figures: kept, asOf: new Date(Math.min(...kept.map((r) => r.computedAt.getTime()))) };
  }
  return { figures: await countedFigures(db, ids, now), asOf: now };
}

/**
 * Every body an overseer (or a supervisor) may see, with its figures (see `countedFigures`), most past-due
 * first. Counted on each request for a province or a body; for wider scopes (a region, the nation: hundreds
 * of bodies) served from a snapshot at most a minute old, so that the page costs one read however many
 * cases there are.
 */
export async function oversightFigures(
  db: Db,
  actor: Actor,
  now = currentTime(),
  liveUpTo = LIVE_OVERSIGHT_BODIES,
) {
  const ids = await visibleInstitutionIds(db, actor);
  if (!ids.length) return { institutions: [], asOf: now };
  const { figures, asOf } =
    ids.length <= liveUpTo
      ? { figures: await countedFigures(db, ids, now), asOf: now }
      : await snapshotFigures(db, ids, now);
  const bodies = await db
    .select({
      id: institutions.id,
      code: institutions.code,
      type: institutions.type,
      nameAr: institutions.nameAr,
      nameFr: institutions.nameFr,
      nameEn: institutions.nameEn,
      provinceCode: institutions.provinceCode,
    })
    .from(institutions)
    .where(anyOf(institutions.id, ids));
  const byId = new Map(figures.map((f) => [f.institutionId, f]));
  const rows = bodies.map((b) => {
    const f = byId.get(b.id);
    return {
      ...b,
      open: f?.open ?? 0,
      overdue: f?.overdue ?? 0,
      pastDue: f?.pastDue ?? 0,
      received90: f?.received90 ?? 0,
      medianDaysToAnswer: f?.medianDaysToAnswer ?? null,
      oldestOpenAt: f?.oldestOpenAt ? f.oldestOpenAt.toISOString() : null,
    };
  });
  rows.sort((x, y) => y.pastDue - x.pastDue || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  return { institutions: rows.map(({ pastDue: _, ...r }) => r), asOf };
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
