import { sql } from 'drizzle-orm';
import {
  bigserial,
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
import { accounts } from '../accounts/schema.js';
import { institutions } from '../institutions/schema.js';
import type { DeliveryStatus, WebhookEvent, WebhookStatus } from './contract.js';

export { type WebhookEvent, webhookEvents } from './contract.js';

/**
 * A body's webhook subscriptions: the address its system listens at, the events it wants, and the signing
 * secret, kept sealed under the platform's SECRET (it must be read back to sign). Deleted ones stay, for the
 * audit trail and the delivery log.
 */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    url: text('url').notNull(),
    events: jsonb('events').$type<WebhookEvent[]>().notNull(),
    sealedSecret: text('sealed_secret').notNull(),
    status: text('status').$type<WebhookStatus>().notNull().default('active'),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => accounts.id),
  },
  (t) => [index('webhook_subscriptions_institution_idx').on(t.institutionId, t.createdAt)],
);

/**
 * The webhook outbox: one row per event per subscription, written in the transaction of the event. The
 * event key (`case.filed:<case id>`, `case.acknowledged:<case id>:<event id>`…) is unique per subscription,
 * so an event handled twice is queued once. The id is the `webhook-id` the receiver sees on every try.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    event: text('event').notNull(),
    eventKey: text('event_key').notNull(),
    /** What is sent: the event's type, time and identifiers, never a person's data. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key_idx').on(t.subscriptionId, t.eventKey),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_subscription_idx').on(t.subscriptionId, t.createdAt),
  ],
);

/** Every try at sending a delivery: when, the receiver's status code or the error, how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id),
    attempt: integer('attempt').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [uniqueIndex('webhook_attempts_delivery_idx').on(t.deliveryId, t.attempt)],
);
