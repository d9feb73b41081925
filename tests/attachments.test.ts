/**
 * Attachments: the type comes from the bytes, the bytes are stored once under their sha256, the name is
 * kept only as safe text, and a refused file leaves no row, no timeline event and nothing on disk.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Lang, type MessageKey, t } from '../src/i18n/index.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { attachments, caseEvents } from '../src/modules/cases/schema.js';
import {
  type Client,
  fileComplaintAtAml,
  samples,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ARABIC = /[\u0600-\u06FF]/;
/** RFC 8187 attr-chars plus %-escapes: nothing that could end the header value or the parameter. */
const SAFE_EXT_VALUE = /^[A-Za-z0-9!#$&+\-.^_`|~%]+$/;

describe.each(testDatabases())('attachments on %s', (kind) => {
  const p = usePlatform(kind, { env: { MAX_UPLOAD_MB: '1' } });
  let fatima: Client;
  let youssef: Client;
  let caseId: string;
  let filesDir: string;

  beforeAll(async () => {
    filesDir = path.join(p.config.DATA_DIR, 'files');
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    youssef = await signedIn(p.app, 'youssef@example.es', 'fr');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'Acte de naissance introuvable',
      description:
        'Le bureau d’état civil dit que mon acte de naissance est introuvable. Je joins mes pièces.',
    });
    caseId = made.id;
  });

  const upload = (
    c: Client,
    name: string,
    bytes: Buffer,
    opts: { lang?: Lang; type?: string; id?: string } = {},
  ) => {
    return c.upload(`/api/cases/${opts.id ?? caseId}/attachments`, name, bytes, opts);
  };
  const download = (c: Client, attachmentId: string, id = caseId) =>
    c.get(`/api/cases/${id}/attachments/${attachmentId}`);

  /** Every file under DATA_DIR, relative to it. */
  const filesOnDisk = async () =>
    (await readdir(p.config.DATA_DIR, { recursive: true, withFileTypes: true }))
      .filter((d) => d.isFile())
      .map((d) => path.relative(p.config.DATA_DIR, path.join(d.parentPath, d.name)))
      .sort();
  const blobFor = (sha: string) => path.join(filesDir, sha.slice(0, 2), sha.slice(2, 4), sha);

  const counts = async () => {
    const n = async (q: Promise<{ n: number }[]>) => (await q)[0]!.n;
    const db = p.database.db;
    const count = sql<number>`count(*)::int`;
    return {
      attachments: await n(db.select({ n: count }).from(attachments)),
      events: await n(db.select({ n: count }).from(caseEvents).where(eq(caseEvents.caseId, caseId))),
      audit: await n(db.select({ n: count }).from(auditLog)),
    };
  };

  /** The upload is refused as a problem in the person's language, and leaves no trace anywhere. */
  const expectRefused = async (
    send: () => Promise<LightMyRequestResponse>,
    e: { status: number; type: string; lang: Lang; key: MessageKey; params?: Record<string, string> },
  ) => {
    const rowsBefore = await counts();
    const diskBefore = await filesOnDisk();
    const res = await send();
    expect(res.statusCode, res.body).toBe(e.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      type: `https://jisr.ma/problems/${e.type}`,
      status: e.status,
      detail: t(e.lang, e.key, e.params),
    });
    expect(body.title).toEqual(expect.any(String));
    if (e.lang === 'ar') expect(body.detail).toMatch(ARABIC);
    else expect(body.detail).not.toMatch(ARABIC);
    expect(await counts()).toEqual(rowsBefore);
    expect(await filesOnDisk()).toEqual(diskBefore);
    return body;
  };

  it('stores a real PNG with the type read from its bytes, under its sha256', async () => {
    // The browser claims application/pdf; the bytes say PNG, and the bytes win.
    const res = await upload(fatima, 'scan.png', samples.png, { type: 'application/pdf' });
    expect(res.statusCode, res.body).toBe(201);
    const sha = sha256(samples.png);
    expect(res.json()).toMatchObject({
      name: 'scan.png',
      mediaType: 'image/png',
      size: samples.png.length,
      sha256: sha,
    });
    const stored = blobFor(sha);
    expect(stored).toBe(path.join(p.config.DATA_DIR, 'files', sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(await readFile(stored)).toEqual(samples.png);
  });

  it('stores a PDF with an Arabic name and gives back the same bytes, safely labelled', async () => {
    const name = 'رسم الولادة.pdf';
    const res = await upload(fatima, name, samples.pdf);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      name,
      mediaType: 'application/pdf',
      size: samples.pdf.length,
      sha256: sha256(samples.pdf),
    });

    const list = await fatima.get(`/api/cases/${caseId}/attachments`);
    expect(list.json().items).toContainEqual(expect.objectContaining({ id: a.id, name }));

    const dl = await download(fatima, a.id);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload).toEqual(samples.pdf);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    const disposition = String(dl.headers['content-disposition']);
    const m = /^inline; filename\*=UTF-8''(.+)$/.exec(disposition);
    expect(m, disposition).not.toBeNull();
    expect(m![1]).toMatch(SAFE_EXT_VALUE);
    expect(decodeURIComponent(m![1]!)).toBe(name);
  });

  it('labels names with quotes and brackets safely too', async () => {
    const name = "extrait d'acte (copie)*.png";
    const res = await upload(fatima, name, samples.png);
    expect(res.statusCode, res.body).toBe(201);
    const dl = await download(fatima, res.json().id);
    const m = /^inline; filename\*=UTF-8''(.+)$/.exec(String(dl.headers['content-disposition']));
    expect(m![1]).toMatch(SAFE_EXT_VALUE);
    expect(decodeURIComponent(m![1]!)).toBe(name);
    expect(dl.rawPayload).toEqual(samples.png);
    expect(dl.headers['content-type']).toBe('image/png');
  });

  it('stores identical bytes once, however many times and under whatever name they arrive', async () => {
    const bytes = Buffer.concat([samples.pdf, Buffer.from('%% twice\n')]);
    const sha = sha256(bytes);
    const first = await upload(fatima, 'passeport.pdf', bytes);
    const second = await upload(fatima, 'passeport (2).pdf', bytes);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().id).not.toBe(first.json().id);
    expect(second.json().sha256).toBe(sha);
    expect(first.json().sha256).toBe(sha);

    const disk = await filesOnDisk();
    expect(disk.filter((f) => f.endsWith(sha))).toEqual([
      path.join('files', sha.slice(0, 2), sha.slice(2, 4), sha),
    ]);
    expect(disk.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const rows = await p.database.db.select().from(attachments).where(eq(attachments.sha256, sha));
    expect(rows.map((r) => r.originalName).sort()).toEqual(['passeport (2).pdf', 'passeport.pdf']);
  });

  it.each([
    ['HTML bytes named scan.pdf', 'scan.pdf', samples.html, 'type_not_allowed'],
    ['EXE bytes named scan.pdf', 'scan.pdf', samples.exe, 'type_not_allowed'],
    ['PNG bytes named x.pdf', 'x.pdf', samples.png, 'extension_mismatch'],
    ['EXE bytes named photo.jpg', 'photo.jpg', samples.exe, 'type_not_allowed'],
  ])('refuses a file whose bytes are not what its name says: %s', async (_label, name, bytes, reason) => {
    const body = await expectRefused(
      () => upload(fatima, name, bytes, { lang: 'ar', type: 'application/pdf' }),
      {
        status: 415,
        type: 'file-type-not-allowed',
        lang: 'ar',
        key: 'error.file.type_not_allowed',
      },
    );
    expect(body.reason).toBe(reason);
    if (reason === 'type_not_allowed') expect(existsSync(blobFor(sha256(bytes)))).toBe(false);
  });

  it.each([
    '../../etc/passwd.png',
    '..\\..\\x.png',
    '/etc/cron.d/x.png',
    'C:\\Windows\\x.png',
    '..',
    '.htaccess.png',
  ])('refuses a file name that reaches for folders: %s', async (name) => {
    await expectRefused(() => upload(fatima, name, samples.png, { lang: 'fr' }), {
      status: 422,
      type: 'file-name-unsafe',
      lang: 'fr',
      key: 'error.file.name_unsafe',
    });
    const dataDir = p.config.DATA_DIR;
    expect(existsSync(path.resolve(filesDir, 'etc', 'passwd.png'))).toBe(false);
    expect(existsSync(path.resolve(dataDir, '..', 'etc', 'passwd.png'))).toBe(false);
    expect(existsSync(path.resolve(filesDir, '..', '..', 'x.png'))).toBe(false);
    expect(existsSync(path.resolve(dataDir, 'x.png'))).toBe(false);
  });

  it.each([
    ['a right-to-left override', 'scan\u202Egnp.pdf'],
    ['a zero-width space', 'sc\u200Ban.png'],
    ['a zero-width joiner', 'acte\u200D.png'],
  ])('refuses a file name hiding %s', async (_label, name) => {
    await expectRefused(() => upload(fatima, name, samples.png, { lang: 'en' }), {
      status: 422,
      type: 'file-name-unsafe',
      lang: 'en',
      key: 'error.file.name_unsafe',
    });
  });

  it('refuses an empty file', async () => {
    await expectRefused(() => upload(fatima, 'vide.pdf', Buffer.alloc(0), { lang: 'fr' }), {
      status: 422,
      type: 'file-empty',
      lang: 'fr',
      key: 'error.file.empty',
    });
  });

  it('refuses a file over MAX_UPLOAD_MB with 413, naming the file limit', async () => {
    const big = Buffer.concat([samples.pdf, Buffer.alloc(1.5 * 1024 * 1024, 0x20)]);
    const body = await expectRefused(() => upload(fatima, 'gros.pdf', big, { lang: 'ar' }), {
      status: 413,
      type: 'file-too-large',
      lang: 'ar',
      key: 'error.file.too_large',
      params: { limit: '1 ميغابايت' },
    });
    // the size in the reader's units, not "1 MB" in an Arabic sentence
    expect(body.detail).toContain('1 ميغابايت');
    // One byte over the limit is refused just the same.
    const justOver = Buffer.concat([samples.pdf, Buffer.alloc(1024 * 1024 + 1 - samples.pdf.length, 0x20)]);
    await expectRefused(() => upload(fatima, 'juste.pdf', justOver, { lang: 'fr' }), {
      status: 413,
      type: 'file-too-large',
      lang: 'fr',
      key: 'error.file.too_large',
      params: { limit: '1\u202fMo' }, // a narrow no-break space, as French typography wants
    });
  });

  it('accepts a file of exactly MAX_UPLOAD_MB', async () => {
    const exact = Buffer.concat([samples.pdf, Buffer.alloc(1024 * 1024 - samples.pdf.length, 0x20)]);
    const res = await upload(fatima, 'exact.pdf', exact);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().size).toBe(1024 * 1024);
  });

  it('does not let another citizen upload to, list or download from her case', async () => {
    const mine = await upload(fatima, 'carte.png', samples.png);
    expect(mine.statusCode).toBe(201);

    const bytes = Buffer.concat([samples.pdf, Buffer.from('%% youssef\n')]);
    await expectRefused(() => upload(youssef, 'intrus.pdf', bytes, { lang: 'fr' }), {
      status: 404,
      type: 'not-found',
      lang: 'fr',
      key: 'error.not_found',
    });
    expect(existsSync(blobFor(sha256(bytes)))).toBe(false);

    const dl = await youssef.request({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${mine.json().id}`,
      headers: { 'accept-language': 'ar' },
    });
    expect(dl.statusCode).toBe(404);
    expect(dl.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(dl.json().detail).toBe(t('ar', 'error.not_found'));
    expect(dl.rawPayload.includes(samples.png)).toBe(false);

    const list = await youssef.get(`/api/cases/${caseId}/attachments`);
    expect(list.statusCode).toBe(404);

    // Signed out, nobody gets the file either.
    const anon = await p.app.inject({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${mine.json().id}`,
    });
    expect(anon.statusCode).toBe(401);
  });

  it('writes the timeline event and the audit row with the attachment', async () => {
    const bytes = Buffer.concat([samples.pdf, Buffer.from('%% timeline\n')]);
    const res = await upload(fatima, 'justificatif.pdf', bytes);
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();

    const view = (await fatima.get(`/api/cases/${caseId}`)).json();
    expect(view.timeline.at(-1)).toMatchObject({ type: 'attachment_added', actor: { kind: 'citizen' } });

    const [event] = await p.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), sql`${caseEvents.data}->>'attachmentId' = ${a.id}`));
    expect(event).toMatchObject({
      type: 'attachment_added',
      data: { mediaType: 'application/pdf', size: bytes.length },
    });
    const [audit] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.attachment_add'), eq(auditLog.entityId, a.id)));
    expect(audit).toMatchObject({ entityType: 'attachment', data: { caseId, sha256: sha256(bytes) } });
    expect(audit!.requestId).toBe(res.headers['x-request-id']);
  });

  it('keeps the row, the event and the audit together: if the audit cannot be written, nothing is', async () => {
    const db = p.database.db;
    await db.execute(
      sql.raw(
        `create function jisr_test_refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit unavailable'; end $$`,
      ),
    );
    await db.execute(
      sql.raw(
        `create trigger jisr_test_refuse_audit before insert on audit_log for each row when (new.action = 'case.attachment_add') execute function jisr_test_refuse_audit()`,
      ),
    );
    try {
      const before = await counts();
      const res = await upload(fatima, 'atomique.png', Buffer.concat([samples.png, Buffer.from('atomic')]), {
        lang: 'fr',
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().detail).toBe(t('fr', 'error.internal'));
      expect(await counts()).toEqual(before);
    } finally {
      await db.execute(sql.raw('drop trigger jisr_test_refuse_audit on audit_log'));
      await db.execute(sql.raw('drop function jisr_test_refuse_audit()'));
    }
    // And once the audit works again, the same upload goes through with all three.
    const ok = await upload(fatima, 'atomique.png', Buffer.concat([samples.png, Buffer.from('atomic')]));
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
