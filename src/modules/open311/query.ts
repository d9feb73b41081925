/**
 * What an Open311 query asks, read and checked here (pure): the language, the dates, the statuses and the
 * page. A refusal is an `Open311Error`, answered in the specification's error format, not as problem+json.
 */
import { isLang, type Lang, negotiateLanguage } from '../../i18n/index.js';
import type { Open311Key } from './messages.js';

export class Open311Error extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 429,
    readonly key: Open311Key,
    /** The message's placeholders. */
    readonly params: Record<string, string | number> = {},
    /** A message already written (a refusal of the platform, translated), instead of `key`'s. */
    readonly detail?: string,
  ) {
    super(key);
  }
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** At most this many service codes in one `service_code` filter. */
const MAX_CODES = 50;

/** The `lang` parameter if it names one of ar/fr/en, else the best of Accept-Language, else French. */
export function open311Language(lang: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(lang)) return lang;
  return negotiateLanguage(acceptLanguage, 'fr');
}

/** The body's code as given (`jurisdiction_id`); missing is a 400. */
export function jurisdictionOf(value: string | undefined): string {
  const code = value?.trim();
  if (!code) throw new Open311Error(400, 'open311.error.jurisdiction_missing');
  return code.toUpperCase();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

function realDay(y: number, m: number, d: number) {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/**
 * An ISO 8601 date or date-time as an instant (UTC when no offset is given). A bare date is the start of
 * that day, or, as an end (`endOfDay`), the start of the next one, so that `end_date=2026-12-07` includes
 * the 7th. Anything else is a 400.
 */
export function instantOf(value: string | undefined, endOfDay = false): Date | undefined {
  if (value === undefined || value === '') return undefined;
  const v = value.trim();
  const day = DATE.exec(v);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!realDay(y, m, d)) throw new Open311Error(400, 'open311.error.bad_date');
    return new Date(Date.UTC(y, m - 1, d + (endOfDay ? 1 : 0)));
  }
  const dt = DATE_TIME.exec(v);
  if (!dt) throw new Open311Error(400, 'open311.error.bad_date');
  const [y, m, d, h, min, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(dt[i] ?? 0)) as number[];
  if (!realDay(y!, m!, d!) || h! > 23 || min! > 59 || s! > 59)
    throw new Open311Error(400, 'open311.error.bad_date');
  const zone = dt[7] ?? 'Z';
  const at = new Date(v.slice(0, v.length - (dt[7]?.length ?? 0)) + normaliseZone(zone));
  if (Number.isNaN(at.getTime())) throw new Open311Error(400, 'open311.error.bad_date');
  return at;
}

const normaliseZone = (zone: string) =>
  zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;

/** `status=open`, `closed`, or both comma-separated: true (open only), false (closed only), undefined (all). */
export function statusFilter(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const asked = new Set(value.split(',').map((s) => s.trim().toLowerCase()));
  for (const s of asked)
    if (s !== 'open' && s !== 'closed') throw new Open311Error(400, 'open311.error.bad_status');
  if (asked.size === 2) return undefined;
  return asked.has('open');
}

/** `service_code=a,b`: the codes asked for, or undefined for all. */
export function serviceCodes(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return [
    ...new Set(
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].slice(0, MAX_CODES);
}

const WHOLE = /^\d{1,9}$/;

/** `page` (from 1) and `page_size` (default 50, larger than 200 is read as 200) as a limit and an offset. */
export function pageOf(page: string | undefined, pageSize: string | undefined) {
  const p = page === undefined || page === '' ? 1 : WHOLE.test(page) ? Number(page) : 0;
  const size =
    pageSize === undefined || pageSize === ''
      ? DEFAULT_PAGE_SIZE
      : WHOLE.test(pageSize)
        ? Number(pageSize)
        : 0;
  if (p < 1 || size < 1) throw new Open311Error(400, 'open311.error.bad_page');
  const limit = Math.min(size, MAX_PAGE_SIZE);
  return { limit, offset: (p - 1) * limit };
}
