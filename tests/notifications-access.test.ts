import { beforeAll, describe, expect, it } from 'vitest';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

/** Every role against every notifications route of an institution: who may, who may not. */
describe.each(testDatabases())('who may use the notification routes, on %s', (kind) => {
  const p = usePlatform(kind);
  let aml: string;
  const who: Record<string, Client> = {};
  const people = {
    citizen: 'fatima@example.fr',
    reception: 'accueil@aml.demo',
    agent: 'etatcivil@aml.demo',
    supervisor: 'chef@aml.demo',
    admin: 'admin@aml.demo',
    auditor: 'audit@aml.demo',
    otherAdmin: 'admin@aubm.demo',
    overseer: 'province@piam.demo',
  } as const;
  type Role = keyof typeof people | 'anonymous';

  beforeAll(async () => {
    const anon = new Client(p.app);
    aml = (await anon.get('/api/institutions'))
      .json()
      .items.find((i: { code: string }) => i.code === 'AML').id;
    who.anonymous = anon;
    for (const [role, email] of Object.entries(people)) who[role] = await signedIn(p.app, email);
  });

  const everyone: Role[] = ['anonymous', ...(Object.keys(people) as Role[])];
  const expectAccess = async (
    call: (c: Client) => Promise<{ statusCode: number; body: string }>,
    allowed: Role[],
    okStatus = 200,
  ) => {
    const got: Record<string, number> = {};
    const want: Record<string, number> = {};
    for (const role of everyone) {
      got[role] = (await call(who[role]!)).statusCode;
      want[role] = allowed.includes(role) ? okStatus : role === 'anonymous' ? 401 : 403;
    }
    expect(got).toEqual(want);
  };

  it('outbox, dead letters and templates: the institution admin only', async () => {
    for (const url of [
      `/api/institutions/${aml}/notifications?status=dead`,
      `/api/institutions/${aml}/notifications/summary`,
      `/api/institutions/${aml}/notification-templates?language=ar`,
    ])
      await expectAccess((c) => c.get(url), ['admin']);
    await expectAccess(
      (c) =>
        c.post(`/api/institutions/${aml}/notification-templates/preview`, {
          event: 'receipt',
          channel: 'whatsapp',
          language: 'ar',
        }),
      ['admin'],
    );
    await expectAccess(
      (c) =>
        c.request({
          method: 'PUT',
          url: `/api/institutions/${aml}/notification-templates/closed/sms/fr`,
          payload: { body: '{institution} : dossier {tracking} clos.' },
        }),
      ['admin'],
    );
  });

  it('call tasks and letters: reception, department agents and supervisors; batches: reception and supervisors', async () => {
    await expectAccess(
      (c) => c.get(`/api/institutions/${aml}/call-tasks`),
      ['reception', 'agent', 'supervisor'],
    );
    await expectAccess(
      (c) => c.get(`/api/institutions/${aml}/letters`),
      ['reception', 'agent', 'supervisor'],
    );
    await expectAccess((c) => c.get(`/api/institutions/${aml}/letter-batches`), ['reception', 'supervisor']);
    await expectAccess((c) => c.get(`/api/institutions/${aml}/desk-intakes`), ['reception', 'supervisor']);
  });

  it('preferences: anyone signed in, for themselves', async () => {
    await expectAccess(
      (c) => c.get('/api/me/notification-preferences'),
      everyone.filter((r) => r !== 'anonymous'),
    );
  });

  it('a case’s messages: its staff see all, its citizen their own, others nothing', async () => {
    const cats = (await who.anonymous!.get('/api/categories')).json().items as { id: string; code: string }[];
    const made = await who.citizen!.post('/api/cases', {
      institutionId: aml,
      categoryId: cats.find((c) => c.code === 'complaint-autre')!.id,
      subject: 'Plainte pour tester les accès',
      description: 'Une description suffisamment longue pour la plainte.',
      replyChannels: ['email'],
      language: 'fr',
    });
    const id = made.json().id;
    const url = `/api/cases/${id}/notifications`;
    const staff = await who.supervisor!.get(url);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().items.map((n: { event: string }) => n.event)).toEqual(['receipt']);
    const own = await who.citizen!.get(url);
    expect(own.json().items).toHaveLength(1);
    const stranger = await signedIn(p.app, 'youssef@example.es');
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await who.otherAdmin!.get(url)).statusCode).toBe(404);
    expect((await who.anonymous!.get(url)).statusCode).toBe(401);
  });

  it('webhooks refuse what is not signed, whatever the session', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/webhooks/whatsapp',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
      payload: body,
    });
    expect(res.statusCode).toBe(401); // no app secret configured: every message is refused
    const bounce = await p.app.inject({
      method: 'POST',
      url: '/api/webhooks/email-bounces',
      headers: { 'content-type': 'text/plain' },
      payload: 'Action: failed',
    });
    expect(bounce.statusCode).toBe(401);
  });
});
