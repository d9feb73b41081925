import type { Language, StaffRole } from './schema.js';

export type Membership = { institutionId: string; departmentId: string | null; role: StaffRole };
export type OverseerScope = { scope: 'nation' | 'region' | 'province'; territoryCode: string | null };

/** The signed-in person making a request, with everything authorization needs. */
export type Actor = {
  accountId: string;
  kind: 'citizen' | 'staff';
  displayName: string;
  email: string;
  language: Language;
  emailVerified: boolean;
  /** Staff: whether the second factor (TOTP) is set up. */
  totpEnabled: boolean;
  memberships: Membership[];
  scopes: OverseerScope[];
  sessionId: string;
  csrfToken: string;
};

/** Those who watch that nothing stays stuck in a body: its supervisors, administrators and auditors. */
export const WATCHER_ROLES: readonly StaffRole[] = ['supervisor', 'institution_admin', 'auditor'];

export function hasRole(actor: Actor | null, institutionId: string, roles: readonly StaffRole[]): boolean {
  return !!actor?.memberships.some((m) => m.institutionId === institutionId && roles.includes(m.role));
}

/** Whether an overseer's scope covers a body located in the given region/province. */
export function oversees(
  actor: Actor | null,
  place: { regionCode: string; provinceCode: string | null },
): boolean {
  return !!actor?.scopes.some(
    (s) =>
      s.scope === 'nation' ||
      (s.scope === 'region' && s.territoryCode !== null && s.territoryCode === place.regionCode) ||
      (s.scope === 'province' && s.territoryCode !== null && s.territoryCode === place.provinceCode),
  );
}
