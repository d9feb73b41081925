/** The cases' answers over HTTP: the routes declare them, the web app takes its types from them. */
import { z } from 'zod';
import { isoDateTime, itemsOf, languageCode, names } from '../../shared/contract.js';

export { binary } from '../../shared/contract.js';

export const caseStates = z.enum([
  'submitted',
  'acknowledged',
  'in_progress',
  'awaiting_citizen',
  'reply_pending_approval',
  'answered',
  'ready',
  'closed',
  'rejected',
  'referred',
  'withdrawn',
  'reopened',
]);
export const caseKinds = z.enum([
  'document_request',
  'complaint',
  'grievance',
  'observation',
  'information_request',
]);
export const intakeChannels = z.enum([
  'email',
  'post',
  'phone',
  'whatsapp',
  'web',
  'desk',
  'referral',
  'api',
]);
export const replyChannelCodes = z.enum(['email', 'post', 'phone', 'whatsapp', 'sms']);
export const caseActionCodes = z.enum([
  'close',
  'acknowledge',
  'start',
  'request_info',
  'citizen_reply',
  'submit_reply',
  'return_reply',
  'approve_reply',
  'mark_ready',
  'reject',
  'refer',
  'refer_inside',
  'withdraw',
  'reopen',
]);

/**
 * The reasons of a move the citizen reads, in their language (`cases/hops.ts`): staff may choose one when they
 * move a file; otherwise the neutral one of the move (`competent_body`, `competent_department`).
 */
export const moveReasonCodes = z.enum([
  'competent_body',
  'competent_department',
  'specialised_service',
  'closer_office',
  'records_held',
]);

/** A case as anyone who may read it sees it (`presentCase`). */
export const caseRecord = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  institutionId: z.uuid(),
  kind: caseKinds,
  categoryId: z.uuid(),
  subject: z.string(),
  description: z.string(),
  fields: z.record(z.string(), z.union([z.string(), z.number()])),
  intakeChannel: intakeChannels,
  replyChannels: z.array(replyChannelCodes),
  language: languageCode,
  requesterId: z.uuid(),
  representativeId: z.uuid().nullable(),
  departmentId: z.uuid().nullable(),
  /** null for the citizen */
  assigneeId: z.uuid().nullable(),
  state: caseStates,
  dueAt: isoDateTime,
  overdue: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
  /** Set when the retention period ran out: the subject, description, fields and papers are gone. */
  anonymisedAt: isoDateTime.nullable(),
  /** A paper file registered late: its old reference, the day it was first filed (YYYY-MM-DD), the service. */
  legacy: z
    .object({ reference: z.string(), filedOn: z.string(), service: z.string().nullable() })
    .nullable()
    .optional(),
});

export const timelineEvent = z.object({
  id: z.number().int(),
  type: z.string(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  reason: z.string().nullable(),
  /** empty for the citizen, except the approved reply's `parts` (facts, legal basis, decision, contest) and the `level` of a step up they took */
  data: z.record(z.string(), z.unknown()),
  visibility: z.enum(['public', 'internal']),
  at: isoDateTime,
  actor: z.object({ name: z.string().nullable(), kind: z.enum(['citizen', 'staff']).nullable() }).nullable(),
  /** Set when a relative acted for the person under a mandate: "by the actor, for `name`, under the mandate". */
  onBehalf: z.object({ mandateId: z.uuid(), name: z.string().nullable() }).nullable().optional(),
});

export const postalAddress = z.object({
  lines: z.array(z.string()),
  city: z.string(),
  postalCode: z.string().optional(),
  region: z.string().optional(),
  country: z.string(),
});

/** Who filed the case, for the staff only: the name alone when the person has no profile. */
export const requesterCard = z.object({
  displayName: z.string(),
  givenNameAr: z.string().nullable().optional(),
  familyNameAr: z.string().nullable().optional(),
  givenNameLatin: z.string().nullable().optional(),
  familyNameLatin: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  countryOfResidence: z.string().optional(),
  addressAbroad: postalAddress.nullable().optional(),
  preferredLanguage: languageCode.optional(),
});

/**
 * One stay of the file ("where is my file"): with which body and department, from when until when (null:
 * it is there now), how many working days in Morocco, and why it came there.
 */
export const caseHop = z.object({
  institution: z.object({ id: z.uuid(), ...names }),
  /** null: with the body, in no department yet */
  department: z.object({ id: z.uuid(), ...names }).nullable(),
  from: isoDateTime,
  until: isoDateTime.nullable(),
  workingDays: z.number().int(),
  move: z.enum(['filed', 'referred_inside', 'transferred', 'assigned']),
  /** The reason the citizen reads, translated by its code; null for the filing. */
  reason: moveReasonCodes.nullable(),
  /** Words the citizen may read with it: a referral's reason, shown on the timeline too. */
  reasonText: z.string().nullable(),
  /** The staff's own words for a transfer: for the staff only, never in the citizen's answer. */
  internalReason: z.string().nullable().optional(),
});

/** One case, as its page shows it. */
export const caseView = caseRecord.extend({
  timeline: z.array(timelineEvent),
  /** Where the file has been and is now, oldest first. */
  hops: z.array(caseHop),
  availableActions: z.array(caseActionCodes),
  /** The mandate under which the reader (a relative) sees this case; absent for the person and the staff. */
  underMandate: z
    .object({
      id: z.uuid(),
      forName: z.string(),
      actions: z.array(z.enum(['file', 'answer', 'collect', 'appointment'])),
      verified: z.boolean(),
    })
    .optional(),
  requester: requesterCard.optional(),
});

/** A page of the queue (staff, overseer) or of my cases (citizen: no requester's name nor counts). */
export const caseList = z.object({
  items: z.array(
    caseRecord.extend({
      requesterName: z.string().optional(),
      requesterCountry: z.string().nullable().optional(),
    }),
  ),
  nextCursor: z.string().nullable(),
  counts: z
    .object({
      total: z.number().int(),
      open: z.number().int(),
      overdue: z.number().int(),
      byState: z.record(z.string(), z.number().int()),
    })
    .optional(),
});

/** What a filing gives back: the secret code is shown once. */
export const filedCase = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  accessCode: z.string(),
  state: caseStates,
  dueAt: isoDateTime,
  trackingUrl: z.string(),
});

