/**
 * Who may read and act on a case. Pure: takes the actor and the case's owners and place.
 * Citizens see only their own cases (or those they file under a mandate); staff only their institution's;
 * overseers every body in their territory, read-only.
 */
import { type Actor, hasRole, oversees } from '../accounts/actor.js';
import type { StaffRole } from '../accounts/schema.js';
import { type CaseAction, rules } from './state-machine.js';

export type CaseScope = {
  institutionId: string;
  regionCode: string;
  provinceCode: string | null;
  requesterId: string;
  representativeId: string | null;
  departmentId: string | null;
};

export const isOwnCase = (actor: Actor | null, c: CaseScope) =>
  !!actor &&
  actor.kind === 'citizen' &&
  (c.requesterId === actor.accountId || c.representativeId === actor.accountId);

export const isStaffOfCase = (actor: Actor | null, c: CaseScope) =>
  !!actor?.memberships.some((m) => m.institutionId === c.institutionId);

export function canReadCase(actor: Actor | null, c: CaseScope): boolean {
  return isOwnCase(actor, c) || isStaffOfCase(actor, c) || oversees(actor, c);
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
  if (action !== 'assign' && action !== 'note' && rules[action].side === 'citizen')
    return isOwnCase(actor, c);
  const roles = staffActionRoles[action];
  return hasRole(actor, c.institutionId, roles) && departmentAllows(actor, c, roles);
}

export function canUploadToCase(actor: Actor | null, c: CaseScope): boolean {
  return (
    isOwnCase(actor, c) ||
    hasRole(actor, c.institutionId, ['reception_agent', 'department_agent', 'supervisor'])
  );
}
