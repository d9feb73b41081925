/**
 * What a row of the public figures holds and how it is shown: counts added up from the rollup, the median
 * working days to a reply read from their histogram, shares and averages, and the minimum volume below which
 * nothing is shown (a figure over two or three cases could tell who filed them).
 */

/** Below this many cases (or replies, ratings, open cases for the figures drawn from them), nothing is shown. */
export const MIN_VOLUME = 10;
/** Replies that took this many working days or more share the histogram's last bucket. */
export const REPLY_DAYS_CAP = 60;

export const NATION_CODE = 'MA';
export const ALL_CATEGORIES = '*';

/** The first day of the month after `month` (`YYYY-MM-01`). */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

export type FigureCounts = {
  received: number;
  replied: number;
  repliedOnTime: number;
  /** `replyDays[d]`: replies given `d` working days after filing (the last bucket: `REPLY_DAYS_CAP` or more). */
  replyDays: number[];
  reopened: number;
  escalated: number;
  ratings: number;
  ratingSum: number;
};

export const emptyCounts = (): FigureCounts => ({
  received: 0,
  replied: 0,
  repliedOnTime: 0,
  replyDays: [],
  reopened: 0,
  escalated: 0,
  ratings: 0,
  ratingSum: 0,
});

/** The median of the values a histogram counts (the mean of the two middle ones for an even count). */
export function histogramMedian(histogram: readonly number[]): number | null {
  const n = histogram.reduce((a, b) => a + b, 0);
  if (!n) return null;
  const valueAt = (rank: number) => {
    let seen = 0;
    for (let d = 0; d < histogram.length; d++) {
      seen += histogram[d] ?? 0;
      if (seen >= rank) return d;
    }
    return histogram.length - 1;
  };
  const middle = n % 2 ? valueAt((n + 1) / 2) : (valueAt(n / 2) + valueAt(n / 2 + 1)) / 2;
  return middle;
}

const share = (part: number, whole: number) => Math.round((part / whole) * 1000) / 1000;

export type PublicFigures = {
  /** True when fewer than `MIN_VOLUME` cases were received: every figure is then null. */
  suppressed: boolean;
  received: number | null;
  replied: number | null;
  medianWorkingDaysToReply: number | null;
  shareRepliedOnTime: number | null;
  reopened: number | null;
  escalated: number | null;
  ratings: number | null;
  averageRating: number | null;
};

/**
 * The figures people see of these counts: nothing below the minimum volume, each derived figure over its own
 * base. `min` 0 is the body's own view of its figures (its API key), where nothing is held back.
 */
export function present(c: FigureCounts, min = MIN_VOLUME): PublicFigures {
  const suppressed = c.received < min && c.replied < min;
  if (suppressed)
    return {
      suppressed,
      received: null,
      replied: null,
      medianWorkingDaysToReply: null,
      shareRepliedOnTime: null,
      reopened: null,
      escalated: null,
      ratings: null,
      averageRating: null,
    };
  const enoughReplies = c.replied >= Math.max(min, 1);
  return {
    suppressed,
    received: c.received,
    replied: c.replied,
    medianWorkingDaysToReply: enoughReplies ? histogramMedian(c.replyDays) : null,
    shareRepliedOnTime: enoughReplies ? share(c.repliedOnTime, c.replied) : null,
    reopened: c.reopened,
    escalated: c.escalated,
    ratings: c.ratings,
    averageRating: c.ratings >= Math.max(min, 1) ? Math.round((c.ratingSum / c.ratings) * 10) / 10 : null,
  };
}

export type OpenFigures = { open: number | null; overdue: number | null; shareOverdue: number | null };

/** The cases open now and the share past their deadline, or nothing below the minimum volume. */
export function presentOpen(o: { open: number; overdue: number }, min = MIN_VOLUME): OpenFigures {
  if (o.open < Math.max(min, 1)) return { open: null, overdue: null, shareOverdue: null };
  return { open: o.open, overdue: o.overdue, shareOverdue: share(o.overdue, o.open) };
}

/** Adds `from` into `into` (histograms bucket by bucket). */
export function addCounts(into: FigureCounts, from: FigureCounts): FigureCounts {
  into.received += from.received;
  into.replied += from.replied;
  into.repliedOnTime += from.repliedOnTime;
  into.reopened += from.reopened;
  into.escalated += from.escalated;
  into.ratings += from.ratings;
  into.ratingSum += from.ratingSum;
  from.replyDays.forEach((n, d) => {
    while (into.replyDays.length <= d) into.replyDays.push(0);
    into.replyDays[d]! += n;
  });
  return into;
}
