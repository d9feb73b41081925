import type { FastifyInstance } from 'fastify';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
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
}
