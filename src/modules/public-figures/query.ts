/**
 * The public figures as anyone reads them, without signing in: for the nation, a territory (region,
 * province or prefecture, commune) or a body, all categories or one, over a period of months. Read from the
 * rollup only (a few hundred rows at most, by primary key), never from the cases.
 */
import { and, asc, eq, gte, inArray, lte, ne, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { caseCategories } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';
import { territories } from '../territory/schema.js';
import { moroccanDate } from '../workflow/calendar.js';
import {
  ALL_CATEGORIES,
  addCounts,
  emptyCounts,
  type FigureCounts,
  MIN_VOLUME,
  monthOf,
  NATION_CODE,
  nextMonth,
  type OpenFigures,
  type PublicFigures,
  present,
  presentOpen,
} from './figures.js';
import { publicFiguresMonthly, publicFiguresOpen, type ScopeType } from './schema.js';

export type FiguresQuery = {
  territory?: string;
  body?: string;
  category?: string;
  from?: string;
  to?: string;
};
export type Names = { ar: string; fr: string; en: string };
/** A place in the hierarchy: the nation, a territory (its type: region, province, commune, …) or a body. */
export type Place = { level: string; code: string; name: Names };
type Scope = Place & { type: ScopeType };

/** The longest period one request covers, in months. */
export const MAX_MONTHS = 60;
/** The period when none is given: the twelve months up to the current one. */
export const DEFAULT_MONTHS = 12;

const NATION: Scope = {
  type: 'nation',
  level: 'nation',
  code: NATION_CODE,
  name: { ar: 'المغرب', fr: 'Maroc', en: 'Morocco' },
};

const territoryNames = (t: { nameAr: string; nameFr: string }): Names => ({
  ar: t.nameAr,
  fr: t.nameFr,
  en: t.nameFr,
});
const bodyNames = (b: { nameAr: string; nameFr: string; nameEn: string }): Names => ({
  ar: b.nameAr,
  fr: b.nameFr,
  en: b.nameEn,
});

/** The months `from`..`to` (`YYYY-MM`), checked; by default the twelve up to `now`'s. */
export function periodOf(q: { from?: string; to?: string }, now: Date): string[] {
  const to = q.to ? `${q.to}-01` : monthOf(moroccanDate(now));
  let from = q.from ? `${q.from}-01` : to;
  if (!q.from) for (let i = 1; i < DEFAULT_MONTHS; i++) from = previousMonth(from);
  if (from > to) throw fail('figures-period');
  const months: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) {
    months.push(m);
    if (months.length > MAX_MONTHS) throw fail('figures-period-too-long', { max: MAX_MONTHS });
  }
  return months;
}

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
}

/** The scope asked for, its parents (for the way back up) and its children (the breakdown). */
async function resolveScope(db: Db, q: FiguresQuery) {
  if (q.body) {
    const [b] = await db.select().from(institutions).where(eq(institutions.code, q.body.toUpperCase()));
    if (!b) throw fail('figures-unknown-body', { code: q.body });
    const parents = await territoryChain(db, [b.regionCode, b.provinceCode, b.territoryCode]);
    const scope: Scope = { type: 'body', level: 'body', code: b.code, name: bodyNames(b) };
    return { scope, parents, children: [] as Place[], childType: null };
  }
  if (q.territory) {
    const [t] = await db.select().from(territories).where(eq(territories.code, q.territory));
    if (!t) throw fail('figures-unknown-territory', { code: q.territory });
    const scope: Scope = { type: 'territory', level: t.type, code: t.code, name: territoryNames(t) };
    const parents = await territoryChain(
      db,
      [t.regionCode, t.provinceCode].filter((c) => c && c !== t.code),
    );
    if (t.type === 'region') {
      const rows = await db
        .select()
        .from(territories)
        .where(and(eq(territories.regionCode, t.code), inArray(territories.type, ['province', 'prefecture'])))
        .orderBy(asc(territories.nameFr));
      const children = rows.map((r) => ({ level: r.type, code: r.code, name: territoryNames(r) }));
      return { scope, parents, children, childType: 'territory' as const };
    }
    const bodies = await db
      .select()
      .from(institutions)
      .where(
        t.type === 'province' || t.type === 'prefecture'
          ? or(eq(institutions.provinceCode, t.code), eq(institutions.territoryCode, t.code))
          : eq(institutions.territoryCode, t.code),
      )
      .orderBy(asc(institutions.code));
    const children = bodies.map((b) => ({ level: 'body', code: b.code, name: bodyNames(b) }));
    return { scope, parents, children, childType: 'body' as const };
  }
  const regions = await db
    .select()
    .from(territories)
    .where(eq(territories.type, 'region'))
    .orderBy(asc(territories.code));
  const children = regions.map((r) => ({ level: r.type, code: r.code, name: territoryNames(r) }));
  return { scope: NATION, parents: [] as Place[], children, childType: 'territory' as const };
}

