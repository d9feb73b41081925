/**
 * A filing is one act: papers are checked when they arrive, before any case exists; the case and its papers
 * are made in one transaction; a send repeated with the form's key returns the first case.
 */
import { existsSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { blobPath } from '../src/modules/cases/files.js';
import { cases, pendingUploads } from '../src/modules/cases/schema.js';
import { sweepPendingUploads } from '../src/modules/cases/uploads.js';
import { currentMillis } from '../src/shared/clock.js';
import {
  type Client,
  multipartFile,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

describe.each(testDatabases())('filing in one act on %s', (kind) => {
  const p = usePlatform(kind);
  let fatima: Client;
  let youssef: Client;
  const { inst, cat } = useIdsByCode(p);
  let body: Record<string, unknown>;

  beforeAll(async () => {
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    youssef = await signedIn(p.app, 'youssef@example.es', 'fr');
    body = {
      institutionId: inst.AML,
      categoryId: cat['complaint-autre'],
      subject: 'Acte de naissance introuvable',
      description: 'Le bureau d’état civil dit que mon acte est introuvable. Je joins mes pièces.',
      replyChannels: ['email'],
    };
  });

  const upload = (c: Client, name: string, bytes: Buffer) => {
    return c.upload('/api/uploads', name, bytes);
  };
  const allCases = async () => (await p.database.db.select({ id: cases.id }).from(cases)).length;
  const myCaseCount = async (c: Client) => (await c.get('/api/cases?limit=100')).json().items.length;

  it('refuses a program renamed .pdf when it arrives, before any case exists; fixed, one send makes one case', async () => {
    const before = await myCaseCount(fatima);
    const bad = await upload(fatima, 'acte.pdf', samples.exe);
    expect(bad.statusCode).toBe(415);
    expect(bad.json().detail).toBe(t('fr', 'error.file.type_not_allowed'));
    expect(await myCaseCount(fatima)).toBe(before);

    const good = await upload(fatima, 'acte.pdf', samples.pdf);
    expect(good.statusCode, good.body).toBe(201);
    const paper = good.json();
    expect(paper).toMatchObject({ name: 'acte.pdf', mediaType: 'application/pdf', size: samples.pdf.length });
    expect((await fatima.get('/api/uploads')).json().items.map((u: { id: string }) => u.id)).toEqual([
      paper.id,
    ]);

    const send = { ...body, attachmentIds: [paper.id], clientKey: 'form-7f3c2a91-aaaa' };
    const first = await fatima.post('/api/cases', send);
    expect(first.statusCode, first.body).toBe(201);
    const made = first.json();
    // the answer was lost, the person presses Send again: the same case, the same secret code
    const again = await fatima.post('/api/cases', send);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(made);
    expect(await myCaseCount(fatima)).toBe(before + 1);
    const papers = (await fatima.get(`/api/cases/${made.id}/attachments`)).json().items;
    expect(papers.map((a: { name: string }) => a.name)).toEqual(['acte.pdf']);
    expect((await fatima.get('/api/uploads')).json().items).toEqual([]);
    // the secret code given back tracks the case
    const tracked = await fatima.post('/api/track', {
      trackingNumber: made.trackingNumber,
      accessCode: made.accessCode,
    });
    expect(tracked.statusCode, tracked.body).toBe(200);
  });

  it('makes one case when two sends with the same key race', async () => {
    const before = await myCaseCount(youssef);
    const send = { ...body, clientKey: 'race-0123456789' };
    const [a, b] = await Promise.all([youssef.post('/api/cases', send), youssef.post('/api/cases', send)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().id).toBe(b.json().id);
    expect(a.json().accessCode).toBe(b.json().accessCode);
    expect(await myCaseCount(youssef)).toBe(before + 1);
  });

  it('keys belong to their sender: the same key from someone else files their own case', async () => {
    const key = 'shared-key-123456';
    const mine = (await fatima.post('/api/cases', { ...body, clientKey: key })).json();
    const theirs = await youssef.post('/api/cases', { ...body, clientKey: key });
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json().id).not.toBe(mine.id);
  });

  it('refuses a filing that names a paper that is not the sender’s, and files nothing', async () => {
    const hers = (await upload(fatima, 'passeport.png', samples.png)).json();
    const before = await allCases();
    const res = await youssef.post('/api/cases', { ...body, attachmentIds: [hers.id] });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toBe(t('fr', 'error.upload.unknown'));
    expect(await allCases()).toBe(before);
    // her paper is still hers, waiting
    expect((await fatima.get('/api/uploads')).json().items.map((u: { id: string }) => u.id)).toContain(
      hers.id,
    );
    // an unknown id, too many papers, a malformed key: refused with the field named
    const unknown = await fatima.post('/api/cases', {
      ...body,
      attachmentIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(422);
    const many = await fatima.post('/api/cases', {
      ...body,
      attachmentIds: Array.from({ length: 11 }, () => hers.id),
    });
    expect(many.statusCode).toBe(422);
    expect(JSON.stringify(many.json().errors)).toContain('attachmentIds');
    const key = await fatima.post('/api/cases', { ...body, clientKey: 'a b' });
    expect(key.statusCode).toBe(422);
    expect(JSON.stringify(key.json().errors)).toContain('clientKey');
    expect(await allCases()).toBe(before);
    // withdrawn by its owner; nobody else can
    expect((await youssef.delete(`/api/uploads/${hers.id}`)).statusCode).toBe(404);
    expect((await fatima.delete(`/api/uploads/${hers.id}`)).statusCode).toBe(204);
    expect((await fatima.get('/api/uploads')).json().items).toEqual([]);
  });

  it('asks to sign in before a paper is received', async () => {
    const m = multipartFile('acte.pdf', samples.pdf);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/uploads',
      payload: m.payload,
      headers: m.headers,
    });
    expect(res.statusCode).toBe(401);
  });

  it('sweeps papers never filed after a day, with their bytes unless a case holds the same file', async () => {
    const lonely = Buffer.concat([samples.pdf, Buffer.from('% lonely paper\n')]);
    const paper = (await upload(youssef, 'oubli.pdf', lonely)).json();
    // the same picture, once filed with a case and once left waiting
    const filed = (await upload(youssef, 'photo.png', samples.png)).json();
    expect((await youssef.post('/api/cases', { ...body, attachmentIds: [filed.id] })).statusCode).toBe(201);
    const shared = (await upload(youssef, 'copie.png', samples.png)).json();
    expect(existsSync(blobPath(p.config.filesDir, paper.sha256))).toBe(true);
    const tomorrow = new Date(currentMillis() + 25 * 3_600_000);
    expect(await sweepPendingUploads(p.database.db, p.app.deps.files, tomorrow)).toBeGreaterThanOrEqual(2);
    const left = await p.database.db
      .select()
      .from(pendingUploads)
      .where(and(eq(pendingUploads.id, paper.id)));
    expect(left).toEqual([]);
    expect(existsSync(blobPath(p.config.filesDir, paper.sha256))).toBe(false);
    expect(existsSync(blobPath(p.config.filesDir, shared.sha256))).toBe(true);
  });

  it('the desk registers a walk-in’s request with the papers scanned at the counter, once however often it is sent', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo', 'fr');
    const [person] = await p.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, 'youssef@example.es'));
    const scan = (await upload(desk, 'cin-recto.png', samples.png)).json();
    const refused = await upload(desk, 'scan.pdf', samples.exe);
    expect(refused.statusCode).toBe(415);
    const registration = {
      personId: person!.id,
      categoryId: body.categoryId,
      subject: 'Réclamation déposée au guichet',
      description: 'La personne s’est présentée au guichet avec sa CIN pour déposer sa réclamation.',
      intakeChannel: 'desk',
      replyChannels: ['email'],
      language: 'fr',
      visitorName: 'Youssef Amziane',
      attachmentIds: [scan.id],
      clientKey: 'desk-form-000111',
    };
    const before = await allCases();
    const first = await desk.post(`/api/institutions/${body.institutionId}/desk/cases`, registration);
    expect(first.statusCode, first.body).toBe(201);
    const again = await desk.post(`/api/institutions/${body.institutionId}/desk/cases`, registration);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await allCases()).toBe(before + 1);
    const papers = (await desk.get(`/api/cases/${first.json().id}/attachments`)).json().items;
    expect(papers.map((a: { name: string }) => a.name)).toEqual(['cin-recto.png']);
  });

  it('the desk files only in a citizen’s name, never under a staff account', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo', 'fr');
    const [colleague] = await p.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, 'chef@aml.demo'));
    const before = await allCases();
    const res = await desk.post(`/api/institutions/${body.institutionId}/desk/cases`, {
      personId: colleague!.id,
      categoryId: body.categoryId,
      subject: 'Réclamation au nom d’un agent',
      description: 'Une demande qui ne devrait jamais être déposée au nom d’un agent.',
      intakeChannel: 'desk',
      replyChannels: ['email'],
      language: 'fr',
      visitorName: 'Un agent',
    });
    // a staff account is no person of the body's directory: the desk may not act for it
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe(t('fr', 'error.desk.person_not_linked'));
    expect(await allCases()).toBe(before);
  });
});
