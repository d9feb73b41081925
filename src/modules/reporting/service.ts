/** Figures for those who watch that nothing stays stuck: overseers (their territory) and supervisors. */
import { forbidden } from '../../server/errors.js';
import { nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { WATCHER_ROLES } from '../accounts/actor.js';
import { requireBodyAccess } from '../institutions/access.js';
import { institutionDashboard } from './dashboard.js';
import { type OversightPage, oldestOpenCases, oversightFigures } from './oversight.js';

/** Every body of my territory (or my institution) with its open, overdue and oldest cases. */
export async function oversightView(ctx: ServiceContext, page?: OversightPage) {
  const actor = requireAccess(ctx, { signedIn: true });
  const allowed = actor.scopes.length > 0 || actor.memberships.some((m) => WATCHER_ROLES.includes(m.role));
  if (!allowed) throw forbidden();
  const now = nowOf(ctx);
  const [{ institutions, total, nextOffset, asOf }, oldest] = await Promise.all([
    oversightFigures(ctx.db, actor, now, page),
    oldestOpenCases(ctx.db, actor),
  ]);
  return {
    institutions,
    total,
    nextOffset,
    asOf: asOf.toISOString(),
    oldest: oldest.map((c) => ({ ...c, dueAt: c.dueAt.toISOString(), createdAt: c.createdAt.toISOString() })),
  };
}

/** One body's work in hand per department and per person, and its flow over 30 days. */
export async function bodyDashboard(ctx: ServiceContext, institutionId: string) {
  const body = await requireBodyAccess(ctx, institutionId, WATCHER_ROLES);
  return institutionDashboard(ctx.db, body.id, nowOf(ctx));
}
