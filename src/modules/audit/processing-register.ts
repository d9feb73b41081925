/**
 * The processing register (law 09-08) as data: every table column holding personal data, with the kind of
 * data, the processing it serves (purpose, legal basis, recipients) and how long it is kept. `npm run
 * privacy-register` writes it as Markdown for the body's declaration to the CNDP; a unit test fails when a
 * table or a column that looks personal is added to the schema without being placed here, or when this names
 * a column that no longer exists.
 */
import type { DataCategory, ProcessingId, RetentionId } from './register-vocabulary.js';

/** A column's data, kept by its table's rule, or by a rule of its own. */
type ColumnEntry = DataCategory | { data: DataCategory; retention: RetentionId };

export type RegisterTable = {
  table: string;
  processing: ProcessingId;
  retention: RetentionId;
  columns: Record<string, ColumnEntry>;
};

const figures = (data: DataCategory) => ({ data, retention: 'kept_for_figures' as const });

export const registerTables: RegisterTable[] = [
  {
    table: 'accounts',
    processing: 'accounts',
    retention: 'account',
    columns: {
      email: 'contact',
      display_name: 'identity',
      password_hash: 'credentials',
      totp_secret: 'credentials',
    },
  },
  {
    table: 'citizen_profiles',
    processing: 'accounts',
    retention: 'account',
    columns: {
      given_name_ar: 'identity',
      family_name_ar: 'identity',
      given_name_latin: 'identity',
      family_name_latin: 'identity',
      name_skeleton: 'identity',
      birth_date: 'identity',
      cin: 'official_id',
      country_of_residence: 'residence',
      address_abroad: 'address',
      phone: 'contact',
      reply_channels: 'preferences',
      origin_commune_code: 'residence',
    },
  },
  {
    table: 'notification_preferences',
    processing: 'accounts',
    retention: 'account',
    columns: { phone: 'contact', time_zone: 'residence', channels: 'preferences' },
  },
  {
    table: 'staff_memberships',
    processing: 'accounts',
    retention: 'account',
    columns: { role: 'professional' },
  },
  {
    table: 'overseer_scopes',
    processing: 'accounts',
    retention: 'account',
    columns: { scope: 'professional' },
  },
  {
    // which supervisor or overseer was sent the day's summary of escalated cases, and how many it listed
    table: 'escalation_digests',
    processing: 'cases',
    retention: 'account',
    columns: { account_id: 'link', day: 'professional' },
  },
  {
    table: 'saved_views',
    processing: 'cases',
    retention: 'account',
    columns: { filters: 'case_content' },
  },
  {
    table: 'cases',
    processing: 'cases',
    retention: 'case_period',
    columns: {
      subject: 'case_content',
      description: 'case_content',
      fields: 'case_content',
      mandate_reference: 'case_content',
      legacy_reference: 'case_content',
      legacy_service: 'case_content',
      search: 'case_content',
      requester_name: 'identity',
      requester_id: figures('link'),
      representative_id: figures('link'),
      requester_country: figures('residence'),
      access_code_hash: figures('credentials'),
    },
  },
  {
    table: 'case_events',
    processing: 'cases',
    retention: 'case_period',
    columns: { reason: 'correspondence', actor_id: figures('link') },
  },
  {
    table: 'mandates',
    processing: 'cases',
    retention: 'account',
    columns: {
      grantee_email: 'contact',
      mandator_id: 'link',
      grantee_id: 'link',
      verified_by_id: 'link',
    },
  },
  {
    // the steps a person took up the ladder of their case (their words are on its timeline)
    table: 'citizen_escalations',
    processing: 'cases',
    retention: 'case_period',
    columns: { actor_id: figures('link') },
  },
  {
    table: 'case_ratings',
    processing: 'cases',
    retention: 'case_period',
    columns: { comment: 'correspondence', agent_id: figures('link') },
  },
  {
    // a supervisor's second look at a case whose person gave a low rating (the note cleared with the case)
    table: 'follow_up_tasks',
    processing: 'cases',
    retention: 'case_period',
    columns: { outcome_note: 'correspondence', done_by: figures('link') },
  },
  {
    table: 'attachments',
    processing: 'cases',
    retention: 'case_period',
    columns: {
      original_name: 'papers',
      sha256: 'papers',
      uploaded_by: 'link',
      transcription: 'correspondence',
      transcribed_by: figures('link'),
    },
  },
  {
    table: 'pending_uploads',
    processing: 'cases',
    retention: 'day',
    columns: { original_name: 'papers', sha256: 'papers', account_id: 'link' },
  },
  { table: 'filing_keys', processing: 'cases', retention: 'day', columns: { sealed_code: 'credentials' } },
  {
    table: 'open311_requests',
    processing: 'cases',
    retention: 'open311_pending',
    columns: {
      email: 'contact',
      first_name: 'identity',
      last_name: 'identity',
      phone: 'contact',
      description: 'case_content',
      fields: 'case_content',
      extras: 'address',
      confirm_hash: 'credentials',
    },
  },
  { table: 'case_drafts', processing: 'cases', retention: 'draft', columns: { data: 'case_content' } },
  {
    table: 'notifications',
    processing: 'messages',
    retention: 'with_case',
    columns: {
      to_address: 'contact',
      subject: 'correspondence',
      text_body: 'correspondence',
      html_body: 'correspondence',
      payload: 'correspondence',
      ics: 'visit',
      sealed_secrets: 'credentials',
      last_error: 'contact',
      time_zone: 'residence',
      recipient_id: 'link',
    },
  },
  {
    table: 'letters',
    processing: 'messages',
    retention: 'with_case',
    columns: {
      recipient_name: 'identity',
      address: 'address',
      subject: 'correspondence',
      body: 'correspondence',
    },
  },
  {
    table: 'letter_batches',
    processing: 'messages',
    retention: 'with_case',
    columns: { created_by: 'link', posted_by: 'link' },
  },
  {
    table: 'call_tasks',
    processing: 'messages',
    retention: 'with_case',
    columns: { phone: 'contact', script: 'correspondence', citizen_id: 'link' },
  },
  {
    table: 'call_attempts',
    processing: 'messages',
    retention: 'with_case',
    columns: { note: 'correspondence' },
  },
  {
    table: 'inbound_messages',
    processing: 'messages',
    retention: 'with_case',
    columns: {
      from_phone: 'contact',
      from_email: 'contact',
      from_name: 'identity',
      text: 'correspondence',
      account_id: 'link',
      media_sha256: 'papers',
    },
  },
  {
    table: 'desk_intakes',
    processing: 'desk',
    retention: 'with_case',
    columns: {
      from_phone: 'contact',
      from_email: 'contact',
      from_name: 'identity',
      note: 'correspondence',
      account_id: 'link',
    },
  },
  {
    table: 'desk_visits',
    processing: 'desk',
    retention: 'with_case',
    columns: { visitor_name: 'identity', purpose: 'visit', note: 'visit', person_id: 'link' },
  },
  {
    table: 'appointments',
    processing: 'appointments',
    retention: 'appointments',
    columns: {
      citizen_id: 'link',
      // the relative's mandate a booking was made under: who acted for whom
      mandate_id: 'link',
      starts_at: 'visit',
      note: 'visit',
      cancel_reason: 'visit',
      time_zone: 'residence',
      manage_nonce: 'credentials',
    },
  },
  {
    table: 'event_registrations',
    processing: 'appointments',
    retention: 'appointments',
    columns: { citizen_id: 'link', day: 'visit' },
  },
  {
    table: 'queue_tickets',
    processing: 'appointments',
    retention: 'appointments',
    columns: { visitor_name: 'identity', outcome_note: 'visit', citizen_id: 'link' },
  },
  {
    table: 'appointment_officials',
    processing: 'appointments',
    retention: 'account',
    columns: {
      title_ar: 'professional',
      title_fr: 'professional',
      title_en: 'professional',
      account_id: 'link',
    },
  },
  {
    table: 'availability_rules',
    processing: 'appointments',
    retention: 'account',
    columns: { official_id: 'professional' },
  },
  {
    table: 'account_identities',
    processing: 'accounts',
    retention: 'account',
    columns: { subject: 'identity', issuer: 'identity', account_id: 'link' },
  },
  {
    table: 'sessions',
    processing: 'security',
    retention: 'session',
    columns: { id: 'credentials', csrf_token: 'connection', created_at: 'connection' },
  },
  {
    table: 'verification_codes',
    processing: 'security',
    retention: 'one_time_code',
    columns: { code_hash: 'credentials' },
  },
  {
    table: 'recovery_codes',
    processing: 'security',
    retention: 'account',
    columns: { code_hash: 'credentials' },
  },
  {
    table: 'rate_limit_counters',
    processing: 'security',
    retention: 'rate_window',
    columns: { key: 'connection' },
  },
  {
    table: 'audit_log',
    processing: 'security',
    retention: 'audit',
    columns: { actor_id: 'link', entity_id: 'link', at: 'connection' },
  },
];

