/** The accounts' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, languageCode, storedDateTime } from '../../shared/contract.js';
import {
  caseAccess,
  caseKinds,
  caseStates,
  postalAddress,
  replyChannelCodes,
  timelineEvent,
} from '../cases/contract.js';

export const accountKinds = z.enum(['citizen', 'staff']);
export const staffRoleCodes = z.enum([
  'reception_agent',
  'department_agent',
  'supervisor',
  'institution_admin',
  'auditor',
]);
export const overseerScopes = z.enum(['region', 'nation', 'province']);

/** Signed in (the session cookie is set): the CSRF token to send with every change. */
export const signedIn = z.object({
  csrfToken: z.string(),
  account: z.object({ id: z.uuid(), kind: accountKinds, displayName: z.string() }),
});

/** Who is signed in. */
export const session = z.object({
  account: z.object({
    id: z.uuid(),
    kind: accountKinds,
    displayName: z.string(),
    email: z.string(),
    language: languageCode,
    hasPassword: z.boolean(),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean(),
  }),
  memberships: z.array(
    z.object({ institutionId: z.uuid(), departmentId: z.uuid().nullable(), role: staffRoleCodes }),
  ),
  scopes: z.array(z.object({ scope: overseerScopes, territoryCode: z.string().nullable() })),
  csrfToken: z.string(),
});

export const verificationSent = z.object({ verificationSentTo: z.string() });
/** Taken: the e-mail goes out if the address is known (the same answer either way). */
export const accepted = z.object({ accepted: z.literal(true) });

export const totpSetup = z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() });
export const recoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

const profileFields = {
  email: z.string(),
  preferredLanguage: languageCode,
  givenNameAr: z.string().nullable(),
  familyNameAr: z.string().nullable(),
  givenNameLatin: z.string().nullable(),
  familyNameLatin: z.string().nullable(),
  birthDate: z.string().nullable(),
  cin: z.string().nullable(),
  countryOfResidence: z.string(),
  addressAbroad: postalAddress.nullable(),
  phone: z.string().nullable(),
  replyChannels: z.array(replyChannelCodes),
  originCommuneCode: z.string().nullable(),
  updatedAt: storedDateTime,
};
/** The citizen's profile as the profile page edits it. */
export const citizenProfile = z.object(profileFields);

/** All my data (law 09-08). */
export const myData = z.object({
  exportedAt: isoDateTime,
  account: z.object({ email: z.string(), displayName: z.string(), language: languageCode }),
  profile: z.object({ ...profileFields, nameSkeleton: z.string().nullable() }).nullable(),
  cases: z.array(
    z.object({
      trackingNumber: z.string(),
      institution: z.string(),
      kind: caseKinds,
      subject: z.string(),
      description: z.string(),
      fields: z.record(z.string(), z.union([z.string(), z.number()])),
      state: caseStates,
      replyChannels: z.array(replyChannelCodes),
      createdAt: isoDateTime,
      dueAt: isoDateTime,
      closedAt: isoDateTime.nullable(),
      anonymisedAt: isoDateTime.nullable(),
      timeline: z.array(timelineEvent),
      accesses: z.array(caseAccess),
      attachments: z.array(
        z.object({ name: z.string(), mediaType: z.string(), size: z.number().int(), sha256: z.string() }),
      ),
    }),
  ),
});
