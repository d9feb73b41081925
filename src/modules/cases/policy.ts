/**
 * Who may read and act on a case. Pure: takes the actor and the case's owners and place.
 * Citizens see only their own cases (or those they file under a mandate); staff only their institution's;
 * overseers every body in their territory, read-only.
 */
import { type Actor, hasRole, oversees } from '../accounts/actor.js';
import type { StaffRole } from '../accounts/schema.js';
import { grantAllows, type MandateGrant } from '../mandates/rules.js';
import type { MandateAction } from '../mandates/schema.js';
import { type CaseAction, rules } from './state-machine.js';

export type CaseScope = {
  institutionId: string;
  regionCode: string;
  provinceCode: string | null;
  requesterId: string;
  representativeId: string | null;
  departmentId: string | null;
  /** The active mandate under which the actor (a relative) may reach this case, read for this request. */
  mandate?: MandateGrant | null;
};

export const isOwnCase = (actor: Actor | null, c: CaseScope) =>
  !!actor &&
  actor.kind === 'citizen' &&
  (c.requesterId === actor.accountId || c.representativeId === actor.accountId);

/** A relative reaching someone else's case under an active mandate (see mandates/grant.ts). */
export const actsUnderMandate = (actor: Actor | null, c: CaseScope) =>
  !!actor && actor.kind === 'citizen' && !!c.mandate && !isOwnCase(actor, c);

/** Whether the actor may do a mandated act on the case: their own case, or a mandate that covers the act now. */
export const mayActFor = (actor: Actor | null, c: CaseScope, act: MandateAction) =>
  isOwnCase(actor, c) || (actsUnderMandate(actor, c) && grantAllows(c.mandate, act));

/** The citizen's side of the case: its own people, or a relative under a mandate. */
export const speaksForCase = (actor: Actor | null, c: CaseScope) =>
  isOwnCase(actor, c) || actsUnderMandate(actor, c);

/** The case actions of the citizen's side a mandated act covers (withdrawing and appealing stay the person's). */
const mandatedActOf: Partial<Record<CaseAction, MandateAction>> = { citizen_reply: 'answer' };

export const isStaffOfCase = (actor: Actor | null, c: CaseScope) =>
  !!actor?.memberships.some((m) => m.institutionId === c.institutionId);

export function canReadCase(actor: Actor | null, c: CaseScope): boolean {
  return speaksForCase(actor, c) || isStaffOfCase(actor, c) || oversees(actor, c);
}

/** Staff roles that may take each staff action. Citizen actions are for the case's own people. */
export const staffActionRoles: Record<CaseAction | 'assign' | 'note', readonly StaffRole[]> = {
  acknowledge: ['reception_agent', 'department_agent', 'supervisor'],
  start: ['department_agent', 'supervisor'],
  request_info: ['department_agent', 'supervisor'],
  submit_reply: ['department_agent', 'supervisor'],
  return_reply: ['supervisor'],
  approve_reply: ['supervisor'],
  mark_ready: ['department_agent', 'supervisor'],
  close: ['department_agent', 'supervisor'],
  reject: ['department_agent', 'supervisor'],
  refer: ['department_agent', 'supervisor'],
  refer_inside: ['department_agent', 'supervisor'],
  assign: ['reception_agent', 'supervisor'],
  note: ['reception_agent', 'department_agent', 'supervisor'],
  citizen_reply: [],
  withdraw: [],
  reopen: [],
};

/** A department agent tied to one department acts only on that department's cases (or cases not yet routed). */
function departmentAllows(actor: Actor, c: CaseScope, roles: readonly StaffRole[]): boolean {
  return actor.memberships.some(
    (m) =>
      m.institutionId === c.institutionId &&
      roles.includes(m.role) &&
      (m.role !== 'department_agent' ||
        !m.departmentId ||
        !c.departmentId ||
        m.departmentId === c.departmentId),
  );
}

export function canActOnCase(
  actor: Actor | null,
  c: CaseScope,
  action: CaseAction | 'assign' | 'note',
): boolean {
  if (!actor) return false;
  if (action !== 'assign' && action !== 'note' && rules[action].side === 'citizen') {
    const act = mandatedActOf[action];
    return isOwnCase(actor, c) || (!!act && mayActFor(actor, c, act));
  }
  const roles = staffActionRoles[action];
  return hasRole(actor, c.institutionId, roles) && departmentAllows(actor, c, roles);
}

export function canUploadToCase(actor: Actor | null, c: CaseScope): boolean {
  return (
    mayActFor(actor, c, 'answer') ||
    hasRole(actor, c.institutionId, ['reception_agent', 'department_agent', 'supervisor'])
  );
}
