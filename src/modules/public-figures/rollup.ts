/**
 * The worker's rollup of the public figures (see `schema.ts`): each month's figures per body and category,
 * counted from the cases, their events and ratings, then added up to every territory the body lies in and to
 * the nation, per category and for all categories. A pass recomputes the current and the previous month (a
 * month's figures only change while its events still happen); the first pass, and `all`, every month since
 * the first case. See docs/decisions/2026-12-08-public-figures.md.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rawRows } from '../../db/rows.js';
import { addDays, fromWallClock, MOROCCO_TZ } from '../appointments/tz.js';
import { cases, replyEventTypes } from '../cases/schema.js';
import { clockStates, openStates } from '../cases/state-machine.js';
import { caseCategories } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';
import { isWorkingDay, moroccanDate } from '../workflow/calendar.js';
import { forgetFigures } from './cache.js';
import {
  ALL_CATEGORIES,
  addCounts,
  emptyCounts,
  type FigureCounts,
  monthOf,
  NATION_CODE,
  nextMonth,
  REPLY_DAYS_CAP,
} from './figures.js';
import { publicFiguresMonthly, publicFiguresOpen, type ScopeType } from './schema.js';

type Body = { id: string; code: string; territories: string[] };
type Scope = { type: ScopeType; code: string };

/** The scopes a body's figures count in: itself, each territory it lies in, the nation. */
function scopesOf(b: Body): Scope[] {
  return [
    { type: 'body', code: b.code },
    ...b.territories.map((code) => ({ type: 'territory' as const, code })),
    { type: 'nation', code: NATION_CODE },
  ];
}

async function bodiesAndCategories(db: Db) {
  const [bodyRows, categoryRows] = await Promise.all([
    db
      .select({
        id: institutions.id,
        code: institutions.code,
        territoryCode: institutions.territoryCode,
        provinceCode: institutions.provinceCode,
        regionCode: institutions.regionCode,
      })
      .from(institutions),
    db.select({ id: caseCategories.id, code: caseCategories.code }).from(caseCategories),
  ]);
  const bodies = new Map<string, Body>(
    bodyRows.map((b) => [
      b.id,
      {
        id: b.id,
        code: b.code,
        territories: [
          ...new Set([b.territoryCode, b.provinceCode, b.regionCode].filter((c): c is string => !!c)),
        ],
      },
    ]),
  );
  return { bodies, categories: new Map(categoryRows.map((c) => [c.id, c.code])) };
}

/** The calendar's first day for counting working days (a legacy paper filed before it counts from it). */
const CALENDAR_ORIGIN = '2000-01-01';

/**
 * Working days in [from, to) of Morocco's calendar, for dates `YYYY-MM-DD` (as `workingDaysBetween`): each
 * day's count of working days since a fixed origin is worked out once and remembered, so that a month of
 * replies costs one walk over the calendar, not one per reply.
 */
export function workingDayCounter() {
  const since = new Map<string, number>([[CALENDAR_ORIGIN, 0]]);
  let last = CALENDAR_ORIGIN;
  const ordinal = (date: string): number => {
    if (date <= CALENDAR_ORIGIN) return 0;
    while (last < date) {
      const n = since.get(last)! + (isWorkingDay(last) ? 1 : 0);
      last = addDays(last, 1);
      since.set(last, n);
    }
    return since.get(date)!;
  };
  return (from: string, to: string) => (to <= from ? 0 : ordinal(to) - ordinal(from));
}

const local = (column: unknown) => sql<string>`to_char(${column} at time zone ${MOROCCO_TZ}, 'YYYY-MM-DD')`;

