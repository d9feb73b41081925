/**
 * Slot generation: pure, no I/O. From a service's settings, the weekly rules (opening hours and duty rotas,
 * in Morocco's wall-clock time), the closures and the bookings already made, it lists the slots of a range
 * of days with the seats still free.
 *
 * A slot belongs to a *resource*: the service itself for a window service (several counters share the
 * slot, up to its capacity), or one official for a service booked with a named person. An official booked
 * in one service is not free in another at an overlapping time.
 */
import { addDays, dayNumber, fromWallClock, MOROCCO_TZ, weekdayOf } from './tz.js';

export const bookWithKinds = ['window', 'official'] as const;
export type BookWith = (typeof bookWithKinds)[number];
export const ruleKinds = ['office', 'after_hours', 'saturday', 'special'] as const;
export type RuleKind = (typeof ruleKinds)[number];

export type ServiceSpec = {
  id: string;
  bookWith: BookWith;
  slotMinutes: number;
  bufferMinutes: number;
  capacity: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Officials who offer the service. */
  officialIds: readonly string[];
};

export type Rule = {
  id: string;
  /** null: every service of the institution. */
  serviceId: string | null;
  /** null: the window (window services) or every official of the service (official services). */
  officialId: string | null;
  kind: RuleKind;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMinute: number;
  endMinute: number;
  /** Seats per slot during this rule, for window services (e.g. one counter after hours). */
  capacity: number | null;
  /** A rota: the rule applies every N weeks, counting from `anchorDate`. */
  everyWeeks: number;
  anchorDate: string | null;
  validFrom: string | null;
  validTo: string | null;
};

export type Closure = { serviceId: string | null; startDate: string; endDate: string };

export type Occupancy = {
  serviceId: string;
  resource: string;
  startsAt: Date;
  endsAt: Date;
};

export type Slot = {
  serviceId: string;
  resource: string;
  /** The official met (official services) or on duty at the window (window services with a rota). */
  officialId: string | null;
  kind: RuleKind;
  date: string;
  startMinute: number;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  taken: number;
  free: number;
};

export const windowResource = (serviceId: string) => `service:${serviceId}`;
export const officialResource = (officialId: string) => `official:${officialId}`;

/** Whether a weekly rule applies on a local date: weekday, validity, and its turn in the rota. */
export function ruleAppliesOn(rule: Rule, date: string): boolean {
  if (weekdayOf(date) !== rule.weekday) return false;
  if (rule.validFrom && date < rule.validFrom) return false;
  if (rule.validTo && date > rule.validTo) return false;
  if (rule.everyWeeks > 1) {
    const anchor = rule.anchorDate ?? rule.validFrom ?? '1970-01-05';
    const weeks = Math.floor((dayNumber(date) - dayNumber(anchor)) / 7);
    if (((weeks % rule.everyWeeks) + rule.everyWeeks) % rule.everyWeeks !== 0) return false;
  }
  return true;
}

export const isClosed = (closures: readonly Closure[], serviceId: string, date: string) =>
  closures.some(
    (c) => (c.serviceId === null || c.serviceId === serviceId) && c.startDate <= date && date <= c.endDate,
  );

/** Start minutes of a rule's grid: every slot + buffer, each slot ending by the rule's end. */
export function gridStarts(rule: Pick<Rule, 'startMinute' | 'endMinute'>, slot: number, buffer: number) {
  const out: number[] = [];
  for (let m = rule.startMinute; m + slot <= rule.endMinute; m += slot + buffer) out.push(m);
  return out;
}

/**
 * Every slot of `service` on the local dates `from`…`to` (inclusive), with its free seats.
 * Time filtering (notice, horizon) is left to `isBookable`, so staff can see the whole grid.
 */
