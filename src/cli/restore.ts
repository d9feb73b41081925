import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.js';
import { packageRoot } from '../server/package-root.js';
import {
  bucketNote,
  connect,
  copyBlob,
  countedTables,
  type DatabaseFacts,
  DUMP,
  FILES,
  fingerprintedTables,
  hashBlob,
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
  redact,
  relationCount,
  runCli,
  runTool,
  seconds,
} from './backup-lib.js';

const usage = `Usage: npm run restore -- --from <folder> [--jobs N] [--database-only]

Restores a backup written by \`npm run backup\` into an EMPTY PostgreSQL database (DATABASE_URL) and an
empty papers folder (DATA_DIR/files), then checks it: the counts of cases, events, papers… and the
fingerprint of every case and event row equal to the manifest, and the sha256 of every file equal to it.
A database or folder that holds anything is refused and left as it is. --jobs: parallel pg_restore jobs
(default: the number of cores, at most 4). --database-only leaves the papers out (a bucket is restored with
the object store's own tools). Start the platform on the restored database afterwards.`;

async function main() {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      jobs: { type: 'string' },
      'database-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const jobs = values.jobs ? Number(values.jobs) : Math.min(4, os.availableParallelism());
  if (!values.from || !Number.isInteger(jobs) || jobs < 1) {
    console.error(
      `${values.from ? '--jobs: a whole number, 1 or more' : '--from: the backup folder'}\n\n${usage}`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.DATABASE_URL)
    throw new Refusal(
      'npm run restore works with PostgreSQL (DATABASE_URL). With the embedded database, stop the platform and put the copied DATA_DIR folder back in place: see docs/deploy.md.',
    );
  const from = path.resolve(values.from);
  const manifestFile = path.join(from, MANIFEST);
  if (!existsSync(manifestFile))
    throw new Refusal(`${from} holds no ${MANIFEST}: not a whole backup (an interrupted one has none).`);
  const manifest: Manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
  const known = JSON.parse(readFileSync(path.join(packageRoot, 'drizzle', 'meta', '_journal.json'), 'utf8'))
    .entries.length as number;
  if (manifest.database.migrations.applied > known)
    throw new Refusal(
      `This backup comes from a newer platform (${manifest.platform.version}, ${manifest.database.migrations.applied} migrations; this one knows ${known}): restore it with that version or a later one.`,
    );

  const withFiles = !values['database-only'] && !manifest.files.skipped;
  if (withFiles && papersInBucket()) throw new Refusal(bucketNote);

  // Refusals first, before anything is written.
  const url = config.DATABASE_URL;
  const client = await connect(url);
  try {
    const relations = await relationCount(client);
    if (relations > 0)
      throw new Refusal(
        `The database at ${redact(url)} is not empty (${relations} tables, views or sequences): restore needs an empty database. Create a new one (e.g. \`createdb jisr_restored\`), point DATABASE_URL at it and run the restore again. Nothing was changed.`,
      );
  } finally {
    await client.end();
  }
  if (withFiles && !(await isEmptyFolder(config.filesDir)))
    throw new Refusal(
      `The papers folder ${config.filesDir} is not empty: restore needs an empty one (set DATA_DIR to a new folder). Nothing was changed.`,
    );

  const started = performance.now();
  try {
    await runTool(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', `--jobs=${jobs}`, path.join(from, DUMP)],
      url,
    );
  } catch (err) {
    throw new Refusal(
      `${(err as Error).message}\nThe database may now hold part of the backup: drop it, create it empty again and run the restore again.`,
    );
  }
  const databaseSeconds = seconds(started);

  const filesStarted = performance.now();
  if (withFiles)
    await inParallel(manifest.files.list, 8, (f) =>
      copyBlob(path.join(from, FILES), config.filesDir, f.sha256),
    );
  const filesSeconds = seconds(filesStarted);

  // Verification: read everything back from where the platform will read it.
  const verifyStarted = performance.now();
  const problems: string[] = [];
  const check = await connect(url);
  let facts: DatabaseFacts;
  try {
    facts = await readFacts(check);
  } finally {
    await check.end();
  }
  for (const t of countedTables)
    if (facts.counts[t] !== manifest.database.counts[t])
      problems.push(`${t}: ${facts.counts[t]} rows, the backup has ${manifest.database.counts[t]}`);
  for (const t of fingerprintedTables)
    if (facts.fingerprints[t] !== manifest.database.fingerprints[t])
      problems.push(`${t}: the rows differ from the backup's (fingerprint)`);
  if (facts.migrations.applied !== manifest.database.migrations.applied)
    problems.push(
      `migrations: ${facts.migrations.applied} applied, the backup has ${manifest.database.migrations.applied}`,
    );
  const restored = withFiles ? await listBlobs(config.filesDir) : [];
  const expected = new Map(manifest.files.list.map((f) => [f.sha256, f.size]));
  const hashed = await inParallel(restored, 8, (sha) => hashBlob(config.filesDir, sha));
  let equal = 0;
  restored.forEach((sha, i) => {
    const h = hashed[i]!;
    if (!expected.has(sha)) problems.push(`file ${sha}: not in the backup`);
    else if (h.sha256 !== sha || h.size !== expected.get(sha))
      problems.push(`file ${sha}: its bytes hash to ${h.sha256} (${h.size} bytes)`);
    else equal++;
  });
  if (withFiles) {
    const present = new Set(restored);
    for (const sha of expected.keys()) if (!present.has(sha)) problems.push(`file ${sha}: missing`);
    for (const sha of facts.referencedFiles)
      if (!present.has(sha)) problems.push(`file ${sha}: named by the database, missing`);
  }
  const verifySeconds = seconds(verifyStarted);

  const c = facts.counts;
  const version = platformVersion().version;
  console.log(
    [
      `Restored ${from}`,
      `  backup of ${manifest.createdAt}, platform ${manifest.platform.version}${manifest.platform.version === version ? '' : ` (this one is ${version})`}, migrations ${facts.migrations.applied} (last ${facts.migrations.last})`,
      `  ${c.cases} cases, ${c.case_events} case events, ${c.attachments} attachments, ${c.pending_uploads} papers waiting for their case, ${c.accounts} accounts, ${c.audit_log} audit rows`,
      `  database (dump ${megabytes(manifest.database.dumpBytes)}) restored in ${databaseSeconds} s with ${jobs} job(s)`,
      withFiles
        ? `  ${manifest.files.count} files, ${megabytes(manifest.files.bytes)}, copied in ${filesSeconds} s`
        : `  papers not restored here (--database-only, or left out of the backup): ${facts.referencedFiles.length} named by the database; restore the bucket with the object store's tools`,
      `  verified in ${verifySeconds} s: counts and row fingerprints ${problems.some((p) => !p.startsWith('file')) ? 'DIFFER' : 'equal'}${withFiles ? `, ${equal} of ${manifest.files.count} files with an equal sha256` : ''}`,
      `  total ${seconds(started)} s`,
    ].join('\n'),
  );
  if (problems.length)
    throw new Refusal(
      `The restored platform differs from the backup:\n${problems
        .slice(0, 20)
        .map((p) => `  ${p}`)
        .join('\n')}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ''}`,
    );
  console.log('Everything is as in the backup.');
}

runCli(main);
