import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';

/**
 * The public figures, rolled up by the worker (see `rollup.ts`): one row per scope, category and month.
 * A scope is a body (`body`, its code), a territory (`territory`, the code of a commune, province or region;
 * a body counts in each territory it lies in) or the nation (`nation`, code `MA`). `category` is a category's
 * code, or `*` for all categories together. Each figure is attributed to the month (in Morocco) of its own
 * event: a case to the month it was received, a reply to the month it was sent, and so on. No person is in
 * it: counts and a histogram of working days only.
 */
export const publicFiguresMonthly = pgTable(
  'public_figures_monthly',
  {
    scopeType: text('scope_type').$type<ScopeType>().notNull(),
    scopeCode: text('scope_code').notNull(),
    category: text('category').notNull(),
    /** The first day of the month, `YYYY-MM-01`. */
    month: text('month').notNull(),
    received: integer('received').notNull().default(0),
    /** Cases given their first reasoned reply (answer, document ready, reasoned refusal) this month. */
    replied: integer('replied').notNull().default(0),
    /** Of those, the replies sent by the case's legal deadline. */
    repliedOnTime: integer('replied_on_time').notNull().default(0),
    /** How many of those replies took 0, 1, 2, … working days from filing; the last bucket counts the rest. */
    replyDays: integer('reply_days').array().notNull(),
    reopened: integer('reopened').notNull().default(0),
    escalated: integer('escalated').notNull().default(0),
    ratings: integer('ratings').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.scopeType, t.scopeCode, t.category, t.month] })],
);

/** The cases open now and, of them, those past their deadline, per scope and category, at `asOf`. */
export const publicFiguresOpen = pgTable(
  'public_figures_open',
  {
    scopeType: text('scope_type').$type<ScopeType>().notNull(),
    scopeCode: text('scope_code').notNull(),
    category: text('category').notNull(),
    open: integer('open').notNull(),
    overdue: integer('overdue').notNull(),
    asOf: timestamp('as_of', { withTimezone: true }).notNull().$defaultFn(currentTime),
  },
  (t) => [primaryKey({ columns: [t.scopeType, t.scopeCode, t.category] })],
);

/** The open-data files made each day from the rollup (kept in the file store by their sha256). */
export const openDataEditions = pgTable(
  'open_data_editions',
  {
    /** The day in Morocco, `YYYY-MM-DD`. */
    day: text('day').notNull(),
    format: text('format').$type<'csv' | 'json'>().notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    rows: integer('rows').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [primaryKey({ columns: [t.day, t.format] })],
);

export const scopeTypes = ['nation', 'territory', 'body'] as const;
export type ScopeType = (typeof scopeTypes)[number];
