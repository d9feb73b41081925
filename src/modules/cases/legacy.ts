/**
 * Paper files registered late: a request filed at a counter before Jisr, registered now by the citizen or
 * the desk with its old reference and the day it was first filed. Its deadline and its age count from that
 * day, so a file from years ago is overdue at once and the deadline watch escalates it like any other.
 */
import { z } from 'zod';
import type { MessageKey } from '../../i18n/index.js';
import { safeText } from '../../server/validation.js';
import { moroccanDate, moroccanHour } from '../workflow/calendar.js';
import { initialDueDate } from './deadline.js';
import type { cases } from './schema.js';

/** No paper file older than this is taken: an earlier date is a typing mistake. */
export const LEGACY_FLOOR = '1990-01-01';

/** What the filing form sends about the paper file ("this request was already filed on paper"). */
export const legacyFiling = z.strictObject({
  /** The paper file's reference at the body (its registry number). */
  reference: safeText(1, 80),
  /** The day it was first filed, YYYY-MM-DD (Moroccan calendar). */
  filedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** The service or department that received the paper, in the filer's words. */
  service: safeText(0, 120).optional(),
});
export type LegacyFiling = z.infer<typeof legacyFiling>;

type Problem = { path: (string | number)[]; key: MessageKey; params?: Record<string, string> };

const isCalendarDate = (d: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T12:00:00Z`).toISOString().slice(0, 10) === d;

/** What is wrong with the paper file's date as of `now`: not a date, in the future (in Morocco), too old. */
export function legacyProblems(legacy: Pick<LegacyFiling, 'filedOn'>, now: Date): Problem[] {
  const path = ['legacy', 'filedOn'];
  if (!isCalendarDate(legacy.filedOn)) return [{ path, key: 'validation.date' }];
  if (legacy.filedOn > moroccanDate(now)) return [{ path, key: 'validation.legacy_future' }];
  if (legacy.filedOn < LEGACY_FLOOR)
    return [{ path, key: 'validation.legacy_too_old', params: { floor: LEGACY_FLOOR } }];
  return [];
}

/** The instant a Moroccan day begins (00:00 in Morocco, whatever its offset from UTC that day). */
export function moroccanMidnight(date: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  for (const hours of [0, -1, -2, 1]) {
    const at = new Date(utc + hours * 3_600_000);
    if (moroccanDate(at) === date && moroccanHour(at) === 0) return at;
  }
  return new Date(utc);
}

/** The paper file's deadline: the category's working days, counted from the day it was first filed. */
export function legacyDueDate(filedOn: string, deadlineDays: number): Date {
  return initialDueDate(moroccanMidnight(filedOn), deadlineDays);
}

/** The case's columns for a paper file (none for a file born in Jisr). */
export function legacyColumns(legacy: LegacyFiling | null | undefined) {
  if (!legacy) return {};
  return {
    legacyReference: legacy.reference,
    originallyFiledAt: moroccanMidnight(legacy.filedOn),
    legacyService: legacy.service || null,
  };
}

type LegacyRow = Pick<typeof cases.$inferSelect, 'legacyReference' | 'originallyFiledAt' | 'legacyService'>;

/** The paper file as the case's page shows it, or null for a file born in Jisr. */
export function legacyOf(c: LegacyRow) {
  if (!c.originallyFiledAt || !c.legacyReference) return null;
  return {
    reference: c.legacyReference,
    filedOn: moroccanDate(c.originallyFiledAt),
    service: c.legacyService,
  };
}

/** The file's age in whole days: from the day it was first filed on paper, or from its filing in Jisr. */
export function ageInDays(c: { originallyFiledAt: Date | null; createdAt: Date }, now: Date): number {
  const from = c.originallyFiledAt ?? c.createdAt;
  return Math.max(0, Math.floor((now.getTime() - from.getTime()) / 86_400_000));
}
