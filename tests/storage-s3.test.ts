/**
 * Papers in an S3-compatible bucket (S3_ENDPOINT, S3_BUCKET…), against a real local S3 server: stored under
 * `<prefix>/aa/bb/<sha256>`, served back whole, and never served when the bytes in the bucket no longer match
 * their sha256 (or are gone): the person reads a clear error in their language, the fault is logged.
 */
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Lang, t } from '../src/i18n/index.js';
import { sweepPendingUploads } from '../src/modules/cases/uploads.js';
import { StorageUnavailable, sha256Hex } from '../src/modules/storage/blob-store.js';
import { s3Store } from '../src/modules/storage/s3.js';
import { loadConfig } from '../src/server/config.js';
import { currentMillis } from '../src/shared/clock.js';
import {
  type Client,
  citizenWithComplaint,
  samples,
  testDatabases,
  usePlatform,
} from './support/platform.js';
import { useS3 } from './support/s3-server.js';

const ARABIC = /[\u0600-\u06FF]/;

describe.each(testDatabases())('papers in an S3 bucket on %s', (kind) => {
  const s3 = useS3({ prefix: 'jisr-test' });
  const log: string[] = [];
  const p = usePlatform(kind, () => ({
    env: { ...s3().env, LOG_LEVEL: 'warn' },
    logStream: { write: (line: string) => void log.push(line) },
  }));
  let fatima: Client;
  let caseId: string;

  beforeAll(async () => {
    ({ citizen: fatima, caseId } = await citizenWithComplaint(p.app, 'fatima@example.fr', {
      subject: 'Acte de naissance',
      description: 'Je joins la copie de mon passeport et une photo, comme demandé par le bureau.',
    }));
  });

  const attach = async (name: string, bytes: Buffer) => {
    const res = await fatima.upload(`/api/cases/${caseId}/attachments`, name, bytes);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; sha256: string };
  };
  const download = (id: string, lang?: Lang) =>
    fatima.request({
      method: 'GET',
      url: `/api/cases/${caseId}/attachments/${id}`,
      headers: lang ? { 'accept-language': lang } : {},
    });

  it('stores a citizen’s paper in the bucket under its sha256, and serves the same bytes back', async () => {
    const paper = await attach('passeport.pdf', samples.pdf);
    expect(paper.sha256).toBe(sha256Hex(samples.pdf));
    expect(await s3().keys()).toContain(
      `jisr-test/${paper.sha256.slice(0, 2)}/${paper.sha256.slice(2, 4)}/${paper.sha256}`,
    );
    expect(await s3().object(s3().keyOf(paper.sha256))).toEqual(samples.pdf);
    // nothing in the folder: the bucket is the store
    expect(existsSync(p.config.filesDir)).toBe(false);

    const res = await download(paper.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload).toEqual(samples.pdf);
  });

  it('refuses to serve a paper whose object was changed in the bucket, says so clearly and logs it', async () => {
    const paper = await attach('photo.png', samples.png);
    const damaged = Buffer.from(samples.png);
    damaged[damaged.length - 5]! ^= 0xff;
    await s3().overwrite(s3().keyOf(paper.sha256), damaged);
    log.length = 0;

    for (const lang of ['fr', 'ar', 'en'] as const) {
      const res = await download(paper.id, lang);
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({
        type: 'https://jisr.ma/problems/file-damaged',
        status: 500,
        detail: t(lang, 'error.file.damaged'),
      });
      if (lang === 'ar') expect(res.json().detail).toMatch(ARABIC);
      // not one byte of the damaged object
      expect(res.rawPayload.includes(damaged.subarray(0, 8))).toBe(false);
    }
    const logged = log.filter((l) => l.includes('failed its sha256 check'));
    expect(logged).toHaveLength(3);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 50,
      sha256: paper.sha256,
      actual: sha256Hex(damaged),
      attachmentId: paper.id,
    });

    // put back whole, it is served again
    await s3().overwrite(s3().keyOf(paper.sha256), samples.png);
    expect((await download(paper.id)).rawPayload).toEqual(samples.png);
  });

  it('refuses a paper whose object is gone from the bucket', async () => {
    const bytes = Buffer.concat([samples.pdf, Buffer.from('% gone\n')]);
    const paper = await attach('gone.pdf', bytes);
    await s3Store(p.config.s3!).remove(paper.sha256);
    const res = await download(paper.id, 'en');
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ type: 'https://jisr.ma/problems/file-damaged' });
    expect(log.some((l) => l.includes('stored paper is missing'))).toBe(true);
  });

  it('removes from the bucket the papers nobody filed, unless a case holds the same bytes', async () => {
    const alone = Buffer.concat([samples.pdf, Buffer.from('% waiting alone\n')]);
    const waiting = await fatima.upload('/api/uploads', 'attente.pdf', alone);
    expect(waiting.statusCode, waiting.body).toBe(201);
    const held = await fatima.upload('/api/uploads', 'copie.pdf', samples.pdf);
    expect(held.statusCode, held.body).toBe(201);
    expect(await s3().object(s3().keyOf(sha256Hex(alone)))).toEqual(alone);

    const tomorrow = new Date(currentMillis() + 25 * 3_600_000);
    expect(await sweepPendingUploads(p.database.db, p.app.deps.files, tomorrow)).toBeGreaterThanOrEqual(2);
    expect(await s3().object(s3().keyOf(sha256Hex(alone)))).toBeNull();
    // the same bytes are a paper of the case: kept
    expect(await s3().object(s3().keyOf(sha256Hex(samples.pdf)))).toEqual(samples.pdf);
  });
});

