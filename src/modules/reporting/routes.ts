import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import * as contract from './contract.js';
import { bodyDashboard, oversightView } from './service.js';

/** The oversight figures over HTTP (see service.ts). */
export async function reportingRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/oversight',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'Every body of my territory (or my institution) with its open, overdue and oldest cases, most past-due first, a page at a time',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          offset: z.coerce.number().int().min(0).max(100_000).default(0),
        }),
        response: { 200: contract.oversight },
      },
    },
    async (req) => oversightView(serviceContext(req), req.query),
  );

  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/institutions/:id/dashboard',
    {
      schema: {
        tags: ['oversight'],
        summary: 'One body’s work in hand per department and per person, and its flow over 30 days',
        params: z.object({ id: z.uuid() }),
        response: { 200: contract.dashboard },
      },
    },
    async (req) => bodyDashboard(serviceContext(req), req.params.id),
  );
}
