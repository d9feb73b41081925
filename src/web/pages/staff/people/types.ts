import type { ApiError } from '../../../api.js';

export type Dept = {
  id: string;
  code: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  closedAt: string | null;
  openCases: number;
  staff: number;
};
export type Member = {
  id: string;
  displayName: string;
  email: string;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  invitationPending: boolean;
  openCases: number;
};
export const roles = ['reception_agent', 'department_agent', 'supervisor', 'institution_admin', 'auditor'];
export type Names = { nameAr: string; nameFr: string; nameEn: string };
export const nameFields = ['nameAr', 'nameFr', 'nameEn'] as const;

/** An action that waits for a yes in a dialog; `run` answers the notice to show. */
export type Confirm = {
  title: string;
  message: string;
  label: string;
  danger?: boolean;
  run: () => Promise<string>;
};

/** A department being renamed in its row. */
export type Renaming = { id: string; names: Names; error: ApiError | null };
/** A staff member whose role or department is being changed in their row. */
export type Editing = { id: string; role: string; departmentId: string; error: ApiError | null };
