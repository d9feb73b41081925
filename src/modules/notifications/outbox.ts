/** The outbox's writing primitive: one row per message per channel, in the caller's transaction. */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { type Lang, type MessageKey, t } from '../../i18n/index.js';
import { currentTime } from '../../shared/clock.js';
import { parseQuietHours, type QuietHours, quietHold } from './quiet-hours.js';
import { type accountEvents, type Channel, type NotificationEvent, notifications } from './schema.js';
import { renderEmailHtml } from './templates.js';

/** Settings the writing side needs; set once at start (tests and the worker may change them). */
export const notifySettings: { quietHours: QuietHours; whatsappTemplatePrefix: string } = {
  quietHours: parseQuietHours('21:00-08:00'),
  whatsappTemplatePrefix: 'jisr_',
};

export type NewNotification = {
  idempotencyKey: string;
  event: NotificationEvent;
  channel: Channel;
  language: Lang;
  institutionId?: string | null;
  caseId?: string | null;
  recipientId?: string | null;
  toAddress: string;
  subject?: string;
  textBody: string;
  htmlBody?: string | null;
  payload?: Record<string, unknown>;
  timeZone?: string | null;
  /** Quiet hours hold the message only if they end by then (see `quietHold`). */
  sendBy?: Date | null;
  ics?: string | null;
};

/**
 * How a message is written: `sendAt` holds it until then (quiet hours are counted from that moment);
 * `replacePending` makes the same key again rewrite the message as long as it has not left (a summary
 * that grows during the day), instead of being a no-op.
 */
export type EnqueueOptions = { sendAt?: Date | null; replacePending?: boolean };

/**
 * Writes one message to the outbox, inside the caller's transaction. The same idempotency key twice is a
 * no-op, so an event handled twice still sends once (with `replacePending`, it rewrites the message if it
 * is still waiting). SMS and WhatsApp wait for the end of quiet hours (unless that would be after their
 * `sendBy`). True when the row was written or rewritten.
 */
export async function enqueue(
  tx: Executor,
  n: NewNotification,
  now = currentTime(),
  opts: EnqueueOptions = {},
): Promise<boolean> {
  const at = opts.sendAt && opts.sendAt > now ? opts.sendAt : now;
  const quiet = quietHold({ ...n, timeZone: n.timeZone ?? null }, at, notifySettings.quietHours);
  const insert = tx.insert(notifications).values({
    ...n,
    subject: n.subject ?? '',
    htmlBody: n.htmlBody ?? null,
    payload: n.payload ?? {},
    timeZone: n.timeZone ?? null,
    sendBy: n.sendBy ?? null,
    nextAttemptAt: quiet ?? at,
  });
  if (opts.replacePending) {
    const rewritten = await insert
      .onConflictDoUpdate({
        target: notifications.idempotencyKey,
        set: {
          subject: sql`excluded.subject`,
          textBody: sql`excluded.text_body`,
          htmlBody: sql`excluded.html_body`,
          payload: sql`excluded.payload`,
          toAddress: sql`excluded.to_address`,
        },
        // never a message a worker holds or that left, nor one a provider has already seen
        setWhere: and(eq(notifications.status, 'pending'), eq(notifications.attempts, 0)),
      })
      .returning({ id: notifications.id });
    return rewritten.length > 0;
  }
  const rows = await insert
    .onConflictDoNothing({ target: notifications.idempotencyKey })
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export type EmailTemplate = (typeof accountEvents)[number];

/** Account e-mails (confirmation and reset codes): rendered from the core catalogue, sent once each. */
export async function enqueueEmail(
  tx: Executor,
  msg: {
    to: string;
    template: EmailTemplate;
    lang: Lang;
    params: Record<string, string | number>;
    /** An iCalendar file sent with the message (bookings), as an invitation the mail client can add. */
    ics?: string | null;
    /** The case the message is about, so that its messages can be found from it. */
    caseId?: string | null;
  },
): Promise<void> {
  if (msg.to.endsWith('.invalid')) return; // a person registered at the desk without an e-mail address
  const subject = t(msg.lang, `mail.${msg.template}.subject` as MessageKey, msg.params);
  const text = t(msg.lang, `mail.${msg.template}.body` as MessageKey, msg.params);
  await enqueue(tx, {
    idempotencyKey: `${msg.template}:${randomUUID()}`,
    event: msg.template,
    channel: 'email',
    language: msg.lang,
    toAddress: msg.to,
    subject,
    textBody: text,
    htmlBody: renderEmailHtml({ subject, text, lang: msg.lang }),
    ics: msg.ics ?? null,
    caseId: msg.caseId ?? null,
  });
}
