import { getTableColumns, sql } from 'drizzle-orm';
import {
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { accounts, type Language, type ReplyChannel } from '../accounts/schema.js';
import { type CaseKind, caseCategories } from '../catalog/schema.js';
import { departments, institutions } from '../institutions/schema.js';
import { type CaseState, clockStates, openStates } from './state-machine.js';

/** A PostgreSQL full-text vector; written by the database itself (generated column), only read here. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The text a case is found by in the queue's search box: tracking number, the requester's names in both
 * scripts, subject and description, folded by `jisr_fold` (defined in the migration) so that Arabic
 * letter variants and diacritics, French accents and case do not matter.
 */
const searchDocument = sql`to_tsvector('simple'::regconfig, jisr_fold(tracking_number || ' ' || requester_name || ' ' || subject || ' ' || description))`;

/** `api`: filed by another system for the person (Open311), who confirmed it from the e-mailed link. */
export const intakeChannels = [
  'web',
  'desk',
  'phone',
  'whatsapp',
  'email',
  'post',
  'referral',
  'api',
] as const;
export type IntakeChannel = (typeof intakeChannels)[number];

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    trackingNumber: text('tracking_number').notNull().unique(),
    accessCodeHash: text('access_code_hash').notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => caseCategories.id),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    fields: jsonb('fields').$type<Record<string, string | number>>().notNull().default({}),
    intakeChannel: text('intake_channel').$type<IntakeChannel>().notNull(),
    replyChannels: jsonb('reply_channels').$type<ReplyChannel[]>().notNull(),
    language: text('language').$type<Language>().notNull(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => accounts.id),
    /** The requester's names (both scripts) at filing time: shown in the queue and searched. */
    requesterName: text('requester_name').notNull().default(''),
    /** The requester's country of residence at filing time (ISO 3166-1 alpha-2), for queue filters. */
    requesterCountry: text('requester_country'),
    representativeId: uuid('representative_id').references(() => accounts.id),
    mandateReference: text('mandate_reference'),
    departmentId: uuid('department_id').references(() => departments.id),
    assigneeId: uuid('assignee_id').references(() => accounts.id),
    state: text('state').$type<CaseState>().notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Set when staff merged this case into another one (a duplicate): the other case carries on. */
    mergedIntoId: uuid('merged_into_id'),
    /**
     * When the retention job removed the case's content (its period after closing ran out): the row stays
     * for the figures and the person's list, with no text, fields or papers left.
     */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    /**
     * A paper file registered late (filed at a counter before Jisr): its old reference, the day it was first
     * filed (00:00 in Morocco; its deadline and age count from it) and the service that received it. All
     * null for a file born in Jisr. See `legacy.ts`.
     */
    legacyReference: text('legacy_reference'),
    originallyFiledAt: timestamp('originally_filed_at', { withTimezone: true }),
    legacyService: text('legacy_service'),
    search: tsvector('search').generatedAlwaysAs(searchDocument),
  },
  (t) => [
    // Holds every column the queue filters on and the oversight figures read, so that the counts per state
    // and the open-case figures are answered from the index alone (index-only scans), without the rows.
    index('cases_institution_state_idx').on(
      t.institutionId,
      t.state,
      t.kind,
      t.dueAt,
      t.createdAt,
      t.categoryId,
      t.departmentId,
      t.assigneeId,
      t.intakeChannel,
      t.requesterCountry,
    ),
    // With the state and the closing date after the keyset columns: the oversight figures of the last 90
    // days are read from the index alone.
    index('cases_institution_created_idx').on(t.institutionId, t.createdAt, t.id, t.state, t.closedAt),
    index('cases_institution_due_idx').on(t.institutionId, t.dueAt, t.id),
    index('cases_institution_updated_idx').on(t.institutionId, t.updatedAt, t.id),
    // The open cases of a body by deadline and by last change (the queue's usual views), without walking
    // past the settled history that fills the full indexes on the same columns.
    index('cases_open_due_idx')
      .on(t.institutionId, t.dueAt, t.id)
      .where(sql.raw(`state in (${openStates.map((st) => `'${st}'`).join(', ')})`)),
    index('cases_open_updated_idx')
      .on(t.institutionId, t.updatedAt, t.id)
      .where(sql.raw(`state in (${openStates.map((st) => `'${st}'`).join(', ')})`)),
    // The oldest open cases across many bodies (oversight): walked in date order, only over open cases.
    index('cases_open_created_idx')
      .on(t.createdAt)
      .where(sql.raw(`state in (${openStates.map((st) => `'${st}'`).join(', ')})`)),
    // The deadline watch walks the cases whose clock runs, by due date (keyset on the date and the id).
    index('cases_running_due_idx')
      .on(t.dueAt, t.id)
      .where(sql.raw(`state in (${clockStates.map((st) => `'${st}'`).join(', ')})`)),
    index('cases_assignee_idx').on(t.assigneeId, t.state),
    index('cases_department_idx').on(t.departmentId, t.state),
    // One GIN index over the body and the words: a body's search reads only its own entries (btree_gin).
    index('cases_institution_search_idx').using('gin', t.institutionId, t.search),
    index('cases_requester_idx').on(t.requesterId, t.createdAt),
    index('cases_representative_idx').on(t.representativeId),
    // The retention job walks the settled cases not yet anonymised, oldest closing first.
    index('cases_retention_idx')
      .on(t.closedAt, t.id)
      .where(sql`${t.anonymisedAt} is null and ${t.closedAt} is not null`),
  ],
);

/**
 * Every column of a case but the search vector, which is only searched, never read (and is the widest): what
 * the platform selects and returns of a case.
 */
