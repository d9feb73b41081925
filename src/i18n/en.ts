/**
 * Server messages in English. The French and Arabic catalogues must have exactly these keys, except plural
 * messages (`key_one`, `key_other`: see shared/plurals.ts), which have the forms of each language.
 */
export const en = {
  'error.bad_request.title': 'The request is not valid',
  'error.validation.title': 'Some fields need correcting',
  'error.malformed_json': 'The request body is not valid JSON.',
  'error.body_too_large': 'The request is too large. The limit is {limit}.',
  'error.unsupported_media_type': 'This content type is not accepted.',
  'error.not_found': 'Nothing was found at this address.',
  'error.unauthenticated': 'Please sign in to continue.',
  'error.forbidden': 'You are not allowed to do this.',
  'error.csrf': 'Your session token is missing or out of date. Reload the page and try again.',
  'error.api_key.invalid':
    'This key is unknown, mistyped or revoked. Send it as “Authorization: Bearer <key>”.',
  'error.api_key.scope':
    'This key may not do this. Its body’s administrator can make a key with the right permission.',
  'error.api_key.revoked': 'This key is already revoked.',
  'error.rate_limited_one': 'Too many attempts. Try again in {seconds} second.',
  'error.rate_limited_other': 'Too many attempts. Try again in {seconds} seconds.',
  'error.internal': 'Something went wrong on our side. Nothing was saved. Please try again.',
  'error.conflict.version':
    'Someone else changed this case while you were working on it. Reload it to see their change; nothing was overwritten.',
  'error.case_not_found': 'No case matches this tracking number and code.',
  'error.invalid_credentials': 'The e-mail address or the password is wrong.',
  'error.email_taken': 'An account already exists with this e-mail address.',
  'error.email_not_verified': 'Confirm your e-mail address first: enter the code we sent you.',
  'error.code_invalid': 'This code is wrong or has expired. Ask for a new one.',
  'error.account_disabled': 'This account is disabled.',
  'error.category_unknown': 'This category does not exist.',
  'error.institution_unknown': 'This institution does not exist.',
  'error.department_unknown': 'This department does not belong to the institution.',
  'error.territory_unknown': 'This place is not in the list of Moroccan communes and provinces.',
  'error.assignee_invalid': 'This person does not work in the institution.',
  'error.transition.action_not_allowed_in_state': 'This action is not possible while the case is "{state}".',
  'error.transition.action_not_for_actor': 'This action is not yours to take on this case.',
  'error.transition.reason_required': 'Please give a reason.',
  'error.transition.document_requests_only': 'Only document requests can be marked ready.',
  'error.transition.reopen_window_passed_one':
    'The time allowed to reopen this case ({days} day) has passed.',
  'error.transition.reopen_window_passed_other':
    'The time allowed to reopen this case ({days} days) has passed.',
  'error.file.empty': 'The file is empty.',
  'error.file.too_large': 'The file is too large. The limit is {limit}.',
  'error.file.type_not_allowed': 'This type of file is not accepted. Send a PDF, JPEG, PNG or WebP file.',
  'error.file.name_unsafe':
    'The file name is not acceptable: it must not contain folders, "..", or invisible characters.',
  'error.upload.too_many_pending_one':
    'You have {max} paper waiting to be sent with a request. Send the request, or remove the paper, before adding more.',
  'error.upload.too_many_pending_other':
    'You have {max} papers waiting to be sent with a request. Send the request, or remove some papers, before adding more.',
  'error.upload.unknown':
    'One of the papers is no longer available (it was removed or kept too long). Add it again, then send.',
  'error.upload.day_files_one':
    'You have reached the limit of {max} paper sent in 24 hours. Try again later: each paper counts for 24 hours after it was sent.',
  'error.upload.day_files_other':
    'You have reached the limit of {max} papers sent in 24 hours. Try again later: each paper counts for 24 hours after it was sent.',
  'error.upload.day_bytes':
    'This paper would take you past the {limit} you may send in 24 hours. Send a lighter file (a scan at a lower resolution), or try again later.',
  'error.upload.case_files_one': 'This case already holds {max} paper, the most one case may hold.',
  'error.upload.case_files_other': 'This case already holds {max} papers, the most one case may hold.',
  'error.upload.case_bytes':
    'The papers of one case may weigh {limit} together, and these would go past it. Send lighter files (scans at a lower resolution) or fewer papers.',
  'error.upload.pdf_active':
    'This PDF contains active content (a script, an action that opens another program, or an embedded file), which is not accepted. Print it again as a PDF, or scan the paper, and send that file.',
  'error.upload.pdf_unchecked':
    'This PDF could not be checked (it is encrypted or built in an unusual way). Print it again as a PDF, or scan the paper, and send that file.',
  'error.upload.infected':
    'This file was refused: the antivirus found a threat in it, and it was not kept. Check your device, then send a clean copy.',
  'error.upload.scan_unavailable':
    'Papers cannot be checked by the antivirus at the moment, so none can be received. Nothing was kept: please try again in a few minutes.',
  'error.attachment.not_audio': 'Only a voice message (an audio file) can be transcribed.',
  'error.upload.being_scanned':
    'This paper is still waiting to be checked by the antivirus, and cannot be opened before. Try again later: it opens as soon as the check has found nothing.',
  'upload.held':
    'Paper received. The antivirus cannot check it at the moment: it will be checked before anyone opens it, and removed if a threat is found in it.',
  'upload.removed_infected':
    'The paper “{name}” was removed: the antivirus found a threat in it when it was checked. Send a clean copy if it is still needed.',
  'error.reply.none': 'This case has no reply yet: the letter will be here once the reply is approved.',
  'error.desk.person_not_linked':
    'This person has no file with your body yet: find them again with two identifiers they give you (for example their CIN and birth date), then register their request.',
  'error.desk.person_twins': 'This person may already be registered: choose them below, or register anyway.',
  'error.requester_unknown': 'This person’s account was not found.',
  'error.requester_not_citizen':
    'Requests are filed in a citizen’s name: choose or register the person, not a staff account.',
  'error.profile.name_required':
    'Please give your first and last name (in Latin or Arabic letters) before sending: the body’s letters and messages address you by name.',
  'error.file.missing': 'No file was sent.',
  'error.file.too_many': 'Send one file at a time.',
  'error.file.damaged':
    'This paper cannot be opened: its stored copy is damaged or missing, and it is not served in that state. The platform’s administrators have been alerted; if the paper is needed, ask for it to be sent again.',
  'error.file.storage_unavailable':
    'The storage of papers cannot be reached at the moment. Nothing was lost: please try again in a few minutes.',
  'error.institution_code_taken': 'An institution already uses this code.',
  'error.rating.not_yet': 'You can rate the service once the case has been answered.',
  'error.rating.already': 'You have already rated this case.',
  'error.follow_up.not_found': 'This follow-up does not exist at this body.',
  'error.follow_up.closed': 'This follow-up was already closed by another supervisor.',
  'error.satisfaction.range': 'The start of the period must come before its end.',
  'error.case.anonymised':
    'The content of this case was removed at the end of its retention period: it is kept for the record only and can no longer change.',
  'error.case.content_removed':
    'The reply to this case was removed with the rest of its content at the end of its retention period.',
  'error.account.open_cases_one':
    'Your account cannot be deleted while {count} case is still open. Withdraw it or wait for the answer.',
  'error.account.open_cases_other':
    'Your account cannot be deleted while {count} cases are still open. Withdraw them or wait for the answers.',
  'error.account.password_set': 'This account already has a password. Use “Forgot password” to change it.',
  'error.totp_required': 'Enter the 6-digit code from your authenticator app, or a recovery code.',
  'error.totp_invalid': 'This code is wrong or was already used. Enter the current code from your app.',
  'error.totp_enrolment_invalid':
    'This code is wrong or has expired. Enter the code your app shows now to finish setting it up.',
  'error.headers_too_large': 'The request’s headers are too large (too many or too long cookies?).',
  'error.request_timeout': 'The request took too long to arrive. Try again.',
  'error.bad_url': 'This address is not valid: check the link.',
  'error.url_too_long': 'This address is too long.',
  'error.totp_step_up':
    'To replace your authenticator, enter your password and a current code from the app (or a recovery code).',
  'error.totp_enrolment_required': 'Set up your second sign-in factor first (authenticator app).',
  'validation.required': 'This field is required.',
  'validation.invalid_type': 'This value has the wrong type.',
  'validation.too_short_one': 'Too short: at least {minimum} character.',
  'validation.too_short_other': 'Too short: at least {minimum} characters.',
  'validation.too_long_one': 'Too long: at most {maximum} character.',
  'validation.too_long_other': 'Too long: at most {maximum} characters.',
  'validation.too_small': 'Must be at least {minimum}.',
  'validation.too_big': 'Must be at most {maximum}.',
  'validation.too_few_items': 'Choose at least {minimum}.',
  'validation.email': 'This is not a valid e-mail address.',
  'validation.phone':
    'This is not a valid phone number. Write it in international form, such as +33 6 12 34 56 78.',
  'validation.country': 'This is not a known country code.',
  'validation.date': 'This is not a valid date (YYYY-MM-DD).',
  'validation.figures_day': 'Choose a day between 2000 and 2100.',
  'validation.birth_date': 'The date of birth must be in the past.',
  'validation.legacy_future': 'The day the paper file was first filed cannot be in the future.',
  'validation.legacy_too_old': 'The day the paper file was first filed cannot be before {floor}.',
  'validation.unknown_field': 'This field is not expected: {keys}.',
  'validation.invalid_value': 'This value is not one of the allowed choices.',
  'validation.invalid_format': 'This value does not have the expected format.',
  'validation.number_too_large': 'This number is too large.',
  'validation.too_deep': 'This value is nested too deeply.',
  'validation.no_words': 'Write it in words: letters or figures, not only symbols or emoji.',
  'validation.unsafe_characters':
    'This text contains invisible or direction-changing characters. Remove them.',
  'validation.password_weak': 'The password must have at least 10 characters.',
  'validation.cin': 'A national ID number is one or two letters followed by digits, such as AB123456.',
  'validation.field_unknown': 'This form field does not exist for this category.',
  'validation.select_option': 'Choose one of the proposed options.',
  'mail.account_exists.subject': 'Your Jisr account already exists',
  'mail.account_exists.body':
    'Hello {name},\n\nSomeone, perhaps you, tried to create a Jisr account with this e-mail address, which already has one. Sign in with your password, or ask for a sign-in code by e-mail; if you forgot your password, choose “Forgot password”.\n\nIf it was not you, ignore this message: nothing was changed.',
  'mail.verify.subject': 'Your Jisr confirmation code: {code}',
  'mail.verify.body':
    'Hello {name},\n\nYour confirmation code is {code}. It is valid for 30 minutes.\n\nIf you did not create an account on Jisr, ignore this message.',
  'mail.reset.subject': 'Reset your Jisr password',
  'mail.reset.body':
    'Hello {name},\n\nYour password reset code is {code}. It is valid for 30 minutes.\n\nIf you did not ask for it, ignore this message: your password does not change.',
  'mail.receipt.subject': 'Your request {tracking} has been received',
  'mail.receipt.legacy':
    'Registered on {today}, first filed on paper on {filedOn} under reference {reference}: the deadline counts from the first filing.',
  'mail.receipt.body':
    'Hello {name},\n\n{institution} has received your request "{subject}".\n\nTracking number: {tracking}\nSecret code: {code} (keep it: with the number, it lets you follow the case without an account)\nAnswer due by: {due}\n\nFollow it at {url}',
  'mail.deadline_reminder.subject': 'Case {tracking} is due on {due}',
  'mail.deadline_reminder.body':
    'Hello,\n\nCase {tracking} ("{subject}") must be answered by {due}.\n\nOpen it: {url}',
  'mail.escalation_digest.subject_one': 'Jisr: {count} case went past its due date',
  'mail.escalation_digest.subject_other': 'Jisr: {count} cases went past their due date',
  'mail.escalation_digest.body_one':
    'Hello,\n\nSince your last summary, this case you oversee went past its due date without an answer:\n\n{list}{more}\n\nAll the files waiting too long: {url}',
  'mail.escalation_digest.body_other':
    'Hello,\n\nSince your last summary, these {count} cases you oversee went past their due date without an answer:\n\n{list}{more}\n\nAll the files waiting too long: {url}',
  'mail.escalation_digest.line': '• {tracking}, {institution}, due {due}',
  'mail.escalation_digest.more_one': '… and {count} more case',
  'mail.escalation_digest.more_other': '… and {count} more cases',
  'count.months_one': '{count} month',
  'count.months_other': '{count} months',
  'count.hours_one': '{count} hour',
  'count.hours_other': '{count} hours',
} as const;

export type MessageKey = keyof typeof en;
