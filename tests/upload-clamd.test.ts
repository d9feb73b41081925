/**
 * The antivirus, against a real clamd (Debian's clamav-daemon): a signature database made here from a
 * harmless file (nothing downloaded), clamd started on a free port. A paper it finds is refused (422) and
 * nothing is kept; a clean one is taken; with clamd stopped, papers are refused (503), never taken unscanned,
 * or, with `CLAMAV_UNAVAILABLE=hold`, held unserved until the worker's scan finds them clean.
 * Without clamd installed these tests fail, unless TEST_SKIP_CLAMD=true says to skip them.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { startWorker } from '../src/jobs/worker.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { blobPath } from '../src/modules/cases/files.js';
import { claimHeldUploads, heldScanLeaseMs, rescanHeldUploads } from '../src/modules/cases/held-uploads.js';
import { currentMillis, currentTime, fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { SIGNATURE, skipClamd, useClamd } from './support/clamd.js';
import {
  type Client,
  citizenWithComplaint,
  idsByCode,
  samples,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const pdfWith = (text: string) => Buffer.concat([samples.pdf, Buffer.from(`% ${text}\n`)]);

describe.skipIf(skipClamd).each(testDatabases())('antivirus (clamd) on %s', (kind) => {
  const marked = pdfWith('Jisr harmless test marker: an ordinary PDF the test signature names');
  const clamd = useClamd(marked);
  const log: string[] = [];
  const p = usePlatform(kind, () => ({
    env: { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(clamd().port), LOG_LEVEL: 'warn' },
    logStream: { write: (line: string) => void log.push(line) },
  }));
  let fatima: Client;
  let caseId: string;

  beforeAll(async () => {
    ({ citizen: fatima, caseId } = await citizenWithComplaint(p.app, 'fatima@example.fr', {
      subject: 'Acte de naissance',
      description: 'Je joins la copie de mon acte de naissance pour la transcription.',
    }));
  });

  const send = (bytes: Buffer, lang: 'fr' | 'ar', to = '/api/uploads') =>
    fatima.upload(to, 'acte-naissance.pdf', bytes, { lang });
  const nothingKept = async (bytes: Buffer) => {
    expect(existsSync(blobPath(p.config.filesDir, sha256(bytes)))).toBe(false);
    expect((await fatima.get('/api/uploads')).json().items).toEqual([]);
    expect((await fatima.get(`/api/cases/${caseId}/attachments`)).json().items).toEqual([]);
  };

  it('refuses the file the signature names (422), keeps nothing, and logs the signature, not the person', async () => {
    for (const [lang, to] of [
      ['fr', '/api/uploads'],
      ['ar', `/api/cases/${caseId}/attachments`],
    ] as const) {
      const res = await send(marked, lang, to);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/upload-infected',
        detail: t(lang, 'error.upload.infected'),
      });
    }
    expect((await send(marked, 'fr')).json().detail).toContain('l’antivirus y a trouvé une menace');
    await nothingKept(marked);
    const audited = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'upload.infected'), eq(auditLog.entityType, 'account')));
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]!.data).toMatchObject({
      signature: expect.stringContaining(SIGNATURE),
      size: marked.length,
    });
    const lines = log.filter((l) => l.includes('antivirus found a threat'));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const l of lines) {
      expect(l).toContain(SIGNATURE);
      expect(l).not.toContain('acte-naissance');
      expect(l).not.toContain('fatima');
    }
  });

  it('takes a clean file', async () => {
    const clean = pdfWith('an ordinary paper');
    const res = await send(clean, 'fr');
    expect(res.statusCode, res.body).toBe(201);
    expect(existsSync(blobPath(p.config.filesDir, sha256(clean)))).toBe(true);
    expect((await fatima.delete(`/api/uploads/${res.json().id}`)).statusCode).toBe(204);
  });

  it('with clamd stopped, refuses every paper (503) in the person’s language and keeps nothing', async () => {
    await clamd().stop();
    const clean = pdfWith('an ordinary paper sent while the antivirus is down');
    for (const [lang, to] of [
      ['fr', '/api/uploads'],
      ['ar', `/api/cases/${caseId}/attachments`],
    ] as const) {
      const res = await send(clean, lang, to);
      expect(res.statusCode, res.body).toBe(503);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/upload-scan-unavailable',
        detail: t(lang, 'error.upload.scan_unavailable'),
      });
    }
    await nothingKept(clean);
    expect(log.some((l) => l.includes('antivirus unavailable'))).toBe(true);
  });
});

/**
 * `CLAMAV_UNAVAILABLE=hold`: with clamd down a paper is received (202) but held, never served, listed as
 * being checked; the worker's job scans it once clamd answers again: clean, it is served; infected, it is
 * removed (rows and bytes), audited and shown as removed on the case's timeline. The job is called directly,
 * on the platform's clock, which the test moves instead of waiting.
 */
