import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  canonicalTimeZone,
  daysBetween,
  fromWallClock,
  isCalendarDate,
  localView,
  MOROCCO_TZ,
  offsetMinutes,
  wallClock,
  weekdayOf,
} from './tz.js';

const HOUR = 3_600_000;
/** Where the citizens live, and Morocco itself. */
const zones = [MOROCCO_TZ, 'Europe/Paris', 'America/Toronto', 'America/Montreal', 'Asia/Dubai', 'UTC'];
/** Morocco's clock follows the tz database's Ramadan predictions up to 2087. */
const instant = fc
  .integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2086, 11, 31) })
  .map((t) => new Date(Math.floor(t / 60_000) * 60_000));
const localDate = fc
  .integer({ min: 0, max: daysBetween('2019-01-01', '2086-12-31') })
  .map((n) => addDays('2019-01-01', n));
const minuteOfDay = fc.integer({ min: 0, max: 1439 });

/** The Islamic (Umm al-Qura) month of a day, from Intl, as an oracle independent of the tz database. */
const hijri = new Intl.DateTimeFormat('en-US-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});
function hijriOf(date: string) {
  const p = Object.fromEntries(
    hijri.formatToParts(new Date(`${date}T12:00:00Z`)).map((x) => [x.type, Number(x.value)]),
  );
  return { month: p.month!, day: p.day! };
}
/** The Gregorian date of the 15th of Ramadan that falls in a Gregorian year (the first, if two). */
function midRamadan(year: number): string {
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const h = hijriOf(d);
    if (h.month === 9 && h.day === 15) return d;
  }
  throw new Error(`no Ramadan in ${year}`);
}

