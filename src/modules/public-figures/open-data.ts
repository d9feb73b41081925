/**
 * The open data: once a day the worker writes the rollup out as two files, CSV and JSON, kept in the file
 * store by their sha256 and listed on the index with the day, size and checksum. A row is written only when
 * its scope received or answered at least the minimum volume of cases that month (see `figures.ts`); its
 * derived figures are left empty below their own base. The last `KEEP_EDITIONS` days are kept.
 */
import { and, asc, desc, eq, gt, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Lang } from '../../i18n/index.js';
import { t } from '../../i18n/index.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import { institutions } from '../institutions/schema.js';
import type { BlobStore } from '../storage/blob-store.js';
import { sha256Hex } from '../storage/blob-store.js';
import { territories } from '../territory/schema.js';
import { moroccanDate } from '../workflow/calendar.js';
import { MIN_VOLUME, NATION_CODE, present } from './figures.js';
import { openDataEditions, publicFiguresMonthly } from './schema.js';

export const KEEP_EDITIONS = 31;
export const OPEN_DATA_FORMATS = ['csv', 'json'] as const;
export type OpenDataFormat = (typeof OPEN_DATA_FORMATS)[number];

/** The columns of the files, in order, each described in the data dictionary. */
export const openDataColumns = [
  { name: 'month', type: 'string' },
  { name: 'scope_type', type: 'string' },
  { name: 'scope_code', type: 'string' },
  { name: 'scope_name_ar', type: 'string' },
  { name: 'scope_name_fr', type: 'string' },
  { name: 'category', type: 'string' },
  { name: 'received', type: 'integer' },
  { name: 'replied', type: 'integer' },
  { name: 'median_working_days_to_reply', type: 'number' },
  { name: 'share_replied_on_time', type: 'number' },
  { name: 'reopened', type: 'integer' },
  { name: 'escalated', type: 'integer' },
  { name: 'ratings', type: 'integer' },
  { name: 'average_rating', type: 'number' },
] as const;

export const editionFileName = (day: string, format: OpenDataFormat) => `jisr-figures-${day}.${format}`;

/** The data dictionary in a language: each column, its type and what it holds. */
export function dataDictionary(lang: Lang) {
  return openDataColumns.map((c) => ({
    column: c.name,
    type: c.type,
    description: t(lang, `open_data.column.${c.name}`, { min: MIN_VOLUME }),
  }));
}

const PAGE = 2_000;
type Key = { scopeType: string; scopeCode: string; category: string; month: string };

/** Every published row of the rollup, page by page in key order, with the scope's names. */
async function* publishedRows(db: Db) {
  const [bodies, places] = await Promise.all([
    db
      .select({ code: institutions.code, ar: institutions.nameAr, fr: institutions.nameFr })
      .from(institutions),
    db.select({ code: territories.code, ar: territories.nameAr, fr: territories.nameFr }).from(territories),
  ]);
  const names = {
    body: new Map(bodies.map((b) => [b.code, b])),
    territory: new Map(places.map((p) => [p.code, p])),
    nation: new Map([[NATION_CODE, { ar: 'المغرب', fr: 'Maroc' }]]),
  };
  const m = publicFiguresMonthly;
  let after: Key | null = null;
  for (;;) {
    const page: (typeof m.$inferSelect)[] = await db
      .select()
      .from(m)
      .where(
        and(
          or(sql`${m.received} >= ${MIN_VOLUME}`, sql`${m.replied} >= ${MIN_VOLUME}`),
          after
            ? sql`(${m.month}, ${m.scopeType}, ${m.scopeCode}, ${m.category}) > (${after.month}, ${after.scopeType}, ${after.scopeCode}, ${after.category})`
            : undefined,
        ),
      )
      .orderBy(asc(m.month), asc(m.scopeType), asc(m.scopeCode), asc(m.category))
      .limit(PAGE);
    for (const r of page) {
      const f = present(r);
      const name = names[r.scopeType].get(r.scopeCode);
      yield {
        month: r.month.slice(0, 7),
        scope_type: r.scopeType,
        scope_code: r.scopeCode,
        scope_name_ar: name?.ar ?? null,
        scope_name_fr: name?.fr ?? null,
        category: r.category,
        received: f.received,
        replied: f.replied,
        median_working_days_to_reply: f.medianWorkingDaysToReply,
        share_replied_on_time: f.shareRepliedOnTime,
        reopened: f.reopened,
        escalated: f.escalated,
        ratings: f.ratings,
        average_rating: f.averageRating,
      };
    }
    if (page.length < PAGE) return;
    after = page.at(-1)!;
  }
}

