import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { institutions } from '../institutions/schema.js';

/** A value from the reference catalogue, with whether it was inferred by the compiler. */
export type Sourced<T> = { value: T | null; inferred: boolean; note?: string };

/** Administrative documents and services, imported from the reference catalogue. */
export const documentTypes = pgTable('document_types', {
  code: text('code').primaryKey(),
  category: text('category').notNull(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
  issuingBodyType: jsonb('issuing_body_type').$type<Sourced<{ type: string; detail?: string }>>(),
  requiredDocuments: jsonb('required_documents').$type<Sourced<string[]>>(),
  fee: jsonb('fee').$type<Sourced<{ amount_mad?: number | null; text?: string }>>(),
  delay: jsonb('delay').$type<Sourced<{ text?: string; days?: number }>>(),
  validity: jsonb('validity').$type<Sourced<{ months?: number; text?: string }>>(),
  remoteRequest: jsonb('remote_request').$type<Sourced<{ possible: boolean | null; channels?: string[] }>>(),
  notes: text('notes'),
  /** Every citizen-facing text of the guide in ar, fr and en (reference-data/document-guides.json). */
  guide: jsonb('guide').$type<DocumentGuide>(),
});

type InEachLanguage<T> = { ar: T; fr: T; en: T };
/** A document's guide in the three languages; null where the catalogue knows nothing. */
export type DocumentGuide = {
  /** 'drafted' until a native reviewer has checked it. */
  status: 'drafted' | 'reviewed';
  /** Other names people search by (« عقد الازدياد » for the birth certificate). */
  aliases: InEachLanguage<string[]>;
  papers: InEachLanguage<string[]> | null;
  issuer: InEachLanguage<string> | null;
  fee: InEachLanguage<string> | null;
  delay: InEachLanguage<string> | null;
  validity: InEachLanguage<string> | null;
  remote: InEachLanguage<string[]> | null;
  notes: InEachLanguage<string> | null;
};

export type FieldDefinition = {
  name: string;
  type: 'text' | 'date' | 'number' | 'select';
  required: boolean;
  maxLength?: number;
  /** Numbers: the smallest and largest sensible values (e.g. 1 to 10 copies). */
  min?: number;
  max?: number;
  /** Numbers that are years: never later than the current year. */
  pastYear?: boolean;
  options?: string[];
  label: { ar: string; fr: string; en: string };
};

export const caseKinds = [
  'document_request',
  'complaint',
  'grievance',
  'observation',
  'information_request',
] as const;
export type CaseKind = (typeof caseKinds)[number];

/** What a case is about: a kind, a deadline and the structured fields it asks for. */
export const caseCategories = pgTable('case_categories', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  code: text('code').notNull().unique(),
  kind: text('kind').$type<CaseKind>().notNull(),
  nameAr: text('name_ar').notNull(),
  nameFr: text('name_fr').notNull(),
  nameEn: text('name_en').notNull(),
  deadlineDays: integer('deadline_days').notNull(),
  documentTypeCode: text('document_type_code').references(() => documentTypes.code),
  fields: jsonb('fields').$type<FieldDefinition[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
});

/**
 * An institution's own deadline for a category (in working days) and retention period, or the category
 * switched off there.
 */
export const institutionCategorySettings = pgTable(
  'institution_category_settings',
  {
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => caseCategories.id),
    deadlineDays: integer('deadline_days'),
    active: boolean('active').notNull().default(true),
    /**
     * Months a closed case of this category is kept whole here before its content is removed (law 09-08);
     * null: the platform's default (`RETENTION_MONTHS`). See docs/decisions/2026-12-07-retention.md.
     */
    retentionMonths: integer('retention_months'),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.categoryId] }),
    check('institution_category_settings_retention_ck', sql`${t.retentionMonths} between 2 and 600`),
  ],
);

/** Reply templates of an institution, per category (or for all) and language, with {placeholders}. */
export const replyTemplates = pgTable('reply_templates', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institutions.id),
  categoryId: uuid('category_id').references(() => caseCategories.id),
  language: text('language').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** The parts of a reasoned reply this template fills (facts, decision, how to contest); null: plain text only. */
  parts: jsonb('parts').$type<TemplateParts>(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});

/** The parts of a reasoned reply a template writes, with {placeholders}; the legal basis is chosen, not written. */
export type TemplateParts = { facts: string; decision: string; contest: string };

/**
 * The texts a body's replies rest on, per category (or for all of its categories): a citation (« Loi
 * n° 31-13, art. 4 ») and its title in each language. Kept as data by the body's administrator; a retired
 * text is offered no more but stays readable in the replies that cited it.
 */
export const legalBases = pgTable('legal_bases', {
  id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
  institutionId: uuid('institution_id')
    .notNull()
    .references(() => institutions.id),
  categoryId: uuid('category_id').references(() => caseCategories.id),
  citation: text('citation').notNull(),
  titleAr: text('title_ar').notNull(),
  titleFr: text('title_fr').notNull(),
  titleEn: text('title_en').notNull(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
});
