import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { AppError, ByteSize, forbidden, notFound } from '../../server/errors.js';
import { recordCaseRead } from '../audit/access-log.js';
import { recordAudit } from '../audit/service.js';
import { checkFile, storeBlob } from './files.js';
import { canUploadToCase } from './policy.js';
import { attachments, caseEvents } from './schema.js';
import { type Ctx, getReadableCase } from './service.js';

/** A stored file as it is attached to a case. */
export type StoredFile = { sha256: string; size: number; mediaType: string; name: string };

/**
 * Checks a file sent by someone (size, type from its bytes, name) and stores it by its content. Throws the
 * error the sender sees: too large, type not allowed, empty, unsafe name. Shared by every way in.
 */
export async function checkAndStore(
  filesDir: string,
  file: { bytes: Buffer; name: string; maxBytes: number },
): Promise<StoredFile> {
  if (file.bytes.length > file.maxBytes)
    throw new AppError(413, 'error.file.too_large', { limit: new ByteSize(file.maxBytes) });
  const check = await checkFile(file.bytes, file.name);
  if (!check.ok) {
    const key =
      check.error === 'extension_mismatch' || check.error === 'type_not_allowed'
        ? 'error.file.type_not_allowed'
        : (`error.file.${check.error}` as const);
    throw new AppError(
      check.error === 'empty' || check.error === 'name_unsafe' ? 422 : 415,
      key,
      {},
      { reason: check.error },
    );
  }
  const sha256 = await storeBlob(filesDir, file.bytes);
  return { sha256, size: file.bytes.length, mediaType: check.mediaType, name: check.name };
}

/** Attaches stored files to a case: the rows, a timeline step each, an audit entry each. */
export async function recordAttachments(
  tx: Executor,
  target: { caseId: string; institutionId: string; actorId: string; requestId: string },
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
      })
      .returning();
    await tx.insert(caseEvents).values({
      caseId: target.caseId,
      type: 'attachment_added',
      actorId: target.actorId,
      data: { attachmentId: row!.id, mediaType: f.mediaType, size: f.size },
    });
    await recordAudit(tx, {
      actorId: target.actorId,
      action: 'case.attachment_add',
      entityType: 'attachment',
      entityId: row!.id,
      institutionId: target.institutionId,
      requestId: target.requestId,
      data: { caseId: target.caseId, sha256: f.sha256, size: f.size, mediaType: f.mediaType },
    });
    out.push(presentAttachment(row!));
  }
  return out;
}

export async function addAttachment(
  ctx: Ctx,
  filesDir: string,
  caseId: string,
  file: { bytes: Buffer; name: string; maxBytes: number },
) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  if (!canUploadToCase(ctx.actor, scope)) throw forbidden();
  const stored = await checkAndStore(filesDir, file);
  const target = {
    caseId: c.id,
    institutionId: c.institutionId,
    actorId: ctx.actor!.accountId,
    requestId: ctx.requestId,
  };
  return ctx.db.transaction(async (tx) => (await recordAttachments(tx, target, [stored]))[0]!);
}

const presentAttachment = (a: typeof attachments.$inferSelect) => ({
  id: a.id,
  name: a.originalName,
  mediaType: a.mediaType,
  size: a.size,
  sha256: a.sha256,
  createdAt: a.createdAt.toISOString(),
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
  await recordCaseRead(ctx.db, ctx.actor, {
    action: 'case.attachment_read',
    caseId,
    institutionId: c.institutionId,
    requestId: ctx.requestId,
    data: { attachmentId },
  });
  return row;
}
