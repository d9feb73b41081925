/** The notifications' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, itemsOf, languageCode, storedDateTime } from '../../shared/contract.js';
import { postalAddress, replyChannelCodes } from '../cases/contract.js';

/** What a person is told of, by e-mail or the other channels. */
export const templateEvents = [
  'message',
  'receipt',
  'receipt_desk',
  'info_requested',
  'reply_sent',
  'ready',
  'closed',
  'rejected',
  'referred',
  'appointment',
  'deadline_passed',
  'case_moved',
  'appointment_booked',
  'appointment_moved',
  'appointment_cancelled',
  'appointment_reminder_day',
  'appointment_reminder_hour',
  'assigned',
  'returned',
  'overdue',
  'instruction',
  'citizen_escalated',
  'follow_up',
] as const;
export const notificationEvents = z.enum([
  ...templateEvents,
  'verify',
  'account_exists',
  'reset',
  'invite',
  'totp_reset',
  'deadline_reminder',
  'escalation_digest',
  'event_registered',
  'escalation',
  'mandate_given',
  'mandate_accepted',
  'mandate_used',
  'mandate_revoked',
  'mandate_case_news',
  'open311_confirm',
]);
export const notificationStatuses = z.enum(['pending', 'sending', 'sent', 'dead', 'bounced']);
export const callOutcomes = z.enum(['reached', 'no_answer', 'call_back', 'wrong_number']);

/** A message sent, or to be sent, on one channel. */
export const notification = z.object({
  id: z.uuid(),
  event: notificationEvents,
  channel: replyChannelCodes,
  language: languageCode,
  caseId: z.uuid().nullable(),
  recipientId: z.uuid().nullable(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: notificationStatuses,
  attempts: z.number().int(),
  nextAttemptAt: isoDateTime,
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  bouncedAt: isoDateTime.nullable(),
});
/** A page of the outbox, newest first; `nextBefore` asks for the next one. */
export const notificationPage = z.object({ items: z.array(notification), nextBefore: z.string().nullable() });
export const notificationSummary = itemsOf(
  z.object({ status: notificationStatuses, channel: replyChannelCodes, n: z.number().int() }),
);

/** A message's wording as a body set it (or the platform's, when `custom` is false). */
export const messageTemplate = z.object({
  event: z.enum(templateEvents),
  channel: replyChannelCodes,
  language: languageCode,
  subject: z.string().nullable(),
  body: z.string(),
  custom: z.boolean(),
  placeholders: z.array(z.string()).readonly(),
  updatedAt: isoDateTime.nullable(),
});
export const templatePreview = z.object({
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  characters: z.number().int(),
  smsSegments: z.number().int().nullable(),
});

/** How I want to be told: channels, time zone (for quiet hours) and phone. */
export const notificationPreferences = z.object({
  channels: z.array(replyChannelCodes),
  timeZone: z.string().nullable(),
  effectiveTimeZone: z.string(),
  phone: z.string().nullable(),
  updatedAt: isoDateTime.nullable(),
});

/** A call to make, for a person who asked to be told by phone. */
export const callTask = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  institutionId: z.uuid(),
  departmentId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  citizenId: z.uuid().nullable(),
  phone: z.string(),
  language: languageCode,
  event: z.string(),
  script: z.string(),
  status: z.enum(['open', 'done']),
  callAt: storedDateTime,
  attempts: z.number().int(),
  lastOutcome: callOutcomes.nullable(),
  createdAt: storedDateTime,
  closedAt: storedDateTime.nullable(),
});
export const callTaskDetail = callTask.extend({
  attemptsLog: z.array(
    z.object({
      id: z.number().int(),
      taskId: z.uuid(),
      agentId: z.uuid(),
      outcome: callOutcomes,
      callBackAt: storedDateTime.nullable(),
      note: z.string().nullable(),
      at: storedDateTime,
    }),
  ),
});

export const letterStatuses = z.enum(['queued', 'batched', 'posted']);
/** A letter to post, as the list shows it. */
export const letterSummary = z.object({
  id: z.uuid(),
  reference: z.string(),
  event: z.string(),
  language: languageCode,
  recipientName: z.string(),
  country: z.string(),
  status: letterStatuses,
  batchId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  createdAt: storedDateTime,
  postedAt: storedDateTime.nullable(),
});
/** A letter, whole. */
export const letter = z.object({
  id: z.uuid(),
  notificationId: z.uuid(),
  institutionId: z.uuid(),
  departmentId: z.uuid().nullable(),
  caseId: z.uuid().nullable(),
  reference: z.string(),
  event: z.string(),
  language: languageCode,
  recipientName: z.string(),
  address: postalAddress,
  subject: z.string(),
  body: z.string(),
  trackingUrl: z.string().nullable(),
  status: letterStatuses,
  batchId: z.uuid().nullable(),
  createdAt: storedDateTime,
  postedAt: storedDateTime.nullable(),
  postedBy: z.uuid().nullable(),
});
/** The letters of a day, printed and posted together. */
export const letterBatch = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  day: z.string(),
  letterCount: z.number().int(),
  createdBy: z.uuid().nullable(),
  createdAt: storedDateTime,
  postedAt: storedDateTime.nullable(),
  postedBy: z.uuid().nullable(),
});
export const postedBatch = letterBatch.extend({ posted: z.number().int() });

/** A conversation opened by a message (WhatsApp) from someone the desk has to file a request for. */
export const deskIntake = z.object({
  id: z.uuid(),
  institutionId: z.uuid().nullable(),
  channel: z.enum(['whatsapp', 'email']),
  fromPhone: z.string().nullable(),
  fromEmail: z.string().nullable(),
  fromName: z.string().nullable(),
  accountId: z.uuid().nullable(),
  status: z.enum(['open', 'converted', 'dismissed']),
  caseId: z.uuid().nullable(),
  handledBy: z.uuid().nullable(),
  handledAt: storedDateTime.nullable(),
  note: z.string().nullable(),
  createdAt: storedDateTime,
  updatedAt: storedDateTime,
});
export const deskIntakes = itemsOf(
  deskIntake.extend({
    messages: z.array(
      z.object({
        id: z.uuid(),
        text: z.string(),
        receivedAt: storedDateTime,
        /** A voice note: being fetched (`pending`), kept for the case (`stored`), or not kept (`failed`, `refused`). */
        media: z
          .object({
            status: z.enum(['pending', 'stored', 'failed', 'refused']),
            type: z.string().nullable(),
            size: z.number().int().nullable(),
          })
          .nullable(),
      }),
    ),
  }),
);
export const convertedIntake = z.object({ caseId: z.uuid(), trackingNumber: z.string() });

export const webhookResult = z.object({
  threaded: z.number().int(),
  intakes: z.number().int(),
  duplicates: z.number().int(),
  statuses: z.number().int(),
});
export const bounces = z.object({ bounced: z.array(z.string()) });

/** What the platform sent, as the development mailbox shows it (never in production). */
export const devMailbox = itemsOf(
  z.object({
    id: z.uuid(),
    channel: replyChannelCodes,
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    language: languageCode,
    status: notificationStatuses,
    calendar: z.string().nullable(),
    createdAt: isoDateTime,
  }),
);
