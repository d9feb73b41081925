import { parseArgs } from 'node:util';
import { folderStore } from '../modules/storage/folder.js';
import { type MigrationResult, migrateBlobs } from '../modules/storage/migrate.js';
import { s3Store } from '../modules/storage/s3.js';
import { loadConfig } from '../server/config.js';

const usage = `Usage: npm run storage:migrate [-- --delete-local]

Copies every paper of the folder DATA_DIR/files into the bucket named by S3_ENDPOINT and S3_BUCKET (under
S3_PREFIX), reads each copy back and checks its sha256. Files the bucket already holds whole are not sent
again: running it again is safe, and moves only what is left. It needs no database, and may run while the
platform runs on the folder; start the platform with the S3_ settings once it reports no failure.

  --delete-local   remove each file from the folder once its copy was read back whole
  --help           this text

Exit status: 0 when every file is in the bucket, 1 when any failed (their sha256 and the reason are listed),
2 for a wrong command or configuration.`;

let args: { 'delete-local'?: boolean; help?: boolean };
try {
  args = parseArgs({
    options: { 'delete-local': { type: 'boolean' }, help: { type: 'boolean' } },
    strict: true,
  }).values;
} catch (err) {
  console.error(`${(err as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
if (!config.s3) {
  console.error('Set S3_ENDPOINT and S3_BUCKET (and the keys): they name the bucket the files go to.');
  process.exit(2);
}

const from = folderStore(config.filesDir);
const to = s3Store(config.s3);
console.log(`Moving the papers from the ${from.description} to the ${to.description}…`);
const line = (r: MigrationResult) =>
  `${r.seen} files: ${r.copied} copied, ${r.present} already present, ${r.failed} failed` +
  (args['delete-local'] ? `, ${r.deleted} removed from the folder` : '');
let shown = 0;
const result = await migrateBlobs(from, to, {
  deleteSource: args['delete-local'] === true,
  progress: (r) => {
    // a line every 100 files or every 2 seconds, whichever comes first
    if (r.seen % 100 === 0 || Date.now() - shown > 2_000) {
      shown = Date.now();
      console.log(`  … ${line(r)}`);
    }
  },
});
await to.close();
for (const f of result.failures) console.error(`failed: ${f.sha256}: ${f.reason}`);
console.log(`Done. ${line(result)}.`);
if (result.failed) {
  console.error('Some files were not moved (kept in the folder): run it again once the cause is fixed.');
  process.exit(1);
}
