import { rm } from 'node:fs/promises';
import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { AppError, notFound } from '../../server/errors.js';
import { currentTime } from '../../shared/clock.js';
import { checkAndStore, type StoredFile } from './attachments.js';
import { blobPath } from './files.js';
import { attachments, pendingUploads } from './schema.js';

/** How many papers one person may hold waiting for their case (a form's worth, with room to replace some). */
export const MAX_PENDING_UPLOADS = 20;
/** Papers of a case filed in one act. */
export const MAX_FILING_ATTACHMENTS = 10;
/** Papers never attached to a case are swept after this long. */
export const PENDING_UPLOAD_TTL_MS = 24 * 3_600_000;

const present = (u: typeof pendingUploads.$inferSelect) => ({
  id: u.id,
  name: u.originalName,
  mediaType: u.mediaType,
  size: u.size,
  sha256: u.sha256,
});

/**
 * Receives a paper before its case exists: checked (size, type from the bytes, name) and stored, so that a
 * refused paper is refused before anything is filed. It waits for the filing that names it.
 */
export async function addPendingUpload(
  db: Db,
  accountId: string,
  filesDir: string,
  file: { bytes: Buffer; name: string; maxBytes: number },
) {
  const [held] = await db
    .select({ n: count() })
    .from(pendingUploads)
    .where(eq(pendingUploads.accountId, accountId));
  if (held!.n >= MAX_PENDING_UPLOADS)
    throw new AppError(429, 'error.upload.too_many_pending', { max: MAX_PENDING_UPLOADS });
  const stored = await checkAndStore(filesDir, file);
  const [row] = await db
    .insert(pendingUploads)
    .values({
      accountId,
      sha256: stored.sha256,
      size: stored.size,
      mediaType: stored.mediaType,
      originalName: stored.name,
    })
    .returning();
  return present(row!);
}

/** Withdraws a paper not yet filed (the person removed it from the form). */
export async function deletePendingUpload(db: Db, accountId: string, id: string) {
  const gone = await db
    .delete(pendingUploads)
    .where(and(eq(pendingUploads.id, id), eq(pendingUploads.accountId, accountId)))
    .returning({ id: pendingUploads.id });
  if (!gone.length) throw notFound();
}

/**
 * Takes the named papers of one person for the case being filed, in its transaction: each must exist and
 * be theirs, or the filing is refused and nothing is taken.
 */
export async function claimPendingUploads(
  tx: Executor,
  accountId: string,
  ids: string[],
): Promise<StoredFile[]> {
  if (!ids.length) return [];
  const unique = [...new Set(ids)];
  const rows = await tx
    .delete(pendingUploads)
    .where(
      and(
        eq(pendingUploads.accountId, accountId),
        sql`${pendingUploads.id} = any(${sql.param(unique)}::uuid[])`,
      ),
    )
    .returning();
  if (rows.length !== unique.length) throw new AppError(422, 'error.upload.unknown');
  const order = new Map(unique.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((r) => ({ sha256: r.sha256, size: r.size, mediaType: r.mediaType, name: r.originalName }));
}

/**
 * Drops the papers nobody filed within a day, and their stored bytes unless a case (or another waiting
 * paper) holds the same file: files are stored by their content, once.
 */
export async function sweepPendingUploads(db: Db, filesDir: string, now = currentTime()) {
  const gone = await db
    .delete(pendingUploads)
    .where(lt(pendingUploads.createdAt, new Date(now.getTime() - PENDING_UPLOAD_TTL_MS)))
    .returning({ sha256: pendingUploads.sha256 });
  for (const sha of new Set(gone.map((g) => g.sha256))) {
    const [held] = await db
      .select({
        n: sql<number>`(select count(*) from ${attachments} where ${attachments.sha256} = ${sha})
        + (select count(*) from ${pendingUploads} where ${pendingUploads.sha256} = ${sha})`,
      })
      .from(sql`(select 1) as one`);
    if (Number(held!.n) === 0) await rm(blobPath(filesDir, sha), { force: true });
  }
  return gone.length;
}

/** The papers a person has waiting, oldest first. */
export async function listPendingUploads(db: Db, accountId: string) {
  const rows = await db
    .select()
    .from(pendingUploads)
    .where(eq(pendingUploads.accountId, accountId))
    .orderBy(asc(pendingUploads.createdAt));
  return rows.map(present);
}
