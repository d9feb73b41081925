import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { caseCategories } from '../catalog/schema.js';

/**
 * What a relative may do under a mandate: file a new case of the mandated kind, answer the body (reply to
 * its question, send papers, write), collect the document, book or cancel an appointment.
 */
export const mandateActions = ['file', 'answer', 'collect', 'appointment'] as const;
export type MandateAction = (typeof mandateActions)[number];

/**
 * A citizen's mandate to a relative: for one case (`caseId`) or for a kind of request (`categoryId`), from
 * and until a date, for some actions. The relative is invited by e-mail and becomes `granteeId` on
 * accepting; the body's staff mark it verified once they have seen the procuration paper.
 */
export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    mandatorId: uuid('mandator_id')
      .notNull()
      .references(() => accounts.id),
    granteeEmail: text('grantee_email').notNull(),
    granteeId: uuid('grantee_id').references(() => accounts.id),
    caseId: uuid('case_id').references(() => cases.id),
    categoryId: uuid('category_id').references(() => caseCategories.id),
    actions: jsonb('actions').$type<MandateAction[]>().notNull(),
    validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    verifiedById: uuid('verified_by_id').references(() => accounts.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('mandates_mandator_idx').on(t.mandatorId),
    index('mandates_grantee_idx').on(t.granteeId),
    index('mandates_grantee_email_idx').on(t.granteeEmail),
    index('mandates_case_idx').on(t.caseId),
  ],
);
