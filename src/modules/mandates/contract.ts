/** The mandates as the API shows them (the web app takes its types from here). */
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';

export const mandateActionCodes = z.enum(['file', 'answer', 'collect', 'appointment']);
export const mandateStatusCodes = z.enum(['pending', 'scheduled', 'active', 'expired', 'revoked']);

export const mandate = z.object({
  id: z.uuid(),
  mandator: z.object({ id: z.uuid(), name: z.string() }),
  /** The invited address; the account and its name once the relative accepted. */
  grantee: z.object({ email: z.string(), id: z.uuid().nullable(), name: z.string().nullable() }),
  /** One case of the person's… */
  case: z.object({ id: z.uuid(), trackingNumber: z.string(), subject: z.string() }).nullable(),
  /** …or a kind of request (a category of the catalogue). */
  category: z
    .object({ id: z.uuid(), code: z.string(), nameAr: z.string(), nameFr: z.string(), nameEn: z.string() })
    .nullable(),
  actions: z.array(mandateActionCodes),
  validFrom: isoDateTime,
  validUntil: isoDateTime,
  status: mandateStatusCodes,
  /** Some acts (collecting a document) need the body to check the procuration paper first. */
  requiresProcuration: z.boolean(),
  verified: z.object({ at: isoDateTime, by: z.string() }).nullable(),
  acceptedAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Mandate = z.infer<typeof mandate>;

export const myMandates = z.object({ given: z.array(mandate), received: z.array(mandate) });

export const newMandate = z.strictObject({
  granteeEmail: z.email().max(254),
  caseId: z.uuid().nullish(),
  categoryId: z.uuid().nullish(),
  actions: z.array(mandateActionCodes).min(1).max(4),
  validFrom: isoDateTime,
  validUntil: isoDateTime,
});

/** A case of the person that a relative reaches under a mandate for a kind of request. */
export const mandatedCases = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      trackingNumber: z.string(),
      subject: z.string(),
      state: z.string(),
      dueAt: isoDateTime,
      createdAt: isoDateTime,
    }),
  ),
});
