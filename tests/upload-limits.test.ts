/**
 * Upload quotas (per citizen account over 24 hours, per case) and PDFs with active content: a refused paper
 * is refused in the sender's language and leaves nothing stored.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Lang, type MessageKey, t } from '../src/i18n/index.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { blobPath } from '../src/modules/cases/files.js';
import { cases, pendingUploads } from '../src/modules/cases/schema.js';
import { currentTime, fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { formatFileSize } from '../src/shared/file-size.js';
import {
  type Client,
  citizenWithComplaint,
  fileComplaintAtAml,
  idsByCode,
  samples,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';

const ARABIC = /[\u0600-\u06FF]/;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
let salt = 0;
/** A real PDF of about `size` bytes, different from every other one made here. */
const paper = (size = 0) => {
  const mark = `% paper ${++salt}\n`;
  const pad = Math.max(0, size - samples.pdf.length - mark.length - 2);
  return Buffer.concat([samples.pdf, Buffer.from(mark), Buffer.from(`%${'x'.repeat(pad)}\n`)]);
};

/** An "other complaint" at the commune of Aït Melloul, to file with papers. */
const complaint = async (c: Client) => {
  const ids = await idsByCode(c.app, '/api/institutions');
  const categories = await idsByCode(c.app, '/api/categories');
  return {
    institutionId: ids.AML,
    categoryId: categories['complaint-autre'],
    subject: 'Pièces de mon dossier',
    description: 'Je joins les pièces numérisées demandées par le service.',
    replyChannels: ['email'],
  };
};

const send = (c: Client, bytes: Buffer, caseId?: string, name = 'piece.pdf') => {
  return c.upload(caseId ? `/api/cases/${caseId}/attachments` : '/api/uploads', name, bytes);
};

