import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../server/errors.js';
import { serviceContext } from '../../server/service-context.js';
import { safeText } from '../../server/validation.js';
import { itemsOf, noContent } from '../../shared/contract.js';
import { languages } from '../accounts/schema.js';
import { getInstitution } from '../institutions/service.js';
import {
  putTemplate,
  removeTemplate,
  setCategoryOf,
  templatesForCase,
  templatesOf,
} from './administration.js';
import * as contract from './contract.js';
import { categoriesFor } from './institution-settings.js';

const idParams = z.object({ id: z.uuid() });
const templateBody = z.strictObject({
  categoryId: z.uuid().nullable(),
  language: z.enum(languages),
  title: safeText(1, 160),
  body: safeText(1, 20_000),
  /** The parts of a reasoned reply it fills; null or absent: the plain text only. */
  parts: z
    .strictObject({
      facts: safeText(0, 8000),
      decision: safeText(0, 8000),
      contest: safeText(0, 4000),
    })
    .nullable()
    .optional(),
});

/** What an institution's administrator sets: deadlines per category, categories accepted, reply templates. */
export async function catalogAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/institutions/:id/categories',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Categories as this body uses them (deadline, accepted)',
        params: idParams,
        response: { 200: itemsOf(contract.institutionCategory) },
      },
    },
    async (req) => {
      if (!(await getInstitution(db, req.params.id))) throw notFound();
      return { items: await categoriesFor(db, req.params.id, app.deps.config.RETENTION_MONTHS) };
    },
  );

  r.put(
    '/api/institutions/:id/categories/:categoryId',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Set this body’s deadline (working days) and retention period (months) for a category, or stop accepting it',
        params: z.object({ id: z.uuid(), categoryId: z.uuid() }),
        body: z.strictObject({
          deadlineDays: z.number().int().min(1).max(365).nullable(),
          active: z.boolean(),
          /** Months a settled case is kept whole (law 09-08); null: the platform's default; left out: unchanged. */
          retentionMonths: z.number().int().min(2).max(600).nullable().optional(),
        }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await setCategoryOf(serviceContext(req), req.params.id, req.params.categoryId, req.body);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/institutions/:id/templates',
    {
      schema: {
        tags: ['administration'],
        params: idParams,
        response: { 200: itemsOf(contract.replyTemplate) },
      },
    },
    async (req) => ({ items: await templatesOf(serviceContext(req), req.params.id) }),
  );

  r.post(
    '/api/institutions/:id/templates',
    {
      schema: {
        tags: ['administration'],
        params: idParams,
        body: templateBody,
        response: { 201: contract.templateRef },
      },
    },
    async (req, reply) =>
      reply.code(201).send({ id: await putTemplate(serviceContext(req), req.params.id, req.body) }),
  );

  r.put(
    '/api/institutions/:id/templates/:templateId',
    {
      schema: {
        tags: ['administration'],
        params: z.object({ id: z.uuid(), templateId: z.uuid() }),
        body: templateBody,
        response: { 200: contract.templateRef },
      },
    },
    async (req) => ({
      id: await putTemplate(serviceContext(req), req.params.id, { ...req.body, id: req.params.templateId }),
    }),
  );

  r.delete(
    '/api/institutions/:id/templates/:templateId',
    {
      schema: {
        tags: ['administration'],
        params: z.object({ id: z.uuid(), templateId: z.uuid() }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await removeTemplate(serviceContext(req), req.params.id, req.params.templateId);
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/cases/:id/templates',
    {
      schema: {
        tags: ['back office'],
        summary: 'Reply templates for this case, filled with its facts',
        params: idParams,
        response: { 200: itemsOf(contract.caseTemplate) },
      },
    },
    async (req) => ({ items: await templatesForCase(serviceContext(req), req.params.id) }),
  );
}
