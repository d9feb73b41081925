/**
 * Every key of the query cache, in one place: a page reads with `keys.case(id)` and a change invalidates with
 * the same function, so the two cannot differ by a typo. A key without its last parts (`keys.slots()`) names
 * all the queries that start with it, as TanStack Query matches keys by their beginning.
 */
type Id = string | null | undefined;

const caseKey = (id: Id) => ['case', id] as const;
const staffCase = (id: Id) => ['staff-case', id] as const;
const slots = () => ['appt-slots'] as const;
const services = () => ['appt-services'] as const;
const myAppointments = () => ['my-appointments'] as const;
const openDays = () => ['open-days'] as const;
const eventDays = () => ['desk-event-day'] as const;
const calendar = () => ['staff-calendar'] as const;
const staffQueue = () => ['staff-queue'] as const;
const setup = (institutionId: Id) => ['setup', institutionId] as const;
const visits = (base: string) => ['visits', base] as const;

export const keys = {
  /** Every query: what a change of account (sign-in, sign-out) makes stale. */
  all: () => [] as const,
  // everyone
  session: () => ['session'] as const,
  profile: () => ['profile'] as const,
  categories: () => ['categories'] as const,
  countries: () => ['countries'] as const,
  institutions: () => ['institutions'] as const,
  territory: (code: Id) => ['territory', code] as const,
  documents: () => ['documents'] as const,
  document: (code: Id) => ['document', code] as const,
  /** A paper's public record, by its verification code. */
  verifiedDocument: (code: Id) => ['verified-document', code] as const,
  /** The public figures of a scope, by the query string that asks for them; the open-data index. */
  publicFigures: (query: string) => ['public-figures', query] as const,
  openData: () => ['open-data'] as const,
  /** The channels a person is reached by (read by the profile and by the booking form alike). */
  notificationPreferences: () => ['notification-preferences'] as const,

  // a citizen's requests
  myCases: () => ['my-cases'] as const,
  /** The mandates a person gave and those given to them; one mandate (the invitation page). */
  myMandates: () => ['my-mandates'] as const,
  /** The person's cases a relative reaches under one mandate (a kind of request). */
  mandatedCases: (id: Id) => ['my-mandates', id, 'cases'] as const,
  mandate: (id: Id) => ['mandate', id] as const,
  caseMandates: (id: Id) => ['case-mandates', id] as const,
  myCasesForAppointments: () => ['my-cases-for-appointments'] as const,
  case: caseKey,
  caseFiles: (id: Id) => [...caseKey(id), 'files'] as const,
  caseRating: (id: Id) => [...caseKey(id), 'rating'] as const,
  caseAccesses: (id: Id) => [...caseKey(id), 'accesses'] as const,
  /** The person's way up the case: under the case's key, so that every change of the case reads it again. */
  caseEscalations: (id: Id) => [...caseKey(id), 'escalations'] as const,

  // appointments and open days
  appointment: (id: Id) => ['appointment', id] as const,
  appointmentLink: (token: string) => ['appointment-link', token] as const,
  myAppointments,
  myAppointmentsWhen: (when: 'upcoming' | 'past') => [...myAppointments(), when] as const,
  slots,
  slotsOf: (serviceId: string, officialId: string, timeZone: string, from: string) =>
    [...slots(), serviceId, officialId, timeZone, from] as const,
  services,
  servicesOf: (institutionId: Id, includeInactive: boolean) =>
    [...services(), institutionId, includeInactive] as const,
  officials: (institutionId: Id) => ['appt-officials', institutionId] as const,
  appointmentFigures: (institutionId: Id, from: string, to: string) =>
    ['appt-figures', institutionId, from, to] as const,
  openDays,
  openDaysOf: (institutionId: Id) => [...openDays(), institutionId] as const,
  myRegistrations: () => ['my-registrations'] as const,
  waitingScreen: (institutionId: Id) => ['waiting-screen', institutionId] as const,

  // staff: cases and queues
  staffCase,
  staffCaseFiles: (id: Id) => [...staffCase(id), 'files'] as const,
  staffCaseTemplates: (id: Id) => [...staffCase(id), 'templates'] as const,
  staffCaseRelated: (id: Id) => [...staffCase(id), 'related'] as const,
  staffList: (institutionId: Id) => ['staff-list', institutionId] as const,
  departments: (institutionId: Id) => ['departments', institutionId] as const,
  staffQueue,
  staffQueueOf: (scope: string, query: string) => [...staffQueue(), scope, query] as const,
  stalled: (days: number | string) => ['stalled', days] as const,
  dashboard: (institutionId: Id) => ['dashboard', institutionId] as const,
  oversight: () => ['oversight'] as const,
  satisfaction: (institutionId: Id, query: string) => ['satisfaction', institutionId, query] as const,
  followUps: (institutionId: Id) => ['follow-ups', institutionId] as const,
  savedViews: (institutionId: Id) => ['saved-views', institutionId] as const,

  // staff: the desk
  deskQueue: (institutionId: Id) => ['desk-queue', institutionId] as const,
  deskExpected: (institutionId: Id) => ['desk-expected', institutionId] as const,
  deskLog: (institutionId: Id) => ['desk-log', institutionId] as const,
  eventDays,
  eventDay: (eventId: Id, date: Id) => [...eventDays(), eventId, date] as const,
  visits,
  visitsOn: (base: string, day: string) => [...visits(base), day] as const,
  calendar,
  calendarOf: (params: string) => [...calendar(), params] as const,

  // staff: an institution's settings (`base` is its API address)
  letters: (base: string) => ['letters', base] as const,
  calls: (base: string) => ['calls', base] as const,
  batches: (base: string) => ['batches', base] as const,
  deadLetters: (base: string) => ['dead', base] as const,
  messageTemplates: (base: string) => ['ntpl', base] as const,
  messagePreview: (base: string, key: unknown, typed: unknown) => ['ntpl-preview', base, key, typed] as const,
  adminCategories: (base: string) => ['admin-cats', base] as const,
  adminTemplates: (base: string) => ['admin-tpls', base] as const,
  /** A body's legal texts: those in force for a category, or all of them for its administrator. */
  legalBases: (base: string, filter: string) => ['legal-bases', base, filter] as const,
  apiKeys: (base: string) => ['api-keys', base] as const,
  webhooks: (base: string) => ['webhooks', base] as const,
  webhookDeliveries: (url: string) => ['webhook-deliveries', url] as const,
  privacy: (base: string) => ['privacy', base] as const,
  peopleDepartments: (base: string) => ['people-depts', base] as const,
  peopleStaff: (base: string) => ['people-staff', base] as const,
  setup,
  setupServices: (institutionId: Id) => [...setup(institutionId), 'services'] as const,
  setupOfficials: (institutionId: Id) => [...setup(institutionId), 'officials'] as const,
  setupDepartments: (institutionId: Id) => [...setup(institutionId), 'departments'] as const,
  setupStaff: (institutionId: Id) => [...setup(institutionId), 'staff'] as const,
  setupRules: (placeId: Id) => [...setup(placeId), 'rules'] as const,
  setupClosures: (placeId: Id) => [...setup(placeId), 'closures'] as const,
  setupRota: (placeId: Id, from: string) => [...setup(placeId), 'rota', from] as const,
};
