import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';
import { requireApiKey } from '../api-keys/service.js';
import { caseStates } from './contract.js';
import { caseFeed, feedQuery } from './feed.js';

const feedPage = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      trackingNumber: z.string(),
      kind: z.string(),
      categoryCode: z.string(),
      state: caseStates,
      intakeChannel: z.string(),
      language: z.string(),
      /** null once the case's content was removed (retention). */
      requesterName: z.string().nullable(),
      requesterCountry: z.string().nullable(),
      departmentId: z.uuid().nullable(),
      dueAt: isoDateTime,
      createdAt: isoDateTime,
      updatedAt: isoDateTime,
      closedAt: isoDateTime.nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** What another system of a body reads with its API key. */
export async function caseFeedRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/integration/cases',
    {
      preHandler: requireApiKey('cases:read'),
      schema: {
        tags: ['integration'],
        summary:
          'The key’s body’s cases in the order they last changed (API key with `cases:read`, as `Authorization: Bearer <key>`)',
        querystring: feedQuery,
        response: { 200: feedPage },
      },
    },
    async (req) => caseFeed(req.server.deps.database.db, req.apiKey!.institutionId, req.query),
  );
}