describe('time zones from the tz database', () => {
  it('Morocco is UTC+1, or UTC+0 during Ramadan, and nothing else', () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect([0, 60]).toContain(offsetMinutes(t, MOROCCO_TZ));
      }),
      { numRuns: 2000 },
    );
  });

  it('Morocco is at UTC+0 in the middle of Ramadan and back at UTC+1 two months later, every year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2086 }), (year) => {
        const mid = midRamadan(year);
        expect(offsetMinutes(new Date(`${mid}T12:00:00Z`), MOROCCO_TZ), mid).toBe(0);
        const later = addDays(mid, 60);
        expect(offsetMinutes(new Date(`${later}T12:00:00Z`), MOROCCO_TZ), later).toBe(60);
      }),
      { numRuns: 30 },
    );
  });

  it('the UTC+0 period of each year is one stretch of about five weeks around Ramadan', () => {
    for (const year of [2026, 2027, 2035, 2050]) {
      const zeroDays: string[] = [];
      for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
        if (offsetMinutes(new Date(`${d}T12:00:00Z`), MOROCCO_TZ) === 0) zeroDays.push(d);
      }
      const runs = zeroDays.filter((d, i) => i === 0 || daysBetween(zeroDays[i - 1]!, d) !== 1).length;
      expect(runs, String(year)).toBeLessThanOrEqual(2); // two when Ramadan straddles New Year
      expect(zeroDays.length, String(year)).toBeGreaterThanOrEqual(28);
      expect(zeroDays.length, String(year)).toBeLessThanOrEqual(45);
    }
  });

  it('known days: 10 August is UTC+1; Ramadan 2026 and 2027 are UTC+0', () => {
    expect(localView(fromWallClock('2027-08-10', 10 * 60, MOROCCO_TZ), 'UTC').time).toBe('09:00');
    expect(localView(fromWallClock('2026-03-05', 10 * 60, MOROCCO_TZ), 'UTC').time).toBe('10:00');
    expect(localView(fromWallClock('2027-02-20', 10 * 60, MOROCCO_TZ), 'UTC').time).toBe('10:00');
    expect(localView(new Date('2027-08-10T09:00:00Z'), MOROCCO_TZ)).toMatchObject({
      date: '2027-08-10',
      time: '10:00',
      offset: '+01:00',
      weekday: 2,
    });
  });

  it('reads an instant back from its wall clock (the earlier one when the clock repeats an hour)', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...zones), (t, tz) => {
        const w = wallClock(t, tz);
        const back = fromWallClock(w.date, w.minutes, tz);
        expect(wallClock(back, tz)).toEqual(w);
        expect([0, HOUR]).toContain(t.getTime() - back.getTime());
      }),
      { numRuns: 3000 },
    );
  });

  it('every wall-clock time maps to an instant showing it, except in a gap, which moves it forward', () => {
    fc.assert(
      fc.property(localDate, minuteOfDay, fc.constantFrom(...zones), (date, minutes, tz) => {
        const t = fromWallClock(date, minutes, tz);
        const w = wallClock(t, tz);
        if (w.date === date && w.minutes === minutes) return;
        // A skipped time: the clock jumped forward over it, by the change in offset.
        const jump = offsetMinutes(t, tz) - offsetMinutes(new Date(t.getTime() - 2 * HOUR), tz);
        expect(jump).toBeGreaterThan(0);
        expect(daysBetween(date, w.date) * 1440 + w.minutes - minutes).toBe(jump);
      }),
      { numRuns: 3000 },
    );
  });

  it('finds the gap and the repeated hour of Morocco’s Ramadan clock changes', () => {
    // Going back to UTC+0 for Ramadan 2026 (15 Feb): 02:00–03:00 happens twice.
    const first = fromWallClock('2026-02-15', 2 * 60 + 30, MOROCCO_TZ);
    expect(first.toISOString()).toBe('2026-02-15T01:30:00.000Z');
    expect(wallClock(new Date(first.getTime() + HOUR), MOROCCO_TZ).minutes).toBe(150);
    // Back to UTC+1 after Ramadan (22 Mar 2026): 02:30 does not exist and reads as 03:30.
    const skipped = fromWallClock('2026-03-22', 2 * 60 + 30, MOROCCO_TZ);
    expect(localView(skipped, MOROCCO_TZ).time).toBe('03:30');
    // The tz database decides the dates: the two instants bracket a UTC+0 stretch.
    expect(offsetMinutes(new Date('2026-03-01T12:00:00Z'), MOROCCO_TZ)).toBe(0);
  });

  it('shows a Moroccan slot in the citizen’s zone, shifted by exactly the difference of offsets', () => {
    fc.assert(
      fc.property(
        localDate,
        fc.integer({ min: 8 * 60, max: 18 * 60 }),
        fc.constantFrom(...zones),
        (d, m, tz) => {
          const t = fromWallClock(d, m, MOROCCO_TZ);
          const there = wallClock(t, tz);
          const shift = daysBetween(d, there.date) * 1440 + there.minutes - m;
          expect(shift).toBe(offsetMinutes(t, tz) - offsetMinutes(t, MOROCCO_TZ));
          if (tz === 'Europe/Paris') expect([0, 60, 120]).toContain(shift);
          if (tz === 'Asia/Dubai') expect([180, 240]).toContain(shift);
          if (tz === 'America/Toronto') expect([-300, -360, -240]).toContain(shift);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('knows weekdays and calendar dates without a zone', () => {
    expect(weekdayOf('2027-08-10')).toBe(2);
    expect(weekdayOf('2027-08-08')).toBe(7);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    fc.assert(
      fc.property(localDate, fc.integer({ min: -800, max: 800 }), (d, n) => {
        expect(daysBetween(d, addDays(d, n))).toBe(n);
        expect(weekdayOf(addDays(d, 7 * Math.trunc(n / 7)))).toBe(weekdayOf(d));
      }),
    );
  });

  it('accepts real zone names only, in their canonical spelling', () => {
    expect(canonicalTimeZone('europe/paris')).toBe('Europe/Paris');
    expect(canonicalTimeZone('America/Montreal')).toBe('America/Toronto');
    expect(canonicalTimeZone('Mars/Olympus')).toBeNull();
    expect(canonicalTimeZone('../../etc')).toBeNull();
  });
});
