import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { recordCaseRead } from '../audit/access-log.js';
import { recordAudit } from '../audit/service.js';
import { mandateEventData, notifyMandateUse } from '../mandates/notices.js';
import { BlobCorrupt, BlobMissing, type BlobStore, storeBytes } from '../storage/blob-store.js';
import { isAudio } from './files.js';
import { canUploadToCase } from './policy.js';
import { attachments, caseEvents, type ScanStatus } from './schema.js';
import { type Ctx, getReadableCase, getWritableCase } from './service.js';
import {
  type CheckedFile,
  checkContent,
  type IncomingFile,
  noUploadRules,
  type Sender,
  scanContent,
  type UploadRules,
} from './upload-check.js';
import { assertAccountRoom, assertCaseRoom, lockUploads } from './upload-quota.js';

/** A stored file as it is attached to a case, with where it stands with the antivirus. */
export type StoredFile = {
  sha256: string;
  size: number;
  mediaType: string;
  name: string;
  scanStatus: ScanStatus | null;
};

/**
 * Stores a checked file by its content (identical files once); a store that cannot be reached throws
 * `StorageUnavailable`, which the error handler logs and answers 503 (`file-storage-unavailable`).
 */
export async function storeChecked(
  files: BlobStore,
  file: CheckedFile,
  scanStatus: ScanStatus | null,
): Promise<StoredFile> {
  const sha256 = await storeBytes(files, file.bytes);
  return { sha256, size: file.bytes.length, mediaType: file.mediaType, name: file.name, scanStatus };
}

/** Attaches stored files to a case: the rows, a timeline step each, an audit entry each. */
export async function recordAttachments(
  tx: Executor,
  target: {
    caseId: string;
    institutionId: string;
    actorId: string;
    requestId: string;
    /** A relative adding papers under a mandate: "by X for Y under mandate M" on the timeline and audit. */
    onBehalf?: { mandateId: string; onBehalfOf: string } | null;
  },
  files: StoredFile[],
) {
  const out = [];
  for (const f of files) {
    const [row] = await tx
      .insert(attachments)
      .values({
        caseId: target.caseId,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
        originalName: f.name,
        uploadedBy: target.actorId,
        scanStatus: f.scanStatus,
      })
      .returning();
    await tx.insert(caseEvents).values({
      caseId: target.caseId,
      type: 'attachment_added',
      actorId: target.actorId,
      data: { attachmentId: row!.id, mediaType: f.mediaType, size: f.size, ...target.onBehalf },
    });
    await recordAudit(tx, {
      actorId: target.actorId,
      action: 'case.attachment_add',
      entityType: 'attachment',
      entityId: row!.id,
      institutionId: target.institutionId,
      requestId: target.requestId,
      data: {
        caseId: target.caseId,
        sha256: f.sha256,
        size: f.size,
        mediaType: f.mediaType,
        ...(f.scanStatus === 'pending' && { held: true }),
        ...target.onBehalf,
      },
    });
    out.push(presentAttachment(row!));
  }
  return out;
}

/**
 * Adds one paper to a case: its content checked, then (with the platform's rules) the quotas counted and the
 * antivirus asked, then the quotas counted again under a lock while it is stored and recorded. Held (clamd
 * down, `hold`): stored as `pending`, served only once scanned clean.
 */
export async function addAttachment(
  ctx: Ctx,
  files: BlobStore,
  caseId: string,
  file: IncomingFile,
  rules: UploadRules = noUploadRules,
  log?: Sender['log'],
) {
  const { c, scope } = await getWritableCase(ctx, caseId);
  if (!canUploadToCase(ctx.actor, scope)) throw forbidden();
  const actorId = ctx.actor!.accountId;
  const checked = await checkContent(file);
  const size = checked.bytes.length;
  const caseQuota = rules.quota;
  // the allowance of 24 hours is a citizen's (staff accounts are given, not opened by anyone)
  const dayQuota = ctx.actor!.kind === 'citizen' ? caseQuota : null;
  const counted = async (db: Executor) => {
    if (dayQuota) await assertAccountRoom(db, actorId, size, dayQuota);
    if (caseQuota) await assertCaseRoom(db, c.id, [{ size }], caseQuota);
  };
  await counted(ctx.db);
  const scan = await scanContent(ctx.db, checked, rules, {
    accountId: actorId,
    requestId: ctx.requestId,
    log,
  });
  const onBehalf = mandateEventData(ctx.actor, scope);
  const target = {
    caseId: c.id,
    institutionId: c.institutionId,
    actorId,
    requestId: ctx.requestId,
    onBehalf,
  };
  return ctx.db.transaction(async (tx) => {
    if (dayQuota) await lockUploads(tx, 'account', actorId);
    if (caseQuota) await lockUploads(tx, 'case', c.id);
    await counted(tx);
    const stored = await storeChecked(files, checked, scan);
    const added = (await recordAttachments(tx, target, [stored]))[0]!;
    // the person is told of what their relative did for them
    if (onBehalf) await notifyMandateUse(tx, ctx, c, onBehalf);
    return added;
  });
}

export const presentAttachment = (a: typeof attachments.$inferSelect) => ({
  id: a.id,
  name: a.originalName,
  mediaType: a.mediaType,
  size: a.size,
  sha256: a.sha256,
  /** `pending`: held until the antivirus can scan it, not to be opened yet */
  scanStatus: a.scanStatus,
  createdAt: a.createdAt.toISOString(),
  transcription: a.transcription,
  transcribedAt: a.transcribedAt?.toISOString() ?? null,
  toTranscribe: isAudio(a.mediaType) && a.transcription === null,
});

export async function listAttachments(ctx: Ctx, caseId: string) {
  await getReadableCase(ctx, caseId);
  const rows = await ctx.db
    .select()
    .from(attachments)
    .where(eq(attachments.caseId, caseId))
    .orderBy(asc(attachments.createdAt));
  return rows.map(presentAttachment);
}

export async function getAttachment(ctx: Ctx, caseId: string, attachmentId: string) {
  const { c } = await getReadableCase(ctx, caseId);
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.caseId, caseId)));
  if (!row) throw notFound();
  // held until the antivirus can scan it: nobody opens it before (nothing read, nothing logged)
  if (row.scanStatus === 'pending') throw fail('upload-being-scanned');
  await recordCaseRead(ctx.db, ctx.actor, {
    action: 'case.attachment_read',
    caseId,
    institutionId: c.institutionId,
    requestId: ctx.requestId,
    data: { attachmentId },
  });
  return row;
}

/** Where the errors of reading a paper are written (the request's log). */
type ReadLog = { error(o: object, msg: string): void };

/**
 * A paper of a case and its bytes, to download: read from the store and checked against its sha256. Bytes
 * that fail the check, or are gone, are never served: the fault is logged and the person told (500
 * `file-damaged`); a store that cannot be reached answers 503 (the error handler).
 */
export async function readAttachment(
  ctx: Ctx,
  files: BlobStore,
  caseId: string,
  attachmentId: string,
  log: ReadLog,
) {
  const row = await getAttachment(ctx, caseId, attachmentId);
  try {
    return { row, bytes: await files.get(row.sha256) };
  } catch (err) {
    const facts = { attachmentId, caseId, sha256: row.sha256, store: files.description };
    if (err instanceof BlobCorrupt) {
      log.error({ ...facts, actual: err.actual }, 'stored paper failed its sha256 check: not served');
      throw fail('file-damaged');
    }
    if (err instanceof BlobMissing) {
      log.error(facts, 'stored paper is missing: not served');
      throw fail('file-damaged');
    }
    throw err;
  }
}
