import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, setSessionCookie } from '../../server/auth.js';
import { AppError, forbidden, notFound } from '../../server/errors.js';
import { emailSchema, passwordSchema, safeText } from '../../server/validation.js';
import { type Actor, hasRole } from '../accounts/actor.js';
import { staffRoles } from '../accounts/schema.js';
import { createStaffAccount } from '../accounts/service.js';
import {
  acceptInvitation,
  inviteStaff,
  listStaffAccounts,
  resendInvitation,
  resetStaffTotp,
  setStaffDisabled,
  updateMembership,
} from '../accounts/staff.js';
import { openCasesByAssignee, openCasesByDepartment } from '../cases/load.js';
import { signInLimits } from '../limits/sign-in.js';
import {
  createDepartment,
  getInstitution,
  getOpenDepartment,
  listDepartments,
  listInstitutions,
  renameDepartment,
  setDepartmentClosed,
} from './service.js';

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

  /** Only the institution's own administrator; 401 without a session, 403 for anyone else. */
  const requireAdmin = (req: FastifyRequest, institutionId: string): Actor => {
    const actor = requireActor(req);
    if (!hasRole(actor, institutionId, ['institution_admin'])) throw forbidden();
    return actor;
  };
  /** A department for a member: null, or one of the institution's open departments (422 next to the field). */
  const checkDepartment = async (institutionId: string, departmentId: string | null | undefined) => {
    if (!departmentId) return;
    const pointer = [{ pointer: '/body/departmentId' }];
    try {
      if (!(await getOpenDepartment(db, institutionId, departmentId)))
        throw new AppError(422, 'error.department_unknown', {}, { errors: pointer });
    } catch (e) {
      if (e instanceof AppError && e.key === 'error.department.closed')
        throw new AppError(422, e.key, {}, { errors: pointer });
      throw e;
    }
  };
  const inviteContext = async (institutionId: string) => ({
    secret: app.deps.config.secret,
    publicUrl: app.deps.config.publicUrl,
    institution: (await getInstitution(db, institutionId))!,
  });

  r.get(
    '/api/institutions/:id/departments/overview',
    {
      schema: {
        tags: ['administration'],
        summary: 'Departments with their open cases and staff, closed ones included (admin)',
        params: idParams,
      },
    },
    async (req) => {
      requireAdmin(req, req.params.id);
      const [rows, open, staff] = await Promise.all([
        listDepartments(db, req.params.id),
        openCasesByDepartment(db, req.params.id),
        listStaffAccounts(db, req.params.id),
      ]);
      return {
        items: rows.map((d) => ({
          ...d,
          openCases: open.get(d.id) ?? 0,
          staff: staff.filter((m) => m.departmentId === d.id && !m.disabled).length,
        })),
      };
    },
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
      },
    },
    async (req) => {
      const actor = requireAdmin(req, req.params.id);
      return db.transaction((tx) =>
        renameDepartment(tx, req.params.id, req.params.departmentId, req.body, actor.accountId, req.id),
      );
    },
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
        },
      },
      async (req) => {
        const actor = requireAdmin(req, req.params.id);
        return db.transaction((tx) =>
          setDepartmentClosed(tx, req.params.id, req.params.departmentId, closed, actor.accountId, req.id),
        );
      },
    );
  }

  r.get(
    '/api/institutions/:id/staff',
    {
      schema: {
        tags: ['administration'],
        summary: 'Staff with role, department, account state and open cases assigned to each',
        params: idParams,
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!hasRole(actor, req.params.id, ['institution_admin', 'supervisor', 'auditor'])) throw forbidden();
      const [rows, load] = await Promise.all([
        listStaffAccounts(db, req.params.id),
        openCasesByAssignee(db, req.params.id),
      ]);
      return { items: rows.map((m) => ({ ...m, openCases: load.get(m.id) ?? 0 })) };
    },
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
      },
    },
    async (req, reply) => {
      const actor = requireAdmin(req, req.params.id);
      const b = req.body;
      await checkDepartment(req.params.id, b.departmentId);
      const ctx = await inviteContext(req.params.id);
      const taken = { errors: [{ pointer: '/body/email' }] };
      const id = await db
        .transaction((tx) =>
          b.password
            ? createStaffAccount(
                tx,
                {
                  ...b,
                  password: b.password,
                  memberships: [
                    { institutionId: req.params.id, departmentId: b.departmentId ?? null, role: b.role },
                  ],
                },
                actor.accountId,
                req.id,
              )
            : inviteStaff(tx, ctx, { ...b, departmentId: b.departmentId ?? null }, actor.accountId, req.id),
        )
        .catch((e) => {
          if (e instanceof AppError && e.key === 'error.email_taken')
            throw new AppError(409, e.key, {}, taken);
          throw e;
        });
      return reply.code(201).send({ id, invited: !b.password });
    },
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
      },
    },
    async (req, reply) => {
      const actor = requireAdmin(req, req.params.id);
      await checkDepartment(req.params.id, req.body.departmentId);
      await db.transaction((tx) =>
        updateMembership(tx, req.params.id, req.params.accountId, req.body, actor.accountId, req.id),
      );
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
        },
      },
      async (req, reply) => {
        const actor = requireAdmin(req, req.params.id);
        await db.transaction((tx) =>
          setStaffDisabled(tx, req.params.id, req.params.accountId, disabled, actor.accountId, req.id),
        );
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
      },
    },
    async (req, reply) => {
      const actor = requireAdmin(req, req.params.id);
      const ctx = await inviteContext(req.params.id);
      await db.transaction((tx) =>
        resetStaffTotp(tx, ctx, req.params.id, req.params.accountId, actor.accountId, req.id),
      );
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
      },
    },
    async (req, reply) => {
      const actor = requireAdmin(req, req.params.id);
      const ctx = await inviteContext(req.params.id);
      await db.transaction((tx) => resendInvitation(tx, ctx, req.params.accountId, actor.accountId, req.id));
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
