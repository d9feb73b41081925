import type { ApiError, DepartmentOverview, StaffMember } from '../../../api.js';

export type Dept = DepartmentOverview;
export type Member = StaffMember;
export const roles = ['reception_agent', 'department_agent', 'supervisor', 'institution_admin', 'auditor'];
export type Names = { nameAr: string; nameFr: string; nameEn: string };
export const nameFields = ['nameAr', 'nameFr', 'nameEn'] as const;

export type { Confirm } from '../../../components/useConfirm.js';

/** A department being renamed in its row. */
export type Renaming = { id: string; names: Names; error: ApiError | null };
/** A staff member whose role or department is being changed in their row. */
export type Editing = { id: string; role: string; departmentId: string; error: ApiError | null };
