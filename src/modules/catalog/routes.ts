import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import * as contract from './contract.js';
import { getDocumentType, listCategories, listDocumentTypes } from './service.js';

export async function catalogRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  r.get(
    '/api/catalog/documents',
    {
      schema: {
        tags: ['reference'],
        summary: 'Documents and services, with papers, fees and delays',
        response: { 200: contract.documentTypes },
      },
    },
    async () => ({
      items: await listDocumentTypes(db),
    }),
  );
  r.get(
    '/api/catalog/documents/:code',
    {
      schema: {
        tags: ['reference'],
        params: z.object({ code: z.string().max(100) }),
        response: { 200: contract.documentType },
      },
    },
    async (req) => {
      const doc = await getDocumentType(db, req.params.code);
      if (!doc) throw notFound();
      return doc;
    },
  );
  r.get(
    '/api/categories',
    {
      schema: {
        tags: ['reference'],
        summary: 'Case categories with kind, deadline and form fields',
        response: { 200: contract.categories },
      },
    },
    async () => ({
      items: await listCategories(db),
    }),
  );
}
