/**
 * Saved queue views: a staff member's named filter sets, per institution, private to them. The example of the
 * service shape (docs/architecture.md): each function takes the context first, checks access first, owns its
 * table's SQL and writes its audit row through the context; the routes (`saved-views-routes.ts`) only parse
 * the request, call one function and shape the answer.
 */
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { queueFilters } from './queue.js';
import { savedViews } from './schema.js';
import { visibleInstitutionIds } from './service.js';

export const MAX_SAVED_VIEWS = 30;

/** A view keeps the filters as query-string values, checked with the queue's own rules. */
export const viewFilters = z
  .record(z.string().max(40), z.string().max(400))
  .refine((f) => !('institutionId' in f) && !('cursor' in f), { message: 'institutionId, cursor' });

export type SavedView = { id: string; name: string; filters: Record<string, string> };

/** Staff who may read the body's queue (members, or overseers of its territory). */
async function requireQueueAccess(ctx: ServiceContext, institutionId: string) {
  const actor = requireAccess(ctx, { signedIn: true });
  if (actor.kind !== 'staff') throw forbidden();
  if (!(await visibleInstitutionIds(ctx.db, actor)).includes(institutionId)) throw forbidden();
  return actor;
}

const columns = { id: savedViews.id, name: savedViews.name, filters: savedViews.filters };

/** My views for a body's queue, by name. */
export async function listSavedViews(ctx: ServiceContext, institutionId: string): Promise<SavedView[]> {
  const actor = await requireQueueAccess(ctx, institutionId);
  return ctx.db
    .select(columns)
    .from(savedViews)
    .where(and(eq(savedViews.accountId, actor.accountId), eq(savedViews.institutionId, institutionId)))
    .orderBy(asc(savedViews.name));
}

/** Keeps the queue's filters under a name: the filters must be valid queue filters, the name mine alone. */
export async function saveView(
  ctx: ServiceContext,
  institutionId: string,
  input: { name: string; filters: Record<string, string> },
): Promise<SavedView> {
  const actor = await requireQueueAccess(ctx, institutionId);
  const checked = queueFilters.safeParse(input.filters);
  if (!checked.success) {
    const detail = checked.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
    throw fail('saved-view-filters-invalid', { detail });
  }
  const name = input.name.trim();
  return ctx.db.transaction(async (tx) => {
    const mine = await tx
      .select({ name: savedViews.name })
      .from(savedViews)
      .where(and(eq(savedViews.accountId, actor.accountId), eq(savedViews.institutionId, institutionId)));
    if (mine.some((v) => v.name.toLowerCase() === name.toLowerCase()))
      throw fail('saved-view-name-taken', { name });
    if (mine.length >= MAX_SAVED_VIEWS)
      throw fail('saved-view-too-many', { max: MAX_SAVED_VIEWS, count: MAX_SAVED_VIEWS });
    const [view] = await tx
      .insert(savedViews)
      .values({ accountId: actor.accountId, institutionId, name, filters: input.filters })
      .returning(columns);
    await audit(tx, ctx, {
      action: 'saved_view.create',
      entityType: 'saved_view',
      entityId: view!.id,
      institutionId,
      data: { name },
    });
    return view!;
  });
}

/** Deletes one of my views (someone else's is not found). */
export async function deleteSavedView(ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireAccess(ctx, { signedIn: true });
  await ctx.db.transaction(async (tx) => {
    const [view] = await tx.select().from(savedViews).where(eq(savedViews.id, id));
    if (!view || view.accountId !== actor.accountId) throw notFound();
    await tx.delete(savedViews).where(eq(savedViews.id, view.id));
    await audit(tx, ctx, {
      action: 'saved_view.delete',
      entityType: 'saved_view',
      entityId: view.id,
      institutionId: view.institutionId,
      data: { name: view.name, filters: view.filters },
    });
  });
}
