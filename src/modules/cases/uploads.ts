import { and, asc, count, eq, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import type { BlobStore } from '../storage/blob-store.js';
import { type StoredFile, storeChecked } from './attachments.js';
import { removeUnheldBlobs } from './blobs.js';
import { pendingUploads } from './schema.js';
import {
  checkContent,
  type IncomingFile,
  noUploadRules,
  type Sender,
  scanContent,
  type UploadRules,
} from './upload-check.js';
import { assertAccountRoom, assertCaseRoom, lockUploads, type UploadQuota } from './upload-quota.js';

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
  /** `pending`: held until the antivirus can scan it */
  scanStatus: u.scanStatus,
});

/**
 * Receives a paper before its case exists: checked (size, type from the bytes, name, active content in a
 * PDF, then quotas and antivirus with the platform's rules) and stored, so that a refused paper is refused
 * before anything is filed. It waits for the filing that names it; held (clamd down, `hold`), it is filed
 * as held and keeps waiting for its scan.
 */
export async function addPendingUpload(
  db: Db,
  who: Sender & { accountId: string; kind: 'citizen' | 'staff' },
  files: BlobStore,
  file: IncomingFile,
  rules: UploadRules = noUploadRules,
) {
  const { accountId } = who;
  const checked = await checkContent(file);
  const size = checked.bytes.length;
  // the allowance of 24 hours is a citizen's (staff accounts are given, not opened by anyone)
  const dayQuota = who.kind === 'citizen' ? rules.quota : null;
  const counted = async (ex: Executor) => {
    const [held] = await ex
      .select({ n: count() })
      .from(pendingUploads)
      .where(eq(pendingUploads.accountId, accountId));
    if (held!.n >= MAX_PENDING_UPLOADS)
      throw fail('upload-too-many-pending', { max: MAX_PENDING_UPLOADS, count: MAX_PENDING_UPLOADS });
    if (dayQuota) await assertAccountRoom(ex, accountId, size, dayQuota);
  };
  await counted(db);
  const scan = await scanContent(db, checked, rules, who);
  const row = await db.transaction(async (tx) => {
    await lockUploads(tx, 'account', accountId);
    await counted(tx);
    const stored = await storeChecked(files, checked, scan);
    const [inserted] = await tx
      .insert(pendingUploads)
      .values({
        accountId,
        sha256: stored.sha256,
        size: stored.size,
        mediaType: stored.mediaType,
        originalName: stored.name,
        scanStatus: stored.scanStatus,
      })
      .returning();
    return inserted!;
  });
  return present(row);
}

/**
 * Withdraws a paper not yet filed (the person removed it from the form). The withdrawal is audited with the
 * paper's size and arrival: it still counts in the sender's allowance of 24 hours.
 */
export async function deletePendingUpload(db: Db, accountId: string, id: string, requestId?: string) {
  await db.transaction(async (tx) => {
    await lockUploads(tx, 'account', accountId);
    const [gone] = await tx
      .delete(pendingUploads)
      .where(and(eq(pendingUploads.id, id), eq(pendingUploads.accountId, accountId)))
      .returning();
    if (!gone) throw notFound();
    await recordAudit(tx, {
      actorId: accountId,
      action: 'upload.withdraw',
      entityType: 'account',
      entityId: accountId,
      requestId: requestId ?? null,
      data: { size: gone.size, sentAt: gone.createdAt.toISOString() },
    });
  });
}

/**
 * Takes the named papers of one person for the case being filed, in its transaction: each must exist and
 * be theirs, and together fit what a case may hold, or the filing is refused and nothing is taken.
 */
export async function claimPendingUploads(
  tx: Executor,
  accountId: string,
  ids: string[],
  quota: UploadQuota | null = null,
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
  if (rows.length !== unique.length) throw fail('upload-unknown');
  // a new case: its papers alone must fit what one case may hold
  if (quota) await assertCaseRoom(tx, null, rows, quota);
  const order = new Map(unique.map((id, i) => [id, i]));
  return rows
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
    .map((r) => ({
      sha256: r.sha256,
      size: r.size,
      mediaType: r.mediaType,
      name: r.originalName,
      scanStatus: r.scanStatus,
    }));
}

/**
 * Drops the papers nobody filed within a day, and their stored bytes unless a case (or another waiting
 * paper) holds the same file: files are stored by their content, once.
 */
export async function sweepPendingUploads(db: Db, files: BlobStore, now = currentTime()) {
  const gone = await db
    .delete(pendingUploads)
    .where(lt(pendingUploads.createdAt, new Date(now.getTime() - PENDING_UPLOAD_TTL_MS)))
    .returning({ sha256: pendingUploads.sha256 });
  await removeUnheldBlobs(
    db,
    files,
    gone.map((g) => g.sha256),
  );
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

/** Forgets the papers a person sent for a request never filed (their account is being deleted). */
export async function forgetPendingUploads(tx: Executor, accountId: string) {
  await tx.delete(pendingUploads).where(eq(pendingUploads.accountId, accountId));
}
