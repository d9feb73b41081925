/**
 * Morocco's working calendar, pure: Monday to Friday, minus the civil holidays and the religious
 * holidays of the Hijri calendar. Religious dates follow the Umm al-Qura calendar of the platform's
 * time-zone database; Morocco fixes them by moon sighting, often a day later, so an administrator's
 * announced dates (`extra` and `notHolidays`) take precedence.
 */
const DAY = 86_400_000;
const TZ = 'Africa/Casablanca';

/** Fixed civil holidays (month-day): New Year, Independence Manifesto, Amazigh New Year, Labour Day,
 * Throne Day, Oued Eddahab, Revolution of the King and the People, Youth Day, Green March, Independence Day. */
const civil = ['01-01', '01-11', '01-14', '05-01', '07-30', '08-14', '08-20', '08-21', '11-06', '11-18'];
/** Religious holidays as Hijri month-day: Eid al-Fitr (2 days), Eid al-Adha (2 days), 1 Muharram, Mawlid (2 days). */
const religious = ['10-1', '10-2', '12-10', '12-11', '1-1', '3-12', '3-13'];

const localDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const hijri = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  month: 'numeric',
  day: 'numeric',
});

/** The date in Morocco (YYYY-MM-DD) of an instant. */
export function moroccanDate(at: Date): string {
  return localDate.format(at);
}

const localHour = new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', hourCycle: 'h23' });
/** The hour (0–23) in Morocco at an instant. */
export function moroccanHour(at: Date): number {
  return Number(localHour.format(at));
}

export type HolidayOverrides = { extra?: readonly string[]; notHolidays?: readonly string[] };

export function isHoliday(date: string, o: HolidayOverrides = {}): boolean {
  if (o.notHolidays?.includes(date)) return false;
  if (o.extra?.includes(date)) return true;
  if (civil.includes(date.slice(5))) return true;
  return religious.includes(hijriMonthDay(date));
}

/** Hijri month-day of a date; remembered, since every deadline walks the same weeks of the calendar. */
const hijriDays = new Map<string, string>();
function hijriMonthDay(date: string): string {
  let md = hijriDays.get(date);
  if (md === undefined) {
    const parts = hijri.formatToParts(new Date(`${date}T12:00:00Z`));
    md = `${parts.find((p) => p.type === 'month')?.value}-${parts.find((p) => p.type === 'day')?.value}`;
    if (hijriDays.size > 20_000) hijriDays.clear();
    hijriDays.set(date, md);
  }
  return md;
}

export function isWorkingDay(date: string, o: HolidayOverrides = {}): boolean {
  const dow = new Date(`${date}T12:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6 && !isHoliday(date, o);
}

const nextDate = (date: string, step = 1) =>
  new Date(Date.parse(`${date}T12:00:00Z`) + step * DAY).toISOString().slice(0, 10);

/** `n` working days after the instant, at the same time of day: the due date of a case filed then. */
export function addWorkingDays(at: Date, n: number, o: HolidayOverrides = {}): Date {
  let date = moroccanDate(at);
  let calendarDays = 0;
  let left = n;
  while (left > 0) {
    date = nextDate(date);
    calendarDays++;
    if (isWorkingDay(date, o)) left--;
  }
  // same wall-clock time on the target date; Morocco's clock moves an hour around Ramadan
  const naive = at.getTime() + calendarDays * DAY;
  for (const shift of [0, 3_600_000, -3_600_000]) {
    const candidate = new Date(naive + shift);
    if (moroccanDate(candidate) === date) return candidate;
  }
  return new Date(naive);
}

/** Working days in [from, to): how much of the clock a pause (waiting for the citizen) would have used. */
export function workingDaysBetween(from: Date, to: Date, o: HolidayOverrides = {}): number {
  if (to <= from) return 0;
  let date = moroccanDate(from);
  const end = moroccanDate(to);
  let n = 0;
  while (date < end) {
    if (isWorkingDay(date, o)) n++;
    date = nextDate(date);
  }
  return n;
}
