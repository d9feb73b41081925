/** Webhooks' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';

/** The events a body's systems may subscribe to. */
export const webhookEvents = [
  'case.filed',
  'case.acknowledged',
  'case.transferred',
  'case.info_requested',
  'case.replied',
  'case.closed',
  'case.escalated',
  'appointment.booked',
  'appointment.cancelled',
] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

/** The event the "send a test" button sends; never subscribed to. */
export const TEST_EVENT = 'webhook.test';

export const webhookStatuses = ['active', 'paused'] as const;
export type WebhookStatus = (typeof webhookStatuses)[number];

export const deliveryStatuses = ['pending', 'sending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A subscription as its administrator sees it (never its secret). */
export const webhook = z.object({
  id: z.uuid(),
  url: z.string(),
  events: z.array(z.enum(webhookEvents)),
  status: z.enum(webhookStatuses),
  createdBy: z.uuid().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  secretRotatedAt: isoDateTime.nullable(),
});

/** A subscription just made, or its secret just replaced: the only answers that carry the secret. */
export const webhookWithSecret = z.object({ webhook, secret: z.string() });

/** One try at sending a delivery. */
export const deliveryAttempt = z.object({
  attempt: z.number().int(),
  at: isoDateTime,
  statusCode: z.number().int().nullable(),
  error: z.string().nullable(),
  durationMs: z.number().int(),
});

/** One event sent (or to send) to one subscription, with its tries. */
export const delivery = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: isoDateTime.nullable(),
  deliveredAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  log: z.array(deliveryAttempt),
});

export const deliveryPage = z.object({ items: z.array(delivery), nextPage: z.number().int().nullable() });
