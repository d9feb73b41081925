import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../src/modules/workflow/calendar.js';
import { currentTime } from '../src/shared/clock.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

describe.each(testDatabases())('institution administration on %s', (kind) => {
  const p = usePlatform(kind);
  let aml: string;
  let cat: string;
  beforeAll(async () => {
    const c = new Client(p.app);
    aml = (await c.get('/api/institutions')).json().items.find((i: { code: string }) => i.code === 'AML').id;
    cat = (await c.get('/api/categories'))
      .json()
      .items.find((x: { code: string }) => x.code === 'complaint-accueil').id;
  });

  it('lets the admin shorten a category’s deadline, which new cases then use; others may not', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: `/api/institutions/${aml}/categories/${cat}`,
          payload: { deadlineDays: 10, active: true },
        })
      ).statusCode,
    ).toBe(204);
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect(
      (
        await chief.request({
          method: 'PUT',
          url: `/api/institutions/${aml}/categories/${cat}`,
          payload: { deadlineDays: 1, active: true },
        })
      ).statusCode,
    ).toBe(403);
    const listed = (await new Client(p.app).get(`/api/institutions/${aml}/categories`))
      .json()
      .items.find((x: { id: string }) => x.id === cat);
    expect(listed).toMatchObject({ deadlineDays: 10, defaultDeadlineDays: 60, active: true });
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const before = currentTime();
    const made = (
      await fatima.post('/api/cases', {
        institutionId: aml,
        categoryId: cat,
        subject: 'Accueil',
        description: 'Un accueil désagréable au guichet.',
        replyChannels: ['email'],
      })
    ).json();
    const expected = addWorkingDays(before, 10).getTime();
    expect(Math.abs(new Date(made.dueAt).getTime() - expected)).toBeLessThan(60_000);
  });

  it('stops accepting a category when the admin switches it off', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    await admin.request({
      method: 'PUT',
      url: `/api/institutions/${aml}/categories/${cat}`,
      payload: { deadlineDays: null, active: false },
    });
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const res = await fatima.post('/api/cases', {
      institutionId: aml,
      categoryId: cat,
      subject: 'Accueil',
      description: 'Un accueil désagréable au guichet.',
      replyChannels: ['email'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe('هذه الفئة غير موجودة.');
  });

  it('sets a category’s retention period, kept when other settings change, within 2 to 600 months', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const put = (payload: object) =>
      admin.request({ method: 'PUT', url: `/api/institutions/${aml}/categories/${cat}`, payload });
    const listed = async () =>
      (await new Client(p.app).get(`/api/institutions/${aml}/categories`))
        .json()
        .items.find((x: { id: string }) => x.id === cat);
    expect(await listed()).toMatchObject({ retentionMonths: null, defaultRetentionMonths: 60 });
    expect((await put({ deadlineDays: null, active: true, retentionMonths: 24 })).statusCode).toBe(204);
    expect((await put({ deadlineDays: 20, active: true })).statusCode).toBe(204);
    expect(await listed()).toMatchObject({ retentionMonths: 24, deadlineDays: 20 });
    for (const months of [1, 601, 12.5])
      expect((await put({ deadlineDays: 20, active: true, retentionMonths: months })).statusCode).toBe(422);
    expect((await put({ deadlineDays: 20, active: true, retentionMonths: null })).statusCode).toBe(204);
    expect(await listed()).toMatchObject({ retentionMonths: null, defaultRetentionMonths: 60 });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect(
      (
        await chief.request({
          method: 'PUT',
          url: `/api/institutions/${aml}/categories/${cat}`,
          payload: { deadlineDays: 20, active: true, retentionMonths: 2 },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('manages reply templates, and fills them with the case’s facts for the staff', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const made = await admin.post(`/api/institutions/${aml}/templates`, {
      categoryId: null,
      language: 'fr',
      title: 'Accusé motivé',
      body: 'Votre demande {tracking} « {subject} » est suivie par {body}.',
    });
    expect(made.statusCode).toBe(201);
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const other = (await new Client(p.app).get('/api/categories'))
      .json()
      .items.find((x: { code: string }) => x.code === 'complaint-autre').id;
    const c = (
      await fatima.post('/api/cases', {
        institutionId: aml,
        categoryId: other,
        subject: 'Lenteur',
        description: 'Ma demande traîne depuis des mois.',
        replyChannels: ['email'],
        language: 'fr',
      })
    ).json();
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const tpls = (await agent.get(`/api/cases/${c.id}/templates`)).json().items;
    expect(tpls.map((x: { title: string }) => x.title)).toContain('Accusé motivé');
    expect(tpls.find((x: { title: string }) => x.title === 'Accusé motivé').text).toBe(
      `Votre demande ${c.trackingNumber} « Lenteur » est suivie par Commune d’Aït Melloul.`,
    );
    expect((await fatima.get(`/api/cases/${c.id}/templates`)).statusCode).toBe(403);
    const other2 = await signedIn(p.app, 'admin@aubm.demo');
    expect((await other2.get(`/api/institutions/${aml}/templates`)).statusCode).toBe(403);
    expect(
      (await admin.request({ method: 'DELETE', url: `/api/institutions/${aml}/templates/${made.json().id}` }))
        .statusCode,
    ).toBe(204);
  });
});
