/** The JSON API, as the browser sees it: cookies for the session, the CSRF token on every change. */
import type * as accounts from '../modules/accounts/contract.js';
import type * as apiKeys from '../modules/api-keys/contract.js';
import type * as appointments from '../modules/appointments/contract.js';
import type * as audit from '../modules/audit/contract.js';
import type * as cases from '../modules/cases/contract.js';
import type * as catalog from '../modules/catalog/contract.js';
import type * as desk from '../modules/desk/contract.js';
import type * as institutions from '../modules/institutions/contract.js';
import type * as mandates from '../modules/mandates/contract.js';
import type * as notifications from '../modules/notifications/contract.js';
import type * as publicFigures from '../modules/public-figures/contract.js';
import type * as reporting from '../modules/reporting/contract.js';
import type * as satisfaction from '../modules/satisfaction/contract.js';
import type * as territory from '../modules/territory/contract.js';
import type * as verification from '../modules/verification/contract.js';
import type * as webhooks from '../modules/webhooks/contract.js';
import type * as workflow from '../modules/workflow/contract.js';
import type { Answer } from '../shared/contract.js';
import { withRetries } from './retry.js';

export type { Answer } from '../shared/contract.js';
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; message: string }[];
};

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  /** The message for one field, from a JSON pointer such as `/body/subject`. */
  field(name: string): string | undefined {
    return this.problem.errors?.find(
      (e) => e.pointer === `/body/${name}` || e.pointer.startsWith(`/body/${name}/`),
    )?.message;
  }
}

let csrfToken: string | null = null;
export const setCsrf = (t: string | null) => {
  csrfToken = t;
};

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok)
    throw new ApiError(
      data ?? { type: 'network', title: res.statusText, status: res.status, detail: res.statusText },
    );
  return data as T;
}

/** Uploads one file with progress (fetch cannot report upload progress, XMLHttpRequest can). */
/** Downloads a case's PDF receipt; with the secret code (just given back at filing) it is printed on it. */
export function downloadReceipt(caseId: string, trackingNumber: string, accessCode?: string) {
  return downloadPdf(
    `/api/cases/${caseId}/receipt.pdf`,
    accessCode ? { accessCode } : {},
    `${trackingNumber}.pdf`,
  );
}

/** Downloads the reply letter with the tracking number and secret code (no account needed). */
export function downloadTrackedReply(trackingNumber: string, accessCode: string) {
  return downloadPdf('/api/track/reply.pdf', { trackingNumber, accessCode }, `${trackingNumber}-reply.pdf`);
}

/** Asks the server for a PDF (a POST: it carries a secret) and saves it under the given name. */
async function downloadPdf(url: string, body: unknown, filename: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken ?? '' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new ApiError(await res.json());
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(href);
}

