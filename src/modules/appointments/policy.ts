/**
 * Who may do what with appointments. Pure: takes the actor and the institution's place.
 * Staff act for their institution, and the staff of an agency also for its annexes (an annex is an
 * institution whose parent is the agency). Citizens see only their own bookings.
 */
import { type Actor, oversees } from '../accounts/actor.js';
import type { StaffRole } from '../accounts/schema.js';

export type Place = { id: string; parentId: string | null; regionCode: string; provinceCode: string | null };

/** Define services and officials. */
export const SERVICE_ADMIN_ROLES: readonly StaffRole[] = ['institution_admin'];
/** Define opening hours, duty rotas, closures and open days. */
export const AVAILABILITY_ROLES: readonly StaffRole[] = ['institution_admin', 'supervisor'];
/** See every booking of the institution (the whole service's calendar, the day lists). */
export const CALENDAR_ROLES: readonly StaffRole[] = [
  'supervisor',
  'institution_admin',
  'reception_agent',
  'auditor',
];
/** Move, cancel or mark bookings (besides the official of the booking). */
export const MOVE_ROLES: readonly StaffRole[] = ['supervisor', 'reception_agent', 'institution_admin'];
/** Check visitors in at the desk. */
export const CHECK_IN_ROLES: readonly StaffRole[] = ['reception_agent', 'supervisor'];
/** Call visitors to a counter and record the outcome. */
export const COUNTER_ROLES: readonly StaffRole[] = ['reception_agent', 'department_agent', 'supervisor'];
/** Read the visitor log of a day. */
export const LOG_ROLES: readonly StaffRole[] = [
  'supervisor',
  'institution_admin',
  'auditor',
  'reception_agent',
];
/** Read the figures (overseers of the territory too). */
export const FIGURE_ROLES: readonly StaffRole[] = ['supervisor', 'institution_admin', 'auditor'];

/** The actor's memberships that count at this institution: its own, or its parent agency's. */
export function membershipsAt(actor: Actor | null, place: Pick<Place, 'id' | 'parentId'>) {
  return (actor?.memberships ?? []).filter(
    (m) => m.institutionId === place.id || (place.parentId !== null && m.institutionId === place.parentId),
  );
}

export function hasRoleAt(
  actor: Actor | null,
  place: Pick<Place, 'id' | 'parentId'>,
  roles: readonly StaffRole[],
): boolean {
  return membershipsAt(actor, place).some((m) => roles.includes(m.role));
}

export const isStaffAt = (actor: Actor | null, place: Pick<Place, 'id' | 'parentId'>) =>
  membershipsAt(actor, place).length > 0;

export type BookingScope = {
  citizenId: string;
  /** The account of the official met or on duty, if any. */
  officialAccountId: string | null;
  serviceDepartmentId: string | null;
  /** The relative who booked it under a mandate that still allows appointments now (read per request). */
  mandatedRelativeId?: string | null;
};

/**
 * A booking is read by its citizen (and the relative who booked it, while the mandate lasts), by staff who see the whole calendar, by its official, and by a
 * department agent for the window bookings of their department.
 */
export function canReadBooking(actor: Actor | null, place: Place, b: BookingScope): boolean {
  if (!actor) return false;
  if (actor.kind === 'citizen')
    return (
      b.citizenId === actor.accountId || (!!b.mandatedRelativeId && b.mandatedRelativeId === actor.accountId)
    );
  if (hasRoleAt(actor, place, CALENDAR_ROLES)) return true;
  if (b.officialAccountId === actor.accountId) return true;
  return membershipsAt(actor, place).some(
    (m) =>
      m.role === 'department_agent' &&
      b.officialAccountId === null &&
      (m.departmentId === null || m.departmentId === b.serviceDepartmentId),
  );
}

/** Staff who may move or cancel a booking: the desk and supervisors, and the official it is with. */
export function canMoveBooking(actor: Actor | null, place: Place, b: BookingScope): boolean {
  if (actor?.kind !== 'staff') return false;
  if (hasRoleAt(actor, place, MOVE_ROLES)) return true;
  return b.officialAccountId === actor.accountId && isStaffAt(actor, place);
}

export function canReadFigures(actor: Actor | null, place: Place): boolean {
  return hasRoleAt(actor, place, FIGURE_ROLES) || oversees(actor, place);
}
