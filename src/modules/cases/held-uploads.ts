import { and, asc, eq, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { t } from '../../i18n/index.js';
import { currentTime } from '../../shared/clock.js';
import { recordWorkerAudit } from '../audit/service.js';
import { BlobCorrupt, type BlobStore } from '../storage/blob-store.js';
import { removeUnheldBlobs } from './blobs.js';
import { type ClamdOptions, clamdScan } from './clamd.js';
import { attachments, caseEvents, cases, pendingUploads } from './schema.js';

/**
 * The papers held while clamd could not answer (`CLAMAV_UNAVAILABLE=hold`), scanned again by the worker once
 * it answers: clean, they are served from then on; infected, they are removed (rows, and bytes no other row
 * holds), audited, and the case's timeline says so. A worker claims a batch with a lease (UPDATE … RETURNING
 * over rows locked with SKIP LOCKED), so that two workers never scan the same papers at once, and one that
 * died leaves them to the next once its lease has run out. Every outcome is written only over rows still
 * held: running it again, or two at once, changes nothing twice.
 */

/** Papers claimed per batch. */
export const HELD_SCAN_BATCH = 20;

export type HeldScanOptions = {
  files: BlobStore;
  clamd: ClamdOptions;
  batch?: number;
  log?: { warn(o: object, msg: string): void; error(o: object, msg: string): void };
};

export type HeldScanResult = {
  /** papers claimed by this run */
  claimed: number;
  /** papers (claimed or not) found clean and released */
  clean: number;
  /** papers (claimed or not) found infected and removed */
  removed: number;
  /** clamd still could not answer: the papers claimed are left held, for a later run */
  unavailable: boolean;
};

/** How long a run holds its papers: time enough to scan each of a batch at clamd's slowest, and a minute. */
export const heldScanLeaseMs = (o: Pick<HeldScanOptions, 'clamd' | 'batch'>) =>
  (o.batch ?? HELD_SCAN_BATCH) * o.clamd.timeoutMs + 60_000;

/** Claims up to `limit` held papers no other run holds, waiting ones too; their ids and files. */
export async function claimHeldUploads(db: Db, now: Date, until: Date, limit: number) {
  const onCases = await claimFrom(db, attachments, now, until, limit);
  const room = limit - onCases.length;
  if (room <= 0) return { onCases, waiting: [] };
  const waiting = await claimFrom(db, pendingUploads, now, until, room);
  return { onCases, waiting };
}

/** Leases until `until` up to `limit` of the table's files waiting for the antivirus, oldest first. */
async function claimFrom(
  db: Db,
  table: typeof attachments | typeof pendingUploads,
  now: Date,
  until: Date,
  limit: number,
) {
  const free = and(
    eq(table.scanStatus, 'pending'),
    or(isNull(table.scanLeaseUntil), lt(table.scanLeaseUntil, now)),
  );
  return db
    .update(table)
    .set({ scanLeaseUntil: until })
    .where(
      and(
        free,
        inArray(
          table.id,
          db
            .select({ id: table.id })
            .from(table)
            .where(free)
            .orderBy(asc(table.createdAt))
            .limit(limit)
            .for('update', { skipLocked: true }),
        ),
      ),
    )
    .returning({ id: table.id, sha256: table.sha256 });
}

/** The held papers with these bytes are clean: served from then on. How many. */
async function markClean(db: Db, sha256: string) {
  const a = await db
    .update(attachments)
    .set({ scanStatus: 'clean', scanLeaseUntil: null })
    .where(and(eq(attachments.sha256, sha256), eq(attachments.scanStatus, 'pending')))
    .returning({ id: attachments.id });
  const p = await db
    .update(pendingUploads)
    .set({ scanStatus: 'clean', scanLeaseUntil: null })
    .where(and(eq(pendingUploads.sha256, sha256), eq(pendingUploads.scanStatus, 'pending')))
    .returning({ id: pendingUploads.id });
  return a.length + p.length;
}

/**
 * The held papers with these bytes are infected: removed, each with an audit row (the signature, size and
 * hash: no name) and, on a case, a timeline step the person sees; then the bytes, unless another row still
 * holds them. How many papers went.
 */
async function removeInfected(db: Db, files: BlobStore, sha256: string, signature: string) {
  const removed = await db.transaction(async (tx) => {
    const onCases = await tx
      .delete(attachments)
      .where(and(eq(attachments.sha256, sha256), eq(attachments.scanStatus, 'pending')))
      .returning();
    for (const a of onCases) {
      const [c] = await tx
        .select({ institutionId: cases.institutionId, language: cases.language })
        .from(cases)
        .where(eq(cases.id, a.caseId));
      await tx.insert(caseEvents).values({
        caseId: a.caseId,
        type: 'attachment_removed',
        reason: t(c!.language, 'upload.removed_infected', { name: a.originalName }),
        data: { attachmentId: a.id, cause: 'infected', mediaType: a.mediaType, size: a.size },
      });
      await recordWorkerAudit(tx, {
        action: 'upload.infected',
        entityType: 'attachment',
        entityId: a.id,
        institutionId: c!.institutionId,
        data: { caseId: a.caseId, signature, sha256, size: a.size, mediaType: a.mediaType, held: true },
      });
    }
    const waiting = await tx
      .delete(pendingUploads)
      .where(and(eq(pendingUploads.sha256, sha256), eq(pendingUploads.scanStatus, 'pending')))
      .returning();
    for (const u of waiting)
      await recordWorkerAudit(tx, {
        action: 'upload.infected',
        entityType: 'account',
        entityId: u.accountId,
        data: { signature, sha256, size: u.size, mediaType: u.mediaType, held: true },
      });
    return onCases.length + waiting.length;
  });
  await removeUnheldBlobs(db, files, [sha256]);
  return removed;
}

/** Gives back papers claimed but not scanned (clamd stopped answering), for the next run. */
async function release(db: Db, ids: { onCases: string[]; waiting: string[] }) {
  if (ids.onCases.length)
    await db
      .update(attachments)
      .set({ scanLeaseUntil: null })
      .where(and(inArray(attachments.id, ids.onCases), eq(attachments.scanStatus, 'pending')));
  if (ids.waiting.length)
    await db
      .update(pendingUploads)
      .set({ scanLeaseUntil: null })
      .where(and(inArray(pendingUploads.id, ids.waiting), eq(pendingUploads.scanStatus, 'pending')));
}

/** One run: claims a batch of held papers, scans each file once, and records what clamd says. */
export async function rescanHeldUploads(
  db: Db,
  o: HeldScanOptions,
  now = currentTime(),
): Promise<HeldScanResult> {
  const until = new Date(now.getTime() + heldScanLeaseMs(o));
  const claimed = await claimHeldUploads(db, now, until, o.batch ?? HELD_SCAN_BATCH);
  const result = { claimed: claimed.onCases.length + claimed.waiting.length, clean: 0, removed: 0 };
  for (const sha256 of new Set([...claimed.onCases, ...claimed.waiting].map((r) => r.sha256))) {
    const bytes = await o.files.get(sha256).catch((err) => {
      // never served without its bytes (or with damaged ones) either; left held, and said
      const why = err instanceof BlobCorrupt ? 'failed its sha256 check' : 'is missing or unreadable';
      o.log?.error({ sha256, err }, `held paper: its file ${why}, it cannot be scanned`);
      return null;
    });
    if (!bytes) continue;
    const scan = await clamdScan(bytes, o.clamd);
    if (scan.status === 'unavailable') {
      o.log?.warn({ reason: scan.reason }, 'antivirus still unavailable: held papers stay held');
      await release(db, {
        onCases: claimed.onCases.map((r) => r.id),
        waiting: claimed.waiting.map((r) => r.id),
      });
      return { ...result, unavailable: true };
    }
    if (scan.status === 'clean') {
      result.clean += await markClean(db, sha256);
      continue;
    }
    const n = await removeInfected(db, o.files, sha256, scan.signature);
    result.removed += n;
    o.log?.warn(
      { signature: scan.signature, sha256, size: bytes.length, papers: n },
      'antivirus found a threat in a held paper: removed',
    );
  }
  return { ...result, unavailable: false };
}
