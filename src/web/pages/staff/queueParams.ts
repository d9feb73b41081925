/** The staff queue's filters as they live in the address bar, in a saved view and in the API query. */
export const filterKeys = [
  'q',
  'status',
  'state',
  'kind',
  'departmentId',
  'assignee',
  'channel',
  'country',
  'due',
  'sort',
] as const;
export type FilterKey = (typeof filterKeys)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const queueStates = [
  'submitted',
  'acknowledged',
  'in_progress',
  'awaiting_citizen',
  'reply_pending_approval',
  'answered',
  'ready',
  'reopened',
  'closed',
  'rejected',
  'referred',
  'withdrawn',
] as const;
export const openStates = queueStates.filter((s) =>
  [
    'submitted',
    'acknowledged',
    'in_progress',
    'awaiting_citizen',
    'reply_pending_approval',
    'reopened',
  ].includes(s),
);

export function parseFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const f: Filters = {};
  for (const k of filterKeys) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  // With no state chosen, the queue shows open cases: the work to do.
  if (!f.state && !f.status) f.status = 'open';
  return f;
}

export function filtersToQuery(f: Filters): string {
  const params = new URLSearchParams();
  for (const k of filterKeys) {
    const v = f[k];
    if (v) params.set(k, v);
  }
  return params.toString();
}

/** Filters worth saving or showing as "active": everything that differs from the default view. */
export function activeFilters(f: Filters): Filters {
  const out: Filters = { ...f };
  if (out.status === 'open' && !out.state) delete out.status;
  return out;
}
