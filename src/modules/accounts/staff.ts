/**
 * An institution administrator's work on its staff: invitations, role and department, disabling, and
 * resetting the second factor. Each change writes its audit row in the caller's transaction.
 */
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { hashPassword, newToken } from './passwords.js';
import {
  accounts,
  overseerScopes,
  recoveryCodes,
  type StaffRole,
  sessions,
  staffMemberships,
} from './schema.js';
import { consumeCode, createSession, createStaffAccount, findAccountByEmail, issueCode } from './service.js';

/** How long the link of an invitation works. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

type Body = { id: string; nameAr: string; nameFr: string; nameEn: string };
const bodyName = (b: Body, lang: Lang) => (lang === 'ar' ? b.nameAr : lang === 'fr' ? b.nameFr : b.nameEn);

/** The staff of an institution with their role, department and account state (no password or secrets). */
export async function listStaffAccounts(db: Executor, institutionId: string) {
  const rows = await db
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      language: accounts.preferredLanguage,
      role: staffMemberships.role,
      departmentId: staffMemberships.departmentId,
      disabledAt: accounts.disabledAt,
      totpEnabledAt: accounts.totpEnabledAt,
      passwordHash: accounts.passwordHash,
    })
    .from(staffMemberships)
    .innerJoin(accounts, eq(accounts.id, staffMemberships.accountId))
    .where(eq(staffMemberships.institutionId, institutionId))
    .orderBy(accounts.displayName);
  return rows.map(({ passwordHash, totpEnabledAt, disabledAt, ...r }) => ({
    ...r,
    disabled: !!disabledAt,
    totpEnabled: !!totpEnabledAt,
    /** Invited, and has not chosen a password yet. */
    invitationPending: !passwordHash,
  }));
}

/** The member's role rows in this institution, or 404 when the account does not work there. */
async function membershipsOf(tx: Executor, institutionId: string, accountId: string) {
  const rows = await tx
    .select({
      id: staffMemberships.id,
      role: staffMemberships.role,
      departmentId: staffMemberships.departmentId,
    })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.accountId, accountId), eq(staffMemberships.institutionId, institutionId)));
  if (!rows.length) throw notFound();
  return rows;
}

/** Disabling or resetting an account reaches every body it works for: only when it works for this one alone. */
async function assertOnlyHere(tx: Executor, institutionId: string, accountId: string) {
  const [elsewhere] = await tx
    .select({ id: staffMemberships.id })
    .from(staffMemberships)
    .where(and(eq(staffMemberships.accountId, accountId), ne(staffMemberships.institutionId, institutionId)))
    .limit(1);
  const [scope] = await tx
    .select({ id: overseerScopes.id })
    .from(overseerScopes)
    .where(eq(overseerScopes.accountId, accountId))
    .limit(1);
  if (elsewhere || scope) throw fail('staff-other-bodies');
}

/** Active administrators of the institution other than the given account. */
async function otherActiveAdmins(tx: Executor, institutionId: string, accountId: string) {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${accounts.id})::int` })
    .from(staffMemberships)
    .innerJoin(accounts, eq(accounts.id, staffMemberships.accountId))
    .where(
      and(
        eq(staffMemberships.institutionId, institutionId),
        eq(staffMemberships.role, 'institution_admin'),
        ne(accounts.id, accountId),
        isNull(accounts.disabledAt),
      ),
    );
  return Number(row?.n ?? 0);
}

async function sendInvitation(
  tx: Executor,
  ctx: { secret: string; publicUrl: string; institution: Body },
  acc: { id: string; email: string; displayName: string; language: Lang },
  role: StaffRole,
) {
  const code = await issueCode(tx, ctx.secret, acc.id, 'invite', {
    code: newToken(),
    ttlMs: INVITATION_TTL_MS,
  });
  // The code travels in the fragment, which browsers never send to the server (nor to its logs).
  const url = `${ctx.publicUrl}/welcome#${new URLSearchParams({ email: acc.email, code })}`;
  await enqueueEmail(tx, {
    to: acc.email,
    template: 'invite',
    lang: acc.language,
    params: {
      name: acc.displayName,
      institution: bodyName(ctx.institution, acc.language),
      role: t(acc.language, `role.${role}` as MessageKey),
      url,
      email: acc.email,
    },
  });
}

/** Creates a staff account without a password and e-mails the member a link to choose one. */
export async function inviteStaff(
  tx: Executor,
  ctx: { secret: string; publicUrl: string; institution: Body },
  input: { email: string; displayName: string; language: Lang; role: StaffRole; departmentId: string | null },
  actorId: string,
  requestId: string,
) {
  const id = await createStaffAccount(
    tx,
    {
      email: input.email,
      password: null,
      displayName: input.displayName,
      language: input.language,
      memberships: [
        { institutionId: ctx.institution.id, departmentId: input.departmentId, role: input.role },
      ],
    },
    actorId,
    requestId,
  );
  await sendInvitation(tx, ctx, { id, ...input }, input.role);
  await recordAudit(tx, {
    actorId,
    action: 'staff.invite',
    entityType: 'account',
    entityId: id,
    institutionId: ctx.institution.id,
    requestId,
  });
  return id;
}

