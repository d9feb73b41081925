import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { Db, Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { currentMillis, currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import { hmac, safeEqual, verifyPassword } from './passwords.js';
import { accounts, recoveryCodes } from './schema.js';

const RECOVERY_CODES = 10;

export type StepUpProof = { password?: string; totp?: string; recoveryCode?: string };

/**
 * Starts enrolment: a new secret (not active until a code from it is confirmed), as a QR code and a key to
 * type. Replacing an active authenticator is a security change: it needs the password and a current code
 * from the app (or a recovery code), so a session left open or stolen cannot swap the second factor.
 */
export async function startTotpEnrolment(
  db: Db,
  secretKey: string,
  accountId: string,
  proof: StepUpProof,
  requestId: string,
) {
  const [acc] = await db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!acc) throw fail('not-found');
  if (acc.totpEnabledAt) {
    const proven =
      !!proof.password &&
      !!acc.passwordHash &&
      (await verifyPassword(acc.passwordHash, proof.password)) &&
      (await checkSecondFactor(db, secretKey, acc, proof));
    await recordAudit(db, {
      actorId: accountId,
      action: proven ? 'staff.totp_replace' : 'staff.totp_replace_refused',
      entityType: 'account',
      entityId: accountId,
      requestId,
    });
    if (!proven) throw fail('totp-step-up');
  }
  const secret = generateSecret();
  await db
    .update(accounts)
    .set({ totpSecret: secret, totpEnabledAt: null, totpLastStep: null })
    .where(eq(accounts.id, accountId));
  const uri = generateURI({ issuer: 'Jisr', label: acc.email, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

/** Checks a 6-digit code against the account's secret, refusing a code already used (replay). */
async function checkCode(
  tx: Executor,
  acc: { id: string; totpSecret: string | null; totpLastStep: number | null },
  code: string,
) {
  if (!acc.totpSecret || !/^\d{6}$/.test(code)) return false;
  const res = await verify({
    secret: acc.totpSecret,
    token: code,
    epochTolerance: 30,
    epoch: Math.floor(currentMillis() / 1000),
  });
  if (!res.valid) return false;
  const step = (res as { timeStep: number }).timeStep;
  if (acc.totpLastStep !== null && step <= acc.totpLastStep) return false;
  await tx.update(accounts).set({ totpLastStep: step }).where(eq(accounts.id, acc.id));
  return true;
}

/** Confirms enrolment with a code from the app; returns the recovery codes, shown once. */
export async function confirmTotpEnrolment(
  db: Db,
  secretKey: string,
  accountId: string,
  code: string,
  requestId: string,
) {
  return db.transaction(async (tx) => {
    const [acc] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
    if (!acc?.totpSecret || !(await checkCode(tx, acc, code))) throw fail('totp-enrolment-invalid');
    await tx.update(accounts).set({ totpEnabledAt: currentTime() }).where(eq(accounts.id, accountId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.accountId, accountId));
    const codes = Array.from({ length: RECOVERY_CODES }, () =>
      randomBytes(5)
        .toString('hex')
        .toUpperCase()
        .replace(/(.{5})/, '$1-'),
    );
    for (const c of codes)
      await tx.insert(recoveryCodes).values({ accountId, codeHash: hmac(secretKey, c.replace('-', '')) });
    await recordAudit(tx, {
      actorId: accountId,
      action: 'auth.totp_enabled',
      entityType: 'account',
      entityId: accountId,
      requestId,
    });
    return codes;
  });
}

/** The second factor at sign-in: a code from the app, or one of the recovery codes (each works once). */
export async function checkSecondFactor(
  db: Db,
  secretKey: string,
  acc: { id: string; totpSecret: string | null; totpLastStep: number | null },
  input: { totp?: string; recoveryCode?: string },
): Promise<boolean> {
  if (input.totp) return db.transaction((tx) => checkCode(tx, acc, input.totp!));
  if (input.recoveryCode) {
    const hash = hmac(secretKey, input.recoveryCode.toUpperCase().replace(/[^0-9A-F]/g, ''));
    const rows = await db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.accountId, acc.id), isNull(recoveryCodes.usedAt)));
    const match = rows.find((r) => safeEqual(r.codeHash, hash));
    if (!match) return false;
    await db.update(recoveryCodes).set({ usedAt: currentTime() }).where(eq(recoveryCodes.id, match.id));
    return true;
  }
  return false;
}
