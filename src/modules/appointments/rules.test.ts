import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AppointmentStatus,
  appointmentStatuses,
  computeFigures,
  dueReminder,
  type FigureTicket,
  isNoShow,
  LATE_GRACE_MINUTES,
  queueOrder,
  queueSortAt,
  ticketCode,
} from './rules.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('reminders', () => {
  it('sends each reminder at most once, at its time, whatever the worker’s rhythm', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 10 * 24 * 60 }), // booked this many minutes ahead
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 400 }), // worker ticks, minutes apart
        (aheadMinutes, steps) => {
          const startsAt = new Date('2027-08-10T09:00:00Z');
          const b = {
            status: 'booked' as AppointmentStatus,
            startsAt,
            scheduledAt: new Date(startsAt.getTime() - aheadMinutes * MIN),
            reminderDayAt: null as Date | null,
            reminderHourAt: null as Date | null,
          };
          const sent: { kind: string; at: number }[] = [];
          let now = b.scheduledAt.getTime();
          for (const step of steps) {
            now += step * MIN;
            const due = dueReminder(b, new Date(now));
            if (due === 'day') b.reminderDayAt = new Date(now);
            if (due === 'hour') b.reminderHourAt = new Date(now);
            if (due) sent.push({ kind: due, at: now });
          }
          expect(sent.filter((s) => s.kind === 'day').length).toBeLessThanOrEqual(1);
          expect(sent.filter((s) => s.kind === 'hour').length).toBeLessThanOrEqual(1);
          for (const s of sent) {
            const lead = startsAt.getTime() - s.at;
            expect(lead).toBeGreaterThan(0);
            if (s.kind === 'day') expect(lead).toBeLessThanOrEqual(DAY);
            if (s.kind === 'day') expect(lead).toBeGreaterThan(HOUR);
            if (s.kind === 'hour') expect(lead).toBeLessThanOrEqual(HOUR);
          }
          if (aheadMinutes * MIN <= DAY) expect(sent.some((s) => s.kind === 'day')).toBe(false);
          if (aheadMinutes * MIN <= HOUR) expect(sent).toEqual([]);
        },
      ),
    );
  });

  it('reminds only booked visits', () => {
    for (const status of appointmentStatuses.filter((s) => s !== 'booked')) {
      const startsAt = new Date('2027-08-10T09:00:00Z');
      const now = new Date(startsAt.getTime() - 30 * MIN);
      expect(
        dueReminder(
          {
            status,
            startsAt,
            scheduledAt: new Date('2027-08-01'),
            reminderDayAt: null,
            reminderHourAt: null,
          },
          now,
        ),
      ).toBeNull();
    }
  });
});

describe('the desk queue', () => {
  const start = new Date('2027-08-10T09:00:00Z');
  it('places a booked visitor at their time, unless they come later than the grace period', () => {
    expect(
      queueSortAt({
        kind: 'appointment',
        checkedInAt: new Date(start.getTime() - 40 * MIN),
        appointmentStartsAt: start,
      }),
    ).toEqual(start);
    expect(
      queueSortAt({
        kind: 'appointment',
        checkedInAt: new Date(start.getTime() + LATE_GRACE_MINUTES * MIN),
        appointmentStartsAt: start,
      }),
    ).toEqual(start);
    const late = new Date(start.getTime() + (LATE_GRACE_MINUTES + 1) * MIN);
    expect(queueSortAt({ kind: 'appointment', checkedInAt: late, appointmentStartsAt: start })).toEqual(late);
    expect(queueSortAt({ kind: 'walk_in', checkedInAt: late })).toEqual(late);
  });

  it('calls in place order then ticket order, and the order is a permutation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ sortAt: fc.integer({ min: 0, max: 50 }), number: fc.nat(999) }), {
          maxLength: 30,
        }),
        (raw) => {
          const tickets = raw.map((t) => ({ sortAt: new Date(t.sortAt * MIN), number: t.number }));
          const order = queueOrder(tickets);
          expect(order).toHaveLength(tickets.length);
          for (let i = 1; i < order.length; i++) {
            const a = order[i - 1]!;
            const b = order[i]!;
            expect(a.sortAt <= b.sortAt).toBe(true);
            if (a.sortAt.getTime() === b.sortAt.getTime()) expect(a.number).toBeLessThanOrEqual(b.number);
          }
        },
      ),
    );
  });

  it('names tickets by kind and number', () => {
    expect(ticketCode('appointment', 7)).toBe('A-007');
    expect(ticketCode('walk_in', 123)).toBe('B-123');
    expect(ticketCode('event', 1000)).toBe('C-1000');
  });

  it('counts a booking as a no-show half an hour after its start, if nobody came', () => {
    expect(isNoShow({ status: 'booked', startsAt: start }, new Date(start.getTime() + 29 * MIN))).toBe(false);
    expect(isNoShow({ status: 'booked', startsAt: start }, new Date(start.getTime() + 30 * MIN))).toBe(true);
    expect(isNoShow({ status: 'checked_in', startsAt: start }, new Date(start.getTime() + DAY))).toBe(false);
  });
});