/** Writes the day's two files, unless they exist; then forgets the editions older than the kept ones. */
export async function publishOpenData(db: Db, files: BlobStore, now: Date) {
  const day = moroccanDate(now);
  const [existing] = await db.select().from(openDataEditions).where(eq(openDataEditions.day, day)).limit(1);
  if (existing) return { day, made: false };
  const csv: string[] = [CSV_BOM, csvLine(openDataColumns.map((c) => c.name))];
  const json: string[] = [];
  let rows = 0;
  for await (const r of publishedRows(db)) {
    csv.push(csvLine(openDataColumns.map((c) => r[c.name])));
    json.push(JSON.stringify(r));
    rows++;
  }
  const meta = {
    title: t('en', 'open_data.title'),
    source: 'Jisr',
    licence: 'Licence Ouverte / Open Licence 2.0 (Etalab)',
    licenceUrl: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
    day,
    minimumVolume: MIN_VOLUME,
    columns: dataDictionary('en'),
  };
  const bytes = {
    csv: Buffer.from(csv.join(''), 'utf8'),
    json: Buffer.from(`${JSON.stringify(meta).slice(0, -1)},"rows":[\n${json.join(',\n')}\n]}\n`, 'utf8'),
  };
  for (const format of OPEN_DATA_FORMATS) {
    const sha256 = sha256Hex(bytes[format]);
    await files.put(sha256, bytes[format]);
    await db
      .insert(openDataEditions)
      .values({ day, format, sha256, size: bytes[format].length, rows, createdAt: now })
      .onConflictDoNothing();
  }
  await forgetOldEditions(db, files);
  return { day, made: true, rows };
}

async function forgetOldEditions(db: Db, files: BlobStore) {
  const days = await db
    .selectDistinct({ day: openDataEditions.day })
    .from(openDataEditions)
    .orderBy(desc(openDataEditions.day));
  const oldest = days[KEEP_EDITIONS - 1]?.day;
  if (!oldest || days.length <= KEEP_EDITIONS) return;
  const gone = await db.delete(openDataEditions).where(lt(openDataEditions.day, oldest)).returning();
  for (const g of gone) {
    const [still] = await db
      .select({ day: openDataEditions.day })
      .from(openDataEditions)
      .where(eq(openDataEditions.sha256, g.sha256))
      .limit(1);
    if (!still) await files.remove(g.sha256);
  }
}

/** The editions kept, newest first, each with its two files. */
export async function listEditions(db: Db) {
  const rows = await db
    .select()
    .from(openDataEditions)
    .orderBy(desc(openDataEditions.day), asc(openDataEditions.format));
  const byDay = new Map<
    string,
    Record<string, { file: string; size: number; sha256: string; rows: number }>
  >();
  for (const r of rows) {
    const files = byDay.get(r.day) ?? {};
    files[r.format] = {
      file: editionFileName(r.day, r.format),
      size: r.size,
      sha256: r.sha256,
      rows: r.rows,
    };
    byDay.set(r.day, files);
  }
  return [...byDay].map(([day, files]) => ({ day, files }));
}

/** One kept file: the latest edition's (`latest`) or a day's. */
export async function editionFile(db: Db, files: BlobStore, day: string | 'latest', format: OpenDataFormat) {
  const [row] = await db
    .select()
    .from(openDataEditions)
    .where(
      and(
        eq(openDataEditions.format, format),
        day === 'latest' ? gt(openDataEditions.day, '') : eq(openDataEditions.day, day),
      ),
    )
    .orderBy(desc(openDataEditions.day))
    .limit(1);
  if (!row) return null;
  return { day: row.day, sha256: row.sha256, bytes: await files.get(row.sha256) };
}