/** Each body-and-category cell's figures for one month. */
async function monthCells(db: Db, month: string, days: (from: string, to: string) => number) {
  const start = fromWallClock(month, 0, MOROCCO_TZ);
  const end = fromWallClock(nextMonth(month), 0, MOROCCO_TZ);
  const inMonth = (column: unknown) =>
    sql`${column} >= ${start.toISOString()} and ${column} < ${end.toISOString()}`;
  const cells = new Map<string, FigureCounts>();
  const cell = (institutionId: string, categoryId: string) => {
    const key = `${institutionId}|${categoryId}`;
    const c = cells.get(key) ?? emptyCounts();
    cells.set(key, c);
    return c;
  };
  type Count = { institution_id: string; category_id: string; n: number };
  const replyTypes = sql.raw(replyEventTypes.map((t) => `'${t}'`).join(', '));
  const [received, replies, events, ratings] = await Promise.all([
    rawRows<Count>(
      db,
      sql`
      select institution_id, category_id, count(*)::int as n from cases
      where ${inMonth(sql`created_at`)} and merged_into_id is null
      group by institution_id, category_id`,
    ),
    rawRows<{
      institution_id: string;
      category_id: string;
      filed: string;
      replied: string;
      on_time: boolean;
    }>(
      db,
      sql`
      select c.institution_id, c.category_id, ${local(sql`coalesce(c.originally_filed_at, c.created_at)`)} as filed,
        ${local(sql`e.created_at`)} as replied, e.created_at <= c.due_at as on_time
      from case_events e join cases c on c.id = e.case_id
      where e.type in (${replyTypes}) and ${inMonth(sql`e.created_at`)}
        and not exists (select 1 from case_events p
          where p.case_id = e.case_id and p.id < e.id and p.type in (${replyTypes}))`,
    ),
    rawRows<Count & { type: string }>(
      db,
      sql`
      select c.institution_id, c.category_id, e.type, count(*)::int as n
      from case_events e join cases c on c.id = e.case_id
      where e.type in ('reopened', 'escalated', 'citizen_escalated') and ${inMonth(sql`e.created_at`)}
      group by 1, 2, 3`,
    ),
    rawRows<Count & { total: number }>(
      db,
      sql`
      select c.institution_id, c.category_id, count(*)::int as n, sum(r.score)::int as total
      from case_ratings r join cases c on c.id = r.case_id
      where ${inMonth(sql`r.created_at`)}
      group by 1, 2`,
    ),
  ]);
  for (const r of received) cell(r.institution_id, r.category_id).received += Number(r.n);
  for (const r of replies) {
    const c = cell(r.institution_id, r.category_id);
    c.replied++;
    if (r.on_time) c.repliedOnTime++;
    const d = Math.min(days(r.filed, r.replied), REPLY_DAYS_CAP);
    while (c.replyDays.length <= d) c.replyDays.push(0);
    c.replyDays[d]! += 1;
  }
  for (const r of events) {
    const c = cell(r.institution_id, r.category_id);
    if (r.type === 'reopened') c.reopened += Number(r.n);
    else c.escalated += Number(r.n);
  }
  for (const r of ratings) {
    const c = cell(r.institution_id, r.category_id);
    c.ratings += Number(r.n);
    c.ratingSum += Number(r.total);
  }
  return cells;
}

/** Spreads each body-and-category cell over every scope and category it counts in. */
function rollUp<T>(
  cells: Map<string, T>,
  bodies: Map<string, Body>,
  categories: Map<string, string>,
  empty: () => T,
  add: (into: T, from: T) => void,
) {
  const rows = new Map<string, { scope: Scope; category: string; value: T }>();
  for (const [key, value] of cells) {
    const [institutionId, categoryId] = key.split('|') as [string, string];
    const body = bodies.get(institutionId);
    const category = categories.get(categoryId);
    if (!body || !category) continue;
    for (const scope of scopesOf(body))
      for (const cat of [category, ALL_CATEGORIES]) {
        const k = `${scope.type}|${scope.code}|${cat}`;
        const row = rows.get(k) ?? { scope, category: cat, value: empty() };
        rows.set(k, row);
        add(row.value, value);
      }
  }
  return [...rows.values()];
}

