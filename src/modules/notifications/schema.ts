import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import type { Language, PostalAddress, ReplyChannel } from '../accounts/schema.js';

/** The ways a message reaches a person. `phone` means a call task for staff, `post` a printed letter. */
export const channels = [
  'email',
  'sms',
  'whatsapp',
  'post',
  'phone',
] as const satisfies readonly ReplyChannel[];
export type Channel = (typeof channels)[number];

/** Events a citizen hears about. */
export const citizenEvents = [
  'receipt',
  /** The receipt of a request registered in the person's name by a body's desk (walk-in, phone, post…). */
  'receipt_desk',
  'info_requested',
  'message',
  'reply_sent',
  'ready',
  'closed',
  'rejected',
  'referred',
  'appointment',
  'deadline_passed',
  /** The file moved to another body or department: one message a day in Morocco sums up the day's moves. */
  'case_moved',
] as const;
/**
 * A citizen's booking: confirmed, moved, cancelled, reminded the day before and an hour before. By e-mail
 * (with the calendar file) and on the SMS or WhatsApp the citizen chose; not by post or phone call.
 */
export const appointmentNoticeEvents = [
  'appointment_booked',
  'appointment_moved',
  'appointment_cancelled',
  'appointment_reminder_day',
  'appointment_reminder_hour',
] as const;
export type AppointmentNoticeEvent = (typeof appointmentNoticeEvents)[number];
/** Events staff hear about. */
export const staffEvents = [
  'assigned',
  'returned',
  'overdue',
  'instruction',
  'citizen_escalated',
  // a low rating: the body's supervisors are asked to look at the case again
  'follow_up',
] as const;
/**
 * E-mails rendered from the message catalogues, not from editable templates: account codes, the deadline
 * watch's reminders and escalations to staff, open-day registrations (which carry a calendar file).
 */
export const accountEvents = [
  'verify',
  'account_exists',
  'reset',
  'invite',
  'totp_reset',
  'deadline_reminder',
  'escalation_digest',
  'event_registered',
  // one e-mail per escalated case, before the daily digest: kept so that the outbox's older rows still read
  'escalation',
  // mandates: the relative's invitation and revocation, the person told of acceptance and of every act
  'mandate_given',
  'mandate_accepted',
  'mandate_used',
  'mandate_revoked',
  'mandate_case_news',
  // a request filed by another system through Open311: the person confirms it from the link
  'open311_confirm',
] as const;
export const templateEvents = [...citizenEvents, ...appointmentNoticeEvents, ...staffEvents] as const;
export type TemplateEvent = (typeof templateEvents)[number];
export type NotificationEvent = TemplateEvent | (typeof accountEvents)[number];

export const notificationStatuses = ['pending', 'sending', 'sent', 'dead', 'bounced'] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

/**
 * The durable outbox: one row per message per channel, written in the transaction of the change that
 * causes it, delivered by the worker. `idempotencyKey` makes enqueueing the same event twice a no-op and is
 * handed to providers that accept one, so a delivery retried after a crash is not sent twice.
 * While a worker holds a row, `status` is `sending` and `nextAttemptAt` is the end of its lease: a row left
 * `sending` by a crashed worker becomes due again when the lease runs out.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    event: text('event').$type<NotificationEvent>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    language: text('language').$type<Language>().notNull(),
    institutionId: uuid('institution_id'),
    caseId: uuid('case_id'),
    recipientId: uuid('recipient_id'),
    /** E-mail address, E.164 phone number, or for post the recipient's name. */
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull().default(''),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    /** Channel data: template parameters, the postal address, the department of a call task. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** An iCalendar file sent with an e-mail (bookings), or null. */
    ics: text('ics'),
    /** Secrets of the message (a case's secret code), sealed; the bodies hold marks (see secrets.ts). */
    sealedSecrets: text('sealed_secrets'),
    /** The recipient's time zone, for quiet hours (SMS, WhatsApp). */
    timeZone: text('time_zone'),
    /**
     * Quiet hours hold the message only if they end by then; otherwise it goes at once (a reminder an hour
     * before an appointment is worth nothing after it). Null: quiet hours hold it as long as they last.
     */
    sendBy: timestamp('send_by', { withTimezone: true }),
    status: text('status').$type<NotificationStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$defaultFn(currentTime),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    bouncedAt: timestamp('bounced_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_due_idx').on(t.status, t.nextAttemptAt),
    index('notifications_institution_idx').on(t.institutionId, t.status, t.createdAt),
    index('notifications_case_idx').on(t.caseId),
    index('notifications_provider_idx').on(t.providerMessageId),
  ],
);

/** An institution's own wording of a message, replacing the platform default for one event, channel and language. */
export const notificationTemplates = pgTable(
  'notification_templates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    event: text('event').$type<TemplateEvent>().notNull(),
    channel: text('channel').$type<Channel>().notNull(),
    language: text('language').$type<Language>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [uniqueIndex('notification_templates_uq').on(t.institutionId, t.event, t.channel, t.language)],
);

