import type { Counted, MessageKey } from '../i18n/index.js';

/**
 * Every problem the API answers with (RFC 9457 problem+json), by its stable code: its HTTP status and the
 * message its `detail` reads. The code makes the `type` URI (`https://jisr.ma/problems/<code>`), which
 * clients may rely on: it never changes when a message is reworded or its key renamed. A code has one status
 * and one message; a new refusal gets a new code here and its message in Arabic, French and English.
 */
export const problems = {
  // the platform and the framework
  'not-found': { status: 404, key: 'error.not_found' },
  forbidden: { status: 403, key: 'error.forbidden' },
  unauthenticated: { status: 401, key: 'error.unauthenticated' },
  csrf: { status: 403, key: 'error.csrf' },
  validation: { status: 422, key: 'error.validation.title' },
  'bad-request': { status: 400, key: 'error.bad_request.title' },
  /** A queue cursor that is not one of ours (the URI it has always answered with). */
  'bad-request-title': { status: 400, key: 'error.bad_request.title' },
  'malformed-json': { status: 400, key: 'error.malformed_json' },
  'body-too-large': { status: 413, key: 'error.body_too_large' },
  'unsupported-media-type': { status: 415, key: 'error.unsupported_media_type' },
  'rate-limited': { status: 429, key: 'error.rate_limited' },
  'url-too-long': { status: 414, key: 'error.url_too_long' },
  'bad-url': { status: 400, key: 'error.bad_url' },
  'headers-too-large': { status: 431, key: 'error.headers_too_large' },
  'request-timeout': { status: 408, key: 'error.request_timeout' },
  internal: { status: 500, key: 'error.internal' },

  // accounts and sessions
  'invalid-credentials': { status: 401, key: 'error.invalid_credentials' },
  'account-disabled': { status: 403, key: 'error.account_disabled' },
  'account-open-cases': { status: 409, key: 'error.account.open_cases' },
  'account-password-set': { status: 409, key: 'error.account.password_set' },
  'identity-last-sign-in': { status: 409, key: 'error.identity.last_sign_in' },
  'code-invalid': { status: 400, key: 'error.code_invalid' },
  'email-taken': { status: 409, key: 'error.email_taken' },
  'email-not-verified': { status: 403, key: 'error.email_not_verified' },
  'profile-name-required': { status: 422, key: 'error.profile.name_required' },
  'totp-required': { status: 401, key: 'error.totp_required' },
  'totp-invalid': { status: 401, key: 'error.totp_invalid' },
  'totp-enrolment-invalid': { status: 400, key: 'error.totp_enrolment_invalid' },
  'totp-enrolment-required': { status: 403, key: 'error.totp_enrolment_required' },
  'totp-step-up': { status: 403, key: 'error.totp_step_up' },
  'staff-invitation-used': { status: 409, key: 'error.staff.invitation_used' },
  'staff-last-admin': { status: 409, key: 'error.staff.last_admin' },
  'staff-no-totp': { status: 409, key: 'error.staff.no_totp' },
  'staff-other-bodies': { status: 409, key: 'error.staff.other_bodies' },
  'staff-self-disable': { status: 409, key: 'error.staff.self_disable' },

  // bodies, departments, territory, catalogue
  'institution-unknown': { status: 422, key: 'error.institution_unknown' },
  'institution-code-taken': { status: 409, key: 'error.institution_code_taken' },
  'department-unknown': { status: 422, key: 'error.department_unknown' },
  'department-closed': { status: 422, key: 'error.department.closed' },
  'department-code-taken': { status: 409, key: 'error.department.code_taken' },
  'department-open-cases': { status: 409, key: 'error.department.open_cases' },
  'territory-unknown': { status: 422, key: 'error.territory_unknown' },
  'category-unknown': { status: 422, key: 'error.category_unknown' },

  // keys of other systems
  'api-key-invalid': { status: 401, key: 'error.api_key.invalid' },
  'api-key-scope': { status: 403, key: 'error.api_key.scope' },
  'api-key-revoked': { status: 409, key: 'error.api_key.revoked' },
  'webhook-url-invalid': { status: 422, key: 'error.webhook.url_invalid' },
  'webhook-url-not-https': { status: 422, key: 'error.webhook.url_not_https' },
  'webhook-url-private': { status: 422, key: 'error.webhook.url_private' },
  'open311-confirmation-unknown': { status: 404, key: 'error.open311.confirmation_unknown' },
  'open311-confirmation-expired': { status: 410, key: 'error.open311.confirmation_expired' },

  // cases
  'case-not-found': { status: 404, key: 'error.case_not_found' },
  'case-anonymised': { status: 409, key: 'error.case.anonymised' },
  'case-content-removed': { status: 410, key: 'error.case.content_removed' },
  'conflict-version': { status: 409, key: 'error.conflict.version' },
  'requester-unknown': { status: 422, key: 'error.requester_unknown' },
  'requester-not-citizen': { status: 422, key: 'error.requester_not_citizen' },
  'requester-invalid': { status: 422, key: 'error.requester_invalid' },
  'assignee-invalid': { status: 422, key: 'error.assignee_invalid' },
  'transition-action-not-for-actor': { status: 409, key: 'error.transition.action_not_for_actor' },
  'transition-action-not-allowed-in-state': {
    status: 409,
    key: 'error.transition.action_not_allowed_in_state',
  },
  'transition-document-requests-only': { status: 409, key: 'error.transition.document_requests_only' },
  'transition-reason-required': { status: 422, key: 'error.transition.reason_required' },
  'transition-reopen-window-passed': { status: 409, key: 'error.transition.reopen_window_passed' },
  'reply-none': { status: 404, key: 'error.reply.none' },
  'reply-part-missing': { status: 409, key: 'error.reply.part_missing' },
  'legal-basis-unknown': { status: 422, key: 'error.legal_basis.unknown' },
  'rating-not-yet': { status: 409, key: 'error.rating.not_yet' },
  'rating-already': { status: 409, key: 'error.rating.already' },
  'follow-up-not-found': { status: 404, key: 'error.follow_up.not_found' },
  'follow-up-closed': { status: 409, key: 'error.follow_up.closed' },
  'satisfaction-range': { status: 422, key: 'error.satisfaction.range' },
  'figures-period': { status: 422, key: 'error.figures.period' },
  'figures-period-too-long': { status: 422, key: 'error.figures.period_too_long' },
  'figures-unknown-body': { status: 404, key: 'error.figures.unknown_body' },
  'figures-unknown-territory': { status: 404, key: 'error.figures.unknown_territory' },
  'figures-unknown-category': { status: 404, key: 'error.figures.unknown_category' },
  'open-data-edition-unknown': { status: 404, key: 'error.open_data.edition_unknown' },
  'merge-same-case': { status: 422, key: 'error.merge.same_case' },
  'merge-other-requester': { status: 422, key: 'error.merge.other_requester' },
  'merge-other-institution': { status: 422, key: 'error.merge.other_institution' },
  'merge-not-open': { status: 409, key: 'error.merge.not_open' },
  'instruction-not-overseer': { status: 403, key: 'error.instruction.not_overseer' },
  'saved-view-name-taken': { status: 409, key: 'error.saved_view.name_taken' },
  'saved-view-too-many': { status: 409, key: 'error.saved_view.too_many' },
  'saved-view-filters-invalid': { status: 422, key: 'error.saved_view.filters_invalid' },

  // files and uploads
  'file-missing': { status: 422, key: 'error.file.missing' },
  'file-too-many': { status: 400, key: 'error.file.too_many' },
  'file-too-large': { status: 413, key: 'error.file.too_large' },
  'file-empty': { status: 422, key: 'error.file.empty' },
  'file-name-unsafe': { status: 422, key: 'error.file.name_unsafe' },
  'file-type-not-allowed': { status: 415, key: 'error.file.type_not_allowed' },
  /** The stored bytes of a paper failed their sha256 check, or are gone: never served (logged). */
  'file-damaged': { status: 500, key: 'error.file.damaged' },
  /** The store (the bucket, the folder's disk) could not be reached or failed. */
  'file-storage-unavailable': { status: 503, key: 'error.file.storage_unavailable' },
  'upload-pdf-active': { status: 422, key: 'error.upload.pdf_active' },
  'upload-pdf-unchecked': { status: 422, key: 'error.upload.pdf_unchecked' },
  'upload-infected': { status: 422, key: 'error.upload.infected' },
  'upload-being-scanned': { status: 423, key: 'error.upload.being_scanned' },
  'upload-scan-unavailable': { status: 503, key: 'error.upload.scan_unavailable' },
  'upload-unknown': { status: 422, key: 'error.upload.unknown' },
  'upload-case-files': { status: 422, key: 'error.upload.case_files' },
  'upload-case-bytes': { status: 422, key: 'error.upload.case_bytes' },
  'upload-day-files': { status: 429, key: 'error.upload.day_files' },
  'upload-day-bytes': { status: 429, key: 'error.upload.day_bytes' },
  'upload-too-many-pending': { status: 429, key: 'error.upload.too_many_pending' },
  'attachment-not-audio': { status: 422, key: 'error.attachment.not_audio' },

  // the desk
  'desk-person-not-linked': { status: 403, key: 'error.desk.person_not_linked' },
  /** Registering someone who may already be in the directory; the problem's `duplicates` lists them. */
  'person-twins': { status: 409, key: 'error.desk.person_twins' },

  // notifications, correspondence, preferences
  'notification-not-retryable': { status: 409, key: 'error.notification.not_retryable' },
  'letter-already-posted': { status: 409, key: 'error.letter.already_posted' },
  'letter-nothing-to-batch': { status: 409, key: 'error.letter.nothing_to_batch' },
  'call-task-closed': { status: 409, key: 'error.call.task_closed' },
  'call-call-back-time-required': { status: 422, key: 'error.call.call_back_time_required' },
  'intake-not-open': { status: 409, key: 'error.intake.not_open' },
  'intake-requester-required': { status: 422, key: 'error.intake.requester_required' },
  'preferences-address-required': { status: 422, key: 'error.preferences.address_required' },
  'preferences-phone-required': { status: 422, key: 'error.preferences.phone_required' },
  'preferences-channel-not-for-staff': { status: 422, key: 'error.preferences.channel_not_for_staff' },
  'template-channel-not-used': { status: 422, key: 'error.template.channel_not_used' },
  'template-subject-not-used': { status: 422, key: 'error.template.subject_not_used' },
  'template-unknown-placeholder': { status: 422, key: 'error.template.unknown_placeholder' },
  'time-zone-unknown': { status: 422, key: 'error.time_zone_unknown' },
  'webhook-signature': { status: 401, key: 'error.webhook.signature' },
  'webhook-verify-token': { status: 403, key: 'error.webhook.verify_token' },

  // verifiable papers
  'verification-unknown': { status: 404, key: 'error.verification.unknown' },

  // appointments
  'appointment-service-unknown': { status: 422, key: 'error.appointment.service_unknown' },
  'appointment-service-not-found': { status: 404, key: 'error.appointment.service_not_found' },
  'appointment-service-in-use': { status: 409, key: 'error.appointment.service_in_use' },
  'appointment-official-unknown': { status: 422, key: 'error.appointment.official_unknown' },
  'appointment-official-in-use': { status: 409, key: 'error.appointment.official_in_use' },
  'appointment-mode-unavailable': { status: 422, key: 'error.appointment.mode_unavailable' },
  'appointment-outside-window': { status: 422, key: 'error.appointment.outside_window' },
  'appointment-past': { status: 422, key: 'error.appointment.past' },
  'appointment-started': { status: 409, key: 'error.appointment.started' },
  'appointment-not-started': { status: 409, key: 'error.appointment.not_started' },
  'appointment-range-too-long': { status: 422, key: 'error.appointment.range_too_long' },
  'appointment-slot-unavailable': { status: 422, key: 'error.appointment.slot_unavailable' },
  'appointment-slot-taken': { status: 409, key: 'error.appointment.slot_taken' },
  'appointment-overlap': { status: 409, key: 'error.appointment.overlap' },
  'appointment-too-many': { status: 409, key: 'error.appointment.too_many' },
  'appointment-case-invalid': { status: 422, key: 'error.appointment.case_invalid' },
  'appointment-code-taken': { status: 409, key: 'error.appointment.code_taken' },
  'appointment-link-invalid': { status: 404, key: 'error.appointment.link_invalid' },
  'appointment-not-changeable': { status: 409, key: 'error.appointment.not_changeable' },
  'appointment-version': { status: 409, key: 'error.appointment.version' },
  'event-service-unknown': { status: 422, key: 'error.event.service_unknown' },
  'event-day-unknown': { status: 422, key: 'error.event.day_unknown' },
  'event-days-outside': { status: 422, key: 'error.event.days_outside' },
  'event-closed': { status: 409, key: 'error.event.closed' },
  'event-full': { status: 409, key: 'error.event.full' },
  'event-already-registered': { status: 409, key: 'error.event.already_registered' },
  'queue-reference-unknown': { status: 404, key: 'error.queue.reference_unknown' },
  'queue-already-checked-in': { status: 409, key: 'error.queue.already_checked_in' },
  'queue-not-today': { status: 409, key: 'error.queue.not_today' },
  'queue-ticket-state': { status: 409, key: 'error.queue.ticket_state' },
  'queue-visitor-required': { status: 422, key: 'error.queue.visitor_required' },

  // mandates (a relative acting for a person)
  'mandate-not-found': { status: 404, key: 'error.mandate.not_found' },
  'mandate-scope': { status: 422, key: 'error.mandate.scope' },
  'mandate-file-needs-kind': { status: 422, key: 'error.mandate.file_needs_kind' },
  'mandate-dates': { status: 422, key: 'error.mandate.dates' },
  'mandate-self': { status: 422, key: 'error.mandate.self' },
  'mandate-other-email': { status: 403, key: 'error.mandate.other_email' },
  'mandate-closed': { status: 409, key: 'error.mandate.closed' },
  'mandate-act-not-granted': { status: 403, key: 'error.mandate.act_not_granted' },
  'mandate-procuration-unverified': { status: 403, key: 'error.mandate.procuration_unverified' },

  // the citizen's way up (see workflow/escalation-ladder.ts)
  'escalation-at-top': { status: 409, key: 'error.escalation.at_top' },
  'escalation-no-grounds': { status: 409, key: 'error.escalation.no_grounds' },
  'escalation-grounds-invalid': { status: 422, key: 'error.escalation.grounds_invalid' },
  'escalation-too-early': { status: 409, key: 'error.escalation.too_early' },
  'escalation-already-made': { status: 409, key: 'error.escalation.already_made' },
  'referral-not-ready': { status: 409, key: 'error.referral.not_ready' },
} as const satisfies Record<string, { status: number; key: MessageKey }>;