const BATCH = 500;

/** Recomputes the figures of these months (`YYYY-MM-01`), each in its own transaction. */
export async function refreshMonths(db: Db, months: string[]): Promise<{ months: number; rows: number }> {
  const { bodies, categories } = await bodiesAndCategories(db);
  const days = workingDayCounter();
  let written = 0;
  for (const month of months) {
    const cells = await monthCells(db, month, days);
    const rows = rollUp(cells, bodies, categories, emptyCounts, addCounts).map((r) => ({
      scopeType: r.scope.type,
      scopeCode: r.scope.code,
      category: r.category,
      month,
      ...r.value,
    }));
    await db.transaction(async (tx) => {
      await tx.delete(publicFiguresMonthly).where(eq(publicFiguresMonthly.month, month));
      for (let i = 0; i < rows.length; i += BATCH)
        await tx.insert(publicFiguresMonthly).values(rows.slice(i, i + BATCH));
    });
    written += rows.length;
  }
  return { months: months.length, rows: written };
}

/** The cases open now and, of them, those past their deadline (paused ones are not), per scope and category. */
export async function refreshOpen(db: Db, now: Date): Promise<number> {
  const { bodies, categories } = await bodiesAndCategories(db);
  const counted = await db
    .select({
      institutionId: cases.institutionId,
      categoryId: cases.categoryId,
      open: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${inArray(cases.state, [...clockStates])} and ${cases.dueAt} < ${now.toISOString()}))::int`,
    })
    .from(cases)
    .where(inArray(cases.state, [...openStates]))
    .groupBy(cases.institutionId, cases.categoryId);
  type Open = { open: number; overdue: number };
  const cells = new Map<string, Open>(
    counted.map((c) => [
      `${c.institutionId}|${c.categoryId}`,
      { open: Number(c.open), overdue: Number(c.overdue) },
    ]),
  );
  const rows = rollUp<Open>(
    cells,
    bodies,
    categories,
    () => ({ open: 0, overdue: 0 }),
    (into, from) => {
      into.open += from.open;
      into.overdue += from.overdue;
    },
  ).map((r) => ({
    scopeType: r.scope.type,
    scopeCode: r.scope.code,
    category: r.category,
    ...r.value,
    asOf: now,
  }));
  await db.transaction(async (tx) => {
    await tx.delete(publicFiguresOpen);
    for (let i = 0; i < rows.length; i += BATCH)
      await tx.insert(publicFiguresOpen).values(rows.slice(i, i + BATCH));
  });
  return rows.length;
}

/** Every month from the first case's to `now`'s, in Morocco. */
async function allMonths(db: Db, now: Date): Promise<string[]> {
  const [first] = await db.select({ at: sql<string | null>`min(${cases.createdAt})` }).from(cases);
  const last = monthOf(moroccanDate(now));
  if (!first?.at) return [last];
  const months: string[] = [];
  for (let m = monthOf(moroccanDate(new Date(first.at))); m <= last; m = nextMonth(m)) months.push(m);
  return months;
}

/** The last two months in Morocco at `now`: the ones whose figures may still change. */
export function recentMonths(now: Date): string[] {
  const current = monthOf(moroccanDate(now));
  const previous = monthOf(addDays(current, -1));
  return [previous, current];
}

/** One pass of the rollup: recent months (or every month), and the open cases now. */
export async function refreshPublicFigures(db: Db, now: Date, opts: { all?: boolean } = {}) {
  const months = opts.all ? await allMonths(db, now) : recentMonths(now);
  const done = await refreshMonths(db, months);
  const open = await refreshOpen(db, now);
  forgetFigures();
  return { ...done, openRows: open };
}

/** Whether the rollup holds anything yet (the first pass rebuilds every month). */
export async function rollupIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(publicFiguresMonthly)
    .where(and(eq(publicFiguresMonthly.scopeType, 'nation')))
    .limit(1);
  return !row;
}
