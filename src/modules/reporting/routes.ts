import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { hasRole, oversees } from '../accounts/actor.js';
import { getInstitution } from '../institutions/service.js';
import { institutionDashboard } from './dashboard.js';
import { oldestOpenCases, oversightFigures } from './oversight.js';

/** Figures for those who watch that nothing stays stuck: overseers (their territory) and supervisors. */
export async function reportingRoutes(app: FastifyInstance) {
  const { db } = app.deps.database;
  app.get(
    '/api/oversight',
    {
      schema: {
        tags: ['oversight'],
        summary: 'Every body of my territory (or my institution) with its open, overdue and oldest cases',
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const allowed =
        actor.scopes.length > 0 ||
        actor.memberships.some((m) => ['supervisor', 'institution_admin', 'auditor'].includes(m.role));
      if (!allowed) throw forbidden();
      const [institutions, oldest] = await Promise.all([
        oversightFigures(db, actor),
        oldestOpenCases(db, actor),
      ]);
      return {
        institutions,
        oldest: oldest.map((c) => ({
          ...c,
          dueAt: c.dueAt.toISOString(),
          createdAt: c.createdAt.toISOString(),
        })),
      };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/institutions/:id/dashboard',
    {
      schema: {
        tags: ['oversight'],
        summary: 'One body’s work in hand per department and per person, and its flow over 30 days',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const institution = await getInstitution(db, req.params.id);
      if (!institution) throw notFound();
      const allowed =
        hasRole(actor, institution.id, ['supervisor', 'institution_admin', 'auditor']) ||
        oversees(actor, institution);
      if (!allowed) throw forbidden();
      return institutionDashboard(db, institution.id);
    },
  );
}
