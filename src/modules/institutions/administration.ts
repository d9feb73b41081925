/**
 * What a body's administrator does to its departments and staff, as service functions: access checked
 * first, one transaction per change (the steps themselves, which also serve the command line, are in
 * `service.ts` and `accounts/staff.ts`).
 */
import { AppError, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import {
  adminChange,
  requireAccess,
  requireAdmin,
  type ServiceContext,
} from '../../server/service-context.js';
import type { StaffRole } from '../accounts/schema.js';
import { createStaffAccount } from '../accounts/service.js';
import {
  inviteStaff,
  listStaffAccounts,
  resendInvitation,
  resetStaffTotp,
  setStaffDisabled,
  updateMembership,
} from '../accounts/staff.js';
import { openCasesByAssignee, openCasesByDepartment } from '../cases/load.js';
import {
  createDepartment,
  getInstitution,
  getOpenDepartment,
  listDepartments,
  type Names,
  renameDepartment,
  setDepartmentClosed,
} from './service.js';

export async function addDepartment(
  ctx: ServiceContext,
  institutionId: string,
  input: Names & { code: string },
) {
  return adminChange(ctx, institutionId, (tx, actorId) =>
    createDepartment(tx, institutionId, input, actorId, ctx.requestId),
  );
}

/** Departments with their open cases and active staff, closed ones included. */
export async function departmentsOverview(ctx: ServiceContext, institutionId: string) {
  requireAdmin(ctx, institutionId);
  const [rows, open, staff] = await Promise.all([
    listDepartments(ctx.db, institutionId),
    openCasesByDepartment(ctx.db, institutionId),
    listStaffAccounts(ctx.db, institutionId),
  ]);
  return rows.map((d) => ({
    ...d,
    openCases: open.get(d.id) ?? 0,
    staff: staff.filter((m) => m.departmentId === d.id && !m.disabled).length,
  }));
}

export async function renameDepartmentOf(
  ctx: ServiceContext,
  institutionId: string,
  departmentId: string,
  names: Partial<Names>,
) {
  return adminChange(ctx, institutionId, (tx, actorId) =>
    renameDepartment(tx, institutionId, departmentId, names, actorId, ctx.requestId),
  );
}

/** Closes (refused while it holds open cases) or reopens a department. */
export async function setDepartmentClosedOf(
  ctx: ServiceContext,
  institutionId: string,
  departmentId: string,
  closed: boolean,
) {
  return adminChange(ctx, institutionId, (tx, actorId) =>
    setDepartmentClosed(tx, institutionId, departmentId, closed, actorId, ctx.requestId),
  );
}

/** The staff with their open cases (administrators, supervisors, auditors). */
export async function staffWithLoad(ctx: ServiceContext, institutionId: string) {
  requireAccess(ctx, { staffOf: institutionId, roles: ['institution_admin', 'supervisor', 'auditor'] });
  const [rows, load] = await Promise.all([
    listStaffAccounts(ctx.db, institutionId),
    openCasesByAssignee(ctx.db, institutionId),
  ]);
  return rows.map((m) => ({ ...m, openCases: load.get(m.id) ?? 0 }));
}

/** A department for a member: null, or one of the body's open departments (422 next to the field). */
async function checkDepartment(
  ctx: ServiceContext,
  institutionId: string,
  departmentId: string | null | undefined,
) {
  if (!departmentId) return;
  const pointer = [{ pointer: '/body/departmentId' }];
  try {
    if (!(await getOpenDepartment(ctx.db, institutionId, departmentId)))
      throw fail('department-unknown', {}, { errors: pointer });
  } catch (e) {
    if (e instanceof AppError && e.code === 'department-closed')
      throw fail(e.code, e.params, { errors: pointer });
    throw e;
  }
}

async function inviting(ctx: ServiceContext, institutionId: string) {
  const institution = await getInstitution(ctx.db, institutionId);
  if (!institution) throw notFound();
  return { secret: ctx.secret, publicUrl: ctx.publicUrl ?? '', institution };
}

export type NewMember = {
  email: string;
  password?: string;
  displayName: string;
  language: 'ar' | 'fr' | 'en';
  role: StaffRole;
  departmentId?: string | null;
};

/** Adds a member: with a password, the account is ready; without, they are e-mailed an invitation. */
export async function addStaffMember(ctx: ServiceContext, institutionId: string, b: NewMember) {
  const actor = requireAdmin(ctx, institutionId);
  await checkDepartment(ctx, institutionId, b.departmentId);
  const invite = await inviting(ctx, institutionId);
  const departmentId = b.departmentId ?? null;
  const id = await ctx.db
    .transaction((tx) =>
      b.password
        ? createStaffAccount(
            tx,
            { ...b, password: b.password, memberships: [{ institutionId, departmentId, role: b.role }] },
            actor.accountId,
            ctx.requestId,
          )
        : inviteStaff(tx, invite, { ...b, departmentId }, actor.accountId, ctx.requestId),
    )
    .catch((e) => {
      if (e instanceof AppError && e.code === 'email-taken')
        throw fail(e.code, e.params, { errors: [{ pointer: '/body/email' }] });
      throw e;
    });
  return { id, invited: !b.password };
}

export async function changeMembership(
  ctx: ServiceContext,
  institutionId: string,
  accountId: string,
  patch: { role?: StaffRole; departmentId?: string | null },
) {
  const actor = requireAdmin(ctx, institutionId);
  await checkDepartment(ctx, institutionId, patch.departmentId);
  await ctx.db.transaction((tx) =>
    updateMembership(tx, institutionId, accountId, patch, actor.accountId, ctx.requestId),
  );
}

/** Disables a member's account and ends their sessions (not oneself, not the last admin), or enables it. */
export async function setMemberDisabled(
  ctx: ServiceContext,
  institutionId: string,
  accountId: string,
  disabled: boolean,
) {
  await adminChange(ctx, institutionId, (tx, actorId) =>
    setStaffDisabled(tx, institutionId, accountId, disabled, actorId, ctx.requestId),
  );
}

export async function resetMemberTotp(ctx: ServiceContext, institutionId: string, accountId: string) {
  const actor = requireAdmin(ctx, institutionId);
  const invite = await inviting(ctx, institutionId);
  await ctx.db.transaction((tx) =>
    resetStaffTotp(tx, invite, institutionId, accountId, actor.accountId, ctx.requestId),
  );
}

export async function resendMemberInvitation(ctx: ServiceContext, institutionId: string, accountId: string) {
  const actor = requireAdmin(ctx, institutionId);
  const invite = await inviting(ctx, institutionId);
  await ctx.db.transaction((tx) => resendInvitation(tx, invite, accountId, actor.accountId, ctx.requestId));
}