/** A message, note or instruction written in the case. */
export const caseEventRef = z.object({ id: z.number().int(), at: isoDateTime });

export const relatedCases = itemsOf(
  z.object({
    id: z.uuid(),
    trackingNumber: z.string(),
    institutionId: z.uuid(),
    subject: z.string(),
    kind: caseKinds,
    state: caseStates,
    createdAt: isoDateTime,
    mergedIntoId: z.uuid().nullable(),
    likelyDuplicate: z.boolean(),
  }),
);

export const rating = z.object({ score: z.number().int(), comment: z.string().nullable() });
export const ratingAnswer = z.object({ rating: rating.extend({ at: isoDateTime }).nullable() });

export const draft = z.object({
  id: z.uuid(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: isoDateTime,
});
export const savedDraft = z.object({ id: z.uuid(), updatedAt: isoDateTime });

/** A paper sent before its case exists: checked now, attached by the filing that names its id. */
export const pendingUpload = z.object({
  id: z.uuid(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** `pending`: held until the antivirus can scan it */
  scanStatus: z.enum(['clean', 'pending']).nullable(),
});
export const attachment = pendingUpload.extend({
  createdAt: isoDateTime,
  /** A voice message (audio): what staff wrote down of it, null while it is still to transcribe. */
  transcription: z.string().nullable(),
  transcribedAt: isoDateTime.nullable(),
  /** Audio not yet transcribed: marked for the staff handling the case. */
  toTranscribe: z.boolean(),
});
export const transcriptionInput = z.object({ text: z.string().trim().min(1).max(20_000) });
/** A paper held until the antivirus can scan it (202), and the sender told. */
export const heldUpload = pendingUpload.extend({ notice: z.string() });
export const heldAttachment = attachment.extend({ notice: z.string() });

export const caseAccess = z.object({
  at: isoDateTime,
  what: z.enum(['case.view', 'case.attachment_read', 'case.notifications_read', 'case.letter_read']),
  role: z.string(),
  purpose: z.enum(['handling', 'audit', 'oversight']),
  institution: z.object(names).nullable(),
  name: z.string().nullable(),
});

/** A case followed with its tracking number and secret code (no account). */
export const trackedCase = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  institution: z.object({ id: z.uuid(), ...names }),
  kind: caseKinds,
  subject: z.string(),
  state: caseStates,
  dueAt: isoDateTime,
  overdue: z.boolean(),
  createdAt: isoDateTime,
  anonymisedAt: isoDateTime.nullable(),
  timeline: z.array(timelineEvent),
  /** Where the file has been and is now, oldest first (as on the person's case page). */
  hops: z.array(caseHop),
});

export const savedView = z.object({
  id: z.uuid(),
  name: z.string(),
  filters: z.record(z.string(), z.string()),
});