export function uploadFile(
  caseId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<unknown> {
  return sendFile(`/api/cases/${caseId}/attachments`, file, onProgress);
}

/** A paper sent before its case exists: checked now, attached by the filing that names its id. */
export type PendingUpload = Answer<typeof cases.pendingUpload>;

export function uploadPending(file: File, onProgress: (percent: number) => void): Promise<PendingUpload> {
  return sendFile('/api/uploads', file, onProgress) as Promise<PendingUpload>;
}

/** One file sent; a dropped connection is tried again (see withRetries) with the same file. */
function sendFile(url: string, file: File, onProgress: (percent: number) => void): Promise<unknown> {
  return withRetries(() => sendOnce(url, file, onProgress));
}

function sendOnce(url: string, file: File, onProgress: (percent: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const data = JSON.parse(xhr.responseText || 'null');
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(data));
    };
    xhr.onerror = () =>
      reject(new ApiError({ type: 'network', title: 'network', status: 0, detail: 'network' }));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** A random key (hex) that names one action of a form, so that sending it again is recognised. */
export function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/*
 * The answers' types come from the response schemas the routes declare (each module's `contract.ts`): type-only
 * imports, erased from the bundle. `Answer<S>` is what arrives over the wire (a stored date is an ISO string).
 */
export type Session = Answer<typeof accounts.session>;
export type Institution = Answer<typeof institutions.institution>;
export type Place = Answer<typeof territory.place>;
export type Field = Answer<typeof catalog.fieldDefinition>;
export type Category = Answer<typeof catalog.category>;
/** A category as one body set it up: its own deadline and retention beside the platform's. */
export type InstitutionCategory = Answer<typeof catalog.institutionCategory>;
/** A value of the reference data, and whether it was inferred rather than read in a source. */
export type Sourced<T> = { value: T | null; inferred: boolean; note?: string };
export type DocumentType = Answer<typeof catalog.documentType>;
/** The public figures of a scope (no sign-in) and the open-data index. */
export type PublicFigures = Answer<typeof publicFigures.figures>;
export type OpenDataIndex = Answer<typeof publicFigures.openDataIndex>;
/** The guide's texts in each language (the server's reference-data/document-guides.json). */
export type DocumentGuide = Answer<typeof catalog.documentGuide>;
export type TimelineEvent = Answer<typeof cases.timelineEvent>;
export type Mandate = Answer<typeof mandates.mandate>;
export type MyMandates = Answer<typeof mandates.myMandates>;
export type MandatedCases = Answer<typeof mandates.mandatedCases>;
export type CaseView = Answer<typeof cases.caseView>;
export type CaseList = Answer<typeof cases.caseList>;
export type Department = Answer<typeof institutions.department>;
export type Attachment = Answer<typeof cases.attachment>;
export type CaseRecord = Answer<typeof cases.caseRecord>;
/** A case of a page of the queue (staff: with the requester's name and country) or of my cases. */
export type QueueItem = CaseList['items'][number];
export type CaseAccess = Answer<typeof cases.caseAccess>;
export type TrackedCase = Answer<typeof cases.trackedCase>;
export type VerifiedDocument = Answer<typeof verification.verifiedDocument>;
export type DocumentCheck = Answer<typeof verification.documentCheck>;
export type RelatedCase = Answer<typeof cases.relatedCases>['items'][number];
export type SavedView = Answer<typeof cases.savedView>;
export type ReplyTemplate = Answer<typeof catalog.replyTemplate>;
export type LegalBasis = Answer<typeof catalog.legalBasis>;
export type ApiKey = Answer<typeof apiKeys.apiKey>;
export type CreatedApiKey = Answer<typeof apiKeys.createdApiKey>;
export type Webhook = Answer<typeof webhooks.webhook>;
export type WebhookWithSecret = Answer<typeof webhooks.webhookWithSecret>;
export type WebhookDelivery = Answer<typeof webhooks.delivery>;
export type Country = Answer<typeof territory.countries>['items'][number];
export type PlaceDetail = Answer<typeof territory.placeDetail>;
export type CitizenProfile = Answer<typeof accounts.citizenProfile>;
/** Signed in: the CSRF token to send with every change. */
export type SignedIn = Answer<typeof accounts.signedIn>;
export type TotpSetup = Answer<typeof accounts.totpSetup>;
export type RecoveryCodes = Answer<typeof accounts.recoveryCodes>;
export type FiledCase = Answer<typeof cases.filedCase>;
export type RatingAnswer = Answer<typeof cases.ratingAnswer>;
export type CaseTemplate = Answer<typeof catalog.caseTemplate>;
export type StaffList = Answer<typeof institutions.staffList>;
export type StaffMember = Answer<typeof institutions.staffMember>;
export type DepartmentOverview = Answer<typeof institutions.departmentsOverview>['items'][number];
export type PrivacyPolicy = Answer<typeof institutions.privacyPolicy>;
export type AuditPage = Answer<typeof audit.auditPage>;
export type PersonMatch = Answer<typeof desk.personMatch>;
export type DeskFiling = Answer<typeof desk.deskFiling>;
export type Visit = Answer<typeof desk.visit>;
export type Oversight = Answer<typeof reporting.oversight>;
export type Dashboard = Answer<typeof reporting.dashboard>;
export type Satisfaction = Answer<typeof satisfaction.satisfaction>;
export type FollowUpList = Answer<typeof satisfaction.followUpList>;
export type StalledCases = Answer<typeof workflow.stalledCases>;
export type CaseEscalations = Answer<typeof workflow.caseEscalations>;
/** A moment on a given clock: the day, the time, the weekday and the UTC offset there. */
export type WallClock = Answer<typeof appointments.wallClock>;
/** A service as the booking form lists it, with the officials one may book with. */
export type BookableService = Answer<typeof appointments.listedService>;
export type Slot = Answer<typeof appointments.slot>;
export type SlotsPage = Answer<typeof appointments.slots>;
export type Booking = Answer<typeof appointments.booking>;
export type StaffCalendar = Answer<typeof appointments.staffCalendar>;
export type Shift = Answer<typeof appointments.shift>;
export type Rota = Answer<typeof appointments.rota>;
export type Official = Answer<typeof appointments.official>;
export type OpeningRule = Answer<typeof appointments.openingRule>;
export type Closure = Answer<typeof appointments.closure>;
/** A closure set, with the bookings it falls on. */
export type ClosureSet = Answer<typeof appointments.closureSet>;
export type AppointmentFigures = Answer<typeof appointments.appointmentFigures>;
export type OpenDay = Answer<typeof appointments.openDay>;
export type Registration = Answer<typeof appointments.registration>;
export type MyRegistration = Answer<typeof appointments.myRegistrations>['items'][number];
export type EventDay = Answer<typeof appointments.eventDay>;
export type EventDayList = Answer<typeof appointments.eventDayList>;
export type Ticket = Answer<typeof appointments.ticket>;
export type WaitingRoom = Answer<typeof appointments.waitingRoom>;
export type WaitingScreen = Answer<typeof appointments.waitingScreen>;
export type Notification = Answer<typeof notifications.notification>;
export type MessageTemplate = Answer<typeof notifications.messageTemplate>;
export type TemplatePreview = Answer<typeof notifications.templatePreview>;
export type NotificationPreferences = Answer<typeof notifications.notificationPreferences>;
export type CallTask = Answer<typeof notifications.callTask>;
export type LetterSummary = Answer<typeof notifications.letterSummary>;
export type LetterBatch = Answer<typeof notifications.letterBatch>;
