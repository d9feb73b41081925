import { and, eq } from 'drizzle-orm';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit } from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import { presentAttachment } from './attachments.js';
import { isAudio } from './files.js';
import { canActOnCase } from './policy.js';
import { attachments } from './schema.js';
import { type Ctx, getWritableCase } from './service.js';

/**
 * Staff write down what a voice message says (a citizen who speaks Darija or Amazigh rather than writes):
 * kept with the attachment, replacing an earlier transcription, audited (who, when, how long — never the
 * words). Staff who may write notes on the case may do it; an attachment that is not audio is refused.
 */
export async function transcribeAttachment(ctx: Ctx, caseId: string, attachmentId: string, text: string) {
  const { c, scope } = await getWritableCase(ctx, caseId);
  if (!canActOnCase(ctx.actor, scope, 'note')) throw forbidden();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(attachments)
      .where(and(eq(attachments.id, attachmentId), eq(attachments.caseId, caseId)))
      .for('update');
    if (!row) throw notFound();
    if (!isAudio(row.mediaType)) throw fail('attachment-not-audio');
    const [updated] = await tx
      .update(attachments)
      .set({ transcription: text, transcribedBy: ctx.actor!.accountId, transcribedAt: currentTime() })
      .where(eq(attachments.id, row.id))
      .returning();
    await audit(tx, ctx, {
      action: row.transcription === null ? 'case.attachment_transcribe' : 'case.attachment_retranscribe',
      entityType: 'attachment',
      entityId: row.id,
      institutionId: c.institutionId,
      data: { caseId, length: text.length },
    });
    return presentAttachment(updated!);
  });
}
