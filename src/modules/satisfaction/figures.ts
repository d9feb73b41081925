/**
 * How satisfied people are with a body: count, average and the spread of scores 1–5 over the ratings given
 * in a period, in all and per category, department or agent (who held the case when it was rated), with
 * the latest comments. Aggregated by the database (one grouped pass over the body's ratings).
 */
import { and, count, desc, eq, gte, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import type { ServiceContext } from '../../server/service-context.js';
import { WATCHER_ROLES } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { addDays, fromWallClock, MOROCCO_TZ } from '../appointments/tz.js';
import { caseRatings, cases } from '../cases/schema.js';
import { caseCategories } from '../catalog/schema.js';
import { requireBodyAccess } from '../institutions/access.js';
import { departments, institutions } from '../institutions/schema.js';

export const satisfactionGroups = ['category', 'department', 'agent'] as const;
export type SatisfactionGroup = (typeof satisfactionGroups)[number];
export const COMMENTS_PAGE = 10;

export type SatisfactionQuery = { from?: string; to?: string; groupBy: SatisfactionGroup; page: number };

/** count, average (one decimal) and how many gave each score 1 to 5 */
const scoreAggregates = {
  count: sql<number>`count(*)::int`,
  average: sql<string | null>`round(avg(${caseRatings.score}), 2)`,
  s1: sql<number>`(count(*) filter (where ${caseRatings.score} = 1))::int`,
  s2: sql<number>`(count(*) filter (where ${caseRatings.score} = 2))::int`,
  s3: sql<number>`(count(*) filter (where ${caseRatings.score} = 3))::int`,
  s4: sql<number>`(count(*) filter (where ${caseRatings.score} = 4))::int`,
  s5: sql<number>`(count(*) filter (where ${caseRatings.score} = 5))::int`,
};

type Aggregate = { [K in keyof typeof scoreAggregates]: unknown };
export const present = (r: Aggregate) => ({
  count: Number(r.count),
  average: r.average === null ? null : Math.round(Number(r.average) * 10) / 10,
  distribution: [r.s1, r.s2, r.s3, r.s4, r.s5].map(Number),
});

/** The ratings of a period: from the start of `from` to the end of `to`, days in Morocco. */
function period(q: { from?: string; to?: string }): SQL[] {
  if (q.from && q.to && q.from > q.to) throw fail('satisfaction-range');
  return [
    ...(q.from ? [gte(caseRatings.createdAt, fromWallClock(q.from, 0, MOROCCO_TZ))] : []),
    ...(q.to ? [lt(caseRatings.createdAt, fromWallClock(addDays(q.to, 1), 0, MOROCCO_TZ))] : []),
  ];
}

const groupKey = { category: cases.categoryId, department: cases.departmentId, agent: caseRatings.agentId };

/** A body's satisfaction, for its supervisors, administrators and auditors, and the overseers of its territory. */
export async function bodySatisfaction(ctx: ServiceContext, institutionId: string, q: SatisfactionQuery) {
  const body = await requireBodyAccess(ctx, institutionId, WATCHER_ROLES);
  const where = and(eq(cases.institutionId, body.id), ...period(q));
  const key = groupKey[q.groupBy];
  const [[total], groups, comments, [commentCount]] = await Promise.all([
    ctx.db
      .select(scoreAggregates)
      .from(caseRatings)
      .innerJoin(cases, eq(cases.id, caseRatings.caseId))
      .where(where),
    ctx.db
      .select({ id: key, ...scoreAggregates })
      .from(caseRatings)
      .innerJoin(cases, eq(cases.id, caseRatings.caseId))
      .where(where)
      .groupBy(key)
      .orderBy(sql`avg(${caseRatings.score})`, desc(sql`count(*)`)),
    ctx.db
      .select({
        caseId: cases.id,
        trackingNumber: cases.trackingNumber,
        score: caseRatings.score,
        comment: caseRatings.comment,
        at: caseRatings.createdAt,
      })
      .from(caseRatings)
      .innerJoin(cases, eq(cases.id, caseRatings.caseId))
      .where(and(where, isNotNull(caseRatings.comment)))
      .orderBy(desc(caseRatings.createdAt), desc(caseRatings.caseId))
      .limit(COMMENTS_PAGE)
      .offset((q.page - 1) * COMMENTS_PAGE),
    ctx.db
      .select({ n: count() })
      .from(caseRatings)
      .innerJoin(cases, eq(cases.id, caseRatings.caseId))
      .where(and(where, isNotNull(caseRatings.comment))),
  ]);
  const names = await groupNames(
    ctx.db,
    q.groupBy,
    groups.map((g) => g.id).filter((id): id is string => !!id),
  );
  return {
    groupBy: q.groupBy,
    total: present(total!),
    groups: groups.map((g) => ({ id: g.id, ...(g.id ? names.get(g.id) : null), ...present(g) })),
    comments: {
      items: comments.map((c) => ({ ...c, comment: c.comment!, at: c.at.toISOString() })),
      total: Number(commentCount?.n ?? 0),
      page: q.page,
      pageSize: COMMENTS_PAGE,
    },
  };
}

type Named = { name?: string; nameAr?: string; nameFr?: string; nameEn?: string };

/** The names of the groups: an agent's display name; a category's or department's in three languages. */
async function groupNames(db: Db, groupBy: SatisfactionGroup, ids: string[]): Promise<Map<string, Named>> {
  if (!ids.length) return new Map();
  const idList = sql`any(${sql.param(ids)}::uuid[])`;
  if (groupBy === 'agent') {
    const rows = await db
      .select({ id: accounts.id, name: accounts.displayName })
      .from(accounts)
      .where(sql`${accounts.id} = ${idList}`);
    return new Map(rows.map(({ id, ...n }) => [id, n]));
  }
  const table = groupBy === 'category' ? caseCategories : departments;
  const rows = await db
    .select({ id: table.id, nameAr: table.nameAr, nameFr: table.nameFr, nameEn: table.nameEn })
    .from(table)
    .where(sql`${table.id} = ${idList}`);
  return new Map(rows.map(({ id, ...n }) => [id, n]));
}

/**
 * Fewer ratings than this and a body is left out of the public figures: with one or two ratings, its
 * average would tell anyone who knows who rated what that person said.
 */
export const PUBLIC_MIN_RATINGS = 5;

/** The public figures: per body, its number of ratings and average score; no comments, no names of staff. */
export async function publicSatisfaction(ctx: ServiceContext, q: { from?: string; to?: string }) {
  const rows = await ctx.db
    .select({
      id: institutions.id,
      code: institutions.code,
      nameAr: institutions.nameAr,
      nameFr: institutions.nameFr,
      nameEn: institutions.nameEn,
      count: scoreAggregates.count,
      average: scoreAggregates.average,
    })
    .from(caseRatings)
    .innerJoin(cases, eq(cases.id, caseRatings.caseId))
    .innerJoin(institutions, eq(institutions.id, cases.institutionId))
    .where(and(...period(q)))
    .groupBy(institutions.id)
    .having(sql`count(*) >= ${PUBLIC_MIN_RATINGS}`)
    .orderBy(institutions.code);
  return {
    minRatings: PUBLIC_MIN_RATINGS,
    institutions: rows.map((r) => ({
      ...r,
      count: Number(r.count),
      average: Math.round(Number(r.average) * 10) / 10,
    })),
  };
}
