/**
 * "Where is my file": the hops of a case from its timeline, pure. Each hop is a stay with one body (and one
 * of its departments, or none): from filing or the move that brought the file there, until the next move.
 * Moves are the referral to another body on the platform (`referred_inside`), the transfer to another
 * department (`transferred`) and an assignment that changes the department (`assigned`).
 */
import { workingDaysBetween } from '../workflow/calendar.js';
import { moveReasonCodes } from './contract.js';

/**
 * The reasons of a move a citizen may read, translated in their language. Staff choose one when they move a
 * file; without it, the citizen reads the neutral one of the move (`competent_body`, `competent_department`),
 * and the staff's own words stay among staff.
 */
export const moveReasons = moveReasonCodes.options;
export type MoveReason = (typeof moveReasons)[number];

export type HopMove = 'filed' | 'referred_inside' | 'transferred' | 'assigned';

/** A timeline event as the hops read it (the events of the four types, in the order they happened). */
export type MoveEvent = {
  type: string;
  reason: string | null;
  data: Record<string, unknown>;
  at: Date;
};

export type RawHop = {
  institutionId: string;
  departmentId: string | null;
  from: Date;
  until: Date | null;
  workingDays: number;
  move: HopMove;
  /** The translated reason the citizen reads (null for the filing). */
  reasonCode: MoveReason | null;
  /** Words the citizen may read: a referral's reason, which the timeline shows them too. */
  publicText: string | null;
  /** The staff's words, for the staff only: a transfer's reason. */
  internalText: string | null;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const reasonCode = (v: unknown, fallback: MoveReason): MoveReason =>
  (moveReasons as readonly string[]).includes(v as string) ? (v as MoveReason) : fallback;

/**
 * The department the file was filed with. New filings write it on their first event; for older files it is
 * read from the first move that names the department it left, or the case's department when nothing moved
 * it since.
 */
function firstDepartment(events: MoveEvent[], current: { departmentId: string | null }): string | null {
  const filed = events.find((e) => e.type === 'submitted');
  if (filed && 'departmentId' in filed.data) return str(filed.data.departmentId);
  for (const e of events) {
    if (e.type === 'transferred') return str(e.data.fromDepartmentId);
    if (e.type === 'referred_inside')
      return 'fromDepartmentId' in e.data ? str(e.data.fromDepartmentId) : null;
    if (e.type === 'assigned') return null;
  }
  return current.departmentId;
}

/**
 * The hops of a case, oldest first. `current` is the case as it stands (its body and department), `end` the
 * instant the last hop is counted to (now, or when the case was closed). The working days of the hops add up
 * to those from the filing to `end`: each counts the working days of [from, until) in Morocco.
 */
export function caseHops(
  events: MoveEvent[],
  current: { institutionId: string; departmentId: string | null; createdAt: Date },
  end: Date,
): RawHop[] {
  const firstReferral = events.find((e) => e.type === 'referred_inside');
  const filed = events.find((e) => e.type === 'submitted');
  const hops: Omit<RawHop, 'until' | 'workingDays'>[] = [
    {
      institutionId: str(firstReferral?.data.fromInstitutionId) ?? current.institutionId,
      departmentId: firstDepartment(events, current),
      from: filed?.at ?? current.createdAt,
      move: 'filed',
      reasonCode: null,
      publicText: null,
      internalText: null,
    },
  ];
  for (const e of events) {
    const here = hops[hops.length - 1]!;
    if (e.type === 'referred_inside') {
      const to = str(e.data.toInstitutionId);
      if (!to) continue;
      hops.push({
        institutionId: to,
        departmentId: null,
        from: e.at,
        move: 'referred_inside',
        reasonCode: reasonCode(e.data.publicReason, 'competent_body'),
        publicText: e.reason,
        internalText: null,
      });
    } else if (e.type === 'transferred' || e.type === 'assigned') {
      const to = str(e.type === 'transferred' ? e.data.toDepartmentId : e.data.departmentId);
      if (!to || to === here.departmentId) continue;
      hops.push({
        institutionId: here.institutionId,
        departmentId: to,
        from: e.at,
        move: e.type,
        reasonCode: reasonCode(e.data.publicReason, 'competent_department'),
        publicText: null,
        internalText: e.type === 'transferred' ? e.reason : null,
      });
    }
  }
  return hops.map((h, i) => {
    const until = hops[i + 1]?.from ?? null;
    return { ...h, until, workingDays: workingDaysBetween(h.from, until ?? end) };
  });
}
