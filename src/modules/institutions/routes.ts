import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { emailSchema, passwordSchema, safeText } from '../../server/validation.js';
import { hasRole } from '../accounts/actor.js';
import { staffRoles } from '../accounts/schema.js';
import { createStaffAccount, listStaff } from '../accounts/service.js';
import {
  createDepartment,
  getDepartment,
  getInstitution,
  listDepartments,
  listInstitutions,
} from './service.js';

const idParams = z.object({ id: z.uuid() });
const names = { nameAr: safeText(1, 160), nameFr: safeText(1, 160), nameEn: safeText(1, 160) };

export async function institutionRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;

  r.get(
    '/api/institutions',
    {
      schema: {
        tags: ['institutions'],
        summary: 'Bodies that receive cases',
        querystring: z.strictObject({ territory: z.string().max(20).optional() }),
      },
    },
    async (req) => ({
      items: (await listInstitutions(db, { territoryCode: req.query.territory })).map((i) => ({
        id: i.id,
        code: i.code,
        type: i.type,
        nameAr: i.nameAr,
        nameFr: i.nameFr,
        nameEn: i.nameEn,
        territoryCode: i.territoryCode,
        regionCode: i.regionCode,
        provinceCode: i.provinceCode,
        parentId: i.parentId,
      })),
    }),
  );

  r.get(
    '/api/institutions/:id/departments',
    { schema: { tags: ['institutions'], params: idParams } },
    async (req) => {
      if (!(await getInstitution(db, req.params.id))) throw notFound();
      return { items: await listDepartments(db, req.params.id) };
    },
  );

  r.post(
    '/api/institutions/:id/departments',
    {
      schema: {
        tags: ['administration'],
        params: idParams,
        body: z.strictObject({ code: z.string().regex(/^[a-z0-9-]{2,40}$/), ...names }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!hasRole(actor, req.params.id, ['institution_admin'])) throw forbidden();
      const row = await db.transaction((tx) =>
        createDepartment(tx, req.params.id, req.body, actor.accountId, req.id),
      );
      return reply.code(201).send(row);
    },
  );

  r.get(
    '/api/institutions/:id/staff',
    { schema: { tags: ['administration'], params: idParams } },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, req.params.id, ['institution_admin', 'supervisor', 'auditor'])) throw forbidden();
      return { items: await listStaff(db, req.params.id) };
    },
  );

  r.post(
    '/api/institutions/:id/staff',
    {
      schema: {
        tags: ['administration'],
        summary: 'Create a staff account with a role in this institution',
        params: idParams,
        body: z.strictObject({
          email: emailSchema,
          password: passwordSchema,
          displayName: safeText(1, 120),
          language: z.enum(['ar', 'fr', 'en']).default('fr'),
          role: z.enum(staffRoles),
          departmentId: z.uuid().nullish(),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      if (!hasRole(actor, req.params.id, ['institution_admin'])) throw forbidden();
      const b = req.body;
      if (b.departmentId && !(await getDepartment(db, req.params.id, b.departmentId))) throw notFound();
      const id = await db.transaction((tx) =>
        createStaffAccount(
          tx,
          {
            ...b,
            memberships: [
              { institutionId: req.params.id, departmentId: b.departmentId ?? null, role: b.role },
            ],
          },
          actor.accountId,
          req.id,
        ),
      );
      return reply.code(201).send({ id });
    },
  );
}
