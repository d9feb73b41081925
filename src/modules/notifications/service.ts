import { and, asc, eq, lte, sql } from 'drizzle-orm';
import type { Transporter } from 'nodemailer';
import type { Db, Executor } from '../../db/client.js';
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { outboxEmails } from './schema.js';

export type EmailTemplate =
  | 'verify'
  | 'reset'
  | 'receipt'
  | 'deadline_reminder'
  | 'escalation'
  | 'appointment_booked'
  | 'appointment_moved'
  | 'appointment_cancelled'
  | 'appointment_reminder_day'
  | 'appointment_reminder_hour'
  | 'event_registered';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Renders a message in the person's language and writes it to the outbox, inside the caller's transaction.
 * `ics` is an iCalendar file sent with it (bookings), as an invitation the mail client can add.
 */
export async function enqueueEmail(
  tx: Executor,
  msg: {
    to: string;
    template: EmailTemplate;
    lang: Lang;
    params: Record<string, string | number>;
    ics?: string | null;
  },
): Promise<void> {
  if (msg.to.endsWith('.invalid')) return; // a person registered at the desk without an e-mail address
  const subject = t(msg.lang, `mail.${msg.template}.subject` as MessageKey, msg.params);
  const text = t(msg.lang, `mail.${msg.template}.body` as MessageKey, msg.params);
  const dir = msg.lang === 'ar' ? 'rtl' : 'ltr';
  const html = `<!doctype html><html lang="${msg.lang}" dir="${dir}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:'Noto Sans Arabic','Noto Sans',Arial,sans-serif;direction:${dir};text-align:start">${text
    .split('\n\n')
    .map((p) => `<p>${escapeHtml(p).replaceAll('\n', '<br>')}</p>`)
    .join('')}</body></html>`;
  await tx.insert(outboxEmails).values({
    toAddress: msg.to,
    subject,
    textBody: text,
    htmlBody: html,
    language: msg.lang,
    template: msg.template,
    ics: msg.ics ?? null,
  });
}

const MAX_ATTEMPTS = 8;

/** The iTIP method of a calendar file (REQUEST, CANCEL, PUBLISH), which mail clients need beside it. */
const icsMethod = (ics: string) => /^METHOD:(\w+)\r?$/m.exec(ics)?.[1] ?? 'PUBLISH';

/**
 * Sends the e-mails that are due. Each row is claimed with FOR UPDATE SKIP LOCKED so several workers
 * never send the same message; a failure schedules a retry with exponential backoff, then a dead letter.
 * Without a transport (no SMTP configured) messages stay in the outbox, where the development mailbox shows them.
 */
export async function deliverDueEmails(
  db: Db,
  transport: Transporter,
  from: string,
  batch = 20,
): Promise<number> {
  let sent = 0;
  for (let i = 0; i < batch; i++) {
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(outboxEmails)
        .where(and(eq(outboxEmails.status, 'pending'), lte(outboxEmails.nextAttemptAt, sql`now()`)))
        .orderBy(asc(outboxEmails.nextAttemptAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!row) return false;
      try {
        const info = await transport.sendMail({
          from,
          to: row.toAddress,
          subject: row.subject,
          text: row.textBody,
          html: row.htmlBody,
          messageId: `<${row.id}@jisr>`,
          headers: { 'Content-Language': row.language },
          ...(row.ics
            ? { icalEvent: { filename: 'invitation.ics', method: icsMethod(row.ics), content: row.ics } }
            : {}),
        });
        await tx
          .update(outboxEmails)
          .set({
            status: 'sent',
            sentAt: new Date(),
            attempts: row.attempts + 1,
            messageId: info.messageId,
            lastError: null,
          })
          .where(eq(outboxEmails.id, row.id));
        sent++;
      } catch (err) {
        const attempts = row.attempts + 1;
        const delayMs = Math.min(2 ** attempts * 1000, 3_600_000);
        await tx
          .update(outboxEmails)
          .set({
            attempts,
            status: attempts >= MAX_ATTEMPTS ? 'dead' : 'pending',
            nextAttemptAt: new Date(Date.now() + delayMs),
            lastError: String((err as Error).message).slice(0, 500),
          })
          .where(eq(outboxEmails.id, row.id));
      }
      return true;
    });
    if (!done) break;
  }
  return sent;
}

export async function listMailbox(db: Db, limit = 100) {
  return db.select().from(outboxEmails).orderBy(sql`${outboxEmails.createdAt} desc`).limit(limit);
}