/** The answer is the translated refusal, with the problem type of its key. */
function expectProblem(
  res: LightMyRequestResponse,
  e: { status: number; lang: Lang; key: MessageKey; params?: Record<string, string | number> },
) {
  expect(res.statusCode, res.body).toBe(e.status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  const type = e.key.replace(/^error\./, '').replace(/[._]/g, '-');
  expect(body).toMatchObject({
    type: `https://jisr.ma/problems/${type}`,
    detail: t(e.lang, e.key, e.params),
  });
  if (e.lang === 'ar') expect(body.detail).toMatch(ARABIC);
  else expect(body.detail).not.toMatch(ARABIC);
  return body.detail as string;
}

describe.each(testDatabases())('upload quotas on %s', (kind) => {
  const p = usePlatform(kind, {
    env: {
      UPLOAD_DAY_FILES: '4',
      UPLOAD_DAY_MB: '0.1',
      UPLOAD_CASE_FILES: '3',
      UPLOAD_CASE_MB: '0.06',
      SESSION_TTL_HOURS: '96',
    },
  });
  let restoreClock: () => void;
  const clock = fixedClock(currentTime());
  const dayBytes = Math.floor(0.1 * 1024 * 1024);
  const caseBytes = Math.floor(0.06 * 1024 * 1024);
  let fatima: Client;
  let youssef: Client;
  let khadija: Client;

  beforeAll(async () => {
    restoreClock = setPlatformClock(clock);
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    youssef = await signedIn(p.app, 'youssef@example.es', 'ar');
    khadija = await signedIn(p.app, 'khadija@example.be', 'fr');
  });
  afterAll(() => restoreClock?.());

  const filesOnDisk = async () =>
    existsSync(p.config.filesDir)
      ? (await readdir(p.config.filesDir, { recursive: true, withFileTypes: true })).filter((d) => d.isFile())
          .length
      : 0;
  const pendingOf = async (email: string) => {
    const [a] = await p.database.db
      .select({ id: accounts.id })
      .from(accounts)
      .where(eq(accounts.email, email));
    return (await p.database.db.select().from(pendingUploads).where(eq(pendingUploads.accountId, a!.id)))
      .length;
  };
  const allCases = async () => (await p.database.db.select({ id: cases.id }).from(cases)).length;

  it('takes 4 papers of 6 sent at once by one citizen, refuses the others in French, stores none of them', async () => {
    const papers = Array.from({ length: 6 }, () => paper());
    const answers = await Promise.all(papers.map((b) => send(fatima, b)));
    const taken = answers.filter((r) => r.statusCode === 201);
    const refused = answers.filter((r) => r.statusCode !== 201);
    expect(taken).toHaveLength(4);
    expect(refused).toHaveLength(2);
    for (const r of refused) {
      const detail = expectProblem(r, {
        status: 429,
        lang: 'fr',
        key: 'error.upload.day_files',
        params: { max: 4, count: 4 },
      });
      expect(detail).toContain('la limite de 4 pièces envoyées en 24 heures');
    }
    expect(await pendingOf('fatima@example.fr')).toBe(4);
    const stored = papers.filter((b) => existsSync(blobPath(p.config.filesDir, sha256(b))));
    expect(stored).toHaveLength(4);
  });

  it('still counts a withdrawn paper and filed papers; 24 hours later the citizen may send again', async () => {
    const items = (await fatima.get('/api/uploads')).json().items as { id: string }[];
    expect((await fatima.delete(`/api/uploads/${items[0]!.id}`)).statusCode).toBe(204);
    const disk = await filesOnDisk();
    const again = await send(fatima, paper());
    expectProblem(again, {
      status: 429,
      lang: 'fr',
      key: 'error.upload.day_files',
      params: { max: 4, count: 4 },
    });
    expect(await filesOnDisk()).toBe(disk);
    // the three papers left, filed with a case: they count as they did while waiting
    const filed = await fatima.post('/api/cases', {
      ...(await complaint(fatima)),
      attachmentIds: items.slice(1).map((i) => i.id),
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const other = await fileComplaintAtAml(fatima, {
      subject: 'Autre demande',
      description: 'Une autre demande, pour laquelle je voudrais joindre une pièce.',
    });
    const later = await send(fatima, paper(), other.id);
    expectProblem(later, {
      status: 429,
      lang: 'fr',
      key: 'error.upload.day_files',
      params: { max: 4, count: 4 },
    });
    clock.advance(24 * 3_600_000 + 60_000);
    expect((await send(fatima, paper())).statusCode).toBe(201);
    expect((await send(fatima, paper(), other.id)).statusCode).toBe(201);
  });

  it('counts the bytes of 24 hours too, and says so in Arabic with the size in Arabic', async () => {
    expect((await send(youssef, paper(40_000))).statusCode).toBe(201);
    expect((await send(youssef, paper(40_000))).statusCode).toBe(201);
    const before = await pendingOf('youssef@example.es');
    const over = paper(30_000);
    const detail = expectProblem(await send(youssef, over), {
      status: 429,
      lang: 'ar',
      key: 'error.upload.day_bytes',
      params: { limit: formatFileSize(dayBytes, 'ar') },
    });
    expect(detail).toContain(formatFileSize(dayBytes, 'ar'));
    expect(detail).toContain('24 ساعة');
    expect(await pendingOf('youssef@example.es')).toBe(before);
    expect(existsSync(blobPath(p.config.filesDir, sha256(over)))).toBe(false);
    // a lighter one still fits
    expect((await send(youssef, paper(15_000))).statusCode).toBe(201);
  });

  it('limits what one case holds, for staff too (who have no daily allowance)', async () => {
    const staff = await signedIn(p.app, 'etatcivil@aml.demo', 'fr');
    const a = await fileComplaintAtAml(khadija, {
      subject: 'Copie intégrale introuvable',
      description: 'Le service ne retrouve pas la copie intégrale de mon acte de naissance.',
    });
    for (let i = 0; i < 3; i++) expect((await send(staff, paper(), a.id)).statusCode).toBe(201);
    const disk = await filesOnDisk();
    const fourth = await send(staff, paper(), a.id);
    const detail = expectProblem(fourth, {
      status: 422,
      lang: 'fr',
      key: 'error.upload.case_files',
      params: { max: 3, count: 3 },
    });
    expect(detail).toBe('Ce dossier contient déjà 3 pièces, le maximum pour un dossier.');
    expect((await staff.get(`/api/cases/${a.id}/attachments`)).json().items).toHaveLength(3);

    const b = await fileComplaintAtAml(khadija, {
      subject: 'Légalisation de signature',
      description: 'Je demande la légalisation de ma signature sur une procuration.',
    });
    expect((await send(staff, paper(1_000), b.id)).statusCode).toBe(201);
    expect((await send(staff, paper(40_000), b.id)).statusCode).toBe(201);
    const heavy = await send(staff, paper(30_000), b.id);
    const size = formatFileSize(caseBytes, 'fr');
    const text = expectProblem(heavy, {
      status: 422,
      lang: 'fr',
      key: 'error.upload.case_bytes',
      params: { limit: size },
    });
    expect(text).toContain(`peuvent peser ${size} au total`);
    expect((await staff.get(`/api/cases/${b.id}/attachments`)).json().items).toHaveLength(2);
    expect(await filesOnDisk()).toBe(disk + 2);
  });

  it('refuses a filing whose papers together weigh more than a case may hold, and files nothing', async () => {
    const one = (await send(khadija, paper(40_000))).json();
    const two = (await send(khadija, paper(30_000))).json();
    const before = await allCases();
    const res = await khadija.post('/api/cases', {
      ...(await complaint(khadija)),
      attachmentIds: [one.id, two.id],
    });
    expectProblem(res, {
      status: 422,
      lang: 'fr',
      key: 'error.upload.case_bytes',
      params: { limit: formatFileSize(caseBytes, 'fr') },
    });
    expect(await allCases()).toBe(before);
    const waiting = (await khadija.get('/api/uploads')).json().items.map((u: { id: string }) => u.id);
    expect(waiting).toEqual(expect.arrayContaining([one.id, two.id]));
  });
});

/** Pieces of PDFs with active content, as a sender might make them. */
const withObject = (obj: string | Buffer) =>
  Buffer.concat([
    Buffer.from(
      '%PDF-1.7\n1 0 obj<</Type/Catalog/Pages 2 0 R/Names 4 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n',
    ),
    Buffer.from(obj),
    Buffer.from('trailer<</Root 1 0 R>>\n%%EOF\n'),
  ]);
const inObjectStream = (obj: string) => {
  const head = '4 0\n';
  const data = deflateSync(Buffer.from(head + obj));
  return Buffer.concat([
    Buffer.from(
      `9 0 obj<</Type/ObjStm/N 1/First ${head.length}/Filter/FlateDecode/Length ${data.length}>>stream\n`,
    ),
    data,
    Buffer.from('\nendstream\nendobj\n'),
  ]);
};

describe.each(testDatabases())('PDF checks on %s', (kind) => {
  const p = usePlatform(kind);
  let fatima: Client;
  let caseId: string;
  beforeAll(async () => {
    ({ citizen: fatima, caseId } = await citizenWithComplaint(p.app, 'fatima@example.fr', {
      subject: 'Acte de mariage',
      description: 'Je joins la copie de mon acte de mariage transcrit au consulat.',
    }));
  });

  const refusedPdfs: [string, Buffer][] = [
    ['a script', withObject('4 0 obj<</OpenAction<</S/JavaScript/JS(app.alert\\(1\\))>>>>endobj\n')],
    [
      'a script under an escaped name',
      withObject('4 0 obj<</OpenAction<</S/#4AavaScript/#4A#53(x)>>>>endobj\n'),
    ],
    ['an embedded file', withObject('4 0 obj<</EmbeddedFiles<</Names[(a.exe) 5 0 R]>>>>endobj\n')],
    ['a launch action in a compressed object stream', withObject(inObjectStream('<</S/Launch/F(cmd.exe)>>'))],
  ];

  it.each(refusedPdfs)(
    'refuses a PDF with %s, in French and in Arabic, storing nothing',
    async (_what, pdf) => {
      const before = (await fatima.get('/api/uploads')).json().items.length;
      for (const [lang, url] of [
        ['fr', '/api/uploads'],
        ['ar', `/api/cases/${caseId}/attachments`],
      ] as const) {
        const res = await fatima.upload(url, 'acte.pdf', pdf, { lang });
        const detail = expectProblem(res, { status: 422, lang, key: 'error.upload.pdf_active' });
        if (lang === 'fr') expect(detail).toContain('contient du contenu actif');
      }
      expect(existsSync(blobPath(p.config.filesDir, sha256(pdf)))).toBe(false);
      expect((await fatima.get('/api/uploads')).json().items.length).toBe(before);
      expect((await fatima.get(`/api/cases/${caseId}/attachments`)).json().items).toEqual([]);
    },
  );

  it('takes a plain PDF, and the receipt and reply letter the platform itself wrote', async () => {
    expect((await send(fatima, paper())).statusCode).toBe(201);
    const receipt = await fatima.post(`/api/cases/${caseId}/receipt.pdf`, {});
    expect(receipt.statusCode).toBe(200);
    expect((await send(fatima, receipt.rawPayload, caseId, 'recu.pdf')).statusCode).toBe(201);
    const mine = (await fatima.get('/api/cases?limit=100')).json().items as { id: string }[];
    let letter: Buffer | null = null;
    for (const c of mine) {
      const res = await fatima.get(`/api/cases/${c.id}/reply.pdf`);
      if (res.statusCode === 200) {
        letter = res.rawPayload;
        break;
      }
    }
    expect(letter, 'the demo holds an answered case of hers').not.toBeNull();
    expect((await send(fatima, letter!, caseId, 'reponse.pdf')).statusCode).toBe(201);
  });
});
