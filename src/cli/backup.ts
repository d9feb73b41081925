import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import {
  bucketNote,
  connect,
  copyBlob,
  DUMP,
  FILES,
  type FileEntry,
  inParallel,
  isEmptyFolder,
  listBlobs,
  MANIFEST,
  type Manifest,
  megabytes,
  papersInBucket,
  platformVersion,
  Refusal,
  readFacts,
  runCli,
  runTool,
  seconds,
} from './backup-lib.js';

const usage = `Usage: npm run backup -- --out <folder> [--database-only]

Backs up the platform on PostgreSQL (DATABASE_URL) into a new or empty folder:
  ${DUMP}    the whole database (pg_dump, custom format)
  ${FILES}/           a copy of the papers (DATA_DIR/files), each checked against its sha256
  ${MANIFEST}     counts of cases, events, papers…, a fingerprint of every case and event row, the
                  sha256 of every file, the platform version, the migration level and the time taken
The counts are read in the very snapshot pg_dump dumps; the platform keeps running meanwhile.
--database-only leaves the papers out (when they are kept in a bucket, copied with its own tools).
Restore with: npm run restore -- --from <folder>`;

async function main() {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'database-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!values.out) {
    console.error(`--out: the folder to write the backup to\n\n${usage}`);
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.DATABASE_URL)
    throw new Refusal(
      'npm run backup works with PostgreSQL (DATABASE_URL). With the embedded database, stop the platform and copy the whole DATA_DIR folder (the database in DATA_DIR/pglite and the papers in DATA_DIR/files): see docs/deploy.md.',
    );
  const withFiles = !values['database-only'];
  if (withFiles && papersInBucket()) throw new Refusal(bucketNote);
  const out = path.resolve(values.out);
  if (!(await isEmptyFolder(out)))
    throw new Refusal(`${out} is not empty: give a new or empty folder to back up into.`);

  const started = performance.now();
  const client = await connect(config.DATABASE_URL);
  let facts: Awaited<ReturnType<typeof readFacts>>;
  const dumpFile = path.join(out, DUMP);
  try {
    // One snapshot for pg_dump and for the facts of the manifest: they describe the same database state.
    await client.query('begin isolation level repeatable read read only');
    const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
    await mkdir(out, { recursive: true });
    const [, read] = await Promise.all([
      runTool(
        'pg_dump',
        ['--format=custom', `--snapshot=${snapshot}`, `--file=${dumpFile}`],
        config.DATABASE_URL,
      ),
      readFacts(client),
    ]);
    facts = read;
    await client.query('commit');
  } finally {
    await client.end();
  }
  const dumpSeconds = seconds(started);
  const databaseBytes = await (async () => {
    const c = await connect(config.DATABASE_URL!);
    try {
      const r = await c.query<{ b: string }>('select pg_database_size(current_database())::text as b');
      return Number(r.rows[0]!.b);
    } finally {
      await c.end();
    }
  })();

  // The papers: every file of the folder, copied and hashed; each must hash to its own name, and every paper
  // the dumped rows name must be among them.
  const filesStarted = performance.now();
  const shas = withFiles ? await listBlobs(config.filesDir) : [];
  const copied: FileEntry[] = await inParallel(shas, 8, (sha) =>
    copyBlob(config.filesDir, path.join(out, FILES), sha),
  );
  const wrong = copied.filter((f, i) => f.sha256 !== shas[i]);
  if (wrong.length)
    throw new Refusal(
      `${wrong.length} paper(s) in ${config.filesDir} do not match their sha256 (damaged on disk): ${shas
        .filter((_, i) => copied[i]!.sha256 !== shas[i])
        .slice(0, 5)
        .join(', ')}`,
    );
  const present = new Set(shas);
  const missing = withFiles ? facts.referencedFiles.filter((s) => !present.has(s)) : [];
  if (missing.length)
    throw new Refusal(
      `${missing.length} paper(s) named in the database are not in ${config.filesDir} (removed since the snapshot, or lost): ${missing
        .slice(0, 5)
        .join(', ')}. Run the backup again; if they are still missing, the folder has lost them.`,
    );
  const filesSeconds = seconds(filesStarted);

  const { referencedFiles, ...database } = facts;
  const dumpBytes = (await stat(dumpFile)).size;
  const manifest: Manifest = {
    format: 1,
    platform: platformVersion(),
    createdAt: new Date().toISOString(),
    database: { ...database, dump: DUMP, dumpBytes, databaseBytes },
    files: {
      count: copied.length,
      bytes: copied.reduce((n, f) => n + f.size, 0),
      referenced: referencedFiles.length,
      list: copied,
      ...(withFiles ? {} : { skipped: true }),
    },
    seconds: { dump: dumpSeconds, files: filesSeconds, total: seconds(started) },
  };
  // written last: a folder with a manifest is a whole backup
  await writeFile(path.join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  const c = manifest.database.counts;
  console.log(
    [
      `Backup written to ${out}`,
      `  platform ${manifest.platform.version}, migrations ${database.migrations.applied} (last ${database.migrations.last}), PostgreSQL ${database.server}`,
      `  ${c.cases} cases, ${c.case_events} case events, ${c.attachments} attachments, ${c.pending_uploads} papers waiting for their case`,
      `  database ${megabytes(databaseBytes)}, dump ${megabytes(dumpBytes)} in ${dumpSeconds} s`,
      withFiles
        ? `  ${manifest.files.count} files, ${megabytes(manifest.files.bytes)}, copied and hashed in ${filesSeconds} s`
        : `  papers left out (--database-only): ${referencedFiles.length} named by the database`,
      `  total ${manifest.seconds.total} s`,
    ].join('\n'),
  );
}

runCli(main);
