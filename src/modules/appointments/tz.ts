/**
 * Time-zone arithmetic on the platform's own tz database (Intl), with no offset table of our own.
 *
 * Opening hours, duty rotas and slots are wall-clock times in Morocco (`Africa/Casablanca`): UTC+1 most of
 * the year, UTC+0 during Ramadan, with the dates of the change following the tz database. A slot is stored
 * as an instant (UTC) and shown in Morocco's time and in the citizen's own zone (Paris, Montreal, Dubai…).
 *
 * Local dates are `YYYY-MM-DD` strings and local times are minutes since local midnight.
 */

export const MOROCCO_TZ = 'Africa/Casablanca';

const MINUTE = 60_000;
const DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    if (formatters.size > 500) formatters.clear();
    formatters.set(tz, f);
  }
  return f;
}

/** The canonical name of a time zone (`america/montreal` → `America/Toronto`), or null when unknown. */
export function canonicalTimeZone(tz: string): string | null {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export type WallClock = {
  /** Local date, `YYYY-MM-DD`. */
  date: string;
  /** Minutes since local midnight (0–1439). */
  minutes: number;
  /** ISO weekday of the local date: 1 = Monday … 7 = Sunday. */
  weekday: number;
};

function fields(instant: Date, tz: string) {
  const p: Record<string, number> = {};
  for (const part of formatter(tz).formatToParts(instant)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return p as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The wall clock in `tz` at `instant`. */
export function wallClock(instant: Date, tz: string): WallClock {
  const f = fields(instant, tz);
  const date = `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}`;
  return { date, minutes: f.hour * 60 + f.minute, weekday: weekdayOf(date) };
}

/** Offset of `tz` from UTC at `instant`, in minutes east of Greenwich (Morocco: 60, or 0 during Ramadan). */
export function offsetMinutes(instant: Date, tz: string): number {
  const f = fields(instant, tz);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE);
}

function dateParts(date: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether `YYYY-MM-DD` names a real calendar day. */
export function isCalendarDate(date: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date;
}

/** Days since 1970-01-01 of a local date (pure calendar arithmetic, no zone). */
export function dayNumber(date: string): number {
  const [y, m, d] = dateParts(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

export function addDays(date: string, n: number): string {
  return new Date((dayNumber(date) + n) * DAY).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  const d = new Date(dayNumber(date) * DAY).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * The instant at which the wall clock in `tz` shows `date` at `minutes`.
 * A time that happens twice (clocks going back) gives the earlier instant; a time that does not exist
 * (clocks going forward) is moved forward by the length of the gap, as Temporal's "compatible" rule does.
 */
export function fromWallClock(date: string, minutes: number, tz: string): Date {
  const [y, m, d] = dateParts(date);
  const asUtc = Date.UTC(y, m - 1, d, 0, minutes);
  const before = offsetMinutes(new Date(asUtc - DAY), tz);
  const after = offsetMinutes(new Date(asUtc + DAY), tz);
  const wanted = wallClock(new Date(asUtc), 'UTC');
  const candidates = [...new Set([before, after])]
    .map((o) => asUtc - o * MINUTE)
    .sort((a, b) => a - b)
    .filter((t) => {
      const w = wallClock(new Date(t), tz);
      return w.date === wanted.date && w.minutes === wanted.minutes;
    });
  return new Date(candidates[0] ?? asUtc - before * MINUTE);
}

/** `HH:MM` from minutes since midnight. */
export function formatMinutes(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** Minutes since midnight from `HH:MM` (`24:00` allowed as the end of a day). */
export function parseMinutes(hhmm: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  return hhmm === '24:00' ? 1440 : null;
}

/** A moment as a person reads it in a zone: `{ date, time, offset }`, e.g. `2027-08-10`, `10:30`, `+01:00`. */
export function localView(instant: Date, tz: string) {
  const w = wallClock(instant, tz);
  const o = offsetMinutes(instant, tz);
  const sign = o < 0 ? '-' : '+';
  return {
    timeZone: tz,
    date: w.date,
    time: formatMinutes(w.minutes),
    weekday: w.weekday,
    offset: `${sign}${pad(Math.floor(Math.abs(o) / 60))}:${pad(Math.abs(o) % 60)}`,
  };
}
