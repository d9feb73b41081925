import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { hasRole } from '../accounts/actor.js';
import { recordAudit } from '../audit/service.js';
import { institutions } from './schema.js';

const idParams = z.object({ id: z.uuid() });
const policy = z.strictObject({ showStaffNames: z.boolean() });

/**
 * A body's privacy policy towards the people it serves (law 09-08): whether a person sees the names of the
 * body's staff who read their file, or only their roles (the default). Set by the institution admin, audited.
 */
export async function institutionPrivacyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/institutions/:id/privacy',
    {
      schema: {
        tags: ['institutions'],
        summary: 'The body’s privacy policy: whether people see the names of the staff who read their file',
        params: idParams,
        response: { 200: policy },
      },
    },
    async (req) => {
      requireActor(req);
      if (!hasRole(req.actor, req.params.id, ['institution_admin', 'auditor'])) throw forbidden();
      const [row] = await db
        .select({ showStaffNames: institutions.showStaffNames })
        .from(institutions)
        .where(eq(institutions.id, req.params.id));
      if (!row) throw notFound();
      return row;
    },
  );

  r.put(
    '/api/institutions/:id/privacy',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Set the body’s privacy policy (institution admin); audited',
        params: idParams,
        body: policy,
        response: { 200: policy },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(req.actor, req.params.id, ['institution_admin'])) throw forbidden();
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(institutions)
          .set({ showStaffNames: req.body.showStaffNames })
          .where(eq(institutions.id, req.params.id))
          .returning({ showStaffNames: institutions.showStaffNames });
        if (!row) throw notFound();
        await recordAudit(tx, {
          actorId: actor.accountId,
          action: 'institution.privacy',
          entityType: 'institution',
          entityId: req.params.id,
          institutionId: req.params.id,
          requestId: req.id,
          data: { showStaffNames: row.showStaffNames },
        });
        return row;
      });
    },
  );
}
