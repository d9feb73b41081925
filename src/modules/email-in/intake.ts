/**
 * An e-mail to a body's intake address: kept as a desk intake for the body's reception to triage, where the
 * WhatsApp messages with no case wait (one open intake per sender and body gathers their messages). The
 * sender is linked to their citizen account when the address is one's, and the mail server in front of us
 * did not find the message disowned by the sender's domain; the reception checks the person before making
 * a case of it. Attachments are not kept here: their names are listed under the text.
 */
import { and, eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { currentTime } from '../../shared/clock.js';
import { findAccountByEmail } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { deskIntakes, inboundMessages } from '../notifications/schema.js';
import type { Recipient } from './recipients.js';
import { emailMessageId, failedAuthentication, type ReceiveDeps, senderOf } from './reply.js';

const MAX_TEXT = 10_000;

/** What the reception reads: the subject, the text, and the names of the files that came with it. */
function intakeText(mail: ParsedMail): string {
  const files = mail.attachments.filter((a) => !a.related).map((a) => a.filename || '?');
  return [mail.subject?.trim(), mail.text?.trim(), files.length ? `📎 ${files.join(', ')}` : '']
    .filter(Boolean)
    .join('\n\n')
    .slice(0, MAX_TEXT);
}

export async function receiveIntake(
  deps: Pick<ReceiveDeps, 'db'>,
  to: Extract<Recipient, { kind: 'intake' }>,
  mail: ParsedMail,
  requestId: string,
): Promise<{ intakeId: string | null; duplicate: boolean }> {
  const from = senderOf(mail) ?? 'unknown';
  const name = mail.from?.value[0]?.name || null;
  const account = await findAccountByEmail(deps.db, from);
  const accountId =
    account?.kind === 'citizen' && !account.disabledAt && !failedAuthentication(mail) ? account.id : null;
  const messageId = `${emailMessageId(mail)}:${to.institutionId}`;
  return deps.db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(inboundMessages)
      .values({
        channel: 'email',
        providerMessageId: messageId,
        fromEmail: from,
        fromName: name,
        text: intakeText(mail),
        accountId,
      })
      .onConflictDoNothing({ target: inboundMessages.providerMessageId })
      .returning({ id: inboundMessages.id });
    if (!stored) return { intakeId: null, duplicate: true };
    const [existing] = await tx
      .select({ id: deskIntakes.id })
      .from(deskIntakes)
      .where(
        and(
          eq(deskIntakes.fromEmail, from),
          eq(deskIntakes.institutionId, to.institutionId),
          eq(deskIntakes.status, 'open'),
        ),
      )
      .limit(1);
    let intakeId = existing?.id;
    if (intakeId) {
      await tx.update(deskIntakes).set({ updatedAt: currentTime() }).where(eq(deskIntakes.id, intakeId));
    } else {
      const [made] = await tx
        .insert(deskIntakes)
        .values({
          institutionId: to.institutionId,
          channel: 'email',
          fromEmail: from,
          fromName: name,
          accountId,
        })
        .returning({ id: deskIntakes.id });
      intakeId = made!.id;
      await recordAudit(tx, {
        actorId: null,
        action: 'desk_intake.create',
        entityType: 'desk_intake',
        entityId: intakeId,
        institutionId: to.institutionId,
        requestId,
        data: { channel: 'email' },
      });
    }
    await tx.update(inboundMessages).set({ intakeId }).where(eq(inboundMessages.id, stored.id));
    return { intakeId, duplicate: false };
  });
}
