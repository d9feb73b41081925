import { and, asc, desc, eq, inArray, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { forbidden } from '../../server/errors.js';
import { nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { type Actor, WATCHER_ROLES } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { ageInDays } from '../cases/legacy.js';
import { cases } from '../cases/schema.js';
import { visibleInstitutionIds } from '../cases/service.js';
import { openStates } from '../cases/state-machine.js';
import { requireBodyAccess } from '../institutions/access.js';
import { departments, institutions } from '../institutions/schema.js';
import type { StalledView } from './contract.js';
import { citizenEscalations } from './schema.js';

/**
 * The bodies whose stalled files a person may list: those where they hold a watcher's role, and every
 * body of an overseer's territory.
 */
export async function watchedInstitutionIds(db: Db, actor: Actor): Promise<string[]> {
  const watcherOf = actor.memberships
    .filter((m) => WATCHER_ROLES.includes(m.role))
    .map((m) => m.institutionId);
  if (!actor.scopes.length) return [...new Set(watcherOf)];
  const overseen = await visibleInstitutionIds(db, { ...actor, memberships: [] });
  return [...new Set([...watcherOf, ...overseen])];
}

/** What each view of the stuck files keeps (besides being open in a watched body), and its order. */
type View = {
  where: (o: { days: number; now: Date }) => SQL;
  order: SQL[];
  /** Open cases only (the default); the escalated ones include the answers the person contests. */
  anyState?: boolean;
};
/** The highest step its person took the case up to (1 supervisors, 2 overseers, 3 referral file), or null. */
const escalationLevel = sql<
  number | null
>`(select max(e.level)::int from ${citizenEscalations} e where e.case_id = ${cases.id})`;
const views: Record<StalledView, View> = {
  idle: {
    where: (o) => lt(cases.updatedAt, new Date(o.now.getTime() - o.days * 86_400_000)),
    order: [asc(cases.updatedAt)],
  },
  legacy: { where: () => isNotNull(cases.originallyFiledAt), order: [asc(cases.originallyFiledAt)] },
  // the files their people took up the ladder, the highest step first, then the longest waiting
  escalated: {
    where: () => sql`exists (select 1 from ${citizenEscalations} e where e.case_id = ${cases.id})`,
    order: [
      desc(escalationLevel),
      asc(sql`(select min(e.created_at) from ${citizenEscalations} e where e.case_id = ${cases.id})`),
    ],
    anyState: true,
  },
};

/**
 * Open files of the given bodies with no action for `days` days, oldest first, with who holds them and
 * where; and how many there are in all. One array parameter, whatever the number of bodies.
 */
export async function stalledCases(
  db: Db,
  institutionIds: string[],
  opts: { days: number; limit: number; now: Date; only?: StalledView },
) {
  if (!institutionIds.length) return { items: [], total: 0 };
  const view = views[opts.only ?? 'idle'];
  const where: SQL = and(
    sql`${cases.institutionId} = any(${sql.param(institutionIds)}::uuid[])`,
    view.anyState ? undefined : inArray(cases.state, [...openStates]),
    view.where(opts),
  )!;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: cases.id,
        trackingNumber: cases.trackingNumber,
        subject: cases.subject,
        state: cases.state,
        dueAt: cases.dueAt,
        updatedAt: cases.updatedAt,
        createdAt: cases.createdAt,
        originallyFiledAt: cases.originallyFiledAt,
        legacyReference: cases.legacyReference,
        escalationLevel,
        assignee: accounts.displayName,
        departmentFr: departments.nameFr,
        departmentAr: departments.nameAr,
        institutionId: institutions.id,
        institutionFr: institutions.nameFr,
        institutionAr: institutions.nameAr,
        institutionEn: institutions.nameEn,
      })
      .from(cases)
      .innerJoin(institutions, eq(institutions.id, cases.institutionId))
      .leftJoin(accounts, eq(accounts.id, cases.assigneeId))
      .leftJoin(departments, eq(departments.id, cases.departmentId))
      .where(where)
      .orderBy(...view.order, asc(cases.id))
      .limit(opts.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return {
    items: rows.map(({ createdAt, originallyFiledAt, ...x }) => ({
      ...x,
      dueAt: x.dueAt.toISOString(),
      updatedAt: x.updatedAt.toISOString(),
      idleDays: Math.floor((opts.now.getTime() - x.updatedAt.getTime()) / 86_400_000),
      filedAt: (originallyFiledAt ?? createdAt).toISOString(),
      ageDays: ageInDays({ originallyFiledAt, createdAt }, opts.now),
    })),
    total: count!.n,
  };
}

export type StalledQuery = { days: number; limit: number; only?: StalledView };

/** Stalled files in every body I watch (my territory, or the bodies I supervise), oldest first. */
export async function stalledWatched(ctx: ServiceContext, q: StalledQuery) {
  const actor = requireAccess(ctx, { signedIn: true });
  if (actor.kind !== 'staff') throw forbidden();
  const ids = await watchedInstitutionIds(ctx.db, actor);
  if (!ids.length) throw forbidden();
  return stalledCases(ctx.db, ids, { ...q, now: nowOf(ctx) });
}

/** Stalled files of one body, with who holds them (its watchers, or an overseer of its territory). */
export async function stalledInBody(ctx: ServiceContext, institutionId: string, q: StalledQuery) {
  const body = await requireBodyAccess(ctx, institutionId, WATCHER_ROLES);
  return stalledCases(ctx.db, [body.id], { ...q, now: nowOf(ctx) });
}
