import { and, desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, citizenProfiles, verificationCodes } from '../src/modules/accounts/schema.js';
import { consumeCode, issueCode } from '../src/modules/accounts/service.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentTime } from '../src/shared/clock.js';
import { deliverEmails } from './support/outbox.js';
import { Client, DEMO_PASSWORD, testDatabases, usePlatform } from './support/platform.js';
import { startSmtp } from './support/smtp.js';

const newCitizen = {
  email: 'Amina.Berrada@Example.NL',
  password: 'un mot de passe solide',
  givenNameAr: 'أمينة',
  familyNameAr: 'برادة',
  givenNameLatin: 'Amina',
  familyNameLatin: 'Berrada',
  birthDate: '1992-04-09',
  cin: 'be 912345',
  countryOfResidence: 'nl',
  addressAbroad: { lines: ['Damrak 1'], city: 'Amsterdam', postalCode: '1012 LG', country: 'NL' },
  phone: '+31 6 12345678',
  replyChannels: ['email', 'whatsapp'],
  originCommuneCode: '09.273.01.05',
  preferredLanguage: 'ar',
};

describe.each(testDatabases())('citizen accounts on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  beforeAll(async () => {
    smtp = await startSmtp();
  });
  afterAll(() => smtp?.close());
  const p = usePlatform(kind);
  const deliver = async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await deliverEmails(p.database.db, transport);
    transport.close();
  };
  const lastCode = (to: string) => {
    const mail = [...smtp.received].reverse().find((m) => m.to && JSON.stringify(m.to).includes(to));
    return mail?.text?.match(/\b(\d{6})\b/)?.[1] ?? null;
  };

  it('registers, receives the Arabic confirmation e-mail over SMTP, confirms, and is signed in', async () => {
    const c = new Client(p.app, 'ar');
    const res = await c.post('/api/auth/register', newCitizen);
    expect(res.statusCode).toBe(201);
    expect(res.json().verificationSentTo).toBe('amina.berrada@example.nl');

    const blocked = await c.post('/api/auth/login', {
      email: newCitizen.email,
      password: newCitizen.password,
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().detail).toBe('أكد بريدك الإلكتروني أولا: أدخل الرمز الذي أرسلناه إليك.');

    await deliver();
    const mail = smtp.received.find((m) => JSON.stringify(m.to).includes('amina.berrada@example.nl'))!;
    expect(mail.subject).toMatch(/^رمز التأكيد الخاص بك على جسر: \d{6}$/);
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain('أمينة');
    const code = lastCode('amina.berrada@example.nl')!;

    const wrong = await c.post('/api/auth/verify-email', {
      email: newCitizen.email,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await c.post('/api/auth/verify-email', { email: newCitizen.email, code });
    expect(ok.statusCode).toBe(200);
    c.csrf = ok.json().csrfToken;
    const again = await c.post('/api/auth/verify-email', { email: newCitizen.email, code });
    expect(again.statusCode).toBe(400); // a code works once

    const profile = (await c.get('/api/me/profile')).json();
    expect(profile).toMatchObject({
      email: 'amina.berrada@example.nl',
      cin: 'BE912345',
      countryOfResidence: 'NL',
      phone: '+31612345678',
      givenNameAr: 'أمينة',
      preferredLanguage: 'ar',
      originCommuneCode: '09.273.01.05',
    });
  });

  it('stores the password as an argon2id hash and sets a secure-by-default session cookie', async () => {
    const [acc] = await p.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.email, 'amina.berrada@example.nl'));
    expect(acc!.passwordHash).toMatch(/^\$argon2id\$/);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: newCitizen.email, password: newCitizen.password },
    });
    const cookie = res.cookies.find((x) => x.name === 'jisr_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
  });

  it('corrects the profile, and refuses an invalid phone without changing anything', async () => {
    const c = await new Client(p.app, 'fr').login(newCitizen.email, newCitizen.password);
    const ok = await c.patch('/api/me/profile', {
      phone: '+34 612 34 56 78',
      countryOfResidence: 'ES',
      preferredLanguage: 'fr',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      phone: '+34612345678',
      countryOfResidence: 'ES',
      preferredLanguage: 'fr',
    });
    const bad = await c.patch('/api/me/profile', { phone: '+33 12', familyNameLatin: 'Autre' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ pointer: '/body/phone' });
    expect(bad.json().errors[0].message).toContain('numéro de téléphone');
    const [row] = await p.database.db
      .select()
      .from(citizenProfiles)
      .innerJoin(accounts, eq(accounts.id, citizenProfiles.accountId))
      .where(eq(accounts.email, 'amina.berrada@example.nl'));
    expect(row!.citizen_profiles.familyNameLatin).toBe('Berrada');
  });

  it('resets a forgotten password by e-mail code, ends old sessions, and does not reveal unknown addresses', async () => {
    const old = await new Client(p.app, 'fr').login(newCitizen.email, newCitizen.password);
    const anon = new Client(p.app, 'fr');
    const unknown = await anon.post('/api/auth/password-reset/request', { email: 'personne@example.org' });
    expect(unknown.statusCode).toBe(202);
    const known = await anon.post('/api/auth/password-reset/request', { email: newCitizen.email });
    expect(known.statusCode).toBe(202);
    const [pending] = await p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.toAddress, 'personne@example.org'));
    expect(pending).toBeUndefined();
    await deliver();
    const mail = [...smtp.received]
      .reverse()
      .find((m) => JSON.stringify(m.to).includes('amina.berrada@example.nl'))!;
    expect(mail.subject).toBe('Réinitialiser votre mot de passe Jisr');
    const code = lastCode('amina.berrada@example.nl')!;
    const done = await anon.post('/api/auth/password-reset/confirm', {
      email: newCitizen.email,
      code,
      password: 'nouveau mot de passe 2026',
    });
    expect(done.statusCode).toBe(204);
    expect((await old.get('/api/me/profile')).statusCode).toBe(401);
    expect(
      (await anon.post('/api/auth/login', { email: newCitizen.email, password: newCitizen.password }))
        .statusCode,
    ).toBe(401);
    await new Client(p.app).login(newCitizen.email, 'nouveau mot de passe 2026');
  });

  it('signs out: the session no longer works', async () => {
    const c = await new Client(p.app).login('fatima@example.fr');
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    const res = await p.app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: cookie! } });
    expect(res.statusCode).toBe(401);
  });

  it('keeps a message waiting while SMTP is down and sends it once it is back', async () => {
    const anon = new Client(p.app, 'en');
    await anon.post('/api/auth/password-reset/request', { email: 'fatima@example.fr' });
    const down = nodemailer.createTransport('smtp://127.0.0.1:1');
    await deliverEmails(p.database.db, down, { retryBaseMs: 60_000 });
    const [waiting] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.toAddress, 'fatima@example.fr'), eq(notifications.event, 'reset')));
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1 });
    expect(waiting!.lastError).toBeTruthy();
    await p.database.db
      .update(notifications)
      .set({ nextAttemptAt: currentTime() })
      .where(eq(notifications.id, waiting!.id));
    const before = smtp.received.length;
    await deliver();
    expect(smtp.received.length).toBe(before + 1);
    const [sent] = await p.database.db.select().from(notifications).where(eq(notifications.id, waiting!.id));
    expect(sent!.status).toBe('sent');
  });

  it('kills a code after five tries even when fifty guesses arrive at once, the right one among them', async () => {
    const db = p.database.db;
    const [acc] = await db.select().from(accounts).where(eq(accounts.email, 'youssef@example.es'));
    for (let round = 0; round < 3; round++) {
      const code = await issueCode(db, p.config.secret, acc!.id, 'reset_password');
      const wrong = code === '000000' ? '111111' : '000000';
      // fifty at once on the database's own connections; the right code arrives last, after all were sent
      const guesses = await Promise.all([
        ...Array.from({ length: 49 }, () =>
          consumeCode(db, p.config.secret, acc!.id, 'reset_password', wrong),
        ),
        consumeCode(db, p.config.secret, acc!.id, 'reset_password', code),
      ]);
      expect(guesses.filter(Boolean).length).toBeLessThanOrEqual(1);
      const [row] = await db
        .select()
        .from(verificationCodes)
        .where(and(eq(verificationCodes.accountId, acc!.id), eq(verificationCodes.purpose, 'reset_password')))
        .orderBy(desc(verificationCodes.createdAt))
        .limit(1);
      expect(row!.attempts).toBe(5);
      // whatever the order they were served in, the code is now dead: the right value no longer works
      expect(await consumeCode(db, p.config.secret, acc!.id, 'reset_password', code)).toBe(false);
    }
    // through the API: five wrong tries, then the right code is refused
    const code = await issueCode(db, p.config.secret, acc!.id, 'reset_password');
    const c = new Client(p.app, 'fr');
    for (let i = 0; i < 5; i++) {
      const res = await c.post('/api/auth/password-reset/confirm', {
        email: 'youssef@example.es',
        code: code === '000000' ? '111111' : '000000',
        password: 'un autre mot de passe solide',
      });
      expect(res.statusCode).toBe(400);
    }
    const late = await c.post('/api/auth/password-reset/confirm', {
      email: 'youssef@example.es',
      code,
      password: 'un autre mot de passe solide',
    });
    expect(late.statusCode).toBe(400);
  });

  it('answers a sign-up for a taken address as for a new one, and tells the owner instead', async () => {
    const attempt = { ...newCitizen, email: 'Fatima@Example.FR', password: 'a new password 2026' };
    const taken = await new Client(p.app, 'fr').post('/api/auth/register', attempt);
    const fresh = await new Client(p.app, 'fr').post('/api/auth/register', {
      ...newCitizen,
      email: 'someone.new@example.be',
    });
    expect(taken.statusCode).toBe(201);
    expect(fresh.statusCode).toBe(201);
    expect(Object.keys(taken.json()).sort()).toEqual(Object.keys(fresh.json()).sort());
    expect(taken.json()).toEqual({ verificationSentTo: 'fatima@example.fr' });
    // the owner is told, in their language; their account and password are untouched
    const told = await p.database.db
      .select()
      .from(notifications)
      .where(
        and(eq(notifications.toAddress, 'fatima@example.fr'), eq(notifications.event, 'account_exists')),
      );
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain('Fatima');
    expect(
      (
        await new Client(p.app).post('/api/auth/login', {
          email: 'fatima@example.fr',
          password: DEMO_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await new Client(p.app).post('/api/auth/login', {
          email: 'fatima@example.fr',
          password: attempt.password,
        })
      ).statusCode,
    ).toBe(401);
  });
});
