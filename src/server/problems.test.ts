import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { allMessages, supportedLanguages } from '../i18n/index.js';
import { PLACEHOLDER } from '../shared/french-article.js';
import { pluralCategories } from '../shared/plurals.js';
import { installErrorHandling } from './errors.js';
import { fail, type ProblemCode, problems, problemType, problemTypeBase } from './problems.js';

const codes = Object.keys(problems) as ProblemCode[];

/**
 * Every code the API has answered with: clients may rely on them, so none is ever renamed or removed (a
 * reworded message keeps its code; a different refusal gets a new one, added here too).
 */
const published = `
  api-key-invalid api-key-scope api-key-revoked
  webhook-url-invalid webhook-url-not-https webhook-url-private
  open311-confirmation-unknown open311-confirmation-expired
  figures-period figures-period-too-long figures-unknown-body figures-unknown-territory figures-unknown-category
  open-data-edition-unknown
  not-found forbidden unauthenticated csrf validation bad-request bad-request-title malformed-json body-too-large
  unsupported-media-type rate-limited url-too-long bad-url headers-too-large request-timeout internal
  identity-last-sign-in
  invalid-credentials account-disabled account-open-cases account-password-set code-invalid email-taken
  email-not-verified profile-name-required totp-required totp-invalid totp-enrolment-invalid
  totp-enrolment-required totp-step-up staff-invitation-used staff-last-admin staff-no-totp staff-other-bodies
  staff-self-disable institution-unknown institution-code-taken department-unknown department-closed
  department-code-taken department-open-cases territory-unknown category-unknown case-not-found case-anonymised
  case-content-removed conflict-version requester-unknown requester-not-citizen requester-invalid
  assignee-invalid transition-action-not-for-actor transition-action-not-allowed-in-state
  transition-document-requests-only transition-reason-required transition-reopen-window-passed reply-none
  rating-not-yet rating-already follow-up-not-found follow-up-closed satisfaction-range merge-same-case merge-other-requester merge-other-institution merge-not-open
  instruction-not-overseer saved-view-name-taken saved-view-too-many saved-view-filters-invalid file-missing
  file-too-many file-too-large file-empty file-name-unsafe file-type-not-allowed upload-pdf-active
  upload-pdf-unchecked upload-infected upload-being-scanned upload-scan-unavailable upload-unknown
  upload-case-files upload-case-bytes upload-day-files upload-day-bytes upload-too-many-pending attachment-not-audio
  desk-person-not-linked person-twins notification-not-retryable letter-already-posted letter-nothing-to-batch
  call-task-closed call-call-back-time-required intake-not-open intake-requester-required
  preferences-address-required preferences-phone-required preferences-channel-not-for-staff
  template-channel-not-used template-subject-not-used template-unknown-placeholder time-zone-unknown
  webhook-signature webhook-verify-token appointment-service-unknown appointment-service-not-found
  appointment-service-in-use appointment-official-unknown appointment-official-in-use
  appointment-mode-unavailable appointment-outside-window appointment-past appointment-started
  appointment-not-started appointment-range-too-long appointment-slot-unavailable appointment-slot-taken
  appointment-overlap appointment-too-many appointment-case-invalid appointment-code-taken
  appointment-link-invalid appointment-not-changeable appointment-version event-service-unknown
  event-day-unknown event-days-outside event-closed event-full event-already-registered
  queue-reference-unknown queue-already-checked-in queue-not-today queue-ticket-state queue-visitor-required
  mandate-not-found mandate-scope mandate-file-needs-kind mandate-dates mandate-self mandate-other-email
  mandate-closed mandate-act-not-granted mandate-procuration-unverified
  file-damaged file-storage-unavailable verification-unknown reply-part-missing legal-basis-unknown
  escalation-at-top escalation-no-grounds escalation-grounds-invalid escalation-too-early
  escalation-already-made referral-not-ready
`
  .split(/\s+/)
  .filter(Boolean);

