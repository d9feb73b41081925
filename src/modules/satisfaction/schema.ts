import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { institutions } from '../institutions/schema.js';

/** Why a follow-up was opened. Today only a low rating (see `LOW_RATING`). */
export const followUpReasons = ['low_rating'] as const;
export type FollowUpReason = (typeof followUpReasons)[number];

/**
 * A follow-up task: someone at the body looks again at a case whose person was not satisfied. It belongs to
 * the body's supervisors as a group (any of them may close it), is opened in the transaction of the rating
 * that causes it, and is closed with a note of what was done.
 */
export const followUpTasks = pgTable(
  'follow_up_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    reason: text('reason').$type<FollowUpReason>().notNull(),
    /** The rating's score (1–5) that opened the task. */
    score: integer('score').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => accounts.id),
    /** What the supervisor did, written when closing the task; cleared when the case is anonymised. */
    outcomeNote: text('outcome_note'),
  },
  (t) => [
    uniqueIndex('follow_up_tasks_case_reason_idx').on(t.caseId, t.reason),
    index('follow_up_tasks_institution_idx').on(t.institutionId, t.doneAt, t.openedAt),
  ],
);