/** Tables that hold no personal data: reference data, a body's settings and wording, counters. */
export const tablesWithoutPersonalData: Record<string, string> = {
  territories: 'Moroccan regions, provinces and communes',
  institutions: 'public bodies, with their public contact address',
  departments: 'a body’s departments',
  document_types: 'the catalogue of administrative documents',
  case_categories: 'categories of requests and the fields they ask for',
  institution_category_settings: 'a body’s deadline and retention period per category',
  reply_templates: 'a body’s reply wording, with placeholders',
  legal_bases: 'the legal texts a body’s replies rest on, per category',
  notification_templates: 'a body’s message wording, with placeholders',
  tracking_counters: 'numbers per body and year',
  appointment_services: 'what can be booked',
  appointment_service_officials: 'which official serves which service',
  appointment_closures: 'holidays and closures',
  appointment_counters: 'numbers per body and period',
  appointment_events: 'open days',
  appointment_event_days: 'the days, places and seats of open days',
  appointment_event_services: 'which services an open day offers',
  scheduled_jobs: 'when each background job last ran, which process holds it, and where a pass got to',
  deadline_steps: 'which deadline reminder or escalation was taken for which case and due date',
  issued_documents:
    'receipts and reply letters issued: public code, body, tracking number, fingerprint and signature, no names or content',
  signing_keys: 'the platform’s keys signing the papers it issues (the private part sealed)',
  closed_case_counts:
    'how many settled cases each body holds, per state, kind, category, channel and country',
  oversight_snapshots: 'each body’s oversight figures as last counted (numbers and dates only)',
  public_figures_monthly:
    'the public figures per body, territory, category and month (counts and a histogram of working days only)',
  public_figures_open:
    'how many cases are open and overdue now, per body, territory and category (counts only)',
  open_data_editions: 'the daily open-data files of the public figures: day, format, size, checksum',
  api_keys:
    'a body’s keys for other systems: a label, scopes, a keyed hash, which staff account made or revoked it',
  webhook_subscriptions:
    'a body’s webhook addresses (its systems’), the events chosen, a sealed signing secret, which staff account made or deleted it',
  webhook_deliveries:
    'events sent to a body’s systems: type, time, body, case and booking identifiers, codes and states, never a person’s data',
  webhook_attempts:
    'each try at sending an event: when, the receiver’s status code or the error, how long it took',
};