describe.skipIf(skipClamd).each(testDatabases())('antivirus down, papers held (hold) on %s', (kind) => {
  const marked = pdfWith('Jisr harmless test marker: an ordinary PDF the test signature names');
  const clean = pdfWith('an ordinary paper received while the antivirus is down');
  const clamd = useClamd(marked);
  const p = usePlatform(kind, () => ({
    env: { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(clamd().port), CLAMAV_UNAVAILABLE: 'hold' },
  }));
  let fatima: Client;
  let chef: Client;
  let caseId: string;
  let held: { clean: string; marked: string; waiting: string };
  const jobLog: string[] = [];
  const job = () => ({
    files: p.app.deps.files,
    clamd: clamd().options,
    log: {
      warn: (o: object, m: string) => void jobLog.push(`${m} ${JSON.stringify(o)}`),
      error: (o: object, m: string) => void jobLog.push(`${m} ${JSON.stringify(o)}`),
    },
  });

  beforeAll(async () => {
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    chef = await signedIn(p.app, 'chef@aml.demo', 'en');
  });

  const send = (bytes: Buffer, lang: 'fr' | 'ar' | 'en', to = '/api/uploads') =>
    fatima.upload(to, 'acte-naissance.pdf', bytes, { lang });
  const open = (who: Client, id: string, lang: 'fr' | 'ar' | 'en') =>
    who.request({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${id}`,
      headers: { 'accept-language': lang },
    });
  const papers = async () =>
    (await fatima.get(`/api/cases/${caseId}/attachments`)).json().items as {
      id: string;
      scanStatus: string | null;
    }[];

  it('still refuses an infected paper while clamd answers, and takes a clean one as scanned', async () => {
    expect((await send(marked, 'fr')).statusCode).toBe(422);
    const res = await send(pdfWith('scanned while clamd answers'), 'fr');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ scanStatus: 'clean' });
    expect(res.json().notice).toBeUndefined();
    expect((await fatima.delete(`/api/uploads/${res.json().id}`)).statusCode).toBe(204);
  });

  it('with clamd stopped, receives papers as held (202) and tells the sender in their language', async () => {
    await clamd().stop();
    // before filing: held, then filed with the case, still held
    const before = await send(clean, 'fr');
    expect(before.statusCode, before.body).toBe(202);
    expect(before.json()).toMatchObject({ scanStatus: 'pending', notice: t('fr', 'upload.held') });
    expect(before.json().notice).toContain('avant que quiconque l’ouvre');
    const ids = await idsByCode(p.app, '/api/institutions');
    const categories = await idsByCode(p.app, '/api/categories');
    const filed = await fatima.post('/api/cases', {
      institutionId: ids.AML,
      categoryId: categories['complaint-autre'],
      replyChannels: ['email'],
      language: 'fr',
      subject: 'Acte de naissance',
      description: 'Je joins la copie de mon acte de naissance pour la transcription.',
      attachmentIds: [before.json().id],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    caseId = filed.json().id;
    // on the case: held too, in Arabic
    const onCase = await send(marked, 'ar', `/api/cases/${caseId}/attachments`);
    expect(onCase.statusCode, onCase.body).toBe(202);
    expect(onCase.json()).toMatchObject({ scanStatus: 'pending', notice: t('ar', 'upload.held') });
    // and one left waiting for a filing: the same infected bytes
    const waiting = await send(marked, 'en');
    expect(waiting.statusCode).toBe(202);
    expect((await fatima.get('/api/uploads')).json().items).toMatchObject([
      { id: waiting.json().id, scanStatus: 'pending' },
    ]);
    const listed = await papers();
    held = { clean: listed[0]!.id, marked: onCase.json().id, waiting: waiting.json().id };
    expect(listed).toMatchObject([
      { id: held.clean, scanStatus: 'pending' },
      { id: held.marked, scanStatus: 'pending' },
    ]);
    expect(existsSync(blobPath(p.config.filesDir, sha256(clean)))).toBe(true);
  });

  it('serves a held paper to nobody (423, in the reader’s language), and logs no read', async () => {
    for (const [who, lang] of [
      [fatima, 'fr'],
      [chef, 'en'],
      [chef, 'ar'],
    ] as const) {
      const res = await open(who, held.clean, lang);
      expect(res.statusCode, res.body).toBe(423);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/upload-being-scanned',
        detail: t(lang, 'error.upload.being_scanned'),
      });
    }
    expect((await open(fatima, held.clean, 'fr')).json().detail).toContain('antivirus');
    const reads = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.attachment_read'), eq(auditLog.entityId, caseId)));
    expect(reads).toEqual([]);
  });

  it('leaves held papers held while clamd still cannot answer', async () => {
    const r = await rescanHeldUploads(p.database.db, job());
    expect(r).toMatchObject({ claimed: 3, clean: 0, removed: 0, unavailable: true });
    expect((await papers()).map((f) => f.scanStatus)).toEqual(['pending', 'pending']);
    expect(jobLog.some((l) => l.includes('antivirus still unavailable'))).toBe(true);
    // given back at once: the next run takes them again
    const again = await claimHeldUploads(p.database.db, currentTime(), currentTime(), 10);
    expect(again.onCases.length + again.waiting.length).toBe(3);
  });

  it('once clamd answers: the clean paper is served, the infected ones are removed and audited', async () => {
    await clamd().restart();
    const r = await rescanHeldUploads(p.database.db, job());
    expect(r).toEqual({ claimed: 3, clean: 1, removed: 2, unavailable: false });
    // clean: served, whole
    const res = await open(chef, held.clean, 'fr');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.rawPayload.equals(clean)).toBe(true);
    expect(await papers()).toMatchObject([{ id: held.clean, scanStatus: 'clean' }]);
    // infected: the paper on the case and the waiting one gone, with their bytes
    expect((await fatima.get('/api/uploads')).json().items).toEqual([]);
    expect(existsSync(blobPath(p.config.filesDir, sha256(marked)))).toBe(false);
    const view = (await fatima.get(`/api/cases/${caseId}`)).json();
    const removed = view.timeline.find((e: { type: string }) => e.type === 'attachment_removed');
    expect(removed.reason).toBe(t('fr', 'upload.removed_infected', { name: 'acte-naissance.pdf' }));
    // (the paper refused while clamd answered has its own row, without `held`)
    const audited = (
      await p.database.db.select().from(auditLog).where(eq(auditLog.action, 'upload.infected'))
    ).filter((a) => (a.data as { held?: boolean }).held);
    expect(audited.map((a) => a.entityType).sort()).toEqual(['account', 'attachment']);
    const onCase = audited.find((a) => a.entityType === 'attachment')!;
    expect(onCase).toMatchObject({ entityId: held.marked, actorId: null });
    expect(onCase.data).toMatchObject({
      caseId,
      signature: expect.stringContaining(SIGNATURE),
      sha256: sha256(marked),
      size: marked.length,
      held: true,
    });
    for (const a of audited) expect(JSON.stringify(a.data)).not.toContain('acte-naissance');
    expect(jobLog.some((l) => l.includes('threat in a held paper') && l.includes(SIGNATURE))).toBe(true);
    // run again: nothing left to do
    expect(await rescanHeldUploads(p.database.db, job())).toEqual({
      claimed: 0,
      clean: 0,
      removed: 0,
      unavailable: false,
    });
  });

  it('a crashed run’s papers wait for its lease; two runs at once scan each paper once', async () => {
    await clamd().stop();
    const second = pdfWith('a second ordinary paper');
    const a = await send(second, 'fr', `/api/cases/${caseId}/attachments`);
    const b = await send(marked, 'fr', `/api/cases/${caseId}/attachments`);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    await clamd().restart();
    const clock = fixedClock(currentTime());
    const restore = setPlatformClock(clock);
    try {
      // a run claims them, then dies before scanning
      const lease = heldScanLeaseMs(job());
      const crashed = await claimHeldUploads(
        p.database.db,
        currentTime(),
        new Date(currentMillis() + lease),
        10,
      );
      expect(crashed.onCases).toHaveLength(2);
      expect(await rescanHeldUploads(p.database.db, job())).toMatchObject({ claimed: 0 });
      expect(await papers()).toMatchObject([{}, { scanStatus: 'pending' }, { scanStatus: 'pending' }]);
      // once its lease has run out, the papers are taken over; two runs at once share them out
      clock.advance(lease + 1000);
      const audits = async () =>
        (await p.database.db.select().from(auditLog).where(eq(auditLog.action, 'upload.infected'))).length;
      const auditsBefore = await audits();
      const runs = await Promise.all([
        rescanHeldUploads(p.database.db, job()),
        rescanHeldUploads(p.database.db, job()),
      ]);
      expect(runs[0]!.claimed + runs[1]!.claimed).toBe(2);
      expect(runs[0]!.clean + runs[1]!.clean).toBe(1);
      expect(runs[0]!.removed + runs[1]!.removed).toBe(1);
      expect(await audits()).toBe(auditsBefore + 1);
      expect(await papers()).toMatchObject([
        { scanStatus: 'clean' },
        { id: a.json().id, scanStatus: 'clean' },
      ]);
    } finally {
      restore();
    }
  });

  it('is run by the worker every minute', async () => {
    await clamd().stop();
    const third = pdfWith('a third ordinary paper');
    expect((await send(third, 'fr', `/api/cases/${caseId}/attachments`)).statusCode).toBe(202);
    await clamd().restart();
    const worker = startWorker(p.database.db, p.config, { error: () => undefined }, 3_600_000);
    await worker.tick();
    await worker.stop();
    expect((await papers()).map((f) => f.scanStatus)).toEqual(['clean', 'clean', 'clean']);
  });
});