export function generateSlots(input: {
  service: ServiceSpec;
  rules: readonly Rule[];
  closures: readonly Closure[];
  occupancy: readonly Occupancy[];
  from: string;
  to: string;
  tz?: string;
}): Slot[] {
  const { service, rules, closures, occupancy } = input;
  const tz = input.tz ?? MOROCCO_TZ;
  const byKey = new Map<string, Slot>();
  for (let date = input.from; date <= input.to; date = addDays(date, 1)) {
    if (isClosed(closures, service.id, date)) continue;
    for (const rule of rules) {
      if (rule.serviceId !== null && rule.serviceId !== service.id) continue;
      if (!ruleAppliesOn(rule, date)) continue;
      const holders: { resource: string; officialId: string | null; capacity: number }[] =
        service.bookWith === 'window'
          ? [
              {
                resource: windowResource(service.id),
                officialId: rule.officialId,
                capacity: rule.capacity ?? service.capacity,
              },
            ]
          : (rule.officialId ? [rule.officialId] : service.officialIds)
              .filter((o) => service.officialIds.includes(o))
              .map((o) => ({ resource: officialResource(o), officialId: o, capacity: service.capacity }));
      for (const h of holders) {
        for (const m of gridStarts(rule, service.slotMinutes, service.bufferMinutes)) {
          const startsAt = fromWallClock(date, m, tz);
          const key = `${h.resource}|${startsAt.getTime()}`;
          const existing = byKey.get(key);
          if (existing && existing.capacity >= h.capacity) continue;
          byKey.set(key, {
            serviceId: service.id,
            resource: h.resource,
            officialId: h.officialId ?? existing?.officialId ?? null,
            kind: rule.kind,
            date,
            startMinute: m,
            startsAt,
            endsAt: new Date(startsAt.getTime() + service.slotMinutes * 60_000),
            capacity: h.capacity,
            taken: 0,
            free: h.capacity,
          });
        }
      }
    }
  }
  const slots = [...byKey.values()];
  for (const s of slots) {
    let taken = 0;
    let blocked = false;
    for (const o of occupancy) {
      if (o.resource !== s.resource) continue;
      if (o.serviceId === s.serviceId && o.startsAt.getTime() === s.startsAt.getTime()) taken++;
      else if (o.startsAt < s.endsAt && s.startsAt < o.endsAt) blocked = true;
    }
    s.taken = taken;
    s.free = blocked ? 0 : Math.max(0, s.capacity - taken);
  }
  return slots.sort(
    (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.resource.localeCompare(b.resource),
  );
}

/** A slot can be booked from `minNotice` ahead of its start up to `horizonDays` ahead. */
export function isBookable(service: ServiceSpec, startsAt: Date, now: Date): boolean {
  const lead = startsAt.getTime() - now.getTime();
  return lead >= service.minNoticeMinutes * 60_000 && lead <= service.horizonDays * 86_400_000;
}

/** The lowest seat number not held by a booking at this resource and start. */
export function firstFreeSeat(held: readonly number[], capacity: number): number | null {
  const used = new Set(held);
  for (let seat = 1; seat <= capacity; seat++) if (!used.has(seat)) return seat;
  return null;
}

/** Overlapping intervals: used to refuse a citizen two bookings at the same time. */
export const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * The seat a new booking gets in `slot`, given the bookings already holding its resource around that
 * time; null when the slot is full or its resource is busy with an overlapping booking.
 */
export function seatFor(
  slot: Pick<Slot, 'serviceId' | 'resource' | 'startsAt' | 'endsAt' | 'capacity'>,
  occupancy: readonly (Occupancy & { seat: number })[],
): number | null {
  const held: number[] = [];
  for (const o of occupancy) {
    if (o.resource !== slot.resource) continue;
    if (o.startsAt.getTime() === slot.startsAt.getTime()) {
      if (o.serviceId !== slot.serviceId) return null;
      held.push(o.seat);
    } else if (overlaps(o, slot)) return null;
  }
  if (held.length >= slot.capacity) return null;
  return firstFreeSeat(held, slot.capacity);
}