/** Sends the invitation again (a new link; the earlier one stops working), while no password is set. */
export async function resendInvitation(
  tx: Executor,
  ctx: { secret: string; publicUrl: string; institution: Body },
  accountId: string,
  actorId: string,
  requestId: string,
) {
  const [m] = await membershipsOf(tx, ctx.institution.id, accountId);
  const [acc] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
  if (acc!.passwordHash) throw fail('staff-invitation-used');
  await sendInvitation(
    tx,
    ctx,
    { id: acc!.id, email: acc!.email, displayName: acc!.displayName, language: acc!.preferredLanguage },
    m!.role,
  );
  await recordAudit(tx, {
    actorId,
    action: 'staff.invite',
    entityType: 'account',
    entityId: accountId,
    institutionId: ctx.institution.id,
    requestId,
    data: { again: true },
  });
}

/** The invited member chooses a password with the link's code, and is signed in. */
export async function acceptInvitation(
  db: Db,
  secret: string,
  input: { email: string; code: string; password: string },
  ttlHours: number,
  requestId: string,
) {
  const acc = await findAccountByEmail(db, input.email);
  if (acc?.kind !== 'staff' || acc.disabledAt) throw fail('code-invalid');
  if (!(await consumeCode(db, secret, acc.id, 'invite', input.code))) throw fail('code-invalid');
  if (acc.passwordHash) throw fail('staff-invitation-used');
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, emailVerifiedAt: acc.emailVerifiedAt ?? currentTime() })
      .where(eq(accounts.id, acc.id));
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'account.invitation_accepted',
      entityType: 'account',
      entityId: acc.id,
      requestId,
    });
    const s = await createSession(tx, acc.id, ttlHours);
    return { ...s, account: acc };
  });
}

/** Changes the member's role and/or department in this institution. The last administrator keeps the role. */
export async function updateMembership(
  tx: Executor,
  institutionId: string,
  accountId: string,
  patch: { role?: StaffRole; departmentId?: string | null },
  actorId: string,
  requestId: string,
) {
  const rows = await membershipsOf(tx, institutionId, accountId);
  const wasAdmin = rows.some((r) => r.role === 'institution_admin');
  if (wasAdmin && patch.role && patch.role !== 'institution_admin') {
    if ((await otherActiveAdmins(tx, institutionId, accountId)) === 0) throw fail('staff-last-admin');
  }
  const set: Partial<typeof staffMemberships.$inferInsert> = {};
  if (patch.role) set.role = patch.role;
  if (patch.departmentId !== undefined) set.departmentId = patch.departmentId;
  if (Object.keys(set).length) {
    await tx
      .update(staffMemberships)
      .set(set)
      .where(
        and(eq(staffMemberships.accountId, accountId), eq(staffMemberships.institutionId, institutionId)),
      );
  }
  await recordAudit(tx, {
    actorId,
    action: 'staff.update',
    entityType: 'account',
    entityId: accountId,
    institutionId,
    requestId,
    data: {
      from: { role: rows[0]!.role, departmentId: rows[0]!.departmentId },
      to: { role: patch.role ?? rows[0]!.role, departmentId: set.departmentId ?? rows[0]!.departmentId },
    },
  });
}

/** Disables (ending every session) or enables a member's account. Doing it twice changes nothing. */
export async function setStaffDisabled(
  tx: Executor,
  institutionId: string,
  accountId: string,
  disabled: boolean,
  actorId: string,
  requestId: string,
) {
  const rows = await membershipsOf(tx, institutionId, accountId);
  if (disabled && accountId === actorId) throw fail('staff-self-disable');
  await assertOnlyHere(tx, institutionId, accountId);
  const [acc] = await tx
    .select({ disabledAt: accounts.disabledAt })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!!acc!.disabledAt === disabled) return false;
  if (
    disabled &&
    rows.some((r) => r.role === 'institution_admin') &&
    (await otherActiveAdmins(tx, institutionId, accountId)) === 0
  )
    throw fail('staff-last-admin');
  await tx
    .update(accounts)
    .set({ disabledAt: disabled ? currentTime() : null })
    .where(eq(accounts.id, accountId));
  if (disabled) await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  await recordAudit(tx, {
    actorId,
    action: disabled ? 'staff.disable' : 'staff.enable',
    entityType: 'account',
    entityId: accountId,
    institutionId,
    requestId,
  });
  return true;
}

/** Removes the member's authenticator and recovery codes and signs them out: they enrol again at next sign-in. */
export async function resetStaffTotp(
  tx: Executor,
  ctx: { institution: Body },
  institutionId: string,
  accountId: string,
  actorId: string,
  requestId: string,
) {
  await membershipsOf(tx, institutionId, accountId);
  await assertOnlyHere(tx, institutionId, accountId);
  const [acc] = await tx
    .select({
      secret: accounts.totpSecret,
      enabled: accounts.totpEnabledAt,
      email: accounts.email,
      name: accounts.displayName,
      language: accounts.preferredLanguage,
    })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  if (!acc!.secret && !acc!.enabled) throw fail('staff-no-totp');
  await tx
    .update(accounts)
    .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null })
    .where(eq(accounts.id, accountId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
  await tx.delete(sessions).where(eq(sessions.accountId, accountId));
  // the person hears of it: a reset they did not ask for is the sign of a taken-over admin account
  await enqueueEmail(tx, {
    to: acc!.email,
    template: 'totp_reset',
    lang: acc!.language,
    params: { name: acc!.name, institution: bodyName(ctx.institution, acc!.language) },
  });
  await recordAudit(tx, {
    actorId,
    action: 'staff.totp_reset',
    entityType: 'account',
    entityId: accountId,
    institutionId,
    requestId,
  });
}
