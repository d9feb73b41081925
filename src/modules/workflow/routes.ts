import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { stalledCases, stalledViews } from './contract.js';
import { stalledInBody, stalledWatched } from './stalled.js';

/** Deadlines and files that stay stuck: who holds them, and since when. */
export async function workflowRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const query = z.strictObject({
    days: z.coerce.number().int().min(1).max(3650).default(7),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    only: stalledViews.default('idle'),
  });
  r.get(
    '/api/stalled',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'Open cases with no action for N days in every body I watch (my territory, or the bodies I supervise), oldest first',
        querystring: query,
        response: { 200: stalledCases },
      },
    },
    async (req) => stalledWatched(serviceContext(req), req.query),
  );
  r.get(
    '/api/institutions/:id/stalled',
    {
      schema: {
        tags: ['back office'],
        summary: 'Open cases with no action for N days, oldest first, with who holds them',
        params: z.object({ id: z.uuid() }),
        querystring: query,
        response: { 200: stalledCases },
      },
    },
    async (req) => stalledInBody(serviceContext(req), req.params.id, req.query),
  );
}
