/**
 * The staff's export of a filtered queue, as CSV or as an Excel workbook, written as it is read (a page of
 * the queue at a time), so that a large export never sits whole in memory. Who may export: the watchers of
 * the body (supervisors, administrators, auditors) and overseers; the requester's name and country only for
 * the body's own supervisors and administrators (law 09-08: a bulk copy of people's data goes only to those
 * who handle their files).
 */
import { PassThrough, Readable } from 'node:stream';
import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Executor } from '../../db/client.js';
import { type Lang, t } from '../../i18n/index.js';
import { type Names, nameIn } from '../../i18n/names.js';
import { forbidden } from '../../server/errors.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import { type Actor, hasRole, WATCHER_ROLES } from '../accounts/actor.js';
import { caseCategories } from '../catalog/schema.js';
import { institutions } from '../institutions/schema.js';
import { isOverdue } from './deadline.js';
import { type QueueFilters, queuePage } from './queue.js';
import type { CaseRow } from './schema.js';
import { pausedStates } from './state-machine.js';

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
/** At most this many cases in one export (narrow the filters for more). */
export const EXPORT_MAX_ROWS = 50_000;
const PAGE = 1_000;

/** Whether the actor may export these bodies' cases, and with the personal columns. */
export function exportRights(actor: Actor, institutionIds: string[]): { personal: boolean } {
  const watches = (id: string) => hasRole(actor, id, WATCHER_ROLES);
  if (!institutionIds.length || !(actor.scopes.length > 0 || institutionIds.every(watches)))
    throw forbidden();
  return { personal: institutionIds.every((id) => hasRole(actor, id, ['supervisor', 'institution_admin'])) };
}

/** A date as it reads on a wall clock in Morocco, `2026-12-07 14:05`. */
const moroccoClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Africa/Casablanca',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const inMorocco = (d: Date | null) => (d ? moroccoClock.format(d) : '');

type Cell = string | Date | null;

/** The heading and the rows, in the reader's language. */
async function* exportTable(
  db: Executor,
  actor: Actor,
  institutionIds: string[],
  filters: QueueFilters,
  lang: Lang,
  personal: boolean,
  now: Date,
): AsyncGenerator<Cell[]> {
  const [bodies, categories] = await Promise.all([
    db
      .select({
        id: institutions.id,
        nameAr: institutions.nameAr,
        nameFr: institutions.nameFr,
        nameEn: institutions.nameEn,
      })
      .from(institutions)
      .where(inArray(institutions.id, institutionIds)),
    db
      .select({
        id: caseCategories.id,
        nameAr: caseCategories.nameAr,
        nameFr: caseCategories.nameFr,
        nameEn: caseCategories.nameEn,
      })
      .from(caseCategories),
  ]);
  const named = (x?: Names) => (x ? nameIn(lang, x) : '');
  const bodyName = new Map(bodies.map((b) => [b.id, named(b)]));
  const categoryName = new Map(categories.map((c) => [c.id, named(c)]));
  const columns = [
    'export.col.tracking',
    'export.col.body',
    'export.col.kind',
    'export.col.category',
    'export.col.state',
    'export.col.channel',
    'export.col.language',
    ...(personal ? (['export.col.requester', 'export.col.country'] as const) : []),
    'export.col.filed',
    'export.col.due',
    'export.col.updated',
    'export.col.closed',
    'export.col.overdue',
  ] as const;
  yield columns.map((c) => t(lang, c));
  const row = (c: CaseRow): Cell[] => [
    c.trackingNumber,
    bodyName.get(c.institutionId) ?? '',
    t(lang, `export.kind.${c.kind}`),
    categoryName.get(c.categoryId) ?? '',
    t(lang, `export.state.${c.state}`),
    c.intakeChannel,
    c.language,
    ...(personal ? [c.anonymisedAt ? '' : c.requesterName, c.requesterCountry ?? ''] : []),
    c.createdAt,
    c.dueAt,
    c.updatedAt,
    c.closedAt,
    t(
      lang,
      isOverdue(c.dueAt, now, pausedStates.includes(c.state)) && !c.closedAt ? 'export.yes' : 'export.no',
    ),
  ];
  let cursor: string | undefined;
  let given = 0;
  do {
    const page = await queuePage(db, actor, institutionIds, filters, { limit: PAGE, cursor }, now);
    for (const c of page.rows) {
      if (given++ >= EXPORT_MAX_ROWS) return;
      yield row(c);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** The export as a stream: CSV (UTF-8 with a byte-order mark, so that spreadsheets read Arabic) or XLSX. */
export function exportStream(
  format: ExportFormat,
  db: Executor,
  actor: Actor,
  institutionIds: string[],
  filters: QueueFilters,
  lang: Lang,
  personal: boolean,
  now: Date,
): Readable {
  const table = exportTable(db, actor, institutionIds, filters, lang, personal, now);
  if (format === 'csv') {
    return Readable.from(
      (async function* () {
        yield CSV_BOM;
        for await (const r of table) yield csvLine(r.map((v) => (v instanceof Date ? inMorocco(v) : v)));
      })(),
    );
  }
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheet = book.addWorksheet(t(lang, 'export.sheet'), {
    views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }],
  });
  (async () => {
    let first = true;
    for await (const r of table) {
      // dates as dates, on Morocco's wall clock (a spreadsheet has no time zone)
      const cells = r.map((v) => (v instanceof Date ? new Date(`${inMorocco(v).replace(' ', 'T')}:00Z`) : v));
      const added = sheet.addRow(cells);
      if (first) added.font = { bold: true };
      else
        added.eachCell((cell) => {
          if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
        });
      added.commit();
      first = false;
    }
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