/** A person's latest choice of channels (it applies to all their cases from then on) and time zone. */
export const notificationPreferences = pgTable('notification_preferences', {
  accountId: uuid('account_id').primaryKey(),
  channels: jsonb('channels').$type<Channel[]>(),
  /** Staff only: a number for SMS/WhatsApp (citizens keep theirs in their profile). */
  phone: text('phone'),
  timeZone: text('time_zone'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});

export const letterStatuses = ['queued', 'batched', 'posted'] as const;
export type LetterStatus = (typeof letterStatuses)[number];

/** A letter to print and post: what the citizen who chose post receives. The PDF is rendered from this snapshot. */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    notificationId: uuid('notification_id').notNull().unique(),
    institutionId: uuid('institution_id').notNull(),
    departmentId: uuid('department_id'),
    caseId: uuid('case_id'),
    reference: text('reference').notNull(),
    event: text('event').notNull(),
    language: text('language').$type<Language>().notNull(),
    recipientName: text('recipient_name').notNull(),
    address: jsonb('address').$type<PostalAddress>().notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    trackingUrl: text('tracking_url'),
    status: text('status').$type<LetterStatus>().notNull().default('queued'),
    batchId: uuid('batch_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postedBy: uuid('posted_by'),
  },
  (t) => [
    index('letters_institution_idx').on(t.institutionId, t.status, t.createdAt),
    index('letters_batch_idx').on(t.batchId),
  ],
);

/** A day's letters of one institution, printed together behind a cover list. */
export const letterBatches = pgTable(
  'letter_batches',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id').notNull(),
    day: date('day').notNull(),
    letterCount: integer('letter_count').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    postedAt: timestamp('posted_at', { withTimezone: true }),
    postedBy: uuid('posted_by'),
  },
  (t) => [index('letter_batches_institution_idx').on(t.institutionId, t.day)],
);

export const callOutcomes = ['reached', 'no_answer', 'call_back', 'wrong_number'] as const;
export type CallOutcome = (typeof callOutcomes)[number];

/** A call to make: the reply channel `phone` turns a message into a task for the owning department. */
export const callTasks = pgTable(
  'call_tasks',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    notificationId: uuid('notification_id').notNull().unique(),
    institutionId: uuid('institution_id').notNull(),
    departmentId: uuid('department_id'),
    caseId: uuid('case_id'),
    citizenId: uuid('citizen_id'),
    phone: text('phone').notNull(),
    language: text('language').$type<Language>().notNull(),
    event: text('event').notNull(),
    script: text('script').notNull(),
    status: text('status').$type<'open' | 'done'>().notNull().default('open'),
    /** When to call: at once, or the time the person asked to be called back. */
    callAt: timestamp('call_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    attempts: integer('attempts').notNull().default(0),
    lastOutcome: text('last_outcome').$type<CallOutcome>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('call_tasks_institution_idx').on(t.institutionId, t.status, t.callAt)],
);

export const callAttempts = pgTable(
  'call_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => callTasks.id),
    agentId: uuid('agent_id').notNull(),
    outcome: text('outcome').$type<CallOutcome>().notNull(),
    callBackAt: timestamp('call_back_at', { withTimezone: true }),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('call_attempts_task_idx').on(t.taskId)],
);

/** The ways messages come in from outside: WhatsApp, and e-mail (modules/email-in). */
export type InboundChannel = 'whatsapp' | 'email';

/** Where a voice note of an inbound message stands (see `inboundMessages.mediaStatus`). */
export type MediaStatus = 'pending' | 'stored' | 'failed' | 'refused';

/** Every message received from outside (WhatsApp, e-mail), once: the provider's id makes a redelivered webhook a no-op. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    channel: text('channel').$type<InboundChannel>().notNull(),
    providerMessageId: text('provider_message_id').notNull().unique(),
    /** The sender: a number (WhatsApp, E.164) or an e-mail address. */
    fromPhone: text('from_phone'),
    fromEmail: text('from_email'),
    fromName: text('from_name'),
    text: text('text').notNull(),
    accountId: uuid('account_id'),
    caseId: uuid('case_id'),
    intakeId: uuid('intake_id'),
    /**
     * A voice note (or other media) the provider holds for us: its id there, then the file once fetched and
     * checked (kept here while the message waits at the desk, an attachment of the case once it has one).
     * `mediaStatus`: `pending` (to fetch, retried by the worker), `stored`, `failed` (gave up: `mediaError`
     * says why), `refused` (type or size not accepted).
     */
    mediaId: text('media_id'),
    mediaStatus: text('media_status').$type<MediaStatus>(),
    mediaAttempts: integer('media_attempts').notNull().default(0),
    mediaError: text('media_error'),
    mediaSha256: text('media_sha256'),
    mediaSize: integer('media_size'),
    mediaType: text('media_type'),
    mediaScanStatus: text('media_scan_status').$type<'clean' | 'pending'>(),
    attachmentId: uuid('attachment_id'),
    receivedAt: timestamp('received_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$defaultFn(currentTime),
  },
  (t) => [
    index('inbound_messages_intake_idx').on(t.intakeId),
    // the voice notes still to fetch: few, found without reading the others
    index('inbound_messages_media_pending_idx').on(t.receivedAt).where(sql`${t.mediaStatus} = 'pending'`),
  ],
);

/** A message that matched no open case: waits at the reception desk to become a case (or be dismissed). */
export const deskIntakes = pgTable(
  'desk_intakes',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id'),
    channel: text('channel').$type<InboundChannel>().notNull(),
    fromPhone: text('from_phone'),
    fromEmail: text('from_email'),
    fromName: text('from_name'),
    accountId: uuid('account_id'),
    status: text('status').$type<'open' | 'converted' | 'dismissed'>().notNull().default('open'),
    caseId: uuid('case_id'),
    handledBy: uuid('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('desk_intakes_institution_idx').on(t.institutionId, t.status, t.createdAt)],
);