/** A message's placeholders in a language; a plural message's, over all its forms. */
function placeholders(lang: (typeof supportedLanguages)[number], key: string): string[] | undefined {
  const messages = allMessages(lang);
  const texts =
    key in messages
      ? [messages[key]!]
      : pluralCategories[lang].map((c) => messages[`${key}_${c}`]).filter((s) => s !== undefined);
  if (!texts.length) return undefined;
  return [...new Set(texts.flatMap((s) => [...s.matchAll(PLACEHOLDER)].map((m) => m[1]!)))].sort();
}

describe('the problem catalogue', () => {
  it('writes each code once, as a lowercase slug', () => {
    // an object literal keeps the last of two equal keys: count the entries as written
    const source = readFileSync(new URL('./problems.ts', import.meta.url), 'utf8');
    const written = [...source.matchAll(/^ {2}'?([a-z0-9-]+)'?: \{/gm)].map((m) => m[1]);
    expect(written).toEqual(codes);
    expect(new Set(written).size).toBe(written.length);
    for (const code of codes) expect(code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('gives each code the type URI base + code', () => {
    expect(problemTypeBase).toBe('https://jisr.ma/problems/');
    for (const code of codes) expect(problemType(code)).toBe(`https://jisr.ma/problems/${code}`);
  });

  it('keeps every code it has ever answered with', () => {
    expect(
      codes.filter((c) => !published.includes(c)),
      'new codes: add them to the list',
    ).toEqual([]);
    expect(
      published.filter((c) => !(c in problems)),
      'a published code is gone',
    ).toEqual([]);
  });

  it('gives each code an error status known to HTTP', () => {
    for (const code of codes) {
      const { status } = problems[code];
      expect(status >= 400 && status < 600 && STATUS_CODES[status] !== undefined, code).toBe(true);
    }
  });

  it('has every message in Arabic, French and English, with the same placeholders', () => {
    for (const code of codes) {
      const { key } = problems[code];
      const english = placeholders('en', key);
      expect(english, `${code}: ${key} in en`).toBeDefined();
      for (const lang of supportedLanguages)
        expect(placeholders(lang, key), `${code}: ${key} in ${lang}`).toEqual(english);
    }
  });

  it('never answers one message with two statuses', () => {
    const statusOf = new Map<string, { code: string; status: number }>();
    for (const code of codes) {
      const { key, status } = problems[code];
      const first = statusOf.get(key);
      if (first) expect(status, `${code} and ${first.code} share ${key}`).toBe(first.status);
      else statusOf.set(key, { code, status });
    }
  });

  it('answers each code with its own status and URI, whatever its message key', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.get('/:code', async (req) => {
      const code = (req.params as { code: ProblemCode }).code;
      throw fail(code, { count: 2 });
    });
    try {
      for (const code of codes) {
        const res = await app.inject({ url: `/${code}` });
        expect(res.headers['content-type'], code).toMatch(/^application\/problem\+json/);
        expect(res.json(), code).toMatchObject({
          type: `https://jisr.ma/problems/${code}`,
          status: problems[code].status,
        });
        expect(res.statusCode, code).toBe(problems[code].status);
        expect(res.json().detail, code).not.toBe(problems[code].key);
      }
      // the key does not make the URI: some codes' keys would spell another one
      const spelled = (key: string) => key.replace(/^error\./, '').replace(/[._]/g, '-');
      expect(codes.filter((c) => spelled(problems[c].key) !== c)).toEqual(
        expect.arrayContaining(['person-twins', 'validation', 'bad-request']),
      );
    } finally {
      await app.close();
    }
  });

  it('keeps the extension members a thrower adds', async () => {
    const app = Fastify();
    installErrorHandling(app);
    app.get('/', async () => {
      throw fail('person-twins', {}, { duplicates: [{ id: 'a' }] });
    });
    const res = await app.inject({ url: '/' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ type: `${problemTypeBase}person-twins`, duplicates: [{ id: 'a' }] });
    await app.close();
  });
});