describe('figures', () => {
  const day = fc.constantFrom('2027-08-09', '2027-08-10', '2027-08-11');
  const svc = fc.constantFrom('s1', 's2');
  const booking = fc.record({ serviceId: svc, day, status: fc.constantFrom(...appointmentStatuses) });
  const ticket = fc
    .record({
      serviceId: fc.option(svc, { nil: null }),
      day,
      kind: fc.constantFrom('appointment' as const, 'walk_in' as const, 'event' as const),
      checkedIn: fc.integer({ min: 0, max: 480 }),
      wait: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
    })
    .map(
      (t): FigureTicket => ({
        serviceId: t.serviceId,
        day: t.day,
        kind: t.kind,
        checkedInAt: new Date(Date.UTC(2027, 7, 10, 8) + t.checkedIn * MIN),
        calledAt: t.wait === null ? null : new Date(Date.UTC(2027, 7, 10, 8) + (t.checkedIn + t.wait) * MIN),
        status: t.wait === null ? 'waiting' : t.wait > 100 ? 'no_show' : 'done',
      }),
    );

  it('adds up: rows, services and days each sum to the total; the median lies between the extremes', () => {
    fc.assert(
      fc.property(fc.array(booking, { maxLength: 40 }), fc.array(ticket, { maxLength: 40 }), (bs, ts) => {
        const f = computeFigures(bs, ts);
        for (const field of [
          'bookings',
          'cancelled',
          'noShows',
          'attended',
          'visitors',
          'walkIns',
          'called',
          'queueNoShows',
        ] as const) {
          const sum = (rows: { [k in typeof field]: number }[]) => rows.reduce((s, r) => s + r[field], 0);
          expect(sum(f.rows)).toBe(f.total[field]);
          expect(sum(f.byService)).toBe(f.total[field]);
          expect(sum(f.byDay)).toBe(f.total[field]);
        }
        expect(f.total.bookings + f.total.cancelled).toBe(bs.length);
        expect(f.total.visitors).toBe(ts.length);
        for (const r of [...f.rows, f.total]) {
          if (r.called === 0) expect(r.waitMedianMinutes).toBeNull();
          else {
            expect(r.waitMedianMinutes!).toBeLessThanOrEqual(r.waitMaxMinutes!);
            expect(r.waitAverageMinutes!).toBeLessThanOrEqual(r.waitMaxMinutes!);
          }
        }
      }),
    );
  });

  it('computes the wait at the desk', () => {
    const at = (m: number) => new Date(Date.UTC(2027, 7, 10, 8, m));
    const f = computeFigures(
      [{ serviceId: 's1', day: '2027-08-10', status: 'no_show' }],
      [5, 10, 30].map((w) => ({
        serviceId: 's1',
        day: '2027-08-10',
        kind: 'walk_in' as const,
        checkedInAt: at(0),
        calledAt: at(w),
        status: 'done' as const,
      })),
    );
    expect(f.total).toMatchObject({
      noShows: 1,
      bookings: 1,
      walkIns: 3,
      waitAverageMinutes: 15,
      waitMedianMinutes: 10,
      waitMaxMinutes: 30,
    });
  });
});
