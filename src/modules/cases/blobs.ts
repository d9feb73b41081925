import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { BlobStore } from '../storage/blob-store.js';
import { attachments, pendingUploads } from './schema.js';

/**
 * Removes the stored bytes of these files unless a case's paper or a waiting upload still holds them: files
 * are stored once by their content, so the same bytes may belong to several rows (a merged case's copy, the
 * same scan sent twice). Call it after the rows are gone (after the commit). Returns how many files went.
 */
export async function removeUnheldBlobs(db: Executor, files: BlobStore, shas: Iterable<string>) {
  let removed = 0;
  for (const sha of new Set(shas)) {
    const [held] = await db
      .select({
        n: sql<number>`(select count(*) from ${attachments} where ${attachments.sha256} = ${sha})
        + (select count(*) from ${pendingUploads} where ${pendingUploads.sha256} = ${sha})`,
      })
      .from(sql`(select 1) as one`);
    if (Number(held!.n) > 0) continue;
    await files.remove(sha);
    removed++;
  }
  return removed;
}
