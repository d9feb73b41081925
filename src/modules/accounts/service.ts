import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import type { Lang } from '../../i18n/index.js';
import { fail } from '../../server/problems.js';
import { currentMillis, currentTime } from '../../shared/clock.js';
import { nameSkeleton } from '../../shared/name-skeleton.js';
import { recordAudit } from '../audit/service.js';
import { forgetPendingUploads } from '../cases/uploads.js';
import { enqueueEmail } from '../notifications/outbox.js';
import type { Actor, Membership, OverseerScope } from './actor.js';
import {
  dummyPasswordHash,
  hashPassword,
  hmac,
  newToken,
  safeEqual,
  sha256,
  sixDigitCode,
  verifyPassword,
} from './passwords.js';
import {
  accountIdentities,
  accounts,
  citizenProfiles,
  type Language,
  overseerScopes,
  type PostalAddress,
  type ReplyChannel,
  type StaffRole,
  sessions,
  staffMemberships,
  verificationCodes,
} from './schema.js';
import { checkSecondFactor } from './totp.js';

export type CitizenProfileInput = {
  givenNameAr?: string | null;
  familyNameAr?: string | null;
  givenNameLatin?: string | null;
  familyNameLatin?: string | null;
  birthDate?: string | null;
  cin?: string | null;
  countryOfResidence: string;
  addressAbroad?: PostalAddress | null;
  phone?: string | null;
  replyChannels: ReplyChannel[];
  originCommuneCode?: string | null;
  preferredLanguage: Language;
};

const CODE_TTL_MS = 30 * 60_000;
const MAX_CODE_ATTEMPTS = 5;

/** People met at the desk may have no e-mail: they get an address in the reserved .invalid domain, never mailed. */
export const isPlaceholderEmail = (email: string) => email.endsWith('@no-email.invalid');

export const skeletonOf = (p: Partial<CitizenProfileInput>) =>
  [nameSkeleton(p.givenNameLatin, p.familyNameLatin), nameSkeleton(p.givenNameAr, p.familyNameAr)]
    .filter(Boolean)
    .join(' | ') || null;

/** The name to greet a person with: in Arabic script for Arabic readers when they gave it, otherwise Latin. */
export function citizenDisplayName(p: Partial<CitizenProfileInput>): string {
  const latin = [p.givenNameLatin, p.familyNameLatin].filter(Boolean).join(' ');
  const arabic = [p.givenNameAr, p.familyNameAr].filter(Boolean).join(' ');
  return (p.preferredLanguage === 'ar' ? arabic || latin : latin || arabic) || '—';
}

export type CodePurpose = 'verify_email' | 'reset_password' | 'invite';

/** Issues a one-time code (six digits by default), spending the account's earlier codes of that purpose. */
export async function issueCode(
  tx: Executor,
  secret: string,
  accountId: string,
  purpose: CodePurpose,
  opts: { code?: string; ttlMs?: number } = {},
) {
  const code = opts.code ?? sixDigitCode();
  await tx
    .update(verificationCodes)
    .set({ usedAt: currentTime() })
    .where(
      and(
        eq(verificationCodes.accountId, accountId),
        eq(verificationCodes.purpose, purpose),
        isNull(verificationCodes.usedAt),
      ),
    );
  await tx.insert(verificationCodes).values({
    accountId,
    purpose,
    codeHash: hmac(secret, code),
    expiresAt: new Date(currentMillis() + (opts.ttlMs ?? CODE_TTL_MS)),
  });
  return code;
}

/**
 * Issues a code to confirm the address (`verify_email`) or to set a new password (`reset_password`) and
 * e-mails it to the account, in the caller's transaction.
 */
async function emailCode(
  tx: Executor,
  secret: string,
  purpose: 'verify_email' | 'reset_password',
  to: { id: string; email: string; displayName: string; preferredLanguage: Lang },
) {
  const code = await issueCode(tx, secret, to.id, purpose);
  await enqueueEmail(tx, {
    to: to.email,
    template: purpose === 'verify_email' ? 'verify' : 'reset',
    lang: to.preferredLanguage,
    params: { code, name: to.displayName },
  });
}

