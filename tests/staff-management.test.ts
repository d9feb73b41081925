import { and, desc, eq, inArray } from 'drizzle-orm';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { openStates } from '../src/modules/cases/state-machine.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentMillis } from '../src/shared/clock.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

type Dept = { id: string; code: string; nameFr: string; closedAt: string | null; openCases: number };
type Member = {
  id: string;
  email: string;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  invitationPending: boolean;
  openCases: number;
};

describe.each(testDatabases())('departments and staff managed by the institution admin on %s', (kind) => {
  const p = usePlatform(kind);
  let aml: string;
  let aubm: string;
  let admin: Client;
  const base = () => `/api/institutions/${aml}`;
  const lastAudit = async (action: string, entityId: string) =>
    (
      await p.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
        .orderBy(desc(auditLog.id))
        .limit(1)
    )[0];
  const departments = async () => (await admin.get(`${base()}/departments/overview`)).json().items as Dept[];
  const staff = async () => (await admin.get(`${base()}/staff`)).json().items as Member[];
  const mailsTo = (email: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.toAddress, email))
      .orderBy(desc(notifications.createdAt));
  const linkOf = (text: string) => {
    const url = new URL(text.match(/https?:\/\/\S+/)![0]);
    const fragment = new URLSearchParams(url.hash.slice(1));
    return { path: url.pathname, email: fragment.get('email')!, code: fragment.get('code')! };
  };

  beforeAll(async () => {
    const items = (await new Client(p.app).get('/api/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    aml = items.find((i) => i.code === 'AML')!.id;
    aubm = items.find((i) => i.code === 'AUBM')!.id;
    admin = await signedIn(p.app, 'admin@aml.demo');
  });

  it('lists departments with their open cases, and staff with the open cases assigned to each', async () => {
    const depts = await departments();
    const civil = depts.find((d) => d.code === 'civil-status')!;
    const inCivil = await p.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.departmentId, civil.id), inArray(cases.state, [...openStates])));
    expect(civil.openCases).toBe(inCivil.length);
    expect(civil.openCases).toBeGreaterThan(0);
    const members = await staff();
    const agent = members.find((m) => m.email === 'etatcivil@aml.demo')!;
    const held = await p.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.assigneeId, agent.id), inArray(cases.state, [...openStates])));
    expect(agent.openCases).toBe(held.length);
    expect(agent).toMatchObject({ role: 'department_agent', departmentId: civil.id, disabled: false });
    expect(JSON.stringify(members)).not.toMatch(/password|totpSecret/i);
  });

  it('renames a department in three languages, with the change audited and bad names refused', async () => {
    const made = await admin.post(`${base()}/departments`, {
      code: 'archives',
      nameAr: 'الأرشيف',
      nameFr: 'Archives',
      nameEn: 'Archives',
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    const dup = await admin.post(`${base()}/departments`, {
      code: 'archives',
      nameAr: 'الأرشيف',
      nameFr: 'Archives',
      nameEn: 'Archives',
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toBe('Un autre service de l’institution utilise déjà ce code.');
    const renamed = await admin.patch(`${base()}/departments/${id}`, {
      nameAr: 'الأرشيف البلدي',
      nameFr: 'Archives communales',
      nameEn: 'Municipal archives',
    });
    expect(renamed.statusCode).toBe(200);
    expect((await departments()).find((d) => d.id === id)).toMatchObject({
      nameFr: 'Archives communales',
      openCases: 0,
      closedAt: null,
    });
    expect(await lastAudit('department.rename', id)).toMatchObject({ institutionId: aml });
    const empty = await admin.patch(`${base()}/departments/${id}`, { nameFr: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().errors[0]).toMatchObject({ pointer: '/body/nameFr' });
    expect(empty.json().errors[0].message).toMatch(/Trop court/);
    const nothing = await admin.patch(`${base()}/departments/${id}`, {});
    expect(nothing.statusCode).toBe(422);
    const unknown = await admin.patch(`${base()}/departments/${crypto.randomUUID()}`, { nameFr: 'X' });
    expect(unknown.statusCode).toBe(404);
  });

  it('closes an empty department and reopens it; a department with open cases stays open, saying how many', async () => {
    const depts = await departments();
    const archives = depts.find((d) => d.code === 'archives')!;
    const closed = await admin.post(`${base()}/departments/${archives.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).toBeTruthy();
    expect(await lastAudit('department.close', archives.id)).toBeTruthy();
    // No new member in a closed department.
    const refused = await admin.post(`${base()}/staff`, {
      email: 'archiviste@aml.demo',
      displayName: 'Archiviste',
      role: 'department_agent',
      departmentId: archives.id,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors[0].pointer).toBe('/body/departmentId');
    expect(refused.json().detail).toBe('Ce service est fermé. Rouvrez-le ou choisissez-en un autre.');
    const reopened = await admin.post(`${base()}/departments/${archives.id}/reopen`);
    expect(reopened.json().closedAt).toBeNull();
    expect(await lastAudit('department.reopen', archives.id)).toBeTruthy();

    const civil = depts.find((d) => d.code === 'civil-status')!;
    const busy = await admin.post(`${base()}/departments/${civil.id}/close`);
    expect(busy.statusCode).toBe(409);
    expect(busy.json()).toMatchObject({ openCases: civil.openCases });
    const count = civil.openCases;
    expect(busy.json().detail).toBe(
      count === 1
        ? 'Ce service a encore 1 dossier en cours. Transmettez-le à un autre service avant de le fermer.'
        : `Ce service a encore ${count} dossiers en cours. Transmettez-les à un autre service avant de le fermer.`,
    );
    const inArabic = await signedIn(p.app, 'admin@aml.demo', 'ar');
    expect((await inArabic.post(`${base()}/departments/${civil.id}/close`)).json().detail).toBe(
      t('ar', 'error.department.open_cases', { count }),
    );
    expect((await departments()).find((d) => d.id === civil.id)!.closedAt).toBeNull();
  });

  it('invites a new member by e-mail; the link sets the password and signs them in', async () => {
    const archives = (await departments()).find((d) => d.code === 'archives')!;
    const res = await admin.post(`${base()}/staff`, {
      email: 'nouvelle@aml.demo',
      displayName: 'Khadija Nouvelle',
      language: 'ar',
      role: 'department_agent',
      departmentId: archives.id,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    expect(res.json().invited).toBe(true);
    expect(await lastAudit('staff.invite', id)).toMatchObject({ actorId: expect.any(String) });
    expect((await staff()).find((m) => m.id === id)).toMatchObject({
      role: 'department_agent',
      departmentId: archives.id,
      invitationPending: true,
      openCases: 0,
    });
    const [mail] = await mailsTo('nouvelle@aml.demo');
    expect(mail).toMatchObject({ event: 'invite', channel: 'email', language: 'ar' });
    expect(mail!.subject).toContain('جماعة');
    expect(mail!.textBody).toContain('عون المصلحة');
    expect(mail!.htmlBody).toContain('dir="rtl"');
    const link = linkOf(mail!.textBody);
    expect(link.path).toBe('/welcome');
    expect(link.email).toBe('nouvelle@aml.demo');

    // No password yet: signing in fails, and a wrong code does nothing.
    const before = await new Client(p.app).post('/api/auth/login', {
      email: 'nouvelle@aml.demo',
      password: 'anything-at-all',
    });
    expect(before.statusCode).toBe(401);
    const wrong = await new Client(p.app).post('/api/auth/invitation', {
      email: link.email,
      code: 'x'.repeat(43),
      password: 'Un-mot-de-passe-2026',
    });
    expect(wrong.statusCode).toBe(400);
    const weak = await new Client(p.app).post('/api/auth/invitation', {
      email: link.email,
      code: link.code,
      password: 'court',
    });
    expect(weak.statusCode).toBe(422);

    const member = new Client(p.app);
    const accepted = await member.post('/api/auth/invitation', {
      email: link.email,
      code: link.code,
      password: 'Un-mot-de-passe-2026',
    });
    expect(accepted.statusCode).toBe(200);
    const session = (await member.get('/api/auth/session')).json();
    expect(session.account).toMatchObject({ kind: 'staff', email: 'nouvelle@aml.demo' });
    expect(session.memberships).toEqual([
      { institutionId: aml, departmentId: archives.id, role: 'department_agent' },
    ]);
    expect((await lastAudit('account.invitation_accepted', id))?.actorId).toBe(id);
    // The link works once; the password works from now on.
    const again = await new Client(p.app).post('/api/auth/invitation', {
      email: link.email,
      code: link.code,
      password: 'Un-autre-mot-2026',
    });
    expect(again.statusCode).toBe(400);
    await new Client(p.app).login('nouvelle@aml.demo', 'Un-mot-de-passe-2026');
    expect((await staff()).find((m) => m.id === id)!.invitationPending).toBe(false);
    expect((await admin.post(`${base()}/staff/${id}/invite`)).statusCode).toBe(409);
  });

  it('sends the invitation again with a new link, and refuses an e-mail already in use', async () => {
    const res = await admin.post(`${base()}/staff`, {
      email: 'retard@aml.demo',
      displayName: 'Youssef Retard',
      role: 'reception_agent',
    });
    const id = res.json().id;
    const first = linkOf((await mailsTo('retard@aml.demo'))[0]!.textBody);
    expect((await admin.post(`${base()}/staff/${id}/invite`)).statusCode).toBe(202);
    const mails = await mailsTo('retard@aml.demo');
    expect(mails).toHaveLength(2);
    expect(mails[0]!.language).toBe('fr');
    expect(mails[0]!.textBody).toContain('agent d’accueil');
    const second = linkOf(mails[0]!.textBody);
    expect(second.code).not.toBe(first.code);
    const old = await new Client(p.app).post('/api/auth/invitation', {
      email: first.email,
      code: first.code,
      password: 'Un-mot-de-passe-2026',
    });
    expect(old.statusCode).toBe(400);

    const taken = await admin.post(`${base()}/staff`, {
      email: 'chef@aml.demo',
      displayName: 'Doublon',
      role: 'supervisor',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().errors[0].pointer).toBe('/body/email');
    const bad = await admin.post(`${base()}/staff`, {
      email: 'pas-une-adresse',
      displayName: '',
      role: 'chef',
    });
    expect(bad.statusCode).toBe(422);
    expect(
      bad
        .json()
        .errors.map((e: { pointer: string }) => e.pointer)
        .sort(),
    ).toEqual(['/body/displayName', '/body/email', '/body/role']);
  });

  it('changes a member’s role and department; the last administrator keeps the role', async () => {
    const members = await staff();
    const reception = members.find((m) => m.email === 'accueil@aml.demo')!;
    const urbanism = (await departments()).find((d) => d.code === 'urbanism')!;
    const res = await admin.patch(`${base()}/staff/${reception.id}`, {
      role: 'department_agent',
      departmentId: urbanism.id,
    });
    expect(res.statusCode).toBe(204);
    expect((await staff()).find((m) => m.id === reception.id)).toMatchObject({
      role: 'department_agent',
      departmentId: urbanism.id,
    });
    expect((await lastAudit('staff.update', reception.id))!.data).toMatchObject({
      from: { role: 'reception_agent', departmentId: reception.departmentId },
      to: { role: 'department_agent', departmentId: urbanism.id },
    });
    await admin.patch(`${base()}/staff/${reception.id}`, {
      role: 'reception_agent',
      departmentId: reception.departmentId,
    });

    const foreign = await admin.patch(`${base()}/staff/${reception.id}`, {
      departmentId: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().errors[0].pointer).toBe('/body/departmentId');
    const aubmStaff = (
      await (await signedIn(p.app, 'admin@aubm.demo')).get(`/api/institutions/${aubm}/staff`)
    ).json().items[0] as Member;
    expect((await admin.patch(`${base()}/staff/${aubmStaff.id}`, { role: 'auditor' })).statusCode).toBe(404);
    expect((await admin.patch(`${base()}/staff/${reception.id}`, { role: 'boss' })).statusCode).toBe(422);

    const me = members.find((m) => m.email === 'admin@aml.demo')!;
    const last = await admin.patch(`${base()}/staff/${me.id}`, { role: 'supervisor' });
    expect(last.statusCode).toBe(409);
    expect(last.json().detail).toBe(
      'C’est le dernier administrateur de l’institution. Donnez d’abord ce rôle à quelqu’un d’autre.',
    );
    // With a second administrator, the first may step down; and then give the role back.
    const chief = members.find((m) => m.email === 'chef@aml.demo')!;
    await admin.patch(`${base()}/staff/${chief.id}`, { role: 'institution_admin' });
    expect((await admin.patch(`${base()}/staff/${me.id}`, { role: 'supervisor' })).statusCode).toBe(204);
    const chiefAdmin = await signedIn(p.app, 'chef@aml.demo');
    expect(
      (await chiefAdmin.patch(`${base()}/staff/${me.id}`, { role: 'institution_admin' })).statusCode,
    ).toBe(204);
    expect((await admin.patch(`${base()}/staff/${chief.id}`, { role: 'supervisor' })).statusCode).toBe(204);
  });

  it('disables an account, ending its sessions, and enables it again; never oneself', async () => {
    const members = await staff();
    const reception = members.find((m) => m.email === 'accueil@aml.demo')!;
    const agent = await signedIn(p.app, 'accueil@aml.demo');
    expect((await admin.post(`${base()}/staff/${reception.id}/disable`)).statusCode).toBe(204);
    expect(await lastAudit('staff.disable', reception.id)).toBeTruthy();
    expect((await agent.get('/api/auth/session')).statusCode).toBe(401);
    const login = await new Client(p.app).post('/api/auth/login', {
      email: 'accueil@aml.demo',
      password: 'Jisr-demo-2026',
    });
    expect(login.statusCode).toBe(403);
    expect(login.json().detail).toBe('Ce compte est désactivé.');
    expect((await staff()).find((m) => m.id === reception.id)!.disabled).toBe(true);
    // Twice changes nothing.
    expect((await admin.post(`${base()}/staff/${reception.id}/disable`)).statusCode).toBe(204);
    expect((await admin.post(`${base()}/staff/${reception.id}/enable`)).statusCode).toBe(204);
    expect(await lastAudit('staff.enable', reception.id)).toBeTruthy();
    await signedIn(p.app, 'accueil@aml.demo');

    const me = members.find((m) => m.email === 'admin@aml.demo')!;
    const self = await admin.post(`${base()}/staff/${me.id}/disable`);
    expect(self.statusCode).toBe(409);
    expect(self.json().detail).toBe('Vous ne pouvez pas désactiver votre propre compte.');
    expect((await admin.get('/api/auth/session')).statusCode).toBe(200);
  });

  it('resets a member’s second factor: they are signed out and set it up again', async () => {
    const member = await new Client(p.app).login('nouvelle@aml.demo', 'Un-mot-de-passe-2026');
    const setup = (await member.post('/api/staff/totp/setup')).json();
    await member.post('/api/staff/totp/confirm', {
      code: await generate({ secret: setup.secret, epoch: Math.floor(currentMillis() / 1000) }),
    });
    const id = (await staff()).find((m) => m.email === 'nouvelle@aml.demo')!.id;
    expect((await staff()).find((m) => m.id === id)!.totpEnabled).toBe(true);
    expect((await admin.post(`${base()}/staff/${id}/reset-totp`)).statusCode).toBe(204);
    expect(await lastAudit('staff.totp_reset', id)).toBeTruthy();
    // the person is told by e-mail, in their language
    const [told] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.toAddress, 'nouvelle@aml.demo'), eq(notifications.event, 'totp_reset')));
    expect(told).toBeTruthy();
    expect(told!.language).toBe('ar');
    expect(told!.subject).toBe('أعيد ضبط تطبيق المصادقة الخاص بكم لدى جماعة آيت ملول');
    expect((await member.get('/api/auth/session')).statusCode).toBe(401);
    const [acc] = await p.database.db.select().from(accounts).where(eq(accounts.id, id));
    expect(acc).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    // Without a second factor now, the password alone signs in, and the app asks to set one up.
    const back = await new Client(p.app).login('nouvelle@aml.demo', 'Un-mot-de-passe-2026');
    expect((await back.get('/api/auth/session')).json().account.totpEnabled).toBe(false);
    const twice = await admin.post(`${base()}/staff/${id}/reset-totp`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Cette personne n’a pas configuré d’application d’authentification.');
  });

  it('sends no case to a closed department and no case to a disabled person', async () => {
    const archives = (await departments()).find((d) => d.code === 'archives')!;
    const civil = (await departments()).find((d) => d.code === 'civil-status')!;
    const [c] = await p.database.db
      .select({ id: cases.id, version: cases.version })
      .from(cases)
      .where(and(eq(cases.departmentId, civil.id), inArray(cases.state, [...openStates])))
      .limit(1);
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const member = (await staff()).find((m) => m.email === 'nouvelle@aml.demo')!;
    await admin.patch(`${base()}/staff/${member.id}`, { departmentId: civil.id });
    await admin.post(`${base()}/departments/${archives.id}/close`);
    const moved = await chief.post(`/api/cases/${c!.id}/transfer`, {
      departmentId: archives.id,
      version: c!.version,
      reason: 'Pour archivage',
    });
    expect(moved.statusCode).toBe(422);
    expect(moved.json().detail).toBe('Ce service est fermé. Rouvrez-le ou choisissez-en un autre.');
    await admin.post(`${base()}/departments/${archives.id}/reopen`);

    await admin.post(`${base()}/staff/${member.id}/disable`);
    const given = await chief.post(`/api/cases/${c!.id}/assignment`, {
      version: c!.version,
      assigneeId: member.id,
    });
    expect(given.statusCode).toBe(422);
    await admin.post(`${base()}/staff/${member.id}/enable`);
    const now = await chief.post(`/api/cases/${c!.id}/assignment`, {
      version: c!.version,
      assigneeId: member.id,
    });
    expect(now.statusCode).toBe(200);
    expect((await staff()).find((m) => m.id === member.id)!.openCases).toBe(1);
  });

  it('refuses every change to anyone but the institution’s own admin', async () => {
    const members = await staff();
    const target = members.find((m) => m.email === 'urbanisme@aml.demo')!;
    const dept = (await departments()).find((d) => d.code === 'archives')!;
    const calls: [string, string, unknown?][] = [
      ['GET', `${base()}/departments/overview`],
      ['PATCH', `${base()}/departments/${dept.id}`, { nameFr: 'Pris' }],
      ['POST', `${base()}/departments/${dept.id}/close`],
      ['POST', `${base()}/departments/${dept.id}/reopen`],
      [
        'POST',
        `${base()}/staff`,
        { email: 'intrus@aml.demo', displayName: 'Intrus', role: 'institution_admin' },
      ],
      ['PATCH', `${base()}/staff/${target.id}`, { role: 'institution_admin' }],
      ['POST', `${base()}/staff/${target.id}/disable`],
      ['POST', `${base()}/staff/${target.id}/enable`],
      ['POST', `${base()}/staff/${target.id}/reset-totp`],
      ['POST', `${base()}/staff/${target.id}/invite`],
    ];
    const others = await Promise.all(
      ['chef@aml.demo', 'accueil@aml.demo', 'audit@aml.demo', 'admin@aubm.demo', 'fatima@example.fr'].map(
        (e) => signedIn(p.app, e),
      ),
    );
    for (const [method, url, payload] of calls) {
      const anonymous = await new Client(p.app).request({
        method: method as 'GET',
        url,
        payload: payload as never,
      });
      expect(anonymous.statusCode, `${method} ${url} anonymous`).toBe(401);
      for (const c of others) {
        const res = await c.request({ method: method as 'GET', url, payload: payload as never });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
    }
    expect((await staff()).find((m) => m.id === target.id)).toMatchObject({
      role: 'department_agent',
      disabled: false,
    });
    expect((await staff()).some((m) => m.email === 'intrus@aml.demo')).toBe(false);
    // The staff list is for the body's admin, supervisors and auditors only.
    expect((await others[0]!.get(`${base()}/staff`)).statusCode).toBe(200);
    expect((await others[1]!.get(`${base()}/staff`)).statusCode).toBe(403);
    expect((await others[3]!.get(`${base()}/staff`)).statusCode).toBe(403);
  });
});