describe('the S3 settings', () => {
  const base = { NODE_ENV: 'test', SECRET: 'test-secret-0123456789' };

  it('keeps the papers in the folder when none is set, and reads a full set', () => {
    expect(loadConfig(base).s3).toBeNull();
    expect(
      loadConfig({
        ...base,
        S3_ENDPOINT: 'https://s3.example.ma',
        S3_BUCKET: 'jisr-papers',
        S3_ACCESS_KEY_ID: 'id',
        S3_SECRET_ACCESS_KEY: 'secret',
        S3_PREFIX: 'rabat/',
      }).s3,
    ).toEqual({
      endpoint: 'https://s3.example.ma',
      bucket: 'jisr-papers',
      region: 'us-east-1',
      prefix: 'rabat',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
  });

  it.each([
    [{ S3_ENDPOINT: 'https://s3.example.ma' }, /S3_BUCKET: required with S3_ENDPOINT/],
    [{ S3_BUCKET: 'jisr-papers' }, /S3_ENDPOINT: required with S3_BUCKET/],
    [
      { S3_ENDPOINT: 'https://s3.example.ma', S3_BUCKET: 'jisr-papers', S3_ACCESS_KEY_ID: 'id' },
      /S3_SECRET_ACCESS_KEY: the two keys go together/,
    ],
    [{ S3_PREFIX: 'x' }, /S3_ENDPOINT, S3_BUCKET: required/],
    [{ S3_ENDPOINT: 'not a url', S3_BUCKET: 'jisr-papers' }, /S3_ENDPOINT/],
    [{ S3_ENDPOINT: 'https://s3.example.ma', S3_BUCKET: 'No_Such' }, /S3_BUCKET: must be a bucket name/],
  ])('refuses to start with %o', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });

  it('reports a bucket that cannot be reached as unavailable, not as a missing file', async () => {
    const store = s3Store({
      endpoint: 'http://127.0.0.1:9',
      bucket: 'jisr-papers',
      region: 'us-east-1',
      prefix: '',
      forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    await expect(store.get(sha256Hex(samples.png))).rejects.toBeInstanceOf(StorageUnavailable);
    await expect(store.put(sha256Hex(samples.png), samples.png)).rejects.toBeInstanceOf(StorageUnavailable);
    await store.close();
  });
});