/**
 * Checks a code. Every try, right or wrong, first takes one of the code's MAX_CODE_ATTEMPTS tries in a single
 * conditional UPDATE, so guesses sent at once cannot share a try: after five, the code is dead even for the
 * right value. Returns true once, then the code is spent.
 */
export async function consumeCode(
  db: Executor,
  secret: string,
  accountId: string,
  purpose: CodePurpose,
  code: string,
) {
  const now = currentTime();
  const [latest] = await db
    .select({ id: verificationCodes.id })
    .from(verificationCodes)
    .where(
      and(
        eq(verificationCodes.accountId, accountId),
        eq(verificationCodes.purpose, purpose),
        isNull(verificationCodes.usedAt),
        gt(verificationCodes.expiresAt, now),
      ),
    )
    .orderBy(desc(verificationCodes.createdAt))
    .limit(1);
  if (!latest) return false;
  const [tried] = await db
    .update(verificationCodes)
    .set({ attempts: sql`${verificationCodes.attempts} + 1` })
    .where(
      and(
        eq(verificationCodes.id, latest.id),
        isNull(verificationCodes.usedAt),
        lt(verificationCodes.attempts, MAX_CODE_ATTEMPTS),
      ),
    )
    .returning({ codeHash: verificationCodes.codeHash });
  if (!tried || !safeEqual(tried.codeHash, hmac(secret, code))) return false;
  const spent = await db
    .update(verificationCodes)
    .set({ usedAt: now })
    .where(and(eq(verificationCodes.id, latest.id), isNull(verificationCodes.usedAt)))
    .returning({ id: verificationCodes.id });
  return spent.length === 1;
}

export async function registerCitizen(
  db: Db,
  secret: string,
  input: { email: string; password: string } & CitizenProfileInput,
  requestId: string,
): Promise<{ accountId: string | null }> {
  // the password is hashed whatever happens next, so that a taken address answers in the same time
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: accounts.id, name: accounts.displayName, lang: accounts.preferredLanguage })
      .from(accounts)
      .where(eq(accounts.email, input.email));
    if (existing) {
      // No "this address is taken": that would tell anyone who has an account. The owner hears of it instead.
      await enqueueEmail(tx, {
        to: input.email,
        template: 'account_exists',
        lang: existing.lang,
        params: { name: existing.name },
      });
      await recordAudit(tx, {
        actorId: null,
        action: 'account.register_existing',
        entityType: 'account',
        entityId: existing.id,
        requestId,
      });
      return { accountId: null };
    }
    const displayName = citizenDisplayName(input);
    const [acc] = await tx
      .insert(accounts)
      .values({
        kind: 'citizen',
        email: input.email,
        passwordHash,
        displayName,
        preferredLanguage: input.preferredLanguage,
      })
      .returning({ id: accounts.id });
    const { email: _e, password: _p, preferredLanguage: _l, ...profile } = input;
    await tx
      .insert(citizenProfiles)
      .values({ accountId: acc!.id, ...profile, nameSkeleton: skeletonOf(profile) });
    await emailCode(tx, secret, 'verify_email', {
      id: acc!.id,
      email: input.email,
      displayName,
      preferredLanguage: input.preferredLanguage,
    });
    await recordAudit(tx, {
      actorId: acc!.id,
      action: 'account.register',
      entityType: 'account',
      entityId: acc!.id,
      requestId,
    });
    return { accountId: acc!.id };
  });
}

export async function findAccountByEmail(db: Executor, email: string) {
  const [acc] = await db.select().from(accounts).where(eq(accounts.email, email));
  return acc ?? null;
}

