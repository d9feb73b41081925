/**
 * `npm run storage:migrate`: the folder's papers copied into the bucket, each read back and checked; counts
 * and a progress line printed; a damaged file refused (and the exit status says so); running it again moves
 * only what is left; `--delete-local` empties the folder only of files found whole in the bucket. A platform
 * then started on the bucket serves the papers it stored in the folder.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobStore, blobKey, sha256Hex } from '../src/modules/storage/blob-store.js';
import { folderBlobPath, folderStore } from '../src/modules/storage/folder.js';
import { migrateBlobs } from '../src/modules/storage/migrate.js';
import { s3Store } from '../src/modules/storage/s3.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { citizenWithComplaint, samples, signedIn, usePlatform } from './support/platform.js';
import { useS3 } from './support/s3-server.js';
import { TEST_SECRET } from './support/templates.js';

const root = path.resolve(import.meta.dirname, '..');

/** The real command, as `npm run storage:migrate` runs it (from the sources here): exit status and output. */
async function migrate(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/storage-migrate.ts', ...args],
      { cwd: root, env: { ...process.env, NODE_NO_WARNINGS: '1', ...env }, timeout: 60_000 },
    );
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function all(store: BlobStore) {
  const out: string[] = [];
  for await (const sha of store.list()) out.push(sha);
  return out.sort();
}

describe('moving the papers from the folder to a bucket', () => {
  const s3 = useS3();
  const p = usePlatform('pglite');
  const extra = Array.from({ length: 4 }, (_, i) =>
    Buffer.concat([Buffer.from(`paper ${i} `), randomBytes(2000)]),
  );
  let paper: { id: string; sha256: string; caseId: string };
  let folder: BlobStore;
  let env: Record<string, string>;
  const damagedSha = sha256Hex(Buffer.from('the bytes this file should hold'));

  beforeAll(async () => {
    env = { DATA_DIR: p.config.DATA_DIR, ...s3().env };
    folder = folderStore(p.config.filesDir);
    // a paper the platform stored in its folder, other files beside it
    const { citizen, caseId } = await citizenWithComplaint(p.app, 'fatima@example.fr', {
      subject: 'Copie intégrale',
      description: 'Je joins la copie de mon acte de naissance, comme demandé au guichet.',
    });
    const res = await citizen.upload(`/api/cases/${caseId}/attachments`, 'acte.pdf', samples.pdf);
    expect(res.statusCode, res.body).toBe(201);
    paper = { ...res.json(), caseId };
    for (const b of extra) await folder.put(sha256Hex(b), b);
    // a file whose bytes no longer match its name, and a write left unfinished: neither goes to the bucket
    const damaged = folderBlobPath(p.config.filesDir, damagedSha);
    await mkdir(path.dirname(damaged), { recursive: true });
    await writeFile(damaged, 'other bytes');
    await writeFile(`${folderBlobPath(p.config.filesDir, sha256Hex(extra[0]!))}.123.tmp`, 'half');
  });

  it('copies every whole file, checks each, refuses the damaged one and fails', async () => {
    expect(await all(folder)).toHaveLength(6);
    const r = await migrate(env);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(
      /^Moving the papers from the folder .+ to the bucket jisr-papers at http:\/\/127\.0\.0\.1:\d+…$/m,
    );
    expect(r.stdout).toMatch(/^ {2}… \d+ files: \d+ copied, \d+ already present, \d+ failed$/m);
    expect(r.stdout).toContain('Done. 6 files: 5 copied, 0 already present, 1 failed.');
    expect(r.stderr).toContain(
      `failed: ${damagedSha}: source: its bytes hash to ${sha256Hex(Buffer.from('other bytes'))}`,
    );
    const expected = [paper.sha256, ...extra.map(sha256Hex)].map((s) => blobKey(s)).sort();
    expect(await s3().keys()).toEqual(expected);
    for (const b of [samples.pdf, ...extra]) expect(await s3().object(blobKey(sha256Hex(b)))).toEqual(b);
    // nothing removed without --delete-local
    expect(await all(folder)).toHaveLength(6);
  });

  it('moves only what is left when run again, and writes again a copy found damaged in the bucket', async () => {
    await rm(folderBlobPath(p.config.filesDir, damagedSha));
    await s3().overwrite(blobKey(sha256Hex(extra[1]!)), Buffer.from('bit rot'));
    const r = await migrate(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Done. 5 files: 1 copied, 4 already present, 0 failed.');
    expect(await s3().object(blobKey(sha256Hex(extra[1]!)))).toEqual(extra[1]);
  });

  it('with --delete-local, empties the folder of the files found whole in the bucket', async () => {
    const r = await migrate(env, '--delete-local');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'Done. 5 files: 0 copied, 5 already present, 0 failed, 5 removed from the folder.',
    );
    expect(await all(folder)).toEqual([]);
    expect(existsSync(folderBlobPath(p.config.filesDir, paper.sha256))).toBe(false);
    expect(await s3().keys()).toHaveLength(5);
  });

  describe('then the platform on the bucket', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        SECRET: TEST_SECRET,
        WORKER: 'false',
        ...env,
      });
      app = await buildApp(config, p.database);
      await app.ready();
    });
    afterAll(() => app.close());

    it('serves the paper stored in the folder before, from the bucket', async () => {
      const citizen = await signedIn(app, 'fatima@example.fr');
      const res = await citizen.get(`/api/cases/${paper.caseId}/attachments/${paper.id}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.rawPayload).toEqual(samples.pdf);
    });
  });

  it('keeps every source file when the bucket cannot be reached', async () => {
    const source = folderStore(path.join(p.config.DATA_DIR, 'other-files'));
    for (const b of extra) await source.put(sha256Hex(b), b);
    const unreachable = s3Store({
      endpoint: 'http://127.0.0.1:9',
      bucket: s3().bucket,
      region: 'us-east-1',
      prefix: '',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    const r = await migrateBlobs(source, unreachable, { deleteSource: true });
    expect(r).toMatchObject({ seen: 4, copied: 0, present: 0, failed: 4, deleted: 0 });
    expect(await all(source)).toHaveLength(4);
    await unreachable.close();
  });

  it('says what is missing when no bucket is set', async () => {
    const r = await migrate({ DATA_DIR: p.config.DATA_DIR });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Set S3_ENDPOINT and S3_BUCKET');
    const half = await migrate({ DATA_DIR: p.config.DATA_DIR, S3_BUCKET: 'jisr-papers' });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('S3_ENDPOINT: required with S3_BUCKET');
  });
});
