/**
 * A citizen's reply to a notification e-mail, added to the case as their message. The sender must be the
 * person the reply address was given to, and still be allowed to answer on the case (the case's own person,
 * or a relative whose mandate covers answering). Each attachment goes through the checks of every upload
 * (type, size, quotas, antivirus); one refused is named on the message, which keeps its text.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import type { Db } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { AppError } from '../../server/problems.js';
import { addressOf } from '../../server/service-context.js';
import { actorOf, findAccountByEmail } from '../accounts/service.js';
import { addAttachment } from '../cases/attachments.js';
import { addCitizenMessage } from '../cases/inbox.js';
import { mayActFor } from '../cases/policy.js';
import { type Ctx, getWritableCase } from '../cases/service.js';
import { uploadRulesOf } from '../cases/upload-check.js';
import { mandateEventData, notifyMandateUse } from '../mandates/notices.js';
import { inboundMessages } from '../notifications/schema.js';
import type { BlobStore } from '../storage/blob-store.js';
import { stripQuoted } from './quoting.js';
import { type Recipient, Refusal } from './recipients.js';

export type ReceiveDeps = {
  db: Db;
  config: Config;
  files: BlobStore;
  log?: { warn(o: object, msg: string): void };
};

/** An attachment that was not added, and the problem that says why (its code). */
export type RefusedFile = { name: string; problem: string };

/** The longest message text kept (what the portal's own messages allow). */
const MAX_TEXT = 10_000;

/** The sender's address, from the message's From header, in lower case. */
export const senderOf = (mail: ParsedMail) => mail.from?.value[0]?.address?.trim().toLowerCase() ?? null;

/** Whether the mail server in front of us found the sender's domain refusing this message (DMARC). */
export function failedAuthentication(mail: ParsedMail): boolean {
  const raw = mail.headers.get('authentication-results');
  const all = (Array.isArray(raw) ? raw : [raw]).map(String).join('\n');
  return /\bdmarc=fail\b/i.test(all);
}

/** The provider id an e-mail is known by, so that one delivered twice is added once. */
export const emailMessageId = (mail: ParsedMail) => `email:${mail.messageId ?? randomUUID()}`;

export async function receiveReply(
  deps: ReceiveDeps,
  to: Extract<Recipient, { kind: 'reply' }>,
  mail: ParsedMail,
  requestId: string,
): Promise<{ trackingNumber: string; refused: RefusedFile[]; duplicate: boolean }> {
  const { db, config } = deps;
  const audit = { caseId: to.caseId, institutionId: to.institutionId };
  const from = senderOf(mail);
  const account = from ? await findAccountByEmail(db, from) : null;
  if (!account || account.id !== to.accountId || account.disabledAt)
    throw new Refusal(
      'sender_not_recipient',
      '5.7.1 The sender is not the person this reply address was given to',
      550,
      audit,
    );
  if (failedAuthentication(mail))
    throw new Refusal(
      'sender_unauthenticated',
      '5.7.1 The sender’s domain does not vouch for this message (DMARC)',
      550,
      audit,
    );
  const actor = await actorOf(db, account);
  const ctx: Ctx = {
    db,
    actor,
    requestId,
    lang: account.preferredLanguage,
    secret: config.secret,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.MAIL_FROM),
  };
  let found: Awaited<ReturnType<typeof getWritableCase>>;
  try {
    found = await getWritableCase(ctx, to.caseId);
  } catch (err) {
    if (err instanceof AppError && err.code === 'case-anonymised')
      throw new Refusal(
        'case_closed_for_record',
        '5.7.1 This case is kept for the record only and takes no more messages',
        550,
        audit,
      );
    throw new Refusal('sender_not_allowed', '5.7.1 The sender may not answer on this case', 550, audit);
  }
  if (!mayActFor(actor, found.scope, 'answer'))
    throw new Refusal('sender_not_allowed', '5.7.1 The sender may not answer on this case', 550, audit);

  const messageId = emailMessageId(mail);
  const [seen] = await db
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(eq(inboundMessages.providerMessageId, messageId));
  if (seen) return { trackingNumber: to.trackingNumber, refused: [], duplicate: true };

  const text = stripQuoted(mail.text ?? '').slice(0, MAX_TEXT);
  // pictures inside the message's own HTML (a signature's logo) are part of its body, not papers
  const papers = mail.attachments.filter((a) => !a.related);
  if (!text && !papers.length)
    throw new Refusal('empty', '5.6.0 The message has no text of its own and no attachment', 550);

  const refused: RefusedFile[] = [];
  const rules = uploadRulesOf(config);
  const maxBytes = Math.floor(config.MAX_UPLOAD_MB * 1024 * 1024);
  for (const a of papers) {
    const name = a.filename?.trim() || 'attachment';
    try {
      await addAttachment(ctx, deps.files, to.caseId, { bytes: a.content, name, maxBytes }, rules, deps.log);
    } catch (err) {
      if (!(err instanceof AppError)) deps.log?.warn({ err }, 'e-mail attachment could not be kept');
      refused.push({ name, problem: err instanceof AppError ? err.code : 'internal' });
    }
  }

  const onBehalf = mandateEventData(actor, found.scope);
  await db.transaction(async (tx) => {
    const [stored] = await tx
      .insert(inboundMessages)
      .values({
        channel: 'email',
        providerMessageId: messageId,
        fromEmail: from,
        fromName: mail.from?.value[0]?.name || null,
        text,
        accountId: account.id,
        caseId: to.caseId,
      })
      .onConflictDoNothing({ target: inboundMessages.providerMessageId })
      .returning({ id: inboundMessages.id });
    if (!stored) return;
    await addCitizenMessage(tx, {
      caseId: to.caseId,
      institutionId: to.institutionId,
      actorId: account.id,
      text,
      channel: 'email',
      messageId,
      requestId,
      data: { ...(refused.length && { refused }), ...onBehalf },
    });
    if (onBehalf) await notifyMandateUse(tx, ctx, found.c, onBehalf);
  });
  return { trackingNumber: to.trackingNumber, refused, duplicate: false };
}
