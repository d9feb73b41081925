import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts } from '../accounts/schema.js';
import { cases, type IntakeChannel } from '../cases/schema.js';
import { institutions } from '../institutions/schema.js';

/** The reception desk's log: who came (or called, or wrote), for what, and what came of it — even with no case. */
export const deskVisits = pgTable(
  'desk_visits',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    personId: uuid('person_id').references(() => accounts.id),
    visitorName: text('visitor_name').notNull(),
    channel: text('channel').$type<IntakeChannel>().notNull(),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').$type<'case_opened' | 'informed' | 'redirected' | 'other'>().notNull(),
    note: text('note'),
    caseId: uuid('case_id').references(() => cases.id),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('desk_visits_institution_idx').on(t.institutionId, t.createdAt)],
);
