import { and, desc, eq, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden } from '../../server/errors.js';
import { hasRole } from '../accounts/actor.js';
import { auditLog } from './schema.js';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  r.get(
    '/api/institutions/:id/audit',
    {
      schema: {
        tags: ['administration'],
        summary: 'The institution’s audit log, newest first (auditor and admin)',
        params: z.object({ id: z.uuid() }),
        querystring: z.strictObject({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, req.params.id, ['auditor', 'institution_admin'])) throw forbidden();
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.institutionId, req.params.id),
            req.query.before ? lt(auditLog.id, req.query.before) : undefined,
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(req.query.limit);
      return { items: rows, nextBefore: rows.length === req.query.limit ? rows[rows.length - 1]!.id : null };
    },
  );
}
