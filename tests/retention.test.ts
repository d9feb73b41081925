import { stat } from 'node:fs/promises';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { startWorker } from '../src/jobs/worker.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { blobPath, sha256Hex } from '../src/modules/cases/files.js';
import { runRetention } from '../src/modules/cases/retention.js';
import { attachments, caseEvents, caseRatings, cases } from '../src/modules/cases/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentTime } from '../src/shared/clock.js';
import {
  actOn,
  type Client,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

/** The platform's clock, this many months back (the job counts months in the database the same way). */
const monthsAgo = (n: number) => {
  const d = currentTime();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d;
};
const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

describe.each(testDatabases())('retention of settled cases on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst: institutions, cat: categories } = useIdsByCode(p);
  let fatima: Client;
  let chief: Client;
  /** Closed 61 months ago (default period 60): its content goes. */
  let due: { id: string; trackingNumber: string; accessCode: string };
  /** Closed 59 months ago, holding the same picture as `due`: kept whole. */
  let kept: { id: string };
  let open: { id: string };
  /** In a category the body keeps 12 months: closed 13 months ago (goes) and 11 months ago (kept). */
  let shortDue: { id: string };
  let shortKept: { id: string };
  const errors: unknown[] = [];

  const file = async (category: string, subject: string) => {
    const res = await fatima.post('/api/cases', {
      institutionId: institutions.AML,
      categoryId: categories[category],
      subject,
      description: `Description personnelle de Fatima pour « ${subject} ».`,
      fields: category === 'complaint-autre' ? { service_concerned: 'Bureau de Fatima Zahra' } : {},
      replyChannels: ['email'],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNumber: string; accessCode: string };
  };
  const attach = async (caseId: string, name: string, bytes: Buffer) => {
    const res = await fatima.upload(`/api/cases/${caseId}/attachments`, name, bytes);
    expect(res.statusCode, res.body).toBe(201);
  };
  const closedAt = (id: string, at: Date) =>
    p.database.db.update(cases).set({ closedAt: at }).where(eq(cases.id, id));
  const row = async (id: string) => (await p.database.db.select().from(cases).where(eq(cases.id, id)))[0]!;
  const retentionAudits = (id: string) =>
    p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.retention_anonymise'), eq(auditLog.entityId, id)));

  beforeAll(async () => {
    fatima = await signedIn(p.app, 'fatima@example.fr');
    chief = await signedIn(p.app, 'chef@aml.demo');
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const set = await admin.request({
      method: 'PUT',
      url: `/api/institutions/${institutions.AML}/categories/${categories['complaint-accueil']}`,
      payload: { deadlineDays: null, active: true, retentionMonths: 12 },
    });
    expect(set.statusCode, set.body).toBe(204);

    due = await file('complaint-autre', 'Acte de naissance de ma fille Salma');
    await attach(due.id, 'passeport.pdf', samples.pdf);
    await attach(due.id, 'photo.png', samples.png);
    expect(
      (await chief.post(`/api/cases/${due.id}/messages`, { text: 'Madame Fatima, merci.' })).statusCode,
    ).toBe(201);
    expect(
      (await chief.post(`/api/cases/${due.id}/notes`, { text: 'Appelée au 0612345678' })).statusCode,
    ).toBe(201);
    await actOn(chief, due.id, [
      ['acknowledge'],
      ['start'],
      ['submit_reply', 'Madame Fatima, votre acte est prêt.'],
      ['approve_reply'],
      ['close'],
    ]);
    const rated = await fatima.post(`/api/cases/${due.id}/rating`, { score: 4, comment: 'Merci à Rachid' });
    expect(rated.statusCode, rated.body).toBe(201);
    kept = await file('complaint-autre', 'Encore ma fille Salma');
    await attach(kept.id, 'photo.png', samples.png);
    await actOn(chief, kept.id, [['reject', 'Déjà traité pour Fatima']]);
    open = await file('complaint-autre', 'Toujours en attente');
    shortDue = await file('complaint-accueil', 'Accueil désagréable');
    shortKept = await file('complaint-accueil', 'Accueil désagréable encore');
    for (const c of [shortDue, shortKept]) await actOn(chief, c.id, [['reject', 'Hors délai, Fatima']]);
    await closedAt(due.id, monthsAgo(61));
    await closedAt(kept.id, monthsAgo(59));
    await closedAt(shortDue.id, monthsAgo(13));
    await closedAt(shortKept.id, monthsAgo(11));
    // the worker sends the outbox, then runs the retention job (its first tick)
    const worker = startWorker(p.database.db, p.config, { error: (o) => errors.push(o) }, 3_600_000);
    await worker.tick();
    await worker.stop();
  });

  it('removes the content of a case settled longer ago than the default period, once, and audits it', async () => {
    expect(errors).toEqual([]);
    const c = await row(due.id);
    expect(c).toMatchObject({
      subject: '',
      description: '',
      fields: {},
      requesterName: '',
      state: 'closed',
      trackingNumber: due.trackingNumber,
      categoryId: categories['complaint-autre'],
    });
    expect(c.anonymisedAt).not.toBeNull();
    const events = await p.database.db.select().from(caseEvents).where(eq(caseEvents.caseId, due.id));
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['submitted', 'closed', 'reply_approved']),
    );
    expect(events.filter((e) => e.reason !== null)).toEqual([]);
    expect(await p.database.db.select().from(attachments).where(eq(attachments.caseId, due.id))).toEqual([]);
    const [rating] = await p.database.db.select().from(caseRatings).where(eq(caseRatings.caseId, due.id));
    expect(rating).toMatchObject({ score: 4, comment: null });
    const sent = await p.database.db.select().from(notifications).where(eq(notifications.caseId, due.id));
    expect(sent.length).toBeGreaterThan(0);
    for (const n of sent)
      expect(n).toMatchObject({ toAddress: '', subject: '', textBody: '', htmlBody: null });
    const audits = await retentionAudits(due.id);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: null, institutionId: institutions.AML, entityType: 'case' });
    expect(audits[0]!.data).toMatchObject({ retentionMonths: 60, papers: 2, state: 'closed' });
    expect(JSON.stringify(audits[0])).not.toMatch(/Fatima|Salma|fille|passeport/);
  });

  it('deletes the papers’ files, but not one that another case still holds', async () => {
    expect(await exists(blobPath(p.config.filesDir, sha256Hex(samples.pdf)))).toBe(false);
    expect(await exists(blobPath(p.config.filesDir, sha256Hex(samples.png)))).toBe(true);
    const [picture] = await p.database.db.select().from(attachments).where(eq(attachments.caseId, kept.id));
    expect(picture!.sha256).toBe(sha256Hex(samples.png));
  });

  it('leaves a case within its period and an open case untouched, and honours a body’s shorter period', async () => {
    expect(await row(kept.id)).toMatchObject({ subject: 'Encore ma fille Salma', anonymisedAt: null });
    expect(await row(open.id)).toMatchObject({ subject: 'Toujours en attente', anonymisedAt: null });
    expect(await row(shortKept.id)).toMatchObject({
      subject: 'Accueil désagréable encore',
      anonymisedAt: null,
    });
    const short = await row(shortDue.id);
    expect(short).toMatchObject({ subject: '', state: 'rejected' });
    expect(short.anonymisedAt).not.toBeNull();
    expect((await retentionAudits(shortDue.id))[0]!.data).toMatchObject({ retentionMonths: 12 });
    const untouched = await p.database.db
      .select()
      .from(caseEvents)
      .where(inArray(caseEvents.caseId, [kept.id, shortKept.id]))
      .orderBy(caseEvents.id);
    expect(untouched.filter((e) => e.type === 'rejected').map((e) => e.reason)).toEqual([
      'Déjà traité pour Fatima',
      'Hors délai, Fatima',
    ]);
  });

  it('changes nothing when run again', async () => {
    const before = await row(due.id);
    const run = await runRetention(p.database.db, {
      files: p.app.deps.files,
      defaultMonths: p.config.RETENTION_MONTHS,
    });
    expect(run).toEqual({ anonymised: 0, failed: 0 });
    expect(await row(due.id)).toEqual(before);
    expect(await retentionAudits(due.id)).toHaveLength(1);
  });

  it('still shows the case to its citizen, saying its content was removed, and refuses new words', async () => {
    const page = (await fatima.get(`/api/cases/${due.id}`)).json();
    expect(page).toMatchObject({
      trackingNumber: due.trackingNumber,
      state: 'closed',
      subject: '',
      description: '',
      fields: {},
      availableActions: [],
    });
    expect(page.anonymisedAt).toBeTruthy();
    expect(page.timeline.every((e: { reason: string | null }) => e.reason === null)).toBe(true);
    // the reply's parts went with its words
    expect(JSON.stringify(page.timeline)).not.toContain('votre acte est prêt');
    const mine = (await fatima.get('/api/cases?limit=50')).json().items;
    expect(mine.find((c: { id: string }) => c.id === due.id)).toMatchObject({ state: 'closed' });
    expect((await fatima.get(`/api/cases/${due.id}/attachments`)).json().items).toEqual([]);
    const said = await fatima.post(`/api/cases/${due.id}/messages`, { text: 'Bonjour' });
    expect(said.statusCode).toBe(409);
    expect(said.json().detail).toContain('durée de conservation');
    expect((await fatima.get(`/api/cases/${due.id}/reply.pdf`)).statusCode).toBe(410);
    const tracked = await fatima.post('/api/track', {
      trackingNumber: due.trackingNumber,
      accessCode: due.accessCode,
    });
    expect(tracked.json()).toMatchObject({ subject: '', state: 'closed' });
    expect(tracked.json().anonymisedAt).toBeTruthy();
  });

  it('shows the staff the case without its person, and refuses notes', async () => {
    const page = (await chief.get(`/api/cases/${due.id}`)).json();
    expect(page.anonymisedAt).toBeTruthy();
    expect(page.requester).toBeUndefined();
    expect(page.availableActions).toEqual([]);
    expect((await chief.get(`/api/cases/${due.id}/related`)).json().items).toEqual([]);
    expect((await chief.post(`/api/cases/${due.id}/notes`, { text: 'Note' })).statusCode).toBe(409);
  });
});
