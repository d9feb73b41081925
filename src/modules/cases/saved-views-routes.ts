/** The saved queue views over HTTP: parse, call the service with the request's context, answer. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { safeText } from '../../server/validation.js';
import { noContent } from '../../shared/contract.js';
import { savedView } from './contract.js';
import { deleteSavedView, listSavedViews, saveView, viewFilters } from './saved-views.js';

const idParams = z.object({ id: z.uuid() });

export async function savedViewRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cases'];

  r.get(
    '/api/institutions/:id/saved-views',
    {
      schema: {
        tags,
        summary: 'My saved queue views for this institution',
        params: idParams,
        response: { 200: z.object({ items: z.array(savedView) }) },
      },
    },
    async (req) => ({ items: await listSavedViews(serviceContext(req), req.params.id) }),
  );

  r.post(
    '/api/institutions/:id/saved-views',
    {
      schema: {
        tags,
        summary: 'Save the current queue filters under a name',
        params: idParams,
        body: z.strictObject({ name: safeText(1, 60), filters: viewFilters }),
        response: { 201: savedView },
      },
    },
    async (req, reply) => reply.code(201).send(await saveView(serviceContext(req), req.params.id, req.body)),
  );

  r.delete(
    '/api/saved-views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of my saved views',
        params: idParams,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await deleteSavedView(serviceContext(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