/** Columns whose names look personal but which hold none (checked by the register's test). */
export const columnsWithoutPersonalData: Record<string, string> = {
  'audit_log.data': 'identifiers, codes and counts only, by rule (see audit/schema.ts)',
  'case_events.data': 'identifiers, channels, states, sizes and scores',
  'follow_up_tasks.reason': 'why a follow-up was opened, from a fixed list (a low rating)',
  'notifications.idempotency_key': 'the event, channel and identifiers of a message',
  'filing_keys.client_key': 'a random key made by the form',
  'open311_requests.token': 'a random token the filing system polls, naming nobody',
  'open311_requests.api_key_id': 'which of the body’s keys sent the request (an identifier)',
  'saved_views.name': 'the name a staff member gives a filter set',
  'accounts.email_verified_at': 'when the address was confirmed (a date)',
  'verification_codes.purpose': 'what a code is for: verify, reset, invite',
  'appointments.ics_sequence': 'how many times the calendar entry changed',
};

/** Where a column's data is kept: its own rule, or its table's. */
export function columnRetention(t: RegisterTable, column: string): RetentionId {
  const entry = t.columns[column]!;
  return typeof entry === 'string' ? t.retention : entry.retention;
}

export function columnData(entry: ColumnEntry): DataCategory {
  return typeof entry === 'string' ? entry : entry.data;
}
