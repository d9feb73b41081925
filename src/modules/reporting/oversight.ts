import {
  type AnyColumn,
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  gte,
  inArray,
  type SQL,
  sql,
} from 'drizzle-orm';
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
 * Makes sure every body has a snapshot younger than the allowed age: if not, counts them again and stores
 * them, in the one request holding the lock; the others serve the last snapshot. Returns when the oldest
 * figure served was counted, or null when there is no complete snapshot to serve yet (the caller counts).
 */
async function freshSnapshot(db: Db, ids: string[], now: Date): Promise<Date | null> {
  const s = oversightSnapshots;
  const [kept] = await db
    .select({
      n: sql<number>`count(*)::int`,
      oldest: sql<string | null>`min(${s.computedAt})`,
      newest: sql<string | null>`max(${s.computedAt})`,
    })
    .from(s)
    .where(anyOf(s.institutionId, ids));
  const complete = Number(kept?.n) === ids.length;
  const oldest = kept?.oldest ? new Date(kept.oldest) : null;
  const newest = kept?.newest ? new Date(kept.newest) : null;
  const young = (d: Date | null) =>
    d !== null && Math.abs(now.getTime() - d.getTime()) <= OVERSIGHT_SNAPSHOT_MAX_AGE_MS;
  if (complete && young(oldest) && young(newest)) return oldest;
  const stored = await db.transaction(async (tx) => {
    const lock = (await tx.execute(
      sql`select pg_try_advisory_xact_lock(${SNAPSHOT_LOCK}) as got`,
    )) as unknown as {
      rows: { got: boolean }[];
    };
    if (!lock.rows[0]?.got) return false;
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
    return true;
  });
  if (stored) return now;
  return complete ? oldest : null;
}

const bodyColumns = {
  id: institutions.id,
  code: institutions.code,
  type: institutions.type,
  nameAr: institutions.nameAr,
  nameFr: institutions.nameFr,
  nameEn: institutions.nameEn,
  provinceCode: institutions.provinceCode,
};

type BodyRow = {
  id: string;
  code: string;
  type: (typeof institutions.$inferSelect)['type'];
  nameAr: string;
  nameFr: string;
  nameEn: string;
  provinceCode: string | null;
};

/** A page of the bodies an overseer sees, most past-due first (then by code). */
export type OversightPage = { limit: number; offset: number };

/**
 * Every body an overseer (or a supervisor) may see, with its figures (see `countedFigures`), most past-due
 * first, a page at a time. Counted on each request for a province or a body; for wider scopes (a region, the
 * nation: hundreds of bodies) served from a snapshot at most a minute old, sorted and paged by the database,
 * so that the page costs the same however many cases there are.
 */
export async function oversightFigures(
  db: Db,
  actor: Actor,
  now = currentTime(),
  page: OversightPage = { limit: 100, offset: 0 },
  liveUpTo = LIVE_OVERSIGHT_BODIES,
) {
  const ids = await visibleInstitutionIds(db, actor);
  const total = ids.length;
  const shown = <T>(rows: T[]) => ({
    institutions: rows,
    total,
    nextOffset: page.offset + page.limit < total ? page.offset + page.limit : null,
  });
  if (!ids.length) return { ...shown([]), asOf: now };
  const asOf = ids.length <= liveUpTo ? null : await freshSnapshot(db, ids, now);
  if (asOf) {
    const s = oversightSnapshots;
    const rows = await db
      .select({ ...bodyColumns, ...getTableColumns(s) })
      .from(institutions)
      .innerJoin(s, eq(s.institutionId, institutions.id))
      .where(anyOf(institutions.id, ids))
      .orderBy(desc(s.pastDue), asc(institutions.code))
      .limit(page.limit)
      .offset(page.offset);
    return { ...shown(presentRows(rows)), asOf };
  }
  const [figures, bodies] = await Promise.all([
    countedFigures(db, ids, now),
    db.select(bodyColumns).from(institutions).where(anyOf(institutions.id, ids)),
  ]);
  const byId = new Map(figures.map((f) => [f.institutionId, f]));
  const zero = {
    open: 0,
    overdue: 0,
    pastDue: 0,
    received90: 0,
    medianDaysToAnswer: null,
    oldestOpenAt: null,
  };
  const all = bodies.map((b) => ({ ...b, ...(byId.get(b.id) ?? zero) }));
  all.sort((x, y) => y.pastDue - x.pastDue || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const slice = all.slice(page.offset, page.offset + page.limit);
  return { ...shown(presentRows(slice)), asOf: now };
}

/** The rows as the page shows them: a body and its figures, without the sort key. */
function presentRows(rows: (BodyRow & Omit<BodyFigures, 'institutionId'>)[]) {
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    type: r.type,
    nameAr: r.nameAr,
    nameFr: r.nameFr,
    nameEn: r.nameEn,
    provinceCode: r.provinceCode,
    open: r.open,
    overdue: r.overdue,
    received90: r.received90,
    medianDaysToAnswer: r.medianDaysToAnswer,
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
