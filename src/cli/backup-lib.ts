/**
 * What `npm run backup` and `npm run restore` share: the facts a backup records about the database (counts,
 * a fingerprint of every case, event and paper row, the migration level), the papers' folder walked and
 * copied with each file's sha256, the PostgreSQL client tools, and the manifest. See docs/deploy.md.
 *
 * The papers are read and written by `listBlobs` and `copyBlob` only: with another store (a bucket) these two
 * are what changes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { packageRoot } from '../server/package-root.js';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'files';

/** Tables whose rows are counted in the manifest and compared after a restore. */
export const countedTables = [
  'institutions',
  'accounts',
  'cases',
  'case_events',
  'attachments',
  'pending_uploads',
  'audit_log',
  'notifications',
  'appointments',
] as const;
/** Tables of which every row is fingerprinted (an md5 of each row's text, in id order). */
export const fingerprintedTables = ['cases', 'case_events', 'attachments', 'pending_uploads'] as const;

export type DatabaseFacts = {
  counts: Record<(typeof countedTables)[number], number>;
  fingerprints: Record<(typeof fingerprintedTables)[number], string>;
  /** The papers the rows name (attachments and papers waiting for their case), by sha256. */
  referencedFiles: string[];
  migrations: { applied: number; last: string | null };
  server: string;
};

export type FileEntry = { sha256: string; size: number };

export type Manifest = {
  format: 1;
  platform: { name: string; version: string };
  createdAt: string;
  database: Omit<DatabaseFacts, 'referencedFiles'> & {
    dump: string;
    dumpBytes: number;
    databaseBytes: number;
  };
  /** `skipped`: a backup of the database only (the papers in a bucket, copied with its own tools). */
  files: { count: number; bytes: number; referenced: number; list: FileEntry[]; skipped?: boolean };
  seconds: { dump: number; files: number; total: number };
};

export const platformVersion = (): { name: string; version: string } => {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
  return { name: pkg.name, version: pkg.version };
};

/**
 * The papers are in an object store (S3_ENDPOINT) rather than in DATA_DIR/files: the bucket is copied with the
 * store's own tools, and these commands handle the database only (`--database-only`).
 */
export const papersInBucket = () => !!process.env.S3_ENDPOINT;
export const bucketNote =
  'The papers are kept in a bucket (S3_ENDPOINT): copy it with the object store’s own tools (`mc mirror`, `aws s3 sync`, or `npm run storage:migrate`) and run this with --database-only for the database (see docs/deploy.md).';

/** A failure to report in one line (exit code 1), not as a stack. */
export class Refusal extends Error {}

/** The database URL without its password, to name it in messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(the DATABASE_URL)';
  }
}

export const seconds = (since: number) => Math.round((performance.now() - since) / 100) / 10;

/** The migrations' names by their time, from drizzle/meta/_journal.json. */
function migrationTags(): Map<string, string> {
  const journal = JSON.parse(
    readFileSync(path.join(packageRoot, 'drizzle', 'meta', '_journal.json'), 'utf8'),
  );
  return new Map((journal.entries as { when: number; tag: string }[]).map((e) => [String(e.when), e.tag]));
}

/**
 * Reads the facts of the database on `client`, inside whatever transaction it is in (the backup reads them in
 * the snapshot pg_dump dumps, so they describe exactly what the dump holds).
 */
export async function readFacts(client: pg.ClientBase): Promise<DatabaseFacts> {
  // the row texts must not depend on the session's settings
  await client.query(`set timezone = 'UTC'`);
  await client.query(`set datestyle = 'ISO, YMD'`);
  await client.query('set extra_float_digits = 3');
  const counts = {} as DatabaseFacts['counts'];
  for (const t of countedTables) {
    const r = await client.query<{ n: string }>(`select count(*)::text as n from ${t}`);
    counts[t] = Number(r.rows[0]!.n);
  }
  const fingerprints = {} as DatabaseFacts['fingerprints'];
  for (const t of fingerprintedTables) {
    const r = await client.query<{ f: string }>(
      `select md5(coalesce(string_agg(md5(r::text), '' order by r.id), '')) as f from ${t} r`,
    );
    fingerprints[t] = r.rows[0]!.f;
  }
  const files = await client.query<{ sha256: string }>(
    'select sha256 from attachments union select sha256 from pending_uploads order by 1',
  );
  const m = await client.query<{ applied: number; last: string | null }>(
    'select count(*)::int as applied, max(created_at)::text as last from drizzle.__drizzle_migrations',
  );
  const last = m.rows[0]!.last;
  const server = await client.query<{ v: string }>("select current_setting('server_version') as v");
  return {
    counts,
    fingerprints,
    referencedFiles: files.rows.map((r) => r.sha256),
    migrations: { applied: m.rows[0]!.applied, last: last ? (migrationTags().get(last) ?? last) : null },
    server: server.rows[0]!.v,
  };
}

