/** The JSON API, as the browser sees it: cookies for the session, the CSRF token on every change. */
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
export type PendingUpload = { id: string; name: string; mediaType: string; size: number };

export function uploadPending(file: File, onProgress: (percent: number) => void): Promise<PendingUpload> {
  return sendFile('/api/uploads', file, onProgress) as Promise<PendingUpload>;
}

function sendFile(url: string, file: File, onProgress: (percent: number) => void): Promise<unknown> {
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

export type Session = {
  account: {
    id: string;
    kind: 'citizen' | 'staff';
    displayName: string;
    email: string;
    language: string;
    hasPassword: boolean;
    totpEnabled?: boolean;
    totpRequired?: boolean;
  };
  memberships: { institutionId: string; departmentId: string | null; role: string }[];
  scopes: { scope: string; territoryCode: string | null }[];
  csrfToken: string;
};
export type Institution = {
  id: string;
  code: string;
  type: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  territoryCode: string;
  regionCode: string;
  provinceCode: string | null;
  parentId: string | null;
};
export type Place = {
  code: string;
  type: string;
  nameFr: string;
  nameAr: string;
  regionCode: string | null;
  provinceCode: string | null;
};
export type Field = {
  name: string;
  type: 'text' | 'date' | 'number' | 'select';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  pastYear?: boolean;
  options?: string[];
  label: { ar: string; fr: string; en: string };
};
export type Category = {
  id: string;
  code: string;
  kind: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  deadlineDays: number;
  documentTypeCode: string | null;
  fields: Field[];
};
export type Sourced<T> = { value: T | null; inferred: boolean };
export type DocumentType = {
  code: string;
  category: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  issuingBodyType: Sourced<{ type: string; detail?: string }>;
  requiredDocuments: Sourced<string[]>;
  fee: Sourced<{ amount_mad?: number | null; text?: string }>;
  delay: Sourced<{ text?: string }>;
  validity: Sourced<{ months?: number; text?: string }>;
  remoteRequest: Sourced<{ possible: boolean | null; channels?: string[] }>;
  guide: DocumentGuide | null;
};
type InEachLanguage<T> = { ar: T; fr: T; en: T };
/** The guide's texts in each language (the server's reference-data/document-guides.json). */
export type DocumentGuide = {
  status: 'drafted' | 'reviewed';
  aliases: InEachLanguage<string[]>;
  papers: InEachLanguage<string[]> | null;
  issuer: InEachLanguage<string> | null;
  fee: InEachLanguage<string> | null;
  delay: InEachLanguage<string> | null;
  validity: InEachLanguage<string> | null;
  remote: InEachLanguage<string[]> | null;
  notes: InEachLanguage<string> | null;
};
export type TimelineEvent = {
  id: number;
  type: string;
  reason: string | null;
  at: string;
  toState: string | null;
  visibility?: 'public' | 'internal';
  actor: { name: string | null; kind: string } | null;
};
export type CaseView = {
  id: string;
  trackingNumber: string;
  institutionId: string;
  kind: string;
  categoryId: string;
  subject: string;
  description: string;
  state: string;
  dueAt: string;
  overdue: boolean;
  version: number;
  createdAt: string;
  /** Set when the retention period ran out: the subject, description, fields and papers are gone. */
  anonymisedAt: string | null;
  departmentId: string | null;
  replyChannels: string[];
  timeline: TimelineEvent[];
  availableActions: string[];
  intakeChannel: string;
  assigneeId: string | null;
  fields: Record<string, string | number>;
  requester?: {
    displayName: string;
    givenNameAr?: string | null;
    familyNameAr?: string | null;
    givenNameLatin?: string | null;
    familyNameLatin?: string | null;
    email?: string | null;
    phone?: string | null;
    countryOfResidence?: string;
  };
};
export type Department = { id: string; code: string; nameAr: string; nameFr: string; nameEn: string };
export type Attachment = {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  createdAt: string;
  /** `pending`: held until the antivirus can scan it, not to be opened yet */
  scanStatus: 'clean' | 'pending' | null;
};
