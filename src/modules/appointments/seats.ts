/**
 * Taking a seat in a slot when many book at once: the candidate slots at a time, the lock on the resource,
 * the seat chosen from what is committed, and the next candidate when one fills up meanwhile.
 */

import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { fail } from '../../server/problems.js';
import { occupancyOf, slotsFor } from './free-times.js';
import { appointmentOfficials, appointmentServices } from './schema.js';
import type { LoadedService } from './services.js';
import { type Slot, seatFor } from './slots.js';
import { MOROCCO_TZ, wallClock } from './tz.js';

/** Thrown inside a booking transaction when the slot filled up meanwhile: roll back and try the next one. */
export class SlotTaken extends Error {}

/** The slots at exactly `startsAt` (one per official for official services), the freest first. */
export async function candidates(
  db: Executor,
  svc: LoadedService,
  startsAt: Date,
  officialId: string | null | undefined,
  excludeId?: string,
  preferOfficialId?: string | null,
) {
  const date = wallClock(startsAt, MOROCCO_TZ).date;
  const slots = (await slotsFor(db, svc, date, date, excludeId)).filter(
    (s) =>
      s.startsAt.getTime() === startsAt.getTime() &&
      (svc.row.bookWith === 'window' || !officialId || s.officialId === officialId),
  );
  if (!slots.length) throw fail('appointment-slot-unavailable');
  return slots.sort(
    (a, b) =>
      Number(b.officialId === preferOfficialId) - Number(a.officialId === preferOfficialId) ||
      b.free - a.free,
  );
}

/**
 * Takes a seat in `slot`, inside the caller's transaction. The resource's row (the service for a window,
 * the official otherwise) is locked (FOR NO KEY UPDATE: bookings of one resource queue up here, while rows
 * that merely refer to it are not held up); the seat is then chosen from the bookings committed before. The unique index on (resource, starts_at, seat) backs
 * this up: even a path that forgot the lock could not seat two people in one place.
 */
async function claimSeat(tx: Executor, slot: Slot, excludeId?: string): Promise<number> {
  if (slot.resource.startsWith('service:'))
    await tx
      .select({ id: appointmentServices.id })
      .from(appointmentServices)
      .where(eq(appointmentServices.id, slot.serviceId))
      .for('no key update');
  else
    await tx
      .select({ id: appointmentOfficials.id })
      .from(appointmentOfficials)
      .where(eq(appointmentOfficials.id, slot.officialId!))
      .for('no key update');
  const occupancy = await occupancyOf(tx, [slot.resource], slot.startsAt, slot.endsAt, excludeId);
  const seat = seatFor(slot, occupancy);
  if (seat === null) throw new SlotTaken();
  return seat;
}

/** Tries each candidate slot in its own transaction until one has a seat; 409 when all are taken. */
export async function withSeat<T>(
  db: Db,
  slots: Slot[],
  excludeId: string | undefined,
  write: (tx: Executor, slot: Slot, seat: number) => Promise<T>,
): Promise<T> {
  for (const slot of slots) {
    try {
      return await db.transaction(async (tx) => {
        const seat = await claimSeat(tx, slot, excludeId);
        try {
          return await write(tx, slot, seat);
        } catch (err) {
          if (isUniqueViolation(err)) throw new SlotTaken();
          throw err;
        }
      });
    } catch (err) {
      if (err instanceof SlotTaken || isUniqueViolation(err)) continue;
      throw err;
    }
  }
  throw fail('appointment-slot-taken');
}
