import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { currentMillis, currentTime, fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { Client, DEMO_PASSWORD, signedIn, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('staff second factor on %s', (kind) => {
  const p = usePlatform(kind, { env: { STAFF_TOTP_REQUIRED: 'true' } });
  const login = (body: Record<string, string>) =>
    new Client(p.app, 'fr').post('/api/auth/login', {
      email: 'chef@aml.demo',
      password: DEMO_PASSWORD,
      ...body,
    });

  it('makes staff set up an authenticator before anything else, then asks for a code at every sign-in', async () => {
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const blocked = await chief.get('/api/cases');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().type).toContain('totp-enrolment-required');
    expect((await chief.get('/api/auth/session')).json().account).toMatchObject({
      totpEnabled: false,
      totpRequired: true,
    });

    const setup = (await chief.post('/api/staff/totp/setup')).json();
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Jisr:chef%40aml\.demo\?secret=/);
    expect(setup.qrSvg).toContain('<svg');
    expect((await chief.post('/api/staff/totp/confirm', { code: '000000' })).statusCode).toBe(400);
    const confirmed = await chief.post('/api/staff/totp/confirm', {
      code: await generate({ secret: setup.secret, epoch: Math.floor(currentMillis() / 1000) }),
    });
    expect(confirmed.statusCode).toBe(200);
    const recovery: string[] = confirmed.json().recoveryCodes;
    expect(recovery).toHaveLength(10);

    const noCode = await login({});
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({
      secondFactor: 'totp',
      detail:
        'Saisissez le code à 6 chiffres de votre application d’authentification, ou un code de secours.',
    });
    expect((await login({ totp: '123456' })).statusCode).toBe(401);
    // a code is accepted once: the one used at enrolment cannot be replayed, a later step can
    const now = Math.floor(currentMillis() / 1000);
    const next = await generate({ secret: setup.secret, epoch: now + 30 });
    expect((await login({ totp: next })).statusCode).toBe(200);
    expect((await login({ totp: next })).statusCode).toBe(401);
    // a recovery code works once
    expect((await login({ recoveryCode: recovery[0]! })).statusCode).toBe(200);
    expect((await login({ recoveryCode: recovery[0]! })).statusCode).toBe(401);
  });

  it('replaces an active authenticator only with the password and a current code, and audits each try', async () => {
    // chef@aml.demo has an active authenticator since the test above. The clock is moved on by whole
    // minutes so that each code below is from a new time step (a step is never accepted twice).
    const clock = fixedClock(currentTime());
    const restore = setPlatformClock(clock);
    try {
      const [acc] = await p.database.db.select().from(accounts).where(eq(accounts.email, 'chef@aml.demo'));
      expect(acc!.totpEnabledAt).not.toBeNull();
      const secret = acc!.totpSecret!;
      const code = () => {
        clock.advance(60_000);
        return generate({ secret, epoch: Math.floor(currentMillis() / 1000) });
      };
      const chief = new Client(p.app, 'fr');
      const signIn = await chief.post('/api/auth/login', {
        email: 'chef@aml.demo',
        password: DEMO_PASSWORD,
        totp: await code(),
      });
      expect(signIn.statusCode).toBe(200);
      chief.csrf = signIn.json().csrfToken;

      // a session alone (the CSRF header is there) cannot swap the second factor
      const bare = await chief.post('/api/staff/totp/setup');
      expect(bare.statusCode).toBe(403);
      expect(bare.json().detail).toBe(
        'Pour remplacer votre application d’authentification, saisissez votre mot de passe et un code actuel de l’application (ou un code de secours).',
      );
      const wrongPassword = await chief.post('/api/staff/totp/setup', {
        password: 'not the password',
        totp: await code(),
      });
      expect(wrongPassword.statusCode).toBe(403);
      expect((await chief.post('/api/staff/totp/setup', { password: DEMO_PASSWORD })).statusCode).toBe(403);
      // nothing changed: the same secret is active
      const [still] = await p.database.db.select().from(accounts).where(eq(accounts.id, acc!.id));
      expect(still!.totpSecret).toBe(secret);
      expect(still!.totpEnabledAt).not.toBeNull();

      const ok = await chief.post('/api/staff/totp/setup', { password: DEMO_PASSWORD, totp: await code() });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().secret).not.toBe(secret);
      const tries = await p.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.entityId, acc!.id));
      expect(tries.filter((t) => t.action === 'staff.totp_replace_refused')).toHaveLength(3);
      expect(tries.filter((t) => t.action === 'staff.totp_replace')).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('leaves citizens out of it', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    expect((await fatima.get('/api/cases')).statusCode).toBe(200);
    expect((await fatima.post('/api/staff/totp/setup')).statusCode).toBe(403);
  });
});
