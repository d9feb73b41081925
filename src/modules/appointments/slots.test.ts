import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Closure,
  firstFreeSeat,
  generateSlots,
  gridStarts,
  isBookable,
  officialResource,
  type Rule,
  ruleAppliesOn,
  type ServiceSpec,
  seatFor,
  windowResource,
} from './slots.js';
import { addDays, daysBetween, MOROCCO_TZ, offsetMinutes, wallClock, weekdayOf } from './tz.js';

const service = (over: Partial<ServiceSpec> = {}): ServiceSpec => ({
  id: 'svc',
  bookWith: 'window',
  slotMinutes: 20,
  bufferMinutes: 5,
  capacity: 2,
  minNoticeMinutes: 60,
  horizonDays: 60,
  officialIds: [],
  ...over,
});
const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 'r',
  serviceId: null,
  officialId: null,
  kind: 'office',
  weekday: 1,
  startMinute: 8 * 60 + 30,
  endMinute: 16 * 60 + 30,
  capacity: null,
  everyWeeks: 1,
  anchorDate: null,
  validFrom: null,
  validTo: null,
  ...over,
});
const weekdays = (over: Partial<Rule> = {}) =>
  [1, 2, 3, 4, 5].map((weekday) => rule({ id: `office-${weekday}`, weekday, ...over }));

const date = fc
  .integer({ min: 0, max: daysBetween('2026-01-01', '2040-12-31') })
  .map((n) => addDays('2026-01-01', n));
const ruleArb = fc
  .record({
    weekday: fc.integer({ min: 1, max: 7 }),
    start: fc.integer({ min: 6 * 60, max: 20 * 60 }),
    length: fc.integer({ min: 0, max: 10 * 60 }),
    capacity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    kind: fc.constantFrom('office' as const, 'after_hours' as const, 'saturday' as const),
  })
  .map((r) =>
    rule({
      id: `r${r.weekday}-${r.start}`,
      weekday: r.weekday,
      kind: r.kind,
      startMinute: r.start,
      endMinute: Math.min(r.start + r.length, 23 * 60 + 59),
      capacity: r.capacity,
    }),
  );
const serviceArb = fc
  .record({
    slotMinutes: fc.integer({ min: 5, max: 120 }),
    bufferMinutes: fc.integer({ min: 0, max: 30 }),
    capacity: fc.integer({ min: 1, max: 5 }),
  })
  .map((s) => service(s));

