/**
 * Bad input never breaks the platform: every refusal is a 4xx RFC 9457 problem+json in the language the
 * person asked for, names the field when there is one, and leaves the database exactly as it was.
 */
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Lang, type MessageKey, t } from '../src/i18n/index.js';
import { accounts, citizenProfiles, sessions } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { attachments, caseEvents, cases } from '../src/modules/cases/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentTime } from '../src/shared/clock.js';
import { Client, DEMO_PASSWORD, signedIn, testDatabases, usePlatform } from './support/platform.js';

const ARABIC = /[\u0600-\u06FF]/;
const PROBLEMS = 'https://jisr.ma/problems/';

/** The tables a refused request must not touch. */
const tables = {
  accounts,
  citizen_profiles: citizenProfiles,
  sessions,
  cases,
  case_events: caseEvents,
  audit_log: auditLog,
  attachments,
  outbox_emails: notifications,
};

type Expected = {
  status: number;
  type: string;
  lang: Lang;
  key: MessageKey;
  params?: Record<string, string | number>;
};
type FieldExpected = { pointer: string; key: MessageKey; params?: Record<string, string | number> };

/** A registration that is accepted as it is; each test breaks exactly one thing in it. */
const registration = (email: string) => ({
  email,
  password: 'un mot de passe solide',
  givenNameAr: 'أمينة',
  familyNameAr: 'برادة',
  givenNameLatin: 'Amina',
  familyNameLatin: 'Berrada',
  birthDate: '1992-04-09',
  countryOfResidence: 'NL',
  addressAbroad: { lines: ['Damrak 1'], city: 'Amsterdam', postalCode: '1012 LG', country: 'NL' },
  phone: '+31 6 12345678',
  replyChannels: ['email'],
  preferredLanguage: 'fr',
});

