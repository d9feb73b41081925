import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';
import { importReferenceData } from '../../src/db/reference-data.js';
import { seedDemo } from '../../src/demo/seed.js';

/**
 * Seeded databases built once per test run, then copied for each test file: migrating, loading the
 * reference data and seeding the demo takes seconds, copying a template a fraction of that.
 * PGlite: a dump of the data directory on disk, loaded with `loadDataDir`. PostgreSQL: a database used as
 * `CREATE DATABASE … TEMPLATE`.
 */
export type TemplateName = 'reference' | 'demo';
export type DbTemplates = {
  pglite?: Record<TemplateName, string>;
  postgres?: Record<TemplateName, string>;
  dir: string;
};

/** The secret the demo templates are seeded with (access codes depend on it). */
export const TEST_SECRET = 'test-secret-0123456789';

export type DbKind = 'pglite' | 'postgres';

/**
 * The databases the database tests run on: PGlite always, PostgreSQL too when TEST_DATABASE_URL is set;
 * `TEST_DATABASES=postgres` (or `pglite`) narrows it to one.
 */
export function testDatabases(): DbKind[] {
  const all: DbKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const only = process.env.TEST_DATABASES?.split(',').map((s) => s.trim());
  return only ? all.filter((k) => only.includes(k)) : all;
}

/** Migrated, with the reference data, and (for `demo`) the demo seeded at the platform clock's date. */
export async function fill(database: Database, name: TemplateName) {
  await database.migrate();
  await importReferenceData(database.db);
  if (name === 'demo') await seedDemo(database.db, TEST_SECRET);
  return database;
}

export async function adminQuery(sql: string) {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export function postgresUrl(name: string) {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function buildTemplates(kinds: DbKind[]): Promise<DbTemplates> {
  const dir = await mkdtemp(path.join(tmpdir(), 'jisr-templates-'));
  const templates: DbTemplates = { dir };
  const names: TemplateName[] = ['reference', 'demo'];
  const run = `${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await Promise.all(
    kinds.map(async (kind) => {
      const built = {} as Record<TemplateName, string>;
      for (const name of names) {
        if (kind === 'pglite') {
          const database = await openDatabase({ dataDir: null });
          await fill(database, name);
          const file = path.join(dir, `${name}.tar`);
          await writeFile(file, Buffer.from(await (await database.dump!()).arrayBuffer()));
          await database.close();
          built[name] = file;
        } else {
          const db = `jisr_tpl_${run}_${name}`;
          await adminQuery(`create database ${db}`);
          const database = await openDatabase({ url: postgresUrl(db), poolSize: 2 });
          await fill(database, name);
          await database.close();
          built[name] = db;
        }
      }
      templates[kind] = built;
    }),
  );
  return templates;
}

export async function dropTemplates(templates: DbTemplates) {
  for (const db of Object.values(templates.postgres ?? {}))
    await adminQuery(`drop database if exists ${db} with (force)`).catch(() => {});
  await rm(templates.dir, { recursive: true, force: true });
}
