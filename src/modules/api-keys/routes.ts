import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { safeText } from '../../server/validation.js';
import { itemsOf } from '../../shared/contract.js';
import * as contract from './contract.js';
import { apiKeyScopes } from './schema.js';
import { apiKeysOf, createApiKey, revokeApiKey } from './service.js';

/** A body's API keys, kept by its administrator. */
export async function apiKeyRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });

  r.get(
    '/api/institutions/:id/api-keys',
    {
      schema: {
        tags: ['administration'],
        summary: 'The body’s API keys, newest first, with their last use (never the keys themselves)',
        params,
        response: { 200: itemsOf(contract.apiKey) },
      },
    },
    async (req) => ({ items: await apiKeysOf(serviceContext(req), req.params.id) }),
  );

  r.post(
    '/api/institutions/:id/api-keys',
    {
      schema: {
        tags: ['administration'],
        summary: 'Make a key for another system: the answer is the only time the key is shown',
        params,
        body: z.strictObject({
          label: safeText(1, 120),
          scopes: z.array(z.enum(apiKeyScopes)).min(1).max(apiKeyScopes.length),
        }),
        response: { 201: contract.createdApiKey },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createApiKey(serviceContext(req), req.params.id, req.body)),
  );

  r.post(
    '/api/institutions/:id/api-keys/:keyId/revoke',
    {
      schema: {
        tags: ['administration'],
        summary: 'Revoke a key at once',
        params: params.extend({ keyId: z.uuid() }),
        response: { 200: contract.apiKey },
      },
    },
    async (req) => revokeApiKey(serviceContext(req), req.params.id, req.params.keyId),
  );
}