describe.each(testDatabases())('bad input on %s', (kind) => {
  const p = usePlatform(kind, { env: { LOGIN_RATE_LIMIT: '3' } });
  let fatima: Client;
  let aml: { id: string };
  let complaintCategory: { id: string };
  let birthCertificate: { id: string; fields: { name: string; required: boolean }[] };
  /** Every status a refusal test saw, to check at the end that none was a 5xx. */
  const seen: number[] = [];

  // A small sign-in limit, so the rate-limit test reaches it quickly. The limit counts per address and
  // e-mail, after validation: the refused sign-ups below never reach it.
  beforeAll(async () => {
    const anon = new Client(p.app);
    aml = (await anon.get('/api/institutions')).json().items.find((i: { code: string }) => i.code === 'AML');
    const categories = (await anon.get('/api/categories')).json().items;
    complaintCategory = categories.find((c: { code: string }) => c.code === 'complaint-autre');
    birthCertificate = categories.find(
      (c: { code: string }) => c.code === 'doc-etat-civil-extrait-acte-naissance',
    );
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
  });

  const rowCounts = async () => {
    const out: Record<string, number> = {};
    for (const [name, table] of Object.entries(tables)) {
      const [row] = await p.database.db.select({ n: sql<number>`count(*)::int` }).from(table);
      out[name] = row!.n;
    }
    return out;
  };

  /** Runs the request and checks that not a single row was added anywhere. */
  const writesNothing = async (send: () => Promise<LightMyRequestResponse>) => {
    const before = await rowCounts();
    const res = await send();
    expect(await rowCounts()).toEqual(before);
    return res;
  };

  /** The response is the problem a person would read: right status, media type, language and text. */
  const expectProblem = (res: LightMyRequestResponse, e: Expected) => {
    seen.push(res.statusCode);
    expect(res.statusCode, res.body).toBe(e.status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-language']).toBe(e.lang);
    const body = res.json();
    const detail = t(e.lang, e.key, e.params);
    expect(body).toMatchObject({ type: PROBLEMS + e.type, status: e.status, detail });
    expect(body.title).toEqual(expect.any(String));
    expect(body.title.length).toBeGreaterThan(0);
    if (e.status === 422 && e.type === 'validation')
      expect(body.title).toBe(t(e.lang, 'error.validation.title'));
    // The text is really in the requested language, not a fallback.
    if (e.lang === 'ar') expect(body.detail).toMatch(ARABIC);
    else expect(body.detail).not.toMatch(ARABIC);
    if (e.lang === 'fr') expect(body.detail).not.toBe(t('en', e.key, e.params));
    return body as { errors?: { pointer: string; code: string; message: string }[] } & Record<
      string,
      unknown
    >;
  };

  const expectValidation = (res: LightMyRequestResponse, lang: Lang, fields: FieldExpected[]) => {
    const first = fields[0]!;
    const body = expectProblem(res, {
      status: 422,
      type: 'validation',
      lang,
      key: first.key,
      params: first.params,
    });
    expect(body.errors).toEqual(
      expect.arrayContaining(
        fields.map((f) => ({
          pointer: f.pointer,
          code: f.key.replace('validation.', ''),
          message: t(lang, f.key, f.params),
        })),
      ),
    );
    return body;
  };

  const register = (lang: Lang, payload: unknown) =>
    new Client(p.app, lang).post('/api/auth/register', payload);
  const fileCase = (lang: Lang, payload: unknown) =>
    fatima.request({
      method: 'POST',
      url: '/api/cases',
      payload: payload as object,
      headers: { 'accept-language': lang },
    });
  const complaint = () => ({
    institutionId: aml.id,
    categoryId: complaintCategory.id,
    subject: 'Aucune réponse',
    description: 'J’ai déposé une demande il y a trois mois et je n’ai reçu aucune réponse.',
    replyChannels: ['email'],
  });
  const birthRequest = (fields: Record<string, unknown>) => ({
    institutionId: aml.id,
    categoryId: birthCertificate.id,
    subject: 'Extrait d’acte de naissance',
    description: 'Je demande un extrait de mon acte de naissance pour mon dossier de résidence.',
    fields,
    replyChannels: ['email'],
  });

  describe('bodies that are not JSON', () => {
    it('refuses malformed JSON with 400, in Arabic, without writing anything', async () => {
      const res = await writesNothing(() =>
        new Client(p.app, 'ar').request({
          method: 'POST',
          url: '/api/auth/register',
          payload: '{"email": "amina@example.nl", "password": ',
          headers: { 'content-type': 'application/json' },
        }),
      );
      expectProblem(res, { status: 400, type: 'malformed-json', lang: 'ar', key: 'error.malformed_json' });
    });

    it('refuses malformed and empty JSON from a signed-in citizen too', async () => {
      for (const payload of ['{"subject": "x",}', '']) {
        const res = await writesNothing(() =>
          fatima.request({
            method: 'POST',
            url: '/api/cases',
            payload,
            headers: { 'content-type': 'application/json', 'accept-language': 'fr' },
          }),
        );
        expectProblem(res, { status: 400, type: 'malformed-json', lang: 'fr', key: 'error.malformed_json' });
      }
    });

    it('refuses a JSON body over 256 KB with 413 and says the limit', async () => {
      const huge = { ...registration('big@example.nl'), familyNameLatin: 'B'.repeat(300 * 1024) };
      const res = await writesNothing(() => register('en', huge));
      const body = expectProblem(res, {
        status: 413,
        type: 'body-too-large',
        lang: 'en',
        key: 'error.body_too_large',
        params: { limit: '256 kB' },
      });
      expect(body.detail).toContain('256 kB');

      const bigCase = { ...complaint(), description: 'x'.repeat(260 * 1024) };
      const res2 = await writesNothing(() => fileCase('ar', bigCase));
      expectProblem(res2, {
        status: 413,
        type: 'body-too-large',
        lang: 'ar',
        key: 'error.body_too_large',
        params: { limit: '256 كيلوبايت' },
      });
    });
  });

  describe('sign-up', () => {
    it('accepts the well-formed registration the other tests start from', async () => {
      const res = await register('fr', registration('amina.control@example.nl'));
      expect(res.statusCode, res.body).toBe(201);
    });

    it('names each field with the wrong type, and tells a missing field from a wrong one', async () => {
      const { countryOfResidence: _omitted, ...rest } = registration('types@example.nl');
      const res = await writesNothing(() =>
        register('fr', { ...rest, email: 12345, replyChannels: 'email', birthDate: 19920409 }),
      );
      const body = expectValidation(res, 'fr', [
        { pointer: '/body/email', key: 'validation.invalid_type' },
        { pointer: '/body/replyChannels', key: 'validation.invalid_type' },
        { pointer: '/body/birthDate', key: 'validation.invalid_type' },
        { pointer: '/body/countryOfResidence', key: 'validation.required' },
      ]);
      expect(body.errors).toHaveLength(4);
    });

    it('refuses unknown fields (strict objects) and names them', async () => {
      const res = await writesNothing(() =>
        register('en', { ...registration('extra@example.nl'), kind: 'staff', isAdmin: true }),
      );
      const body = expectValidation(res, 'en', [
        { pointer: '/body', key: 'validation.unknown_field', params: { keys: 'kind, isAdmin' } },
      ]);
      expect(body.errors![0]!.message).toContain('isAdmin');
      expect(body.errors![0]!.message).toContain('kind');

      const nested = await writesNothing(() =>
        register('ar', {
          ...registration('nested@example.nl'),
          addressAbroad: { lines: ['Damrak 1'], city: 'Amsterdam', country: 'NL', floor: 3 },
        }),
      );
      const b2 = expectValidation(nested, 'ar', [
        { pointer: '/body/addressAbroad', key: 'validation.unknown_field', params: { keys: 'floor' } },
      ]);
      expect(b2.errors![0]!.message).toContain('floor');
    });

    it('refuses a phone number that is not a real international number', async () => {
      for (const [lang, phone] of [
        ['ar', '0612'],
        ['fr', '+33 6 12'],
        ['en', 'call me maybe'],
      ] as const) {
        const res = await writesNothing(() => register(lang, { ...registration('phone@example.nl'), phone }));
        expectValidation(res, lang, [{ pointer: '/body/phone', key: 'validation.phone' }]);
      }
    });

    it('refuses an invalid e-mail address', async () => {
      for (const [lang, email] of [
        ['en', 'amina@'],
        ['fr', 'amina example.nl'],
      ] as const) {
        const res = await writesNothing(() => register(lang, registration(email)));
        expectValidation(res, lang, [{ pointer: '/body/email', key: 'validation.email' }]);
      }
    });

    it('refuses a country code that does not exist, at the top level and in the address', async () => {
      const res = await writesNothing(() =>
        register('fr', { ...registration('country@example.nl'), countryOfResidence: 'ZZ' }),
      );
      expectValidation(res, 'fr', [{ pointer: '/body/countryOfResidence', key: 'validation.country' }]);

      const address = { lines: ['Damrak 1'], city: 'Amsterdam', country: 'XX' };
      const res2 = await writesNothing(() =>
        register('ar', { ...registration('country2@example.nl'), addressAbroad: address }),
      );
      expectValidation(res2, 'ar', [{ pointer: '/body/addressAbroad/country', key: 'validation.country' }]);
    });

    it('refuses names hiding a right-to-left override (U+202E)', async () => {
      const res = await writesNothing(() =>
        register('ar', { ...registration('bidi@example.nl'), givenNameLatin: 'Amina\u202Efdp.exe' }),
      );
      expectValidation(res, 'ar', [{ pointer: '/body/givenNameLatin', key: 'validation.unsafe_characters' }]);
    });

    it('refuses names hiding a zero-width space (U+200B)', async () => {
      const res = await writesNothing(() =>
        register('fr', { ...registration('zw@example.nl'), familyNameAr: 'بر\u200Bادة' }),
      );
      expectValidation(res, 'fr', [{ pointer: '/body/familyNameAr', key: 'validation.unsafe_characters' }]);
    });
  });

  describe('filing a case', () => {
    it('accepts the well-formed birth-certificate request the other tests start from', async () => {
      const res = await fileCase('fr', birthRequest({ person_name: 'Fatima El Hassani', copies: 2 }));
      expect(res.statusCode, res.body).toBe(201);
    });

    it('refuses structured fields that are unknown, missing or of the wrong type, each with its pointer', async () => {
      expect(birthCertificate.fields.find((f) => f.name === 'person_name')?.required).toBe(true);
      const res = await writesNothing(() =>
        fileCase('ar', birthRequest({ mother_name: 'Zahra', copies: 'two', record_year: '1978' })),
      );
      const body = expectValidation(res, 'ar', [
        { pointer: '/body/fields/mother_name', key: 'validation.field_unknown' },
        { pointer: '/body/fields/person_name', key: 'validation.required' },
        { pointer: '/body/fields/copies', key: 'validation.invalid_type' },
        { pointer: '/body/fields/record_year', key: 'validation.invalid_type' },
      ]);
      expect(body.errors).toHaveLength(4);
    });

    it('refuses a number of copies, or a record year, outside what a civil-status office can issue', async () => {
      // the trial accepted 1985 copies
      const res = await writesNothing(() =>
        fileCase('fr', birthRequest({ person_name: 'Fatima El Hassani', copies: 1985, record_year: 1850 })),
      );
      const body = expectValidation(res, 'fr', [
        { pointer: '/body/fields/record_year', key: 'validation.too_small', params: { minimum: 1900 } },
        { pointer: '/body/fields/copies', key: 'validation.too_big', params: { maximum: 10 } },
      ]);
      expect(body.errors!.find((e) => e.pointer === '/body/fields/copies')!.message).toBe(
        'Doit être au plus 10.',
      );
      const year = currentTime().getUTCFullYear();
      const res2 = await writesNothing(() =>
        fileCase('ar', birthRequest({ person_name: 'Fatima El Hassani', copies: 0, record_year: year + 1 })),
      );
      expectValidation(res2, 'ar', [
        { pointer: '/body/fields/record_year', key: 'validation.too_big', params: { maximum: year } },
        { pointer: '/body/fields/copies', key: 'validation.too_small', params: { minimum: 1 } },
      ]);
      const res3 = await fileCase(
        'en',
        birthRequest({ person_name: 'Fatima El Hassani', copies: 10, record_year: year }),
      );
      expect(res3.statusCode, res3.body).toBe(201);
    });

    it('refuses a document request with no fields at all, listing every required one', async () => {
      const res = await writesNothing(() => fileCase('en', birthRequest({})));
      expectValidation(res, 'en', [
        { pointer: '/body/fields/person_name', key: 'validation.required' },
        { pointer: '/body/fields/copies', key: 'validation.required' },
      ]);
    });

    it('refuses unknown fields and wrong types in the case itself', async () => {
      const res = await writesNothing(() => fileCase('fr', { ...complaint(), state: 'closed' }));
      const body = expectValidation(res, 'fr', [
        { pointer: '/body', key: 'validation.unknown_field', params: { keys: 'state' } },
      ]);
      expect(body.errors![0]!.message).toContain('state');

      const res2 = await writesNothing(() =>
        fileCase('en', { ...complaint(), subject: 42, replyChannels: ['pigeon'] }),
      );
      expectValidation(res2, 'en', [
        { pointer: '/body/subject', key: 'validation.invalid_type' },
        { pointer: '/body/replyChannels/0', key: 'validation.invalid_value' },
      ]);
    });

    it('refuses direction overrides and zero-width characters in the subject and the fields', async () => {
      const res = await writesNothing(() =>
        fileCase('ar', { ...complaint(), subject: 'Retard \u202Eesnopér' }),
      );
      expectValidation(res, 'ar', [{ pointer: '/body/subject', key: 'validation.unsafe_characters' }]);

      const res2 = await writesNothing(() =>
        fileCase('fr', birthRequest({ person_name: 'Fatima\u200B El Hassani', copies: 1 })),
      );
      expectValidation(res2, 'fr', [
        { pointer: '/body/fields/person_name', key: 'validation.unsafe_characters' },
      ]);
    });

    it('refuses a subject or a description made only of emoji or symbols', async () => {
      const res = await writesNothing(() =>
        fileCase('fr', { ...complaint(), subject: '😡😡😡', description: '!!!!!!!!!!!!' }),
      );
      const body = expectValidation(res, 'fr', [
        { pointer: '/body/subject', key: 'validation.no_words' },
        { pointer: '/body/description', key: 'validation.no_words' },
      ]);
      expect(body.errors![0]!.message).toContain('émojis');
      const ok = await fileCase('ar', {
        ...complaint(),
        subject: 'تأخير 😡',
        description: 'لا جواب منذ 3 أشهر 😡',
      });
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('refuses a category or an institution that does not exist', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const res = await writesNothing(() => fileCase('fr', { ...complaint(), categoryId: missing }));
      expectProblem(res, {
        status: 422,
        type: 'category-unknown',
        lang: 'fr',
        key: 'error.category_unknown',
      });

      const res2 = await writesNothing(() => fileCase('ar', { ...complaint(), institutionId: missing }));
      expectProblem(res2, {
        status: 422,
        type: 'institution-unknown',
        lang: 'ar',
        key: 'error.institution_unknown',
      });

      const res3 = await writesNothing(() =>
        fileCase('en', { ...complaint(), categoryId: 'birth-certificate' }),
      );
      expectValidation(res3, 'en', [{ pointer: '/body/categoryId', key: 'validation.invalid_format' }]);
    });

    it('refuses ids and query parameters of the wrong shape in the address', async () => {
      const res = await fatima.request({
        method: 'GET',
        url: '/api/cases/not-a-uuid',
        headers: { 'accept-language': 'en' },
      });
      expectValidation(res, 'en', [{ pointer: '/params/id', key: 'validation.invalid_format' }]);

      const res2 = await fatima.request({
        method: 'GET',
        url: '/api/cases?order=desc',
        headers: { 'accept-language': 'fr' },
      });
      expectValidation(res2, 'fr', [
        { pointer: '/querystring', key: 'validation.unknown_field', params: { keys: 'order' } },
      ]);

      const res3 = await fatima.request({
        method: 'GET',
        url: '/api/cases?limit=1000',
        headers: { 'accept-language': 'ar' },
      });
      expectValidation(res3, 'ar', [
        { pointer: '/querystring/limit', key: 'validation.too_big', params: { maximum: '100' } },
      ]);
    });
  });

  describe('addresses, sessions and limits', () => {
    it('answers an unknown route with a 404 problem in each language', async () => {
      for (const lang of ['ar', 'fr', 'en'] as const) {
        const res = await new Client(p.app, lang).get('/api/complaints/everything');
        expectProblem(res, { status: 404, type: 'not-found', lang, key: 'error.not_found' });
      }
      const res = await writesNothing(() =>
        new Client(p.app, 'ar').post('/api/cases/all/delete', { all: true }),
      );
      expectProblem(res, { status: 404, type: 'not-found', lang: 'ar', key: 'error.not_found' });
    });

    it('refuses a signed-in change without the CSRF token, or with a wrong one, and files nothing', async () => {
      for (const token of [undefined, 'not-the-session-token']) {
        const headers: Record<string, string> = { cookie: fatima.cookie!, 'accept-language': 'fr' };
        if (token) headers['x-csrf-token'] = token;
        const res = await writesNothing(() =>
          p.app.inject({ method: 'POST', url: '/api/cases', payload: complaint(), headers }),
        );
        expectProblem(res, { status: 403, type: 'csrf', lang: 'fr', key: 'error.csrf' });
      }
      // The same request with the token goes through: the refusal was about the token only.
      const ok = await fileCase('fr', complaint());
      expect(ok.statusCode, ok.body).toBe(201);
    });

    it('answers 429 after too many sign-in attempts, then refuses even the right password', async () => {
      const limit = p.config.LOGIN_RATE_LIMIT;
      const c = new Client(p.app, 'ar');
      const statuses: number[] = [];
      let limited: LightMyRequestResponse | null = null;
      for (let i = 0; i <= limit && !limited; i++) {
        const res = await c.post('/api/auth/login', { email: 'fatima@example.fr', password: `wrong-${i}` });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) limited = res;
      }
      // Fatima's own sign-in in beforeAll counts as one attempt from this address.
      expect(statuses).toEqual([...Array(limit - 1).fill(401), 429]);
      const retryAfter = Number(limited!.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expectProblem(limited!, {
        status: 429,
        type: 'rate-limited',
        lang: 'ar',
        key: 'error.rate_limited',
        params: { seconds: retryAfter, count: retryAfter },
      });

      const res = await writesNothing(() =>
        new Client(p.app, 'en').post('/api/auth/login', {
          email: 'fatima@example.fr',
          password: DEMO_PASSWORD,
        }),
      );
      const body = expectProblem(res, {
        status: 429,
        type: 'rate-limited',
        lang: 'en',
        key: 'error.rate_limited',
        params: { seconds: Number(res.headers['retry-after']), count: Number(res.headers['retry-after']) },
      });
      expect(res.cookies.find((k) => k.name === 'jisr_session')).toBeUndefined();
      expect(body).not.toHaveProperty('csrfToken');
    });
  });

  it('never answered any of these with a 5xx', () => {
    expect(seen.length).toBeGreaterThan(30);
    expect(seen.filter((s) => s >= 500)).toEqual([]);
  });
});
