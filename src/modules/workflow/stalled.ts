import { and, asc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { forbidden } from '../../server/errors.js';
import { nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { type Actor, WATCHER_ROLES } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { visibleInstitutionIds } from '../cases/service.js';
import { openStates } from '../cases/state-machine.js';
import { requireBodyAccess } from '../institutions/access.js';
import { departments, institutions } from '../institutions/schema.js';

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

/**
 * Open files of the given bodies with no action for `days` days, oldest first, with who holds them and
 * where; and how many there are in all. One array parameter, whatever the number of bodies.
 */
export async function stalledCases(
  db: Db,
  institutionIds: string[],
  opts: { days: number; limit: number; now: Date },
) {
  if (!institutionIds.length) return { items: [], total: 0 };
  const since = new Date(opts.now.getTime() - opts.days * 86_400_000);
  const where: SQL = and(
    sql`${cases.institutionId} = any(${sql.param(institutionIds)}::uuid[])`,
    inArray(cases.state, [...openStates]),
    lt(cases.updatedAt, since),
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
      .orderBy(asc(cases.updatedAt), asc(cases.id))
      .limit(opts.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(cases).where(where),
  ]);
  return {
    items: rows.map((x) => ({
      ...x,
      dueAt: x.dueAt.toISOString(),
      updatedAt: x.updatedAt.toISOString(),
      idleDays: Math.floor((opts.now.getTime() - x.updatedAt.getTime()) / 86_400_000),
    })),
    total: count!.n,
  };
}

export type StalledQuery = { days: number; limit: number };

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
