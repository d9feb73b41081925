import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, moroccanDate, moroccanHour } from '../workflow/calendar.js';
import { isOverdue } from './deadline.js';
import {
  LEGACY_FLOOR,
  legacyColumns,
  legacyDueDate,
  legacyOf,
  legacyProblems,
  moroccanMidnight,
} from './legacy.js';

const DAY = 86_400_000;
/** A calendar day from 1985 (before the floor) to the end of 2027, as YYYY-MM-DD. */
const day = fc
  .integer({ min: Date.parse('1985-01-01T00:00:00Z') / DAY, max: Date.parse('2027-12-31T00:00:00Z') / DAY })
  .map((n) => new Date(n * DAY + 12 * 3_600_000).toISOString().slice(0, 10));
const deadline = fc.integer({ min: 1, max: 90 });
const instant = fc.date({
  min: new Date('1990-01-01T00:00:00Z'),
  max: new Date('2028-12-31T00:00:00Z'),
  noInvalidDate: true,
});

describe('paper files registered late: their deadline counts from the day they were first filed', () => {
  it('starts the day at 00:00 in Morocco, whatever its offset that year', () => {
    fc.assert(
      fc.property(day, (d) => {
        const start = moroccanMidnight(d);
        expect(moroccanDate(start)).toBe(d);
        expect(moroccanHour(start)).toBe(0);
        // one hour earlier is still the day before
        expect(moroccanDate(new Date(start.getTime() - 3_600_000))).not.toBe(d);
      }),
    );
  });

  it('is due the deadline’s working days after the first filing, exactly as if filed in Jisr that day', () => {
    fc.assert(
      fc.property(day, deadline, (d, n) => {
        const due = legacyDueDate(d, n);
        expect(due).toEqual(addWorkingDays(moroccanMidnight(d), n));
        // the due day is a working day after the paper day
        expect(moroccanDate(due) > d).toBe(true);
        expect(isWorkingDay(moroccanDate(due))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('is overdue exactly when now is past the due date (counted from the paper day)', () => {
    fc.assert(
      fc.property(day, deadline, instant, (d, n, now) => {
        const due = legacyDueDate(d, n);
        expect(isOverdue(due, now, false)).toBe(now.getTime() > due.getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('is never due later for an older paper file', () => {
    fc.assert(
      fc.property(day, day, deadline, (a, b, n) => {
        const [older, newer] = a <= b ? [a, b] : [b, a];
        expect(legacyDueDate(older, n).getTime()).toBeLessThanOrEqual(legacyDueDate(newer, n).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it('takes any day from the floor to today in Morocco, and refuses the future and before the floor', () => {
    fc.assert(
      fc.property(day, instant, (d, now) => {
        const problems = legacyProblems({ filedOn: d }, now);
        const today = moroccanDate(now);
        if (d > today) expect(problems.map((p) => p.key)).toEqual(['validation.legacy_future']);
        else if (d < LEGACY_FLOOR) expect(problems.map((p) => p.key)).toEqual(['validation.legacy_too_old']);
        else expect(problems).toEqual([]);
      }),
    );
    const now = new Date('2026-11-02T10:00:00+01:00');
    expect(legacyProblems({ filedOn: '1989-12-31' }, now)[0]!.key).toBe('validation.legacy_too_old');
    expect(legacyProblems({ filedOn: '2026-02-30' }, now)[0]!.key).toBe('validation.date');
    expect(legacyProblems({ filedOn: '2026-11-02' }, now)).toEqual([]);
    // 23:30 UTC on 2 November is already 3 November in Morocco (UTC+1)
    expect(legacyProblems({ filedOn: '2026-11-03' }, new Date('2026-11-02T23:30:00Z'))).toEqual([]);
  });

  it('keeps the paper day, reference and service as they were given', () => {
    fc.assert(
      fc.property(day, fc.string({ minLength: 1, maxLength: 80 }), (d, reference) => {
        const cols = legacyColumns({ reference, filedOn: d });
        expect(legacyOf({ ...cols, legacyService: null } as Parameters<typeof legacyOf>[0])).toEqual({
          reference,
          filedOn: d,
          service: null,
        });
      }),
    );
  });
});
