import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { auditPage } from './contract.js';
import { institutionAuditLog } from './service.js';

export async function auditRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
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
        response: { 200: auditPage },
      },
    },
    async (req) => institutionAuditLog(serviceContext(req), req.params.id, req.query),
  );
}
