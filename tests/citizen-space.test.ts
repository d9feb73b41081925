import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import {
  Client,
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';
import { actionBody } from './support/reply.js';

describe.each(testDatabases())('citizen space on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat } = useIdsByCode(p);
  const codeFor = async (email: string) => {
    const rows = await p.database.db.select().from(notifications).where(eq(notifications.toAddress, email));
    return rows.at(-1)!.textBody.match(/\b(\d{6})\b/)![1]!;
  };

  it('files without an account through an e-mail code, then turns it into a full account with the case attached', async () => {
    const c = new Client(p.app, 'fr');
    expect(
      (
        await c.post('/api/auth/email-code', {
          email: 'said@example.it',
          preferredLanguage: 'fr',
          countryOfResidence: 'IT',
        })
      ).statusCode,
    ).toBe(202);
    const ok = await c.post('/api/auth/verify-email', {
      email: 'said@example.it',
      code: await codeFor('said@example.it'),
    });
    expect(ok.statusCode).toBe(200);
    c.csrf = ok.json().csrfToken;
    const body = {
      institutionId: inst.AML,
      categoryId: cat['information-request'],
      subject: 'Horaires du bureau MRE en été',
      description: 'Quels sont les horaires du bureau d’accueil en août ?',
      replyChannels: ['email'],
    };
    // no name yet: the first filing asks for one, with the reason, and files nothing
    const nameless = await c.post('/api/cases', body);
    expect(nameless.statusCode).toBe(422);
    expect(nameless.json().detail).toBe(t('fr', 'error.profile.name_required'));
    expect((await c.get('/api/cases')).json().items).toEqual([]);
    // one script is enough
    expect(
      (await c.patch('/api/me/profile', { givenNameLatin: 'Saïd', familyNameLatin: 'Benjelloun' }))
        .statusCode,
    ).toBe(200);
    const filed = await c.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['information-request'],
      subject: 'Horaires du bureau MRE en été',
      description: 'Quels sont les horaires du bureau d’accueil en août ?',
      replyChannels: ['email'],
    });
    expect(filed.statusCode).toBe(201);
    expect((await c.get('/api/auth/session')).json().account.hasPassword).toBe(false);
    expect((await c.post('/api/me/password', { password: 'mon nouveau secret' })).statusCode).toBe(204);
    expect((await c.post('/api/me/password', { password: 'un autre secret' })).statusCode).toBe(409);
    const again = await new Client(p.app).login('said@example.it', 'mon nouveau secret');
    const mine = (await again.get('/api/cases')).json().items;
    expect(mine.map((x: { trackingNumber: string }) => x.trackingNumber)).toEqual([
      filed.json().trackingNumber,
    ]);
  });

  it('keeps drafts on the server for the person only', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const id = crypto.randomUUID();
    const saved = await fatima.request({
      method: 'PUT',
      url: `/api/me/drafts/${id}`,
      payload: { data: { subject: 'نسخة', step: 2 } },
    });
    expect(saved.statusCode).toBe(200);
    expect((await fatima.get('/api/me/drafts')).json().items).toEqual([
      expect.objectContaining({ id, data: { subject: 'نسخة', step: 2 } }),
    ]);
    const youssef = await signedIn(p.app, 'youssef@example.es');
    expect((await youssef.get('/api/me/drafts')).json().items).toEqual([]);
    const steal = await youssef.request({
      method: 'PUT',
      url: `/api/me/drafts/${id}`,
      payload: { data: { x: 1 } },
    });
    expect(steal.statusCode).toBe(403);
    expect((await fatima.request({ method: 'DELETE', url: `/api/me/drafts/${id}` })).statusCode).toBe(204);
    expect((await fatima.get('/api/me/drafts')).json().items).toEqual([]);
  });

  it('answers a question from the body, reads the reasoned reply, rates it once, and may appeal', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const made = await fileComplaintAtAml(fatima, {
      category: 'complaint-delai-absence-reponse',
      subject: 'لم أتوصل بأي جواب',
      description: 'طلبت نسخة من رسم الولادة منذ ثلاثة أشهر ولم أتوصل بشيء.',
    });
    const act = async (c: Client, action: string, version: number, reason?: string) => {
      const res = await c.post(`/api/cases/${made.id}/actions`, actionBody(action, version, reason));
      expect(res.statusCode, res.body).toBe(200);
      return res.json().version as number;
    };
    let v = await act(agent, 'acknowledge', 1);
    v = await act(agent, 'start', v);
    expect((await fatima.post(`/api/cases/${made.id}/rating`, { score: 5 })).statusCode).toBe(409);
    v = await act(agent, 'request_info', v, 'أرسلي رقم طلبك السابق من فضلك.');
    const asked = (await fatima.get(`/api/cases/${made.id}`)).json();
    expect(asked.state).toBe('awaiting_citizen');
    expect(asked.timeline.at(-1)).toMatchObject({
      type: 'info_requested',
      reason: 'أرسلي رقم طلبك السابق من فضلك.',
    });
    expect(asked.availableActions).toEqual(['citizen_reply', 'withdraw']);
    v = await act(fatima, 'citizen_reply', v, 'رقم الطلب السابق هو 2026/123.');
    expect((await fatima.post(`/api/cases/${made.id}/messages`, { text: 'شكرا لكم' })).statusCode).toBe(201);
    v = (await fatima.get(`/api/cases/${made.id}`)).json().version;
    v = await act(agent, 'submit_reply', v, 'مسودة أولى');
    v = await act(chief, 'return_reply', v, 'أضف الأساس القانوني');
    v = await act(
      agent,
      'submit_reply',
      v,
      'تم إصدار النسخة وإرسالها بالبريد المضمون، طبقا للقانون 37.99 المتعلق بالحالة المدنية.',
    );
    v = await act(chief, 'approve_reply', v);
    const answered = (await fatima.get(`/api/cases/${made.id}`)).json();
    const final = 'تم إصدار النسخة وإرسالها بالبريد المضمون، طبقا للقانون 37.99 المتعلق بالحالة المدنية.';
    // the reply under its headings, its decision the agent's words
    expect(answered.timeline.at(-1)).toMatchObject({
      type: 'reply_approved',
      data: { parts: { decision: final } },
    });
    expect(answered.timeline.at(-1).reason).toContain(`## القرار\n${final}`);
    expect(JSON.stringify(answered.timeline)).not.toContain('مسودة أولى');
    expect(JSON.stringify(answered.timeline)).not.toContain('أضف الأساس القانوني');
    const rated = await fatima.post(`/api/cases/${made.id}/rating`, { score: 4, comment: 'جواب واضح' });
    expect(rated.statusCode).toBe(201);
    const twice = await fatima.post(`/api/cases/${made.id}/rating`, { score: 1 });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('لقد قمت بتقييم هذا الملف من قبل.');
    expect((await fatima.get(`/api/cases/${made.id}/rating`)).json().rating).toMatchObject({
      score: 4,
      comment: 'جواب واضح',
    });
    await act(fatima, 'reopen', v, 'الجواب لا يذكر تاريخ الإرسال.');
  });

  it('exports all my data, and deletes my account only when no case is open', async () => {
    const c = new Client(p.app, 'fr');
    await c.post('/api/auth/email-code', {
      email: 'nora@example.de',
      preferredLanguage: 'fr',
      countryOfResidence: 'DE',
    });
    c.csrf = (
      await c.post('/api/auth/verify-email', {
        email: 'nora@example.de',
        code: await codeFor('nora@example.de'),
      })
    ).json().csrfToken;
    await c.patch('/api/me/profile', { givenNameAr: 'نورة', familyNameAr: 'العلوي' });
    const made = await fileComplaintAtAml(c, {
      category: 'suggestion',
      subject: 'Ouvrir le bureau MRE le samedi',
      description: 'En été, beaucoup de familles ne peuvent venir que le samedi.',
    });
    const exp = await c.get('/api/me/export');
    expect(exp.headers['content-disposition']).toContain('attachment');
    expect(exp.json()).toMatchObject({
      account: { email: 'nora@example.de' },
      profile: { countryOfResidence: 'DE' },
    });
    expect(exp.json().cases[0]).toMatchObject({
      trackingNumber: made.trackingNumber,
      subject: 'Ouvrir le bureau MRE le samedi',
    });

    const refused = await c.request({ method: 'DELETE', url: '/api/me' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('tant que 1 dossier est en cours. Retirez-le');
    expect(
      (await c.post(`/api/cases/${made.id}/actions`, { action: 'withdraw', version: 1 })).statusCode,
    ).toBe(200);
    expect((await c.request({ method: 'DELETE', url: '/api/me' })).statusCode).toBe(204);
    const [gone] = await p.database.db.select().from(accounts).where(eq(accounts.email, 'nora@example.de'));
    expect(gone).toBeUndefined();
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect((await chief.get(`/api/cases/${made.id}`)).json().state).toBe('withdrawn');
  });
});
