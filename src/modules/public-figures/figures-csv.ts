/**
 * The public figures of one scope as CSV, with the same column names as the open-data files (see the data
 * dictionary): month by month, by part of the scope (its regions, provinces or bodies), or by category.
 */
import type { Lang } from '../../i18n/index.js';
import { CSV_BOM, csvLine } from '../../shared/csv.js';
import type { PublicFigures } from './figures.js';
import type { FiguresAnswer, FiguresLine, Names } from './query.js';

export const figuresCsvViews = ['month', 'parts', 'category'] as const;
export type FiguresCsvView = (typeof figuresCsvViews)[number];

const figureColumns = [
  'received',
  'replied',
  'median_working_days_to_reply',
  'share_replied_on_time',
  'reopened',
  'escalated',
  'ratings',
  'average_rating',
] as const;
const openColumns = ['open_now', 'overdue_now', 'share_overdue_now'] as const;

const figureCells = (f: PublicFigures) => [
  f.received,
  f.replied,
  f.medianWorkingDaysToReply,
  f.shareRepliedOnTime,
  f.reopened,
  f.escalated,
  f.ratings,
  f.averageRating,
];
const openCells = (f: FiguresLine) => [f.open, f.overdue, f.shareOverdue];

export function figuresCsv(a: FiguresAnswer, view: FiguresCsvView, lang: Lang): string {
  const name = (n: Names) => n[lang];
  const scope = [a.scope.level, a.scope.code, name(a.scope.name), a.category?.code ?? '*'];
  const scopeHead = ['scope_type', 'scope_code', 'scope_name', 'category'];
  const lines: string[] = [CSV_BOM];
  if (view === 'month') {
    lines.push(csvLine(['month', ...scopeHead, ...figureColumns]));
    for (const m of a.months) lines.push(csvLine([m.month, ...scope, ...figureCells(m)]));
  } else if (view === 'parts') {
    lines.push(
      csvLine([
        'period',
        'part_type',
        'part_code',
        'part_name',
        'category',
        ...figureColumns,
        ...openColumns,
      ]),
    );
    for (const c of a.children)
      lines.push(
        csvLine([
          `${a.period.from}/${a.period.to}`,
          c.level,
          c.code,
          name(c.name),
          a.category?.code ?? '*',
          ...figureCells(c),
          ...openCells(c),
        ]),
      );
  } else {
    lines.push(csvLine(['period', ...scopeHead, 'category_name', ...figureColumns, ...openColumns]));
    for (const c of a.categories)
      lines.push(
        csvLine([
          `${a.period.from}/${a.period.to}`,
          ...scope.slice(0, 3),
          c.code,
          name(c.name),
          ...figureCells(c),
          ...openCells(c),
        ]),
      );
  }
  return lines.join('');
}
