import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { serviceContext } from '../../server/service-context.js';
import { figuresDay, safeText } from '../../server/validation.js';
import * as contract from './contract.js';
import { bodySatisfaction, publicSatisfaction } from './figures.js';
import { completeFollowUp, listFollowUps } from './follow-ups.js';

const idParams = z.object({ id: z.uuid() });
const page = z.coerce.number().int().min(1).max(10_000).default(1);
const range = { from: figuresDay.optional(), to: figuresDay.optional() };

/** Satisfaction figures (a body's; the public ones) and the follow-ups of low ratings. */
export async function satisfactionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/institutions/:id/satisfaction',
    {
      schema: {
        tags: ['oversight'],
        summary:
          'How satisfied people are with a body: in all and per category, department or agent, with comments',
        params: idParams,
        querystring: z.strictObject({
          ...range,
          groupBy: contract.satisfactionGroupBy.default('category'),
          page,
        }),
        response: { 200: contract.satisfaction },
      },
    },
    async (req) => {
      requireActor(req);
      return bodySatisfaction(serviceContext(req), req.params.id, req.query);
    },
  );

  r.get(
    '/api/public/figures/satisfaction',
    {
      schema: {
        tags: ['public figures'],
        summary: 'Per body with at least five ratings: the number of ratings and their average (no comments)',
        querystring: z.strictObject(range),
        response: { 200: contract.publicSatisfaction },
      },
    },
    async (req) => publicSatisfaction(serviceContext(req), req.query),
  );

  r.get(
    '/api/institutions/:id/follow-ups',
    {
      schema: {
        tags: ['oversight'],
        summary: 'The follow-ups of low ratings at a body, open or done',
        params: idParams,
        querystring: z.strictObject({ status: contract.followUpStatus.default('open'), page }),
        response: { 200: contract.followUpList },
      },
    },
    async (req) => {
      requireActor(req);
      return listFollowUps(serviceContext(req), req.params.id, req.query);
    },
  );

  r.post(
    '/api/institutions/:id/follow-ups/:followUpId/done',
    {
      schema: {
        tags: ['oversight'],
        summary: 'A supervisor closes a follow-up with a note of what was done',
        params: z.object({ id: z.uuid(), followUpId: z.uuid() }),
        body: z.strictObject({ outcomeNote: safeText(3, 2000) }),
        response: { 200: contract.followUpDone },
      },
    },
    async (req) => {
      requireActor(req);
      return completeFollowUp(
        serviceContext(req),
        req.params.id,
        req.params.followUpId,
        req.body.outcomeNote,
      );
    },
  );
}
