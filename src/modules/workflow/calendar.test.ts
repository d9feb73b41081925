import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isHoliday, isWorkingDay, moroccanDate, workingDaysBetween } from './calendar.js';

const instant = fc.date({
  min: new Date('2025-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('Moroccan working calendar', () => {
  it('knows the civil and religious holidays', () => {
    for (const d of [
      '2026-01-01',
      '2026-01-11',
      '2026-01-14',
      '2026-05-01',
      '2026-07-30',
      '2026-08-14',
      '2026-08-20',
      '2026-08-21',
      '2026-11-06',
      '2026-11-18',
    ])
      expect(isHoliday(d), d).toBe(true);
    // Eid al-Fitr 1447 and Eid al-Adha 1447 by the Umm al-Qura calendar
    expect(isHoliday('2026-03-20')).toBe(true);
    expect(isHoliday('2026-05-27')).toBe(true);
    expect(isHoliday('2026-03-18')).toBe(false);
    expect(isWorkingDay('2026-11-28')).toBe(false); // a Saturday
    expect(isWorkingDay('2026-11-25')).toBe(true);
  });

  it('follows the dates an administrator announces', () => {
    expect(isHoliday('2026-03-21', { extra: ['2026-03-21'] })).toBe(true);
    expect(isHoliday('2026-03-20', { notHolidays: ['2026-03-20'] })).toBe(false);
  });

  it('counts across a long weekend of holidays', () => {
    // Friday 2026-11-06 (Green March) is off: Thursday + 1 working day is Monday
    expect(moroccanDate(addWorkingDays(new Date('2026-11-05T10:00:00Z'), 1))).toBe('2026-11-09');
  });

  it('always lands on a working day, after the start, and counts back to n', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 80 }), (at, n) => {
        const due = addWorkingDays(at, n);
        expect(due.getTime()).toBeGreaterThan(at.getTime());
        expect(isWorkingDay(moroccanDate(due))).toBe(true);
        // [start day, due day) holds the n - 1 working days stepped over, plus the start day if it is one
        expect(workingDaysBetween(at, due)).toBe(n - 1 + (isWorkingDay(moroccanDate(at)) ? 1 : 0));
      }),
      { numRuns: 300 },
    );
  });

  it('grows with n and never takes fewer calendar days than working days', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 }), (at, n) => {
        const a = addWorkingDays(at, n);
        const b = addWorkingDays(at, n + 1);
        expect(b.getTime()).toBeGreaterThan(a.getTime());
        expect((a.getTime() - at.getTime()) / 86_400_000).toBeGreaterThanOrEqual(n);
      }),
      { numRuns: 300 },
    );
  });
});