/** How many tables, views and sequences the database holds outside PostgreSQL's own schemas. */
export async function relationCount(client: pg.ClientBase): Promise<number> {
  const r = await client.query<{ n: number }>(
    `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
       and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  return r.rows[0]!.n;
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((err: Error) => {
    throw new Refusal(`Cannot reach the database at ${redact(url)}: ${err.message}`);
  });
  return client;
}

/**
 * Runs pg_dump or pg_restore on the database at `url`, their messages passed through; rejects with a clear line
 * when it fails. The password goes in PGPASSWORD, not on the command line, where other users could see it.
 */
export function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<void> {
  let dbname = url;
  const env = { ...process.env };
  try {
    const u = new URL(url);
    if (u.password) {
      env.PGPASSWORD = decodeURIComponent(u.password);
      u.password = '';
      dbname = u.toString();
    }
  } catch {
    // not a URL (a key=value connection string): given as it is
  }
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, `--dbname=${dbname}`], { stdio: ['ignore', 'inherit', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Refusal(
          err.code === 'ENOENT'
            ? `${tool} was not found: install the PostgreSQL client tools (the server's major version or newer) and put them on the PATH.`
            : `${tool} could not start: ${err.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve()
        : reject(
            new Refusal(
              `${tool} failed (exit ${code}):\n${stderr.trim().replace(/postgres(ql)?:\/\/[^\s]*/g, (u) => redact(u))}`,
            ),
          ),
    );
  });
}

const SHA = /^[0-9a-f]{64}$/;
const blobPath = (dir: string, sha: string) => path.join(dir, sha.slice(0, 2), sha.slice(2, 4), sha);

/** The papers of a files folder (`aa/bb/<sha256>`), by sha256; files being written (`.tmp`) are left out. */
export async function listBlobs(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const a of await readdir(dir)) {
    const level1 = path.join(dir, a);
    if (!(await stat(level1)).isDirectory()) continue;
    for (const b of await readdir(level1)) {
      const level2 = path.join(level1, b);
      if (!(await stat(level2)).isDirectory()) continue;
      for (const f of await readdir(level2)) if (SHA.test(f)) found.push(f);
    }
  }
  return found.sort();
}

/**
 * Copies one paper from a files folder to another, hashing it on the way: the copy is written under a
 * temporary name and renamed once whole. Returns its size and the sha256 of its bytes.
 */
export async function copyBlob(fromDir: string, toDir: string, sha: string): Promise<FileEntry> {
  const target = blobPath(toDir, sha);
  await mkdir(path.dirname(target), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const tmp = `${target}.${process.pid}.tmp`;
  await pipeline(createReadStream(blobPath(fromDir, sha)), tap, createWriteStream(tmp, { flags: 'wx' }));
  await rename(tmp, target);
  return { sha256: hash.digest('hex'), size };
}

/** The sha256 and size of one paper as it is stored. */
export async function hashBlob(dir: string, sha: string): Promise<FileEntry> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(blobPath(dir, sha)) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Runs `work` over `items`, `width` at a time, in order of the results. */
export async function inParallel<T, R>(
  items: T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** True when the folder does not exist or holds nothing. */
export async function isEmptyFolder(dir: string): Promise<boolean> {
  if (!existsSync(dir)) return true;
  return (await readdir(dir)).length === 0;
}

export async function removeQuietly(file: string) {
  await rm(file, { force: true, recursive: true }).catch(() => {});
}

/** Human sizes for the summaries. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
}

/** Runs a command-line main: a Refusal prints its message and exits 1, anything else its stack. */
export function runCli(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (err: Error & { code?: string }) => {
      if (err.code?.startsWith('ERR_PARSE_ARGS')) {
        console.error(`${err.message}\n\nSee --help.`);
        process.exit(2);
      }
      const oneLine = err instanceof Refusal || err.message?.startsWith('Invalid configuration');
      console.error(oneLine ? err.message : (err.stack ?? String(err)));
      process.exit(1);
    },
  );
}
