import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { emailSchema, phoneSchema } from '../../server/validation.js';
import { currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import type { ProviderIdentity } from './oidc.js';
import type { OidcProvider } from './oidc-config.js';
import { accountIdentities, accounts, citizenProfiles, type Language } from './schema.js';
import { citizenDisplayName, findAccountByEmail, isPlaceholderEmail, skeletonOf } from './service.js';

const ARABIC = /[\u0600-\u06ff]/;

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 80) : null);

/** The profile a new account gets from the provider's claims, as the deployment maps them. */
function profileFrom(p: OidcProvider, claims: Record<string, unknown>) {
  const given = text(claims[p.claims.givenName]);
  const family = text(claims[p.claims.familyName]);
  const arabic = ARABIC.test(`${given ?? ''}${family ?? ''}`);
  const phone = phoneSchema.safeParse(claims[p.claims.phone]);
  const birth = claims[p.claims.birthDate];
  const email = emailSchema.safeParse(claims[p.claims.email]);
  return {
    names: arabic
      ? { givenNameAr: given, familyNameAr: family }
      : { givenNameLatin: given, familyNameLatin: family },
    phone: phone.success ? phone.data : null,
    birthDate: typeof birth === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(birth) ? birth : null,
    email: email.success && !isPlaceholderEmail(email.data) ? email.data : null,
    emailVerified: claims.email_verified === true,
  };
}

export type IdentitySignIn =
  | { accountId: string; created: boolean }
  | { refused: 'email_taken' | 'account_disabled' };

/**
 * The account of a person the provider vouched for: the one linked to their (issuer, subject), or a new
 * citizen account linked to it. Never an account found by its e-mail address: when the provider's address
 * belongs to an account not linked to this person, nothing is created and the person is told to sign in as
 * usual and link the provider from their profile.
 */
export async function signInWithIdentity(
  db: Db,
  p: OidcProvider,
  who: ProviderIdentity,
  lang: Language,
  requestId: string,
): Promise<IdentitySignIn> {
  return db.transaction(async (tx) => {
    const [linked] = await tx
      .select({ id: accountIdentities.id, accountId: accounts.id, disabledAt: accounts.disabledAt })
      .from(accountIdentities)
      .innerJoin(accounts, eq(accounts.id, accountIdentities.accountId))
      .where(and(eq(accountIdentities.issuer, who.issuer), eq(accountIdentities.subject, who.subject)));
    if (linked) {
      if (linked.disabledAt) return { refused: 'account_disabled' as const };
      await tx
        .update(accountIdentities)
        .set({ lastSignInAt: currentTime() })
        .where(eq(accountIdentities.id, linked.id));
      await recordAudit(tx, {
        actorId: linked.accountId,
        action: 'auth.oidc_login',
        entityType: 'account',
        entityId: linked.accountId,
        requestId,
        data: { provider: p.id },
      });
      return { accountId: linked.accountId, created: false };
    }
    const profile = profileFrom(p, who.claims);
    if (profile.email && (await findAccountByEmail(tx, profile.email)))
      return { refused: 'email_taken' as const };
    const input = { ...profile.names, preferredLanguage: lang };
    const [acc] = await tx
      .insert(accounts)
      .values({
        kind: 'citizen',
        // a person the provider gave no address to gets one that is never written to (see isPlaceholderEmail)
        email: profile.email ?? `oidc-${randomUUID()}@no-email.invalid`,
        passwordHash: '',
        displayName: citizenDisplayName(input),
        preferredLanguage: lang,
        emailVerifiedAt: profile.email && profile.emailVerified ? currentTime() : null,
      })
      .returning({ id: accounts.id });
    await tx.insert(citizenProfiles).values({
      accountId: acc!.id,
      ...profile.names,
      phone: profile.phone,
      birthDate: profile.birthDate,
      countryOfResidence: p.country,
      replyChannels: ['email'],
      nameSkeleton: skeletonOf(profile.names),
    });
    await tx.insert(accountIdentities).values({
      accountId: acc!.id,
      providerId: p.id,
      issuer: who.issuer,
      subject: who.subject,
      lastSignInAt: currentTime(),
    });
    await recordAudit(tx, [
      {
        actorId: acc!.id,
        action: 'account.register_oidc',
        entityType: 'account',
        entityId: acc!.id,
        requestId,
        data: { provider: p.id },
      },
      {
        actorId: acc!.id,
        action: 'auth.oidc_login',
        entityType: 'account',
        entityId: acc!.id,
        requestId,
        data: { provider: p.id },
      },
    ]);
    return { accountId: acc!.id, created: true };
  });
}

/** Links the provider's person to a signed-in citizen's account; false when it is linked to another account. */
export async function linkIdentity(
  db: Db,
  accountId: string,
  p: OidcProvider,
  who: ProviderIdentity,
  requestId: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ accountId: accountIdentities.accountId })
      .from(accountIdentities)
      .where(and(eq(accountIdentities.issuer, who.issuer), eq(accountIdentities.subject, who.subject)));
    if (existing) return existing.accountId === accountId;
    await tx
      .insert(accountIdentities)
      .values({ accountId, providerId: p.id, issuer: who.issuer, subject: who.subject });
    await recordAudit(tx, {
      actorId: accountId,
      action: 'account.identity_link',
      entityType: 'account',
      entityId: accountId,
      requestId,
      data: { provider: p.id },
    });
    return true;
  });
}

export async function listIdentities(db: Executor, accountId: string) {
  return db
    .select({
      id: accountIdentities.id,
      providerId: accountIdentities.providerId,
      linkedAt: accountIdentities.createdAt,
      lastSignInAt: accountIdentities.lastSignInAt,
    })
    .from(accountIdentities)
    .where(eq(accountIdentities.accountId, accountId))
    .orderBy(accountIdentities.createdAt);
}

/**
 * Removes a link. Refused when it is the account's only way in: no password, no real e-mail address for a
 * code, and no other provider.
 */
export async function unlinkIdentity(db: Db, accountId: string, identityId: string, requestId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ providerId: accountIdentities.providerId })
      .from(accountIdentities)
      .where(and(eq(accountIdentities.id, identityId), eq(accountIdentities.accountId, accountId)));
    if (!row) throw fail('not-found');
    const [acc] = await tx
      .select({ email: accounts.email, passwordHash: accounts.passwordHash })
      .from(accounts)
      .where(eq(accounts.id, accountId));
    const [links] = await tx
      .select({ n: count() })
      .from(accountIdentities)
      .where(eq(accountIdentities.accountId, accountId));
    if (!acc!.passwordHash && isPlaceholderEmail(acc!.email) && links!.n <= 1)
      throw fail('identity-last-sign-in');
    await tx.delete(accountIdentities).where(eq(accountIdentities.id, identityId));
    await recordAudit(tx, {
      actorId: accountId,
      action: 'account.identity_unlink',
      entityType: 'account',
      entityId: accountId,
      requestId,
      data: { provider: row.providerId },
    });
  });
}