export async function createSession(db: Executor, accountId: string, ttlHours: number) {
  const token = newToken();
  const csrfToken = newToken();
  await db.insert(sessions).values({
    id: sha256(token),
    accountId,
    csrfToken,
    expiresAt: new Date(currentMillis() + ttlHours * 3_600_000),
  });
  return { token, csrfToken };
}

export async function verifyEmail(db: Db, secret: string, email: string, code: string, requestId: string) {
  const acc = await findAccountByEmail(db, email);
  if (!acc || !(await consumeCode(db, secret, acc.id, 'verify_email', code))) throw fail('code-invalid');
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ emailVerifiedAt: currentTime() }).where(eq(accounts.id, acc.id));
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'account.verify_email',
      entityType: 'account',
      entityId: acc.id,
      requestId,
    });
  });
  return acc;
}

export async function resendVerification(db: Db, secret: string, email: string) {
  const acc = await findAccountByEmail(db, email);
  if (!acc || acc.emailVerifiedAt) return;
  await db.transaction(async (tx) => {
    await emailCode(tx, secret, 'verify_email', acc);
  });
}

export async function login(
  db: Db,
  email: string,
  password: string,
  ttlHours: number,
  requestId: string,
  secondFactor: { secret: string; totp?: string; recoveryCode?: string } = { secret: '' },
) {
  const acc = await findAccountByEmail(db, email);
  const ok = await verifyPassword(acc?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!acc || !ok) {
    await recordAudit(db, {
      actorId: acc?.id ?? null,
      action: 'auth.login_failed',
      entityType: 'account',
      entityId: acc?.id,
      requestId,
    });
    throw fail('invalid-credentials');
  }
  if (acc.disabledAt) throw fail('account-disabled');
  if (acc.kind === 'citizen' && !acc.emailVerifiedAt) throw fail('email-not-verified');
  if (acc.totpEnabledAt) {
    if (!secondFactor.totp && !secondFactor.recoveryCode)
      throw fail('totp-required', {}, { secondFactor: 'totp' });
    if (!(await checkSecondFactor(db, secondFactor.secret, acc, secondFactor))) {
      await recordAudit(db, {
        actorId: acc.id,
        action: 'auth.totp_failed',
        entityType: 'account',
        entityId: acc.id,
        requestId,
      });
      throw fail('totp-invalid', {}, { secondFactor: 'totp' });
    }
  }
  return db.transaction(async (tx) => {
    const s = await createSession(tx, acc.id, ttlHours);
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'auth.login',
      entityType: 'account',
      entityId: acc.id,
      requestId,
    });
    return { ...s, account: acc };
  });
}

export async function logout(db: Db, actor: Actor, requestId: string) {
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
    await recordAudit(tx, {
      actorId: actor.accountId,
      action: 'auth.logout',
      entityType: 'account',
      entityId: actor.accountId,
      requestId,
    });
  });
}

