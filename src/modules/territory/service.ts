import { and, asc, eq, inArray, like, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { firstOrNull } from '../../db/rows.js';
import { foldForSearch } from '../../shared/text-normalize.js';
import { territories } from './schema.js';

export type TerritoryRecord = {
  code: string;
  type: string;
  name_fr: string;
  name_ar: string;
  name_fr_alt: string | null;
  name_ar_alt: string | null;
  parent_code: string | null;
  region_code: string | null;
  province_code: string | null;
};

/** Inserts or updates every record; running it twice changes nothing the second time. */
export async function importTerritory(db: Executor, records: TerritoryRecord[]): Promise<number> {
  const rows = records.map((r) => ({
    code: r.code,
    type: r.type,
    nameFr: r.name_fr,
    nameAr: r.name_ar,
    nameFrAlt: r.name_fr_alt,
    nameArAlt: r.name_ar_alt,
    parentCode: r.parent_code,
    regionCode: r.region_code,
    provinceCode: r.type === 'prefecture' || r.type === 'province' ? r.code : r.province_code,
    searchKey: foldForSearch(
      [r.name_fr, r.name_ar, r.name_fr_alt, r.name_ar_alt].filter(Boolean).join(' | '),
    ),
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(territories)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: territories.code,
        set: {
          type: sql`excluded.type`,
          nameFr: sql`excluded.name_fr`,
          nameAr: sql`excluded.name_ar`,
          nameFrAlt: sql`excluded.name_fr_alt`,
          nameArAlt: sql`excluded.name_ar_alt`,
          parentCode: sql`excluded.parent_code`,
          regionCode: sql`excluded.region_code`,
          provinceCode: sql`excluded.province_code`,
          searchKey: sql`excluded.search_key`,
        },
      });
  }
  return rows.length;
}

export const placeTypes = [
  'region',
  'prefecture',
  'province',
  'municipality',
  'commune',
  'arrondissement',
] as const;

export async function searchTerritory(
  db: Executor,
  q: { text?: string; types?: string[]; parent?: string; limit: number },
) {
  const conds = [];
  if (q.text) conds.push(like(territories.searchKey, `%${foldForSearch(q.text).replace(/[%_\\]/g, '')}%`));
  if (q.types?.length) conds.push(inArray(territories.type, q.types));
  if (q.parent) conds.push(eq(territories.parentCode, q.parent));
  return db
    .select({
      code: territories.code,
      type: territories.type,
      nameFr: territories.nameFr,
      nameAr: territories.nameAr,
      parentCode: territories.parentCode,
      regionCode: territories.regionCode,
      provinceCode: territories.provinceCode,
    })
    .from(territories)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(territories.code))
    .limit(q.limit);
}

export async function getTerritory(db: Executor, code: string) {
  return firstOrNull(db.select().from(territories).where(eq(territories.code, code)));
}

export async function countTerritory(db: Executor) {
  return db
    .select({ type: territories.type, n: sql<number>`count(*)::int` })
    .from(territories)
    .groupBy(territories.type);
}
