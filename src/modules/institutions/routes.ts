import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { setSessionCookie } from '../../server/auth.js';
import { notFound } from '../../server/errors.js';
import { serviceContext } from '../../server/service-context.js';
import { emailSchema, passwordSchema, safeText } from '../../server/validation.js';
import { noContent } from '../../shared/contract.js';
import { staffRoles } from '../accounts/schema.js';
import { acceptInvitation } from '../accounts/staff.js';
import { signInLimits } from '../limits/sign-in.js';
import {
  addDepartment,
  addStaffMember,
  changeMembership,
  departmentsOverview,
  renameDepartmentOf,
  resendMemberInvitation,
  resetMemberTotp,
  setDepartmentClosedOf,
  setMemberDisabled,
  staffWithLoad,
} from './administration.js';
import * as contract from './contract.js';
import { getInstitution, listDepartments, listInstitutions } from './service.js';

const idParams = z.object({ id: z.uuid() });
const deptParams = z.object({ id: z.uuid(), departmentId: z.uuid() });
const memberParams = z.object({ id: z.uuid(), accountId: z.uuid() });
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
        response: { 200: contract.institutions },
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
    { schema: { tags: ['institutions'], params: idParams, response: { 200: contract.departments } } },
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
        response: { 201: contract.department },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addDepartment(serviceContext(req), req.params.id, req.body)),
  );

  r.get(
    '/api/institutions/:id/departments/overview',
    {
      schema: {
        tags: ['administration'],
        summary: 'Departments with their open cases and staff, closed ones included (admin)',
        params: idParams,
        response: { 200: contract.departmentsOverview },
      },
    },
    async (req) => ({ items: await departmentsOverview(serviceContext(req), req.params.id) }),
  );

  r.patch(
    '/api/institutions/:id/departments/:departmentId',
    {
      schema: {
        tags: ['administration'],
        summary: 'Rename a department',
        params: deptParams,
        body: z
          .strictObject(names)
          .partial()
          .refine((b) => Object.keys(b).length > 0, { params: { key: 'validation.required' } }),
        response: { 200: contract.department },
      },
    },
    async (req) => renameDepartmentOf(serviceContext(req), req.params.id, req.params.departmentId, req.body),
  );

  for (const [verb, closed] of [
    ['close', true],
    ['reopen', false],
  ] as const) {
    r.post(
      `/api/institutions/:id/departments/:departmentId/${verb}`,
      {
        schema: {
          tags: ['administration'],
          summary: closed
            ? 'Close a department (refused while it holds open cases)'
            : 'Reopen a closed department',
          params: deptParams,
          response: { 200: contract.department },
        },
      },
      async (req) =>
        setDepartmentClosedOf(serviceContext(req), req.params.id, req.params.departmentId, closed),
    );
  }

  r.get(
    '/api/institutions/:id/staff',
    {
      schema: {
        tags: ['administration'],
        summary: 'Staff with role, department, account state and open cases assigned to each',
        params: idParams,
        response: { 200: contract.staffList },
      },
    },
    async (req) => ({ items: await staffWithLoad(serviceContext(req), req.params.id) }),
  );

  r.post(
    '/api/institutions/:id/staff',
    {
      schema: {
        tags: ['administration'],
        summary:
          'Add a staff member with a role in this institution. Without a password, they receive an e-mail inviting them to choose one',
        params: idParams,
        body: z.strictObject({
          email: emailSchema,
          password: passwordSchema.optional(),
          displayName: safeText(1, 120),
          language: z.enum(['ar', 'fr', 'en']).default('fr'),
          role: z.enum(staffRoles),
          departmentId: z.uuid().nullish(),
        }),
        response: { 201: contract.addedStaffMember },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await addStaffMember(serviceContext(req), req.params.id, req.body)),
  );

  r.patch(
    '/api/institutions/:id/staff/:accountId',
    {
      schema: {
        tags: ['administration'],
        summary: 'Change a member’s role or department',
        params: memberParams,
        body: z
          .strictObject({ role: z.enum(staffRoles).optional(), departmentId: z.uuid().nullable().optional() })
          .refine((b) => b.role !== undefined || b.departmentId !== undefined, {
            params: { key: 'validation.required' },
          }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await changeMembership(serviceContext(req), req.params.id, req.params.accountId, req.body);
      return reply.code(204).send();
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(
      `/api/institutions/:id/staff/:accountId/${verb}`,
      {
        schema: {
          tags: ['administration'],
          summary: disabled
            ? 'Disable a member’s account and end their sessions (not oneself, not the last admin)'
            : 'Enable a disabled account again',
          params: memberParams,
          response: { 204: noContent },
        },
      },
      async (req, reply) => {
        await setMemberDisabled(serviceContext(req), req.params.id, req.params.accountId, disabled);
        return reply.code(204).send();
      },
    );
  }

  r.post(
    '/api/institutions/:id/staff/:accountId/reset-totp',
    {
      schema: {
        tags: ['administration'],
        summary: 'Remove a member’s authenticator app; they set one up again at their next sign-in',
        params: memberParams,
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      await resetMemberTotp(serviceContext(req), req.params.id, req.params.accountId);
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/institutions/:id/staff/:accountId/invite',
    {
      schema: {
        tags: ['administration'],
        summary: 'Send the invitation again to a member who has not chosen a password yet',
        params: memberParams,
        response: { 202: contract.accepted },
      },
    },
    async (req, reply) => {
      await resendMemberInvitation(serviceContext(req), req.params.id, req.params.accountId);
      return reply.code(202).send({ accepted: true });
    },
  );

  r.post(
    '/api/auth/invitation',
    {
      preHandler: signInLimits(app),
      schema: {
        tags: ['auth'],
        summary: 'An invited staff member chooses their password with the code of the e-mail; signs them in',
        body: z.strictObject({
          email: emailSchema,
          code: z.string().min(20).max(100),
          password: passwordSchema,
        }),
        response: { 200: contract.signedIn },
      },
    },
    async (req, reply) => {
      const { secret, SESSION_TTL_HOURS } = app.deps.config;
      const s = await acceptInvitation(db, secret, req.body, SESSION_TTL_HOURS, req.id);
      setSessionCookie(app, reply, s.token, req);
      return {
        csrfToken: s.csrfToken,
        account: { id: s.account.id, kind: s.account.kind, displayName: s.account.displayName },
      };
    },
  );
}
