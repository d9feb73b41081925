import { BlobCorrupt, BlobMissing, type BlobStore } from './blob-store.js';

export type MigrationFailure = { sha256: string; reason: string };

export type MigrationResult = {
  /** files found in the source */
  seen: number;
  /** written to the target and read back whole */
  copied: number;
  /** already in the target, read back whole */
  present: number;
  /** not copied, or not found whole once copied: the source file is kept */
  failed: number;
  /** source files removed (`deleteSource`), each only once its copy was read back whole */
  deleted: number;
  failures: MigrationFailure[];
};

export type MigrationOptions = {
  /** Remove each source file once its copy in the target has been read back and matched its sha256. */
  deleteSource?: boolean;
  /** Files moved at once. */
  concurrency?: number;
  /** Called after each file, with the counts so far. */
  progress?: (r: MigrationResult) => void;
};

const reasonOf = (err: unknown) =>
  err instanceof BlobCorrupt
    ? `its bytes hash to ${err.actual}`
    : err instanceof BlobMissing
      ? 'not found'
      : err instanceof Error
        ? err.message
        : String(err);

/**
 * Copies every file of one store into another (the folder into the bucket), checking each: the source read
 * against its sha256, the copy read back from the target and checked again. A file the target already holds
 * whole is counted as present and not sent again; one it holds damaged is written again. Running it again
 * changes nothing but the files that failed. With `deleteSource`, a source file goes only once its copy was
 * read back whole.
 */
export async function migrateBlobs(
  from: BlobStore,
  to: BlobStore,
  opts: MigrationOptions = {},
): Promise<MigrationResult> {
  const r: MigrationResult = { seen: 0, copied: 0, present: 0, failed: 0, deleted: 0, failures: [] };
  const one = async (sha256: string) => {
    r.seen++;
    try {
      let outcome: 'copied' | 'present';
      const there = await to.has(sha256);
      const whole =
        there &&
        (await to.get(sha256).then(
          () => true,
          (err) => {
            if (err instanceof BlobCorrupt || err instanceof BlobMissing) return false;
            throw err;
          },
        ));
      if (whole) outcome = 'present';
      else {
        const bytes = await from.get(sha256).catch((err) => {
          throw new Error(`source: ${reasonOf(err)}`);
        });
        await to.put(sha256, bytes);
        await to.get(sha256).catch((err) => {
          throw new Error(`copy read back: ${reasonOf(err)}`);
        });
        outcome = 'copied';
      }
      r[outcome]++;
      if (opts.deleteSource) {
        await from.remove(sha256);
        r.deleted++;
      }
    } catch (err) {
      r.failed++;
      r.failures.push({ sha256, reason: reasonOf(err) });
    }
    opts.progress?.(r);
  };
  const files = from.list()[Symbol.asyncIterator]();
  const lane = async () => {
    for (let next = await files.next(); !next.done; next = await files.next()) await one(next.value);
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, lane));
  return r;
}
