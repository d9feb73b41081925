import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { currentTime } from '../../shared/clock.js';
import { hasRole, oversees } from '../accounts/actor.js';
import { getInstitution } from '../institutions/service.js';
import { stalledCases, WATCHER_ROLES, watchedInstitutionIds } from './stalled.js';

/** Deadlines and files that stay stuck: who holds them, and since when. */
export async function workflowRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const query = z.strictObject({
    days: z.coerce.number().int().min(1).max(3650).default(7),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  });
  r.get(
    '/api/stalled',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'Open cases with no action for N days in every body I watch (my territory, or the bodies I supervise), oldest first',
        querystring: query,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (actor.kind !== 'staff') throw forbidden();
      const ids = await watchedInstitutionIds(db, actor);
      if (!ids.length) throw forbidden();
      return stalledCases(db, ids, { ...req.query, now: currentTime() });
    },
  );
  r.get(
    '/api/institutions/:id/stalled',
    {
      schema: {
        tags: ['back office'],
        summary: 'Open cases with no action for N days, oldest first, with who holds them',
        params: z.object({ id: z.uuid() }),
        querystring: query,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const inst = await getInstitution(db, req.params.id);
      if (!inst) throw notFound();
      if (!hasRole(actor, inst.id, WATCHER_ROLES) && !oversees(actor, inst)) throw forbidden();
      return stalledCases(db, [inst.id], { ...req.query, now: currentTime() });
    },
  );
}