export const { search: _searchVector, ...caseColumns } = getTableColumns(cases);
/** A case as the platform reads it (without its search vector). */
export type CaseRow = Omit<typeof cases.$inferSelect, 'search'>;

/** The case's history, told in plain words to the citizen (public) or kept among staff (internal). */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    type: text('type').notNull(),
    actorId: uuid('actor_id').references(() => accounts.id),
    fromState: text('from_state'),
    toState: text('to_state'),
    reason: text('reason'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    visibility: text('visibility').$type<'public' | 'internal'>().notNull().default('public'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('case_events_case_idx').on(t.caseId, t.id),
    // The events the public figures count (replies, reopenings, escalations), by date: the monthly rollup
    // reads a month of them without walking the whole history.
    index('case_events_figures_idx')
      .on(t.createdAt)
      .where(sql.raw(`type in (${figureEventTypes.map((e) => `'${e}'`).join(', ')})`)),
  ],
);

/** Events a reasoned reply, a reopening or an escalation is known by (see the public figures). */
export const replyEventTypes = ['reply_approved', 'ready', 'rejected'] as const;
export const figureEventTypes = [...replyEventTypes, 'reopened', 'escalated', 'citizen_escalated'] as const;

/** One counter per institution and year; incremented atomically for tracking numbers. */
export const trackingCounters = pgTable(
  'tracking_counters',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    year: integer('year').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.year] })],
);

/**
 * Where a paper stands with the antivirus: `clean` (clamd found nothing), `pending` (received while clamd
 * could not be reached, with `CLAMAV_UNAVAILABLE=hold`: never served until a later scan finds it clean), or
 * null (no antivirus was configured when it arrived).
 */
export type ScanStatus = 'clean' | 'pending';

/** A file attached to a case. The bytes live on disk under their sha256; the name is kept only as text. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => accounts.id),
    scanStatus: text('scan_status').$type<ScanStatus>(),
    /** A worker scanning a held paper holds it until then; another takes it over once this has passed. */
    scanLeaseUntil: timestamp('scan_lease_until', { withTimezone: true }),
    /** A voice message written down by staff (what was said, in the language it was said in); null: to do. */
    transcription: text('transcription'),
    transcribedBy: uuid('transcribed_by').references(() => accounts.id),
    transcribedAt: timestamp('transcribed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('attachments_case_idx').on(t.caseId),
    // the held papers, which the worker scans again: few, found without reading the others
    index('attachments_held_idx').on(t.createdAt).where(sql`${t.scanStatus} = 'pending'`),
    // the voice messages still to transcribe (the queue's filter): few, found without reading the others
    index('attachments_to_transcribe_idx')
      .on(t.caseId)
      .where(sql`${t.mediaType} like 'audio/%' and ${t.transcription} is null`),
  ],
);

/**
 * Papers sent before their case exists: checked and stored on arrival, then attached when the case is filed
 * (in the same transaction), or swept after a day. A refused paper is refused before any case is created.
 */
export const pendingUploads = pgTable(
  'pending_uploads',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    originalName: text('original_name').notNull(),
    scanStatus: text('scan_status').$type<ScanStatus>(),
    scanLeaseUntil: timestamp('scan_lease_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('pending_uploads_account_idx').on(t.accountId),
    index('pending_uploads_created_idx').on(t.createdAt),
  ],
);

/**
 * A filing's client key (one per form): a send repeated with the same key (a retry after a lost answer, a
 * second press) gets the same case back instead of a second one. The receipt's secret code is kept sealed
 * (AES-256-GCM under SECRET) so that the repeated answer shows it again; swept after a day.
 */
export const filingKeys = pgTable(
  'filing_keys',
  {
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id),
    clientKey: text('client_key').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    sealedCode: text('sealed_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.clientKey] }),
    index('filing_keys_created_idx').on(t.createdAt),
  ],
);

/** The citizen's rating of how their case was handled, once answered. */
export const caseRatings = pgTable('case_ratings', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  score: integer('score').notNull(),
  comment: text('comment'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  /** Who held the case when it was rated (its assignee then), for the satisfaction figures per agent. */
  agentId: uuid('agent_id').references(() => accounts.id),
});

/** A form being filled in, kept on the server so nothing typed is lost on a bad connection. */
export const caseDrafts = pgTable(
  'case_drafts',
  {
    id: uuid('id').primaryKey(),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('case_drafts_account_idx').on(t.accountId)],
);

/** A staff member's named queue filter set ("my overdue complaints"), kept per institution. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    name: text('name').notNull(),
    filters: jsonb('filters').$type<Record<string, string>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [index('saved_views_account_idx').on(t.accountId, t.institutionId)],
);

/**
 * How many cases each body holds in each settled (not open) state, per kind, category, intake channel and
 * country of residence: the queue's counts read the long history from here instead of counting it on every
 * page. Kept by a trigger on `cases` in the same transaction as the change (migration 0031); open states are
 * left out on purpose (they are few, counted live, and a filing would otherwise wait on a counter row).
 */
export const closedCaseCounts = pgTable(
  'closed_case_counts',
  {
    institutionId: uuid('institution_id').notNull(),
    state: text('state').$type<CaseState>().notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    categoryId: uuid('category_id').notNull(),
    intakeChannel: text('intake_channel').$type<IntakeChannel>().notNull(),
    requesterCountry: text('requester_country'),
    n: integer('n').notNull(),
  },
  (t) => [
    unique('closed_case_counts_key')
      .on(t.institutionId, t.state, t.kind, t.categoryId, t.intakeChannel, t.requesterCountry)
      .nullsNotDistinct(),
  ],
);
