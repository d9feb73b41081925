/** Saved queue views: a staff member's named filter sets, per institution, private to them. */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../server/auth.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { safeText } from '../../server/validation.js';
import type { Actor } from '../accounts/actor.js';
import { recordAudit } from '../audit/service.js';
import { queueFilters } from './queue.js';
import { savedViews } from './schema.js';
import { visibleInstitutionIds } from './service.js';

export const MAX_SAVED_VIEWS = 30;

/** A view keeps the filters as query-string values, checked with the queue's own rules. */
const viewFilters = z
  .record(z.string().max(40), z.string().max(400))
  .refine((f) => !('institutionId' in f) && !('cursor' in f), { message: 'institutionId, cursor' });

const idParams = z.object({ id: z.uuid() });

async function mayUseQueue(db: Db, actor: Actor, institutionId: string) {
  if (actor.kind !== 'staff') throw forbidden();
  if (!(await visibleInstitutionIds(db, actor)).includes(institutionId)) throw forbidden();
}

export async function savedViewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const tags = ['cases'];

  r.get(
    '/api/institutions/:id/saved-views',
    { schema: { tags, summary: 'My saved queue views for this institution', params: idParams } },
    async (req) => {
      const actor = requireActor(req);
      await mayUseQueue(db, actor, req.params.id);
      const items = await db
        .select({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters })
        .from(savedViews)
        .where(and(eq(savedViews.accountId, actor.accountId), eq(savedViews.institutionId, req.params.id)))
        .orderBy(asc(savedViews.name));
      return { items };
    },
  );

  r.post(
    '/api/institutions/:id/saved-views',
    {
      schema: {
        tags,
        summary: 'Save the current queue filters under a name',
        params: idParams,
        body: z.strictObject({ name: safeText(1, 60), filters: viewFilters }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const institutionId = req.params.id;
      await mayUseQueue(db, actor, institutionId);
      const checked = queueFilters.safeParse(req.body.filters);
      if (!checked.success) {
        const detail = checked.error.issues.map((i) => i.path.join('.') || i.message).join(', ');
        throw new AppError(422, 'error.saved_view.filters_invalid', { detail });
      }
      const mine = await db
        .select({ name: savedViews.name })
        .from(savedViews)
        .where(and(eq(savedViews.accountId, actor.accountId), eq(savedViews.institutionId, institutionId)));
      const name = req.body.name.trim();
      if (mine.some((v) => v.name.toLowerCase() === name.toLowerCase())) {
        throw new AppError(409, 'error.saved_view.name_taken', { name });
      }
      if (mine.length >= MAX_SAVED_VIEWS)
        throw new AppError(409, 'error.saved_view.too_many', { max: MAX_SAVED_VIEWS });
      const [view] = await db
        .insert(savedViews)
        .values({ accountId: actor.accountId, institutionId, name, filters: req.body.filters })
        .returning({ id: savedViews.id, name: savedViews.name, filters: savedViews.filters });
      await recordAudit(db, {
        actorId: actor.accountId,
        action: 'saved_view.create',
        entityType: 'saved_view',
        entityId: view!.id,
        institutionId,
        requestId: req.id,
        data: { name },
      });
      return reply.code(201).send(view);
    },
  );

  r.delete(
    '/api/saved-views/:id',
    { schema: { tags, summary: 'Delete one of my saved views', params: idParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      const [view] = await db.select().from(savedViews).where(eq(savedViews.id, req.params.id));
      if (!view || view.accountId !== actor.accountId) throw notFound();
      await db.delete(savedViews).where(eq(savedViews.id, view.id));
      await recordAudit(db, {
        actorId: actor.accountId,
        action: 'saved_view.delete',
        entityType: 'saved_view',
        entityId: view.id,
        institutionId: view.institutionId,
        requestId: req.id,
        data: { name: view.name, filters: view.filters },
      });
      return reply.code(204).send();
    },
  );
}
