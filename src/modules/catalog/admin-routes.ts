import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { safeText } from '../../server/validation.js';
import { hasRole } from '../accounts/actor.js';
import { languages } from '../accounts/schema.js';
import { getReadableCase } from '../cases/service.js';
import { getInstitution } from '../institutions/service.js';
import {
  categoriesFor,
  deleteTemplate,
  listTemplates,
  renderTemplate,
  saveTemplate,
  setCategorySetting,
} from './institution-settings.js';

const idParams = z.object({ id: z.uuid() });
const templateBody = z.strictObject({
  categoryId: z.uuid().nullable(),
  language: z.enum(languages),
  title: safeText(1, 160),
  body: safeText(1, 20_000),
});

/** What an institution's administrator sets: deadlines per category, categories accepted, reply templates. */
export async function catalogAdminRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { secret } = app.deps.config;
  const admin = (req: { actor: Parameters<typeof hasRole>[0] }, id: string) => {
    if (!hasRole(req.actor, id, ['institution_admin'])) throw forbidden();
  };

  r.get(
    '/api/institutions/:id/categories',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Categories as this body uses them (deadline, accepted)',
        params: idParams,
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
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      admin(req, req.params.id);
      await db.transaction((tx) =>
        setCategorySetting(tx, req.params.id, req.params.categoryId, req.body, actor.accountId, req.id),
      );
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/institutions/:id/templates',
    { schema: { tags: ['administration'], params: idParams } },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.memberships.some((m) => m.institutionId === req.params.id)) throw forbidden();
      return { items: await listTemplates(db, req.params.id) };
    },
  );

  r.post(
    '/api/institutions/:id/templates',
    { schema: { tags: ['administration'], params: idParams, body: templateBody } },
    async (req, reply) => {
      const actor = requireActor(req);
      admin(req, req.params.id);
      const id = await db.transaction((tx) =>
        saveTemplate(tx, req.params.id, req.body, actor.accountId, req.id),
      );
      return reply.code(201).send({ id });
    },
  );

  r.put(
    '/api/institutions/:id/templates/:templateId',
    {
      schema: {
        tags: ['administration'],
        params: z.object({ id: z.uuid(), templateId: z.uuid() }),
        body: templateBody,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      admin(req, req.params.id);
      await db.transaction((tx) =>
        saveTemplate(tx, req.params.id, { ...req.body, id: req.params.templateId }, actor.accountId, req.id),
      );
      return { id: req.params.templateId };
    },
  );

  r.delete(
    '/api/institutions/:id/templates/:templateId',
    { schema: { tags: ['administration'], params: z.object({ id: z.uuid(), templateId: z.uuid() }) } },
    async (req, reply) => {
      const actor = requireActor(req);
      admin(req, req.params.id);
      await db.transaction((tx) =>
        deleteTemplate(tx, req.params.id, req.params.templateId, actor.accountId, req.id),
      );
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
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { c } = await getReadableCase({ db, actor, requestId: req.id, secret }, req.params.id);
      if (!actor.memberships.some((m) => m.institutionId === c.institutionId)) throw forbidden();
      const inst = await getInstitution(db, c.institutionId);
      const items = await listTemplates(db, c.institutionId, {
        categoryId: c.categoryId,
        language: c.language,
      });
      const facts = {
        tracking: c.trackingNumber,
        subject: c.subject,
        body: c.language === 'ar' ? inst!.nameAr : c.language === 'en' ? inst!.nameEn : inst!.nameFr,
      };
      return {
        items: items.map((tpl) => ({ id: tpl.id, title: tpl.title, text: renderTemplate(tpl.body, facts) })),
      };
    },
  );
}
