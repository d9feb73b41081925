import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStates } from '../cases/state-machine.js';
import { addWorkingDays } from './calendar.js';
import { ESCALATION_WAIT_WORKING_DAYS, groundsOf, nextRung } from './escalation-ladder.js';

const day = 86_400_000;
const instant = fc
  .integer({ min: Date.parse('2025-01-01'), max: Date.parse('2028-12-31') })
  .map((n) => new Date(n));

describe('the citizen’s way up', () => {
  it('opens the first step at once when the deadline passed, and never before', () => {
    const now = new Date('2026-11-10T10:00:00Z');
    const base = { state: 'in_progress' as const, anonymised: false, steps: [], lastStaffWordAt: null, now };
    expect(nextRung({ ...base, dueAt: new Date(now.getTime() + day) })).toMatchObject({
      level: 1,
      grounds: [],
      open: false,
    });
    expect(nextRung({ ...base, dueAt: new Date(now.getTime() - day) })).toMatchObject({
      level: 1,
      grounds: ['overdue'],
      open: true,
    });
    // waiting for the person: their clock, not the body's
    expect(nextRung({ ...base, state: 'awaiting_citizen', dueAt: new Date(0) })!.grounds).toEqual([]);
  });

  it('gives grounds only while the body owes an answer or once it gave one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...caseStates), instant, instant, (state, dueAt, now) => {
        const g = groundsOf({ state, dueAt }, now);
        if (['answered', 'closed', 'rejected'].includes(state)) expect(g).toEqual(['contest']);
        else if (['withdrawn', 'referred', 'ready', 'awaiting_citizen'].includes(state))
          expect(g).toEqual([]);
        else expect(g).toEqual(dueAt < now ? ['overdue'] : []);
      }),
    );
  });

  it('opens the overseer’s step ten working days after the supervisors’, or after the body’s last words since', () => {
    fc.assert(
      fc.property(
        instant,
        fc.option(fc.integer({ min: -20, max: 40 }), { nil: null }),
        fc.integer({ min: 0, max: 60 }),
        (stepAt, wordOffsetDays, laterDays) => {
          const level = 1;
          const lastStaffWordAt =
            wordOffsetDays === null ? null : new Date(stepAt.getTime() + wordOffsetDays * day);
          const now = new Date(stepAt.getTime() + laterDays * day);
          const steps = Array.from({ length: level }, (_, i) => ({
            level: i + 1,
            at: new Date(stepAt.getTime() - (level - 1 - i) * 30 * day),
          }));
          const r = nextRung({
            state: 'closed',
            dueAt: stepAt,
            anonymised: false,
            steps,
            lastStaffWordAt,
            now,
          })!;
          expect(r.level).toBe(level + 1);
          const from = lastStaffWordAt && lastStaffWordAt > stepAt ? lastStaffWordAt : stepAt;
          expect(r.availableFrom).toEqual(addWorkingDays(from, ESCALATION_WAIT_WORKING_DAYS));
          expect(r.open).toBe(r.availableFrom <= now);
          // ten working days are at least twelve calendar days (two working weeks from a Sunday)
          expect(r.availableFrom.getTime() - from.getTime()).toBeGreaterThanOrEqual(12 * day - 3_600_000);
        },
      ),
    );
  });

  it('opens the referral file as soon as the overseer has the case', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (at, laterDays) => {
        const steps = [
          { level: 1, at: new Date(at.getTime() - 30 * day) },
          { level: 2, at },
        ];
        const now = new Date(at.getTime() + laterDays * day);
        const r = nextRung({
          state: 'in_progress',
          dueAt: steps[0]!.at,
          anonymised: false,
          steps,
          lastStaffWordAt: null,
          now,
        })!;
        expect(r).toMatchObject({ level: 3, grounds: ['overdue'], open: true });
        expect(r.availableFrom).toEqual(at);
      }),
    );
  });

  it('ends at the referral file, and with nothing once the content is gone', () => {
    const at = new Date('2026-01-05T10:00:00Z');
    const steps = [1, 2, 3].map((level) => ({ level, at }));
    const base = { state: 'in_progress' as const, dueAt: at, lastStaffWordAt: null, now: at };
    expect(nextRung({ ...base, anonymised: false, steps })).toBeNull();
    expect(nextRung({ ...base, anonymised: true, steps: [] })).toBeNull();
  });
});
