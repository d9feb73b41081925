/** The institutions' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { itemsOf, languageCode, names, storedDateTime } from '../../shared/contract.js';
import { staffRoleCodes } from '../accounts/contract.js';

export { accepted, signedIn } from '../accounts/contract.js';

export const institutionTypes = z.enum([
  'commune',
  'urban_agency',
  'mediator_delegation',
  'prefecture_province',
  'ministry',
]);

export const institution = z.object({
  id: z.uuid(),
  code: z.string(),
  type: institutionTypes,
  ...names,
  territoryCode: z.string(),
  regionCode: z.string(),
  provinceCode: z.string().nullable(),
  parentId: z.uuid().nullable(),
});
export const institutions = itemsOf(institution);

export const department = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  code: z.string(),
  ...names,
  closedAt: storedDateTime.nullable(),
  createdAt: storedDateTime,
});
export const departments = itemsOf(department);
/** A department with its open cases and staff (admin). */
export const departmentsOverview = itemsOf(
  department.extend({ openCases: z.number().int(), staff: z.number().int() }),
);

/** A member of the staff, with their account's state and the open cases assigned to them. */
export const staffMember = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string(),
  language: languageCode,
  role: staffRoleCodes,
  departmentId: z.uuid().nullable(),
  openCases: z.number().int(),
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  invitationPending: z.boolean(),
});
export const staffList = itemsOf(staffMember);
export const addedStaffMember = z.object({ id: z.uuid(), invited: z.boolean() });

export const privacyPolicy = z.object({ showStaffNames: z.boolean() });
