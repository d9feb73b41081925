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
export async function downloadReceipt(caseId: string, trackingNumber: string, accessCode?: string) {
  const res = await fetch(`/api/cases/${caseId}/receipt.pdf`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken ?? '' },
    body: JSON.stringify(accessCode ? { accessCode } : {}),
  });
  if (!res.ok) throw new ApiError(await res.json());
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `${trackingNumber}.pdf`;
  a.click();
  URL.revokeObjectURL(url);
}

export function uploadFile(
  caseId: string,
  file: File,
  onProgress: (percent: number) => void,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/cases/${caseId}/attachments`);
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
export type Attachment = { id: string; name: string; mediaType: string; size: number; createdAt: string };