describe('slot generation', () => {
  it('puts every slot inside its rule, on the rule’s weekday, at the Moroccan wall-clock time of the grid', () => {
    fc.assert(
      fc.property(serviceArb, fc.array(ruleArb, { maxLength: 4 }), date, (svc, rules, from) => {
        const to = addDays(from, 13);
        const slots = generateSlots({ service: svc, rules, closures: [], occupancy: [], from, to });
        for (const s of slots) {
          const w = wallClock(s.startsAt, MOROCCO_TZ);
          expect(w.date).toBe(s.date);
          expect(w.minutes).toBe(s.startMinute);
          const owners = rules.filter(
            (r) =>
              r.weekday === weekdayOf(s.date) &&
              r.startMinute <= s.startMinute &&
              s.startMinute + svc.slotMinutes <= r.endMinute &&
              (s.startMinute - r.startMinute) % (svc.slotMinutes + svc.bufferMinutes) === 0,
          );
          expect(owners.length).toBeGreaterThan(0);
          expect(s.endsAt.getTime() - s.startsAt.getTime()).toBe(svc.slotMinutes * 60_000);
          expect(s.free).toBe(s.capacity);
        }
        // Exactly the grid: one slot per grid start of each applicable rule (same resource: merged).
        const expected = new Set<string>();
        for (let d = from; d <= to; d = addDays(d, 1))
          for (const r of rules)
            if (ruleAppliesOn(r, d))
              for (const m of gridStarts(r, svc.slotMinutes, svc.bufferMinutes)) expected.add(`${d} ${m}`);
        expect(new Set(slots.map((s) => `${s.date} ${s.startMinute}`))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('puts the same 09:00 slot at 09:00 UTC during Ramadan and at 08:00 UTC the rest of the year', () => {
    fc.assert(
      fc.property(date, (d) => {
        const slots = generateSlots({
          service: service(),
          rules: [rule({ weekday: weekdayOf(d), startMinute: 9 * 60, endMinute: 9 * 60 + 20 })],
          closures: [],
          occupancy: [],
          from: d,
          to: d,
        });
        expect(slots).toHaveLength(1);
        const s = slots[0]!;
        const offset = offsetMinutes(s.startsAt, MOROCCO_TZ); // 0 in Ramadan, 60 otherwise
        expect(s.startsAt.getUTCHours() * 60 + s.startsAt.getUTCMinutes()).toBe(9 * 60 - offset);
        expect(s.startsAt.toISOString().slice(0, 10)).toBe(d);
      }),
      { numRuns: 500 },
    );
  });

  it('skips closed days, for the whole institution or one service', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 6 }), fc.boolean(), (from, len, whole) => {
        const closure: Closure = {
          serviceId: whole ? null : 'svc',
          startDate: addDays(from, 2),
          endDate: addDays(from, 2 + len),
        };
        const slots = generateSlots({
          service: service(),
          rules: weekdays(),
          closures: [closure, { serviceId: 'other', startDate: from, endDate: addDays(from, 20) }],
          occupancy: [],
          from,
          to: addDays(from, 20),
        });
        for (const s of slots) expect(s.date < closure.startDate || s.date > closure.endDate).toBe(true);
        expect(slots.some((s) => s.date < closure.startDate || s.date > closure.endDate)).toBe(true);
      }),
    );
  });

  it('turns a two-week rota: on each Saturday exactly one of the two officials is on duty', () => {
    const rota = [
      rule({
        id: 'a',
        kind: 'saturday',
        weekday: 6,
        officialId: 'A',
        everyWeeks: 2,
        anchorDate: '2026-01-03',
      }),
      rule({
        id: 'b',
        kind: 'saturday',
        weekday: 6,
        officialId: 'B',
        everyWeeks: 2,
        anchorDate: '2026-01-10',
      }),
    ];
    fc.assert(
      fc.property(date, (d) => {
        const on = rota.filter((r) => ruleAppliesOn(r, d));
        expect(on.length).toBe(weekdayOf(d) === 6 ? 1 : 0);
        if (on.length) expect(ruleAppliesOn(on[0]!, addDays(d, 14))).toBe(true);
        if (on.length) expect(ruleAppliesOn(on[0]!, addDays(d, 7))).toBe(false);
      }),
    );
  });

  it('counts bookings against the capacity and never shows negative free seats', () => {
    fc.assert(
      fc.property(
        date,
        fc.array(fc.nat(40), { maxLength: 60 }),
        fc.integer({ min: 1, max: 3 }),
        (d, picks, capacity) => {
          const base = {
            service: service({ capacity }),
            rules: [rule({ weekday: weekdayOf(d) })],
            closures: [],
          };
          const grid = generateSlots({ ...base, occupancy: [], from: d, to: d });
          const occupancy = picks
            .map((i) => grid[i % grid.length]!)
            .map((s) => ({ serviceId: 'svc', resource: s.resource, startsAt: s.startsAt, endsAt: s.endsAt }));
          const after = generateSlots({ ...base, occupancy, from: d, to: d });
          for (const s of after) {
            const n = occupancy.filter((o) => o.startsAt.getTime() === s.startsAt.getTime()).length;
            expect(s.taken).toBe(n);
            expect(s.free).toBe(Math.max(0, capacity - n));
          }
        },
      ),
    );
  });

  it('gives a window fewer seats after hours when the duty rule says so, with the official on duty', () => {
    const slots = generateSlots({
      service: service({ capacity: 2 }),
      rules: [
        rule({ weekday: 1 }),
        rule({
          id: 'duty',
          weekday: 1,
          kind: 'after_hours',
          startMinute: 990,
          endMinute: 1080,
          officialId: 'K',
          capacity: 1,
        }),
      ],
      closures: [],
      occupancy: [],
      from: '2027-08-09',
      to: '2027-08-09',
    });
    const late = slots.filter((s) => s.kind === 'after_hours');
    expect(late.map((s) => s.startMinute)).toEqual([990, 1015, 1040]);
    expect(
      late.every((s) => s.capacity === 1 && s.officialId === 'K' && s.resource === windowResource('svc')),
    ).toBe(true);
    expect(slots.filter((s) => s.kind === 'office').every((s) => s.capacity === 2)).toBe(true);
  });

  it('offers each official of an official service, and blocks an official booked elsewhere at that time', () => {
    const svc = service({
      id: 'permits',
      bookWith: 'official',
      slotMinutes: 30,
      bufferMinutes: 0,
      capacity: 1,
      officialIds: ['A', 'B'],
    });
    const rules = [rule({ weekday: 2, startMinute: 600, endMinute: 720 })];
    const empty = generateSlots({
      service: svc,
      rules,
      closures: [],
      occupancy: [],
      from: '2027-08-10',
      to: '2027-08-10',
    });
    expect(empty.map((s) => s.officialId)).toEqual(['A', 'B', 'A', 'B', 'A', 'B', 'A', 'B']);
    const first = empty[0]!;
    // A is booked 10:15–10:45 in another service: A's 10:00 and 10:30 slots are gone, B is untouched.
    const busy = {
      serviceId: 'other',
      resource: officialResource('A'),
      startsAt: new Date(first.startsAt.getTime() + 15 * 60_000),
      endsAt: new Date(first.startsAt.getTime() + 45 * 60_000),
    };
    const after = generateSlots({
      service: svc,
      rules,
      closures: [],
      occupancy: [busy],
      from: '2027-08-10',
      to: '2027-08-10',
    });
    expect(after.filter((s) => s.free === 0).map((s) => `${s.officialId} ${s.startMinute}`)).toEqual([
      'A 600',
      'A 630',
    ]);
  });

  it('books from the notice period to the horizon, and hands out the lowest free seat', () => {
    const svc = service({ minNoticeMinutes: 120, horizonDays: 30 });
    const now = new Date('2027-08-01T10:00:00Z');
    expect(isBookable(svc, new Date('2027-08-01T11:59:00Z'), now)).toBe(false);
    expect(isBookable(svc, new Date('2027-08-01T12:00:00Z'), now)).toBe(true);
    expect(isBookable(svc, new Date('2027-08-31T10:00:00Z'), now)).toBe(true);
    expect(isBookable(svc, new Date('2027-08-31T10:01:00Z'), now)).toBe(false);
    expect(firstFreeSeat([], 1)).toBe(1);
    expect(firstFreeSeat([1], 1)).toBeNull();
    expect(firstFreeSeat([1, 3], 3)).toBe(2);
  });
});

describe('seats', () => {
  it('never hands out a seat already held, and refuses exactly when the slot is full or the resource busy', () => {
    const start = new Date('2027-08-10T09:00:00Z');
    const end = new Date('2027-08-10T09:20:00Z');
    const slot = { serviceId: 's', resource: 'service:s', startsAt: start, endsAt: end };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { maxLength: 6 }),
        fc.boolean(),
        (capacity, seats, busyElsewhere) => {
          const held = seats.map((seat) => ({ ...slot, seat }));
          const other = busyElsewhere
            ? [
                {
                  ...slot,
                  serviceId: 's',
                  startsAt: new Date(start.getTime() + 10 * 60_000),
                  endsAt: new Date(end.getTime() + 10 * 60_000),
                  seat: 1,
                },
              ]
            : [];
          const seat = seatFor({ ...slot, capacity }, [...held, ...other]);
          if (busyElsewhere || seats.length >= capacity) expect(seat).toBeNull();
          else {
            expect(seat).not.toBeNull();
            expect(seats).not.toContain(seat);
            expect(seat!).toBeLessThanOrEqual(capacity);
          }
        },
      ),
    );
  });
});
