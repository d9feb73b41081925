/** The stalled files' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime } from '../../shared/contract.js';
import { caseStates } from '../cases/contract.js';

/**
 * Which stuck files a list shows: `idle` (no action for N days, the default) or `legacy` (open paper files
 * registered late, oldest first day of filing first, whatever their idleness). One place to add a view.
 */
export const stalledViews = z.enum(['idle', 'legacy', 'escalated']);
export type StalledView = z.infer<typeof stalledViews>;

/** Open cases with no action for N days, oldest first, with who holds them. */
export const stalledCases = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      trackingNumber: z.string(),
      subject: z.string(),
      state: caseStates,
      dueAt: isoDateTime,
      updatedAt: isoDateTime,
      idleDays: z.number().int(),
      /** When the file was first filed: on paper for a file registered late, otherwise in Jisr. */
      filedAt: isoDateTime,
      /** Its true age in days, counted from `filedAt`. */
      ageDays: z.number().int(),
      /** The paper file's old reference; null for a file born in Jisr. */
      legacyReference: z.string().nullable(),
      /** The highest step the person took the case up to (1 supervisors, 2 overseers, 3 referral file). */
      escalationLevel: z.number().int().nullable(),
      assignee: z.string().nullable(),
      departmentFr: z.string().nullable(),
      departmentAr: z.string().nullable(),
      institutionId: z.uuid(),
      institutionFr: z.string(),
      institutionAr: z.string(),
      institutionEn: z.string(),
    }),
  ),
  total: z.number().int(),
});

/** The citizen's way up a case: the steps taken and, for the person, the next one. */
export const caseEscalations = z.object({
  steps: z.array(
    z.object({
      level: z.number().int().min(1).max(3),
      grounds: z.enum(['overdue', 'contest']),
      at: isoDateTime,
      statement: z.string().nullable(),
    }),
  ),
  /** The next step the person may take (null at the top, or for other readers). */
  next: z
    .object({
      level: z.number().int().min(1).max(3),
      grounds: z.array(z.enum(['overdue', 'contest'])),
      availableFrom: isoDateTime,
      open: z.boolean(),
    })
    .nullable(),
  /** The referral file can be downloaded. */
  referralReady: z.boolean(),
});

export const escalationTaken = z.object({
  level: z.number().int().min(1).max(3),
  grounds: z.enum(['overdue', 'contest']),
  at: isoDateTime,
  /** How many people of the step were told. */
  told: z.number().int(),
});

const threeNames = { nameAr: z.string(), nameFr: z.string(), nameEn: z.string() };

/**
 * The referral file as data (`format: jisr-referral/1`): for the Mediator of the Kingdom's or the national
 * complaints portal's systems, the same content as the PDF.
 */
export const referralFile = z.object({
  format: z.literal('jisr-referral/1'),
  generatedAt: isoDateTime,
  addressedTo: z.array(z.object({ name: z.string(), url: z.string() })),
  requester: z.object({
    name: z.string(),
    nameAr: z.string().nullable(),
    countryOfResidence: z.string().nullable(),
  }),
  case: z.object({
    trackingNumber: z.string(),
    institution: z.object({ code: z.string(), ...threeNames }),
    category: z.object({ code: z.string(), ...threeNames }).nullable(),
    kind: z.string(),
    subject: z.string(),
    description: z.string(),
    filedAt: isoDateTime,
    dueAt: isoDateTime,
    state: caseStates,
    closedAt: isoDateTime.nullable(),
  }),
  hops: z.array(
    z.object({
      institution: z.object(threeNames),
      department: z.object(threeNames).nullable(),
      from: isoDateTime,
      until: isoDateTime.nullable(),
      workingDays: z.number().int(),
      move: z.string(),
      reason: z.string().nullable(),
    }),
  ),
  history: z.array(
    z.object({
      at: isoDateTime,
      type: z.string(),
      by: z.enum(['citizen', 'staff']).nullable(),
      text: z.string().nullable(),
      parts: z.unknown().optional(),
    }),
  ),
  escalations: z.array(
    z.object({
      level: z.number().int(),
      grounds: z.enum(['overdue', 'contest']),
      at: isoDateTime,
      statement: z.string().nullable(),
    }),
  ),
  papers: z.array(
    z.object({
      name: z.string(),
      mediaType: z.string(),
      size: z.number().int(),
      sha256: z.string(),
      addedAt: isoDateTime,
    }),
  ),
  issuedDocuments: z.array(
    z.object({ kind: z.string(), code: z.string(), issuedAt: isoDateTime, sha256: z.string() }),
  ),
});
