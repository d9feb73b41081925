import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { itemsOf, noContent } from '../../shared/contract.js';
import * as contract from './contract.js';
import {
  createWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  setWebhookStatus,
  testWebhook,
  webhookDeliveriesOf,
  webhooksOf,
} from './service.js';
import { urlRulesOf } from './url-rules.js';

/** A body's webhook subscriptions, kept by its administrator. */
export async function webhookRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });
  const one = params.extend({ webhookId: z.uuid() });
  const rules = urlRulesOf(app.deps.config);

  r.get(
    '/api/institutions/:id/webhooks',
    {
      schema: {
        tags: ['administration'],
        summary: 'The body’s webhook subscriptions, newest first (never their secrets)',
        params,
        response: { 200: itemsOf(contract.webhook) },
      },
    },
    async (req) => ({ items: await webhooksOf(serviceContext(req), req.params.id) }),
  );

  r.post(
    '/api/institutions/:id/webhooks',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Subscribe an HTTPS address to events: the answer is the only time the signing secret is shown',
        params,
        body: z.strictObject({
          url: z.string().trim().min(1).max(2000),
          events: z.array(z.enum(contract.webhookEvents)).min(1).max(contract.webhookEvents.length),
        }),
        response: { 201: contract.webhookWithSecret },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await createWebhook(serviceContext(req), req.params.id, req.body, rules)),
  );

  for (const [verb, status] of [
    ['pause', 'paused'],
    ['resume', 'active'],
  ] as const)
    r.post(
      `/api/institutions/:id/webhooks/:webhookId/${verb}`,
      {
        schema: {
          tags: ['administration'],
          summary:
            verb === 'pause'
              ? 'Pause a subscription: no event is queued for it until it is resumed'
              : 'Resume a paused subscription',
          params: one,
          response: { 200: contract.webhook },
        },
      },
      async (req) => setWebhookStatus(serviceContext(req), req.params.id, req.params.webhookId, status),
    );

  r.post(
    '/api/institutions/:id/webhooks/:webhookId/rotate-secret',
    {
      schema: {
        tags: ['administration'],
        summary: 'Replace the signing secret at once: the answer is the only time the new one is shown',
        params: one,
        response: { 200: contract.webhookWithSecret },
      },
    },
    async (req) => rotateWebhookSecret(serviceContext(req), req.params.id, req.params.webhookId),
  );

  r.delete(
    '/api/institutions/:id/webhooks/:webhookId',
    {
      schema: {
        tags: ['administration'],
        summary: 'Delete a subscription (what still waited for it is given up)',
        params: one,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await deleteWebhook(serviceContext(req), req.params.id, req.params.webhookId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/institutions/:id/webhooks/:webhookId/test',
    {
      schema: {
        tags: ['administration'],
        summary: 'Send a `webhook.test` event to the subscription (by the next delivery pass)',
        params: one,
        response: { 202: z.object({ deliveryId: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply.code(202).send(await testWebhook(serviceContext(req), req.params.id, req.params.webhookId)),
  );

  r.get(
    '/api/institutions/:id/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags: ['administration'],
        summary: 'The subscription’s delivery log, newest first, with each try',
        params: one,
        querystring: z.strictObject({
          page: z.coerce.number().int().min(1).max(10_000).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(25),
        }),
        response: { 200: contract.deliveryPage },
      },
    },
    async (req) => webhookDeliveriesOf(serviceContext(req), req.params.id, req.params.webhookId, req.query),
  );
}