export type ProblemCode = keyof typeof problems;

/** Where every problem's `type` URI starts; the code follows. */
export const problemTypeBase = 'https://jisr.ma/problems/';

/** A problem's `type` URI: from its code alone, never from its message. */
export const problemType = (code: ProblemCode) => problemTypeBase + code;

/** A size in bytes in an error message, written in the reader's language and units when the message is (« 10 Mo »). */
export class ByteSize {
  constructor(readonly bytes: number) {}
}

export type ProblemParams = Record<string, string | number | ByteSize | Counted>;

/**
 * A refusal the user can act on, by its code: its status and message come from the catalogue, so a code is
 * never answered with another status. Rendered as problem+json in the request's language.
 */
export class AppError<C extends ProblemCode = ProblemCode> extends Error {
  readonly status: (typeof problems)[C]['status'];
  readonly key: (typeof problems)[C]['key'];
  constructor(
    readonly code: C,
    /** The message's placeholders. */
    readonly params: ProblemParams = {},
    /** Extension members of the problem (e.g. `errors`, `duplicates`). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(problems[code].key);
    this.status = problems[code].status;
    this.key = problems[code].key;
  }
}

/** The error for a problem of the catalogue: `throw fail('appointment-version')`. */
export function fail<C extends ProblemCode>(
  code: C,
  params?: ProblemParams,
  extra?: Record<string, unknown>,
): AppError<C> {
  return new AppError(code, params, extra);
}
