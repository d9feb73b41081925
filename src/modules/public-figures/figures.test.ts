import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../appointments/tz.js';
import { workingDaysBetween } from '../workflow/calendar.js';
import { addCounts, emptyCounts, histogramMedian, MIN_VOLUME, present, presentOpen } from './figures.js';
import { workingDayCounter } from './rollup.js';

describe('the median read from a histogram', () => {
  it('is the median of the values counted, for odd and even counts', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 200 }), (values) => {
        const histogram: number[] = [];
        for (const v of values) {
          while (histogram.length <= v) histogram.push(0);
          histogram[v]! += 1;
        }
        const sorted = [...values].sort((a, b) => a - b);
        const n = sorted.length;
        const median = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
        expect(histogramMedian(histogram)).toBe(median);
      }),
    );
  });
  it('is null when nothing was counted', () => {
    expect(histogramMedian([])).toBeNull();
    expect(histogramMedian([0, 0])).toBeNull();
  });
});

describe('the minimum volume', () => {
  it('shows nothing of a scope under it, and each derived figure only over enough of its own base', () => {
    const few = { ...emptyCounts(), received: MIN_VOLUME - 1, replied: 3, replyDays: [0, 3] };
    expect(present(few)).toMatchObject({ suppressed: true, received: null, medianWorkingDaysToReply: null });
    const some = {
      ...emptyCounts(),
      received: 40,
      replied: 9,
      repliedOnTime: 9,
      replyDays: [9],
      ratings: 9,
      ratingSum: 45,
    };
    expect(present(some)).toMatchObject({
      suppressed: false,
      received: 40,
      replied: 9,
      medianWorkingDaysToReply: null,
      shareRepliedOnTime: null,
      averageRating: null,
    });
    expect(presentOpen({ open: 9, overdue: 9 })).toEqual({ open: null, overdue: null, shareOverdue: null });
    expect(presentOpen({ open: 12, overdue: 3 })).toEqual({ open: 12, overdue: 3, shareOverdue: 0.25 });
  });
  it('adds histograms bucket by bucket', () => {
    const a = { ...emptyCounts(), replied: 2, replyDays: [1, 1] };
    const b = { ...emptyCounts(), replied: 3, replyDays: [0, 0, 0, 3] };
    expect(addCounts(a, b)).toMatchObject({ replied: 5, replyDays: [1, 1, 0, 3] });
  });
});

describe('the working-day counter of the rollup', () => {
  it('counts as the deadline calendar does, whatever the order the dates come in', () => {
    const count = workingDayCounter();
    const day = fc.integer({ min: 0, max: 3_000 }).map((n) => addDays('2019-01-01', n));
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.integer({ min: 0, max: 200 })), { maxLength: 30 }), (pairs) => {
        for (const [from, span] of pairs) {
          const to = addDays(from, span);
          const expected = workingDaysBetween(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
          expect(count(from, to)).toBe(expected);
        }
      }),
      { numRuns: 50 },
    );
  });
});
