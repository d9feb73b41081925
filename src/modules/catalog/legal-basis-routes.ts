import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { serviceContext } from '../../server/service-context.js';
import { safeText } from '../../server/validation.js';
import { itemsOf } from '../../shared/contract.js';
import * as contract from './contract.js';
import { addLegalBasis, editLegalBasis, legalBasesOf } from './legal-bases.js';

const basisBody = z.strictObject({
  categoryId: z.uuid().nullable(),
  citation: safeText(1, 200),
  titleAr: safeText(1, 400),
  titleFr: safeText(1, 400),
  titleEn: safeText(1, 400),
});

/** The legal texts a body's replies cite: read by its staff, kept by its administrator. */
export async function legalBasisRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/institutions/:id/legal-bases',
    {
      schema: {
        tags: ['administration'],
        summary: 'The legal texts this body’s replies rest on: of one category (and for all) when given',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({
          categoryId: z.uuid().optional(),
          /** also the retired texts (the administrator's list) */
          retired: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: itemsOf(contract.legalBasis) },
      },
    },
    async (req) => ({
      items: await legalBasesOf(serviceContext(req), req.params.id, {
        categoryId: req.query.categoryId,
        retired: req.query.retired === 'true',
      }),
    }),
  );

  r.post(
    '/api/institutions/:id/legal-bases',
    {
      schema: {
        tags: ['administration'],
        summary: 'Add a legal text to the list replies choose from',
        params: z.object({ id: z.uuid() }),
        body: basisBody,
        response: { 201: contract.legalBasis },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addLegalBasis(serviceContext(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/institutions/:id/legal-bases/:basisId',
    {
      schema: {
        tags: ['administration'],
        summary: 'Correct a legal text, or retire it (`retired: true`) or bring it back',
        params: z.object({ id: z.uuid(), basisId: z.uuid() }),
        body: basisBody.partial().extend({ retired: z.boolean().optional() }),
        response: { 200: contract.legalBasis },
      },
    },
    async (req) => editLegalBasis(serviceContext(req), req.params.id, req.params.basisId, req.body),
  );
}
