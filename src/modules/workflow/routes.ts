import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { currentMillis } from '../../shared/clock.js';
import { hasRole, oversees } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { openStates } from '../cases/state-machine.js';
import { departments } from '../institutions/schema.js';
import { getInstitution } from '../institutions/service.js';

const open = openStates;

/** Deadlines and files that stay stuck: who holds them, and since when. */
export async function workflowRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  r.get(
    '/api/institutions/:id/stalled',
    {
      schema: {
        tags: ['back office'],
        summary: 'Open cases with no action for N days, oldest first, with who holds them',
        params: z.object({ id: z.uuid() }),
        querystring: z.strictObject({
          days: z.coerce.number().int().min(1).max(3650).default(7),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const inst = await getInstitution(db, req.params.id);
      if (!inst) throw notFound();
      if (!hasRole(actor, inst.id, ['supervisor', 'institution_admin', 'auditor']) && !oversees(actor, inst))
        throw forbidden();
      const since = new Date(currentMillis() - req.query.days * 86_400_000);
      const rows = await db
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
        })
        .from(cases)
        .leftJoin(accounts, eq(accounts.id, cases.assigneeId))
        .leftJoin(departments, eq(departments.id, cases.departmentId))
        .where(
          and(eq(cases.institutionId, inst.id), inArray(cases.state, [...open]), lt(cases.updatedAt, since)),
        )
        .orderBy(asc(cases.updatedAt))
        .limit(req.query.limit);
      return {
        items: rows.map((x) => ({
          ...x,
          dueAt: x.dueAt.toISOString(),
          updatedAt: x.updatedAt.toISOString(),
          idleDays: Math.floor((currentMillis() - x.updatedAt.getTime()) / 86_400_000),
        })),
        total: (
          await db
            .select({ n: sql<number>`count(*)::int` })
            .from(cases)
            .where(
              and(
                eq(cases.institutionId, inst.id),
                inArray(cases.state, [...open]),
                lt(cases.updatedAt, since),
              ),
            )
        )[0]!.n,
      };
    },
  );
}
