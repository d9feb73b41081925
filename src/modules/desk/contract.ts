/** The front desk's answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, itemsOf } from '../../shared/contract.js';
import { caseStates, intakeChannels } from '../cases/contract.js';

/** A person found in the directory: everything for one linked to the body, masked for one who is not yet. */
export const personMatch = z.object({
  id: z.uuid(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  cin: z.string().nullable(),
  birthDate: z.string().nullable(),
  countryOfResidence: z.string(),
  givenNameAr: z.string().nullable(),
  familyNameAr: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  familyNameLatin: z.string().nullable(),
  matchedBy: z.array(z.enum(['email', 'phone', 'birthDate', 'cin', 'name'])),
  /** `full` for a person linked to the body; `masked` for one found by two identifiers, not yet linked. */
  access: z.enum(['full', 'masked']),
  /** For a masked match: lets this agent register this person's request at this body for a while. */
  intakeToken: z.string().optional(),
});
export const people = itemsOf(personMatch);

export const registeredPerson = z.object({
  id: z.uuid(),
  displayName: z.string(),
  possibleDuplicates: z.array(personMatch),
});

/** A case filed at the desk: the secret code is given to the person once. */
export const deskFiling = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  accessCode: z.string(),
  dueAt: isoDateTime,
  state: caseStates,
});

export const visitRef = z.object({ id: z.uuid() });
export const visit = z.object({
  id: z.uuid(),
  visitorName: z.string(),
  channel: intakeChannels,
  purpose: z.string(),
  outcome: z.enum(['informed', 'redirected', 'other', 'case_opened']),
  note: z.string().nullable(),
  caseId: z.uuid().nullable(),
  agent: z.string(),
  at: isoDateTime,
});
export const visits = itemsOf(visit);