/** The nation, then these territories (outermost first), as places to go back up to. */
async function territoryChain(db: Db, codes: (string | null)[]): Promise<Place[]> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  const rows = wanted.length
    ? await db.select().from(territories).where(inArray(territories.code, wanted))
    : [];
  const byCode = new Map(rows.map((r) => [r.code, r]));
  return [
    NATION,
    ...wanted
      .map((c) => byCode.get(c))
      .filter((r) => !!r)
      .map((r) => ({ level: r.type, code: r.code, name: territoryNames(r) })),
  ].map(({ level, code, name }) => ({ level, code, name }));
}

type Row = FigureCounts & { scopeCode: string; category: string; month: string };

function sum(rows: Row[]): FigureCounts {
  return rows.reduce((into, r) => addCounts(into, r), emptyCounts());
}

export type FiguresLine = PublicFigures & OpenFigures;
export type FiguresAnswer = {
  scope: Place;
  parents: Place[];
  category: { code: string; name: Names } | null;
  period: { from: string; to: string };
  minVolume: number;
  asOf: string | null;
  totals: FiguresLine;
  months: (PublicFigures & { month: string })[];
  children: (Place & FiguresLine)[];
  categories: ({ code: string; name: Names } & FiguresLine)[];
};

/** The figures of a scope over a period, month by month, with its children and its categories. */
export async function publicFigures(
  db: Db,
  q: FiguresQuery,
  now: Date,
  min: number = MIN_VOLUME,
): Promise<FiguresAnswer> {
  const months = periodOf(q, now);
  const { scope, parents, children, childType } = await resolveScope(db, q);
  let category: FiguresAnswer['category'] = null;
  if (q.category) {
    const [c] = await db.select().from(caseCategories).where(eq(caseCategories.code, q.category));
    if (!c) throw fail('figures-unknown-category', { code: q.category });
    category = { code: c.code, name: bodyNames(c) };
  }
  const cat = category?.code ?? ALL_CATEGORIES;
  const inPeriod = and(
    gte(publicFiguresMonthly.month, months[0]!),
    lte(publicFiguresMonthly.month, months.at(-1)!),
  );
  const rowColumns = {
    scopeCode: publicFiguresMonthly.scopeCode,
    category: publicFiguresMonthly.category,
    month: publicFiguresMonthly.month,
    received: publicFiguresMonthly.received,
    replied: publicFiguresMonthly.replied,
    repliedOnTime: publicFiguresMonthly.repliedOnTime,
    replyDays: publicFiguresMonthly.replyDays,
    reopened: publicFiguresMonthly.reopened,
    escalated: publicFiguresMonthly.escalated,
    ratings: publicFiguresMonthly.ratings,
    ratingSum: publicFiguresMonthly.ratingSum,
  };
  const openColumns = {
    scopeCode: publicFiguresOpen.scopeCode,
    category: publicFiguresOpen.category,
    open: publicFiguresOpen.open,
    overdue: publicFiguresOpen.overdue,
    asOf: publicFiguresOpen.asOf,
  };
  const ofScope = (
    t: typeof publicFiguresMonthly | typeof publicFiguresOpen,
    type: ScopeType,
    codes: string[],
  ) =>
    and(eq(t.scopeType, type), codes.length === 1 ? eq(t.scopeCode, codes[0]!) : inArray(t.scopeCode, codes));
  const childCodes = children.map((c) => c.code);
  const [own, ownOpen, childRows, childOpen, categoryRows, categoryOpen] = await Promise.all([
    db
      .select(rowColumns)
      .from(publicFiguresMonthly)
      .where(
        and(
          ofScope(publicFiguresMonthly, scope.type, [scope.code]),
          eq(publicFiguresMonthly.category, cat),
          inPeriod,
        ),
      ),
    db
      .select(openColumns)
      .from(publicFiguresOpen)
      .where(and(ofScope(publicFiguresOpen, scope.type, [scope.code]), eq(publicFiguresOpen.category, cat))),
    childType && childCodes.length
      ? db
          .select(rowColumns)
          .from(publicFiguresMonthly)
          .where(
            and(
              ofScope(publicFiguresMonthly, childType, childCodes),
              eq(publicFiguresMonthly.category, cat),
              inPeriod,
            ),
          )
      : [],
    childType && childCodes.length
      ? db
          .select(openColumns)
          .from(publicFiguresOpen)
          .where(and(ofScope(publicFiguresOpen, childType, childCodes), eq(publicFiguresOpen.category, cat)))
      : [],
    category
      ? []
      : db
          .select(rowColumns)
          .from(publicFiguresMonthly)
          .where(
            and(
              ofScope(publicFiguresMonthly, scope.type, [scope.code]),
              ne(publicFiguresMonthly.category, ALL_CATEGORIES),
              inPeriod,
            ),
          ),
    category
      ? []
      : db
          .select(openColumns)
          .from(publicFiguresOpen)
          .where(
            and(
              ofScope(publicFiguresOpen, scope.type, [scope.code]),
              ne(publicFiguresOpen.category, ALL_CATEGORIES),
            ),
          ),
  ]);
  const openOf = (rows: { open: number; overdue: number }[]) =>
    presentOpen(
      rows.reduce((a, r) => ({ open: a.open + r.open, overdue: a.overdue + r.overdue }), {
        open: 0,
        overdue: 0,
      }),
      min,
    );
  const group = <T extends { [k: string]: unknown }>(rows: T[], key: keyof T) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const k = String(r[key]);
      m.set(k, [...(m.get(k) ?? []), r]);
    }
    return m;
  };
  const byMonth = group(own, 'month');
  const byChild = group(childRows, 'scopeCode');
  const openByChild = group(childOpen, 'scopeCode');
  const byCategory = group(categoryRows, 'category');
  const openByCategory = group(categoryOpen, 'category');
  const categoryNames = byCategory.size
    ? await db
        .select({
          code: caseCategories.code,
          nameAr: caseCategories.nameAr,
          nameFr: caseCategories.nameFr,
          nameEn: caseCategories.nameEn,
        })
        .from(caseCategories)
        .where(inArray(caseCategories.code, [...byCategory.keys()]))
    : [];
  const asOf = ownOpen[0]?.asOf ?? null;
  return {
    scope: { level: scope.level, code: scope.code, name: scope.name },
    parents,
    category,
    period: { from: months[0]!.slice(0, 7), to: months.at(-1)!.slice(0, 7) },
    minVolume: min,
    asOf: asOf ? new Date(asOf).toISOString() : null,
    totals: { ...present(sum(own), min), ...openOf(ownOpen) },
    months: months.map((m) => ({ month: m.slice(0, 7), ...present(sum(byMonth.get(m) ?? []), min) })),
    children: children.map((c) => ({
      ...c,
      ...present(sum(byChild.get(c.code) ?? []), min),
      ...openOf(openByChild.get(c.code) ?? []),
    })),
    categories: categoryNames
      .map((c) => ({
        code: c.code,
        name: bodyNames(c),
        ...present(sum(byCategory.get(c.code) ?? []), min),
        ...openOf(openByCategory.get(c.code) ?? []),
      }))
      .sort((a, b) => (b.received ?? -1) - (a.received ?? -1) || a.code.localeCompare(b.code)),
  };
}
