import { and, asc, eq } from 'drizzle-orm';
import { AppError, forbidden, formatBytes, notFound } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { checkFile, storeBlob } from './files.js';
import { canUploadToCase } from './policy.js';
import { attachments, caseEvents } from './schema.js';
import { type Ctx, getReadableCase } from './service.js';

export async function addAttachment(
  ctx: Ctx,
  filesDir: string,
  caseId: string,
  file: { bytes: Buffer; name: string; maxBytes: number },
) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  if (!canUploadToCase(ctx.actor, scope)) throw forbidden();
  if (file.bytes.length > file.maxBytes)
    throw new AppError(413, 'error.file.too_large', { limit: formatBytes(file.maxBytes) });
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
  const sha = await storeBlob(filesDir, file.bytes);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(attachments)
      .values({
        caseId: c.id,
        sha256: sha,
        size: file.bytes.length,
        mediaType: check.mediaType,
        originalName: check.name,
        uploadedBy: ctx.actor!.accountId,
      })
      .returning();
    await tx.insert(caseEvents).values({
      caseId: c.id,
      type: 'attachment_added',
      actorId: ctx.actor!.accountId,
      data: { attachmentId: row!.id, mediaType: check.mediaType, size: file.bytes.length },
    });
    await recordAudit(tx, {
      actorId: ctx.actor!.accountId,
      action: 'case.attachment_add',
      entityType: 'attachment',
      entityId: row!.id,
      institutionId: c.institutionId,
      requestId: ctx.requestId,
      data: { caseId: c.id, sha256: sha, size: file.bytes.length, mediaType: check.mediaType },
    });
    return presentAttachment(row!);
  });
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
  await getReadableCase(ctx, caseId);
  const [row] = await ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.caseId, caseId)));
  if (!row) throw notFound();
  return row;
}
