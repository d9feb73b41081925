/**
 * The platform's clock. Every instant the platform reads ("now") comes from here, never from `new Date()`,
 * so that tests and demos can run at any date and hour: a fixed instant, or a clock that starts at a chosen
 * instant and runs on at the wall clock's pace.
 *
 * `CLOCK_START` (ISO 8601 with an offset, e.g. `2026-07-30T23:59:00+01:00`) starts the clock there when the
 * process loads; it is refused in production (see config.ts). CI runs the whole suite once with it set to a
 * Moroccan public holiday at 23:59 in Morocco, so no test can depend on the day or the hour it runs.
 */
export type Clock = { now(): Date };

export const systemClock: Clock = { now: () => new Date() };

/** A clock that shows `start` at the moment it is made and runs on from there. */
export function runningClockFrom(start: Date, wall: () => number = Date.now): Clock {
  const offset = start.getTime() - wall();
  return { now: () => new Date(wall() + offset) };
}

/** A clock that stands still until it is moved: for tests that need an exact instant. */
export function fixedClock(at: Date | string) {
  let t = new Date(at).getTime();
  return {
    now: () => new Date(t),
    set(to: Date | string) {
      t = new Date(to).getTime();
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

/** Parses `CLOCK_START`; null when unset, an error message when it is not an instant with a time zone. */
export function parseClockStart(value: string | undefined): Date | null | { error: string } {
  if (!value) return null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value))
    return {
      error: 'CLOCK_START must be an ISO 8601 instant with an offset, e.g. 2026-07-30T23:59:00+01:00',
    };
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? { error: `CLOCK_START is not a valid instant: ${value}` } : d;
}

/**
 * `CLOCK_START` read when the process loads. `CLOCK_STARTED_AT` (epoch milliseconds), when set, is the wall
 * instant at which the clock showed `CLOCK_START`: the test runner sets it once so that all its processes
 * share one clock instead of each starting its own at `CLOCK_START`.
 */
function clockFromEnvironment(): Clock {
  const start = parseClockStart(process.env.CLOCK_START);
  if (!(start instanceof Date)) return systemClock;
  const startedAt = Number(process.env.CLOCK_STARTED_AT);
  if (!Number.isFinite(startedAt) || startedAt <= 0) return runningClockFrom(start);
  const offset = start.getTime() - startedAt;
  return { now: () => new Date(Date.now() + offset) };
}

let current: Clock = clockFromEnvironment();

/** The current instant on the platform's clock. */
export function currentTime(): Date {
  return current.now();
}

/** Milliseconds since the epoch on the platform's clock (for `Date.now()`-style arithmetic). */
export function currentMillis(): number {
  return current.now().getTime();
}

/** Replaces the platform's clock (tests); returns a function that puts the previous one back. */
export function setPlatformClock(clock: Clock): () => void {
  const previous = current;
  current = clock;
  return () => {
    current = previous;
  };
}
