/**
 * The backup and restore drill, end to end on PostgreSQL: a seeded platform with papers, `npm run backup`
 * and `npm run restore` run as the operator runs them (child processes, from the sources), the restore into a
 * new database and a new folder compared row by row and file by file, and a restore into a database or a
 * folder that holds something refused without changing it.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { fileComplaintAtAml, samples, signedIn, testDatabases } from './support/platform.js';
import { adminQuery, fill, postgresUrl, TEST_SECRET } from './support/templates.js';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');
const onPostgres = testDatabases().includes('postgres');

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under a folder, by its path relative to it, with the sha256 of its bytes. */
async function filesIn(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: Record<string, string> = {};
  for (const e of entries.filter((d) => d.isFile())) {
    const file = path.join(e.parentPath, e.name);
    out[path.relative(dir, file)] = sha256(await readFile(file));
  }
  return out;
}

async function rows(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Every row of the tables that hold the cases, their timeline and their papers. */
const everything = async (url: string) => ({
  cases: await rows(url, 'select * from cases order by id'),
  caseEvents: await rows(url, 'select * from case_events order by id'),
  attachments: await rows(url, 'select * from attachments order by id'),
  pendingUploads: await rows(url, 'select * from pending_uploads order by id'),
  auditRows: (await rows(url, 'select count(*)::int as n from audit_log'))[0].n,
});

describe.skipIf(!onPostgres)(
  onPostgres
    ? 'backup and restore on PostgreSQL'
    : 'backup and restore on PostgreSQL (skipped: set TEST_DATABASE_URL, and TEST_DATABASES to include postgres)',
  () => {
    // a name of its own for this run's databases (random, not from the clock)
    const run36 = randomBytes(5).toString('hex');
    const names = {
      source: `jisr_bk_${run36}_s`,
      restored: `jisr_bk_${run36}_r`,
      other: `jisr_bk_${run36}_o`,
    };
    const url = (n: keyof typeof names) => postgresUrl(names[n]);
    let dir: string;
    const folder = (name: string) => path.join(dir, name);
    const cli = (script: 'backup' | 'restore', args: string[], env: { db: string; dataDir: string }) =>
      run(tsx, [`src/cli/${script}.ts`, ...args], {
        env: { ...process.env, DATABASE_URL: env.db, DATA_DIR: env.dataDir, LOG_LEVEL: 'silent' },
      });
    let paper: Buffer;
    let caseId: string;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'jisr-backup-'));
      const template = inject('dbTemplates')?.postgres?.demo;
      await adminQuery(`create database ${names.source}${template ? ` template ${template}` : ''}`);
      for (const n of ['restored', 'other'] as const) await adminQuery(`create database ${names[n]}`);
      const database = await openDatabase({ url: url('source') });
      if (!template) await fill(database, 'demo');
      // a platform that has received papers: one filed with a case, one waiting for its case
      const config = loadConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: folder('source'),
        SECRET: TEST_SECRET,
        WORKER: 'false',
      });
      const app = await buildApp(config, database);
      try {
        const fatima = await signedIn(app, 'fatima@example.fr');
        caseId = (
          await fileComplaintAtAml(fatima, {
            subject: 'Acte de naissance',
            description: 'Je joins la copie de mon acte de naissance pour la transcription.',
          })
        ).id;
        paper = Buffer.concat([samples.pdf, Buffer.from(`% ${run36}\n`)]);
        const filed = await fatima.upload(`/api/cases/${caseId}/attachments`, 'acte.pdf', paper, {
          type: 'application/pdf',
        });
        expect(filed.statusCode, filed.body).toBe(201);
        const waiting = await fatima.upload('/api/uploads', 'photo.png', samples.png, { type: 'image/png' });
        expect(waiting.statusCode, waiting.body).toBeLessThan(300);
      } finally {
        await app.close();
        await database.close();
      }
    }, 120_000);

    afterAll(async () => {
      for (const n of Object.values(names)) await adminQuery(`drop database if exists ${n} with (force)`);
      await rm(dir, { recursive: true, force: true });
    });

    it('backs up, and restores into an empty database and folder every case, event and file', async () => {
      const source = await everything(url('source'));
      expect(source.cases.length).toBeGreaterThan(10);
      expect(source.caseEvents.length).toBeGreaterThan(source.cases.length);
      expect(source.attachments.length).toBeGreaterThan(0);
      expect(source.pendingUploads.length).toBeGreaterThan(0);
      const sourceFiles = await filesIn(folder('source/files'));
      expect(Object.values(sourceFiles)).toEqual(
        expect.arrayContaining([sha256(paper), sha256(samples.png)]),
      );

      const backup = await cli('backup', ['--out', folder('backup')], {
        db: url('source'),
        dataDir: folder('source'),
      });
      expect(backup.stdout).toContain(
        `${source.cases.length} cases, ${source.caseEvents.length} case events`,
      );
      const manifest = JSON.parse(await readFile(folder('backup/manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({
        format: 1,
        platform: { name: 'jisr' },
        database: {
          counts: { cases: source.cases.length, case_events: source.caseEvents.length },
          migrations: { applied: expect.any(Number), last: expect.stringMatching(/^\d{4}_/) },
        },
        files: { count: Object.keys(sourceFiles).length },
      });
      for (const f of manifest.files.list) expect(Object.values(sourceFiles)).toContain(f.sha256);

      const restore = await cli('restore', ['--from', folder('backup')], {
        db: url('restored'),
        dataDir: folder('restored'),
      });
      expect(restore.stdout).toContain('Everything is as in the backup.');
      expect(restore.stdout).toMatch(/restored in [\d.]+ s/);

      // row by row, file by file
      expect(await everything(url('restored'))).toEqual(source);
      const restoredFiles = await filesIn(folder('restored/files'));
      expect(restoredFiles).toEqual(sourceFiles);
      for (const [file, sha] of Object.entries(restoredFiles)) expect(path.basename(file)).toBe(sha);

      // and the platform works on it: the paper is served as it was sent
      const database = await openDatabase({ url: url('restored') });
      const app = await buildApp(
        loadConfig({
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          DATA_DIR: folder('restored'),
          SECRET: TEST_SECRET,
        }),
        database,
      );
      try {
        const fatima = await signedIn(app, 'fatima@example.fr');
        const attachment = source.attachments.find((a) => a.sha256 === sha256(paper))!;
        const res = await fatima.get(`/api/cases/${caseId}/attachments/${attachment.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.rawPayload.equals(paper)).toBe(true);
      } finally {
        await app.close();
        await database.close();
      }
    }, 120_000);

    it('refuses a database or a folder that holds something, and changes neither', async () => {
      const before = await everything(url('restored'));
      const intoFull = await cli('restore', ['--from', folder('backup')], {
        db: url('restored'),
        dataDir: folder('empty'),
      }).catch((e) => e);
      expect(intoFull.code).toBe(1);
      expect(intoFull.stderr).toContain('is not empty');
      expect(intoFull.stderr).toContain('Nothing was changed.');
      expect(intoFull.stderr).not.toContain('    at ');
      expect(await everything(url('restored'))).toEqual(before);
      expect(await filesIn(folder('empty'))).toEqual({});

      const filesThere = await cli('restore', ['--from', folder('backup')], {
        db: url('other'),
        dataDir: folder('restored'),
      }).catch((e) => e);
      expect(filesThere.code).toBe(1);
      expect(filesThere.stderr).toContain(`${folder('restored/files')} is not empty`);
      const tables = await rows(
        url('other'),
        "select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')",
      );
      expect(tables[0].n).toBe(0);

      const again = await cli('backup', ['--out', folder('backup')], {
        db: url('source'),
        dataDir: folder('source'),
      }).catch((e) => e);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('is not empty');
    }, 60_000);
  },
);
