import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { currentTime } from '../../shared/clock.js';
import { territories } from '../territory/schema.js';

export const institutionTypes = [
  'commune',
  'urban_agency',
  'mediator_delegation',
  'prefecture_province',
  'ministry',
] as const;
export type InstitutionType = (typeof institutionTypes)[number];

/** A public body that receives cases. `code` is the tracking-number prefix (AML, AUBM, …). */
export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    code: text('code').notNull().unique(),
    type: text('type').$type<InstitutionType>().notNull(),
    nameAr: text('name_ar').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    territoryCode: text('territory_code')
      .notNull()
      .references(() => territories.code),
    regionCode: text('region_code').notNull(),
    provinceCode: text('province_code'),
    parentId: uuid('parent_id'),
    email: text('email'),
    phone: text('phone'),
    /** The body's policy (law 09-08): the person sees the names of its staff who read their file, not only roles. */
    showStaffNames: boolean('show_staff_names').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [
    index('institutions_region_idx').on(t.regionCode),
    index('institutions_province_idx').on(t.provinceCode),
  ],
);

export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    code: text('code').notNull(),
    nameAr: text('name_ar').notNull(),
    nameFr: text('name_fr').notNull(),
    nameEn: text('name_en').notNull(),
    /** A closed department receives no new cases or staff; it is kept for the history of its cases. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow().$defaultFn(currentTime),
  },
  (t) => [unique('departments_institution_code_uq').on(t.institutionId, t.code)],
);
