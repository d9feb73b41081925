import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** Regions, prefectures/provinces, communes and arrondissements of Morocco (reference data). */
export const territories = pgTable(
  'territories',
  {
    code: text('code').primaryKey(),
    type: text('type').notNull(), // region | prefecture | province | municipality | commune | arrondissement
    nameFr: text('name_fr').notNull(),
    nameAr: text('name_ar').notNull(),
    nameFrAlt: text('name_fr_alt'),
    nameArAlt: text('name_ar_alt'),
    parentCode: text('parent_code'),
    regionCode: text('region_code'),
    provinceCode: text('province_code'),
    searchKey: text('search_key').notNull(),
  },
  (t) => [index('territories_parent_idx').on(t.parentCode), index('territories_type_idx').on(t.type)],
);