/** Resolves a session cookie into the actor, or null when missing, unknown or expired. */
export async function loadActor(db: Db, token: string): Promise<Actor | null> {
  const id = sha256(token);
  // One round trip on every signed-in request: the session, the account, its roles and overseer scopes.
  const [row] = await db
    .select({
      csrfToken: sessions.csrfToken,
      account: accounts,
      memberships: sql<Membership[]>`coalesce((select json_agg(json_build_object(
        'institutionId', m.institution_id, 'departmentId', m.department_id, 'role', m.role))
        from ${staffMemberships} m where m.account_id = ${accounts.id}), '[]'::json)`,
      scopes: sql<OverseerScope[]>`coalesce((select json_agg(json_build_object(
        'scope', o.scope, 'territoryCode', o.territory_code))
        from ${overseerScopes} o where o.account_id = ${accounts.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, currentTime())));
  if (!row || row.account.disabledAt) return null;
  return actorOf(db, row.account, { id, csrfToken: row.csrfToken }, row);
}

/** Builds the actor for an account: its roles and overseer scopes. Also used by jobs and the demo seed. */
export async function actorOf(
  db: Executor,
  acc: typeof accounts.$inferSelect,
  session: { id: string; csrfToken: string } = { id: '', csrfToken: '' },
  /** Roles and scopes already read with the account (see loadActor). */
  loaded?: { memberships: Membership[]; scopes: OverseerScope[] },
): Promise<Actor> {
  const [memberships, scopes] = loaded
    ? acc.kind === 'staff'
      ? [loaded.memberships, loaded.scopes]
      : [[], []]
    : acc.kind === 'staff'
      ? await Promise.all([
          db
            .select({
              institutionId: staffMemberships.institutionId,
              departmentId: staffMemberships.departmentId,
              role: staffMemberships.role,
            })
            .from(staffMemberships)
            .where(eq(staffMemberships.accountId, acc.id)),
          db
            .select({ scope: overseerScopes.scope, territoryCode: overseerScopes.territoryCode })
            .from(overseerScopes)
            .where(eq(overseerScopes.accountId, acc.id)),
        ])
      : [[], []];
  return {
    accountId: acc.id,
    kind: acc.kind,
    displayName: acc.displayName,
    email: acc.email,
    language: acc.preferredLanguage,
    emailVerified: !!acc.emailVerifiedAt,
    totpEnabled: !!acc.totpEnabledAt,
    memberships,
    scopes,
    sessionId: session.id,
    csrfToken: session.csrfToken,
  };
}

export async function requestPasswordReset(db: Db, secret: string, email: string, requestId: string) {
  const acc = await findAccountByEmail(db, email);
  if (!acc || acc.disabledAt) return; // the answer is the same either way: no account enumeration
  await db.transaction(async (tx) => {
    await emailCode(tx, secret, 'reset_password', acc);
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'account.reset_requested',
      entityType: 'account',
      entityId: acc.id,
      requestId,
    });
  });
}

export async function resetPassword(
  db: Db,
  secret: string,
  email: string,
  code: string,
  password: string,
  requestId: string,
) {
  const acc = await findAccountByEmail(db, email);
  if (!acc || !(await consumeCode(db, secret, acc.id, 'reset_password', code))) throw fail('code-invalid');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    // A reset also proves the address, and ends every open session.
    await tx
      .update(accounts)
      .set({ passwordHash, emailVerifiedAt: acc.emailVerifiedAt ?? currentTime() })
      .where(eq(accounts.id, acc.id));
    await tx.delete(sessions).where(eq(sessions.accountId, acc.id));
    await recordAudit(tx, {
      actorId: acc.id,
      action: 'account.password_reset',
      entityType: 'account',
      entityId: acc.id,
      requestId,
    });
  });
}

export async function getCitizenProfile(db: Executor, accountId: string) {
  const [row] = await db
    .select({ account: accounts, profile: citizenProfiles })
    .from(accounts)
    .innerJoin(citizenProfiles, eq(citizenProfiles.accountId, accounts.id))
    .where(eq(accounts.id, accountId));
  if (!row) return null;
  const { accountId: _a, updatedAt, ...p } = row.profile;
  return { email: row.account.email, preferredLanguage: row.account.preferredLanguage, ...p, updatedAt };
}

export async function updateCitizenProfile(
  db: Db,
  accountId: string,
  input: Partial<CitizenProfileInput>,
  requestId: string,
) {
  await db.transaction(async (tx) => {
    const { preferredLanguage, ...profile } = input;
    if (Object.keys(profile).length) {
      await tx
        .update(citizenProfiles)
        .set({ ...profile, updatedAt: currentTime() })
        .where(eq(citizenProfiles.accountId, accountId));
    }
    const current = await getCitizenProfile(tx, accountId);
    await tx
      .update(citizenProfiles)
      .set({ nameSkeleton: skeletonOf(current ?? {}) })
      .where(eq(citizenProfiles.accountId, accountId));
    await tx
      .update(accounts)
      .set({
        displayName: citizenDisplayName(current ?? {}),
        ...(preferredLanguage ? { preferredLanguage } : {}),
      })
      .where(eq(accounts.id, accountId));
    await recordAudit(tx, {
      actorId: accountId,
      action: 'account.profile_update',
      entityType: 'account',
      entityId: accountId,
      requestId,
      data: { fields: Object.keys(input) },
    });
  });
  return getCitizenProfile(db, accountId);
}

export async function createStaffAccount(
  tx: Executor,
  input: {
    email: string;
    /** Null: the account has no password yet (an invited member sets it from the e-mail's link). */
    password: string | null;
    displayName: string;
    language: Lang;
    memberships?: { institutionId: string; departmentId?: string | null; role: StaffRole }[];
    scopes?: { scope: 'nation' | 'region' | 'province'; territoryCode: string | null }[];
  },
  actorId: string | null,
  requestId: string | null,
) {
  const existing = await findAccountByEmail(tx, input.email);
  if (existing) throw fail('email-taken');
  const [acc] = await tx
    .insert(accounts)
    .values({
      kind: 'staff',
      email: input.email,
      passwordHash: input.password ? await hashPassword(input.password) : '',
      displayName: input.displayName,
      preferredLanguage: input.language,
      emailVerifiedAt: currentTime(),
    })
    .returning({ id: accounts.id });
  for (const m of input.memberships ?? []) {
    await tx.insert(staffMemberships).values({
      accountId: acc!.id,
      institutionId: m.institutionId,
      departmentId: m.departmentId ?? null,
      role: m.role,
    });
  }
  for (const s of input.scopes ?? []) await tx.insert(overseerScopes).values({ accountId: acc!.id, ...s });
  await recordAudit(tx, {
    actorId,
    action: 'staff.create',
    entityType: 'account',
    entityId: acc!.id,
    institutionId: input.memberships?.[0]?.institutionId ?? null,
    requestId,
    data: {
      roles: (input.memberships ?? []).map((m) => m.role),
      scopes: (input.scopes ?? []).map((s) => s.scope),
    },
  });
  return acc!.id;
}

export async function listStaff(db: Executor, institutionId: string) {
  return db
    .select({
      id: accounts.id,
      displayName: accounts.displayName,
      email: accounts.email,
      role: staffMemberships.role,
      departmentId: staffMemberships.departmentId,
    })
    .from(staffMemberships)
    .innerJoin(accounts, eq(accounts.id, staffMemberships.accountId))
    .where(eq(staffMemberships.institutionId, institutionId));
}

/** Whether the account works for the institution and is not disabled (so it can be given work). */
export async function isStaffOf(db: Executor, accountId: string, institutionId: string) {
  const [row] = await db
    .select({ id: staffMemberships.id })
    .from(staffMemberships)
    .innerJoin(accounts, eq(accounts.id, staffMemberships.accountId))
    .where(
      and(
        eq(staffMemberships.accountId, accountId),
        eq(staffMemberships.institutionId, institutionId),
        isNull(accounts.disabledAt),
      ),
    )
    .limit(1);
  return !!row;
}

/**
 * Sign-in by a code sent to the e-mail address, with no password: how a person files without creating
 * an account. The first time, it opens a citizen account with no password; setting one later makes it a
 * full account, with the cases already attached.
 */
export async function startEmailSignIn(
  db: Db,
  secret: string,
  input: { email: string; preferredLanguage: Language; countryOfResidence: string },
  requestId: string,
) {
  await db.transaction(async (tx) => {
    const acc = await citizenByEmail(tx, input, requestId);
    if (!acc) return; // staff sign in with their password only
    await emailCode(tx, secret, 'verify_email', { ...acc, preferredLanguage: input.preferredLanguage });
  });
}

/**
 * The citizen account of an e-mail address, opened (with no password) the first time it is seen, as the
 * sign-in by code does; null for a staff or disabled account, which nobody may file under. A new account
 * takes the names given, if any.
 */
export async function citizenByEmail(
  tx: Executor,
  input: {
    email: string;
    preferredLanguage: Language;
    countryOfResidence: string;
    givenNameLatin?: string | null;
    familyNameLatin?: string | null;
    phone?: string | null;
  },
  requestId: string,
) {
  const found = await findAccountByEmail(tx, input.email);
  if (found) return found.kind !== 'citizen' || found.disabledAt ? null : found;
  const names = {
    givenNameLatin: input.givenNameLatin ?? null,
    familyNameLatin: input.familyNameLatin ?? null,
  };
  const [created] = await tx
    .insert(accounts)
    .values({
      kind: 'citizen',
      email: input.email,
      passwordHash: '',
      displayName:
        names.givenNameLatin && names.familyNameLatin
          ? citizenDisplayName({ ...names, preferredLanguage: input.preferredLanguage })
          : input.email.split('@')[0]!,
      preferredLanguage: input.preferredLanguage,
    })
    .returning();
  await tx.insert(citizenProfiles).values({
    accountId: created!.id,
    countryOfResidence: input.countryOfResidence,
    replyChannels: ['email'],
    ...names,
    phone: input.phone ?? null,
    nameSkeleton: skeletonOf(names),
  });
  await recordAudit(tx, {
    actorId: created!.id,
    action: 'account.register_by_code',
    entityType: 'account',
    entityId: created!.id,
    requestId,
  });
  return created!;
}

export async function hasPassword(db: Executor, accountId: string) {
  const [acc] = await db
    .select({ h: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.id, accountId));
  return !!acc?.h;
}

/** Turns a code-only account into a full one. Changing an existing password goes through the reset. */
export async function setFirstPassword(db: Db, accountId: string, password: string, requestId: string) {
  if (await hasPassword(db, accountId)) throw fail('account-password-set');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
    await recordAudit(tx, {
      actorId: accountId,
      action: 'account.password_set',
      entityType: 'account',
      entityId: accountId,
      requestId,
    });
  });
}

/**
 * Deletes a citizen's account: the profile goes, the sign-in goes, the address is replaced.
 * The cases stay with the bodies that handled them (public records), no longer linked to a person's details.
 */
export async function deleteCitizenAccount(db: Db, accountId: string, requestId: string) {
  await db.transaction(async (tx) => {
    await tx.delete(citizenProfiles).where(eq(citizenProfiles.accountId, accountId));
    await tx.delete(sessions).where(eq(sessions.accountId, accountId));
    await tx.delete(accountIdentities).where(eq(accountIdentities.accountId, accountId));
    await tx.delete(verificationCodes).where(eq(verificationCodes.accountId, accountId));
    // papers sent for a request never filed go with the account
    await forgetPendingUploads(tx, accountId);
    await tx
      .update(accounts)
      .set({
        email: `deleted-${accountId}@invalid`,
        passwordHash: '',
        displayName: '—',
        disabledAt: currentTime(),
      })
      .where(eq(accounts.id, accountId));
    await recordAudit(tx, {
      actorId: accountId,
      action: 'account.delete',
      entityType: 'account',
      entityId: accountId,
      requestId,
    });
  });
}

export async function getAccountById(db: Executor, id: string) {
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, id));
  return acc ?? null;
}

/** Citizens whose profile holds this phone number (E.164), newest first. */
export async function findCitizensByPhone(db: Executor, phone: string) {
  return db
    .select({ id: accounts.id, displayName: accounts.displayName, language: accounts.preferredLanguage })
    .from(citizenProfiles)
    .innerJoin(accounts, eq(accounts.id, citizenProfiles.accountId))
    .where(and(eq(citizenProfiles.phone, phone), isNull(accounts.disabledAt)))
    .orderBy(desc(accounts.createdAt));
}

/** Demo accounts still able to sign in (they share the published demo password). */
export async function countActiveDemoAccounts(db: Executor): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(and(eq(accounts.isDemo, true), isNull(accounts.disabledAt)));
  return row?.n ?? 0;
}
