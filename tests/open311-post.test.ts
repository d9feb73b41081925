/**
 * Open311 GeoReport v2, filing: another system files a request with a body's key (scope `cases:file`) for a
 * citizen, who confirms it from the link e-mailed to them (a real SMTP exchange); then the token answers the
 * tracking number, the body's queue and the person's own list hold the case, once. Refusals in the
 * specification's error format; expired links refused and swept.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { caseCategories } from '../src/modules/catalog/schema.js';
import { sweepOpen311Requests } from '../src/modules/open311/filing.js';
import { open311Requests } from '../src/modules/open311/schema.js';
import { deliverDueWebhooks } from '../src/modules/webhooks/delivery.js';
import { currentTime, fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { deliverEmails } from './support/outbox.js';
import { Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';
import { startSmtp } from './support/smtp.js';

const V2 = '/open311/v2';
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (name) => name === 'request' || name === 'error',
});
const readXml = (body: string) => {
  expect(XMLValidator.validate(body)).toBe(true);
  return parser.parse(body);
};
const form = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** The specification's example of a POST (http://wiki.open311.org/GeoReport_v2#POST_Service_Request). */
const specExample = {
  lat: '37.76524078',
  long: '-122.4212043',
  address_string: '1234 5th street',
  email: 'smit333@sfgov.edu',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: 'john',
  last_name: 'smith',
  phone: '111111111',
  description: 'A large sinkhole is destroying the street',
  media_url: 'http://www.fakeimageserver.com/1234.jpg',
};

describe.each(testDatabases())('Open311 GeoReport v2, filing on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const clock = fixedClock('2026-12-08T09:00:00Z');
  let restore: () => void = () => {};
  beforeAll(async () => {
    smtp = await startSmtp();
    restore = setPlatformClock(clock);
  });
  afterAll(async () => {
    restore();
    await smtp?.close();
  });
  const p = usePlatform(kind, { env: { PUBLIC_URL: 'https://jisr.example.ma' } });
  const { inst } = useIdsByCode(p);
  beforeEach(() => clock.set('2026-12-08T09:00:00Z'));

  const deliver = async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await deliverEmails(p.database.db, transport);
    transport.close();
  };
  const mailTo = (to: string) => [...smtp.received].reverse().find((m) => JSON.stringify(m.to).includes(to));
  const linkIn = (text: string | undefined) => {
    const m = /https:\/\/jisr\.example\.ma\/requests\/confirm\/([A-Za-z0-9_-]+)/.exec(text ?? '');
    expect(m, text).not.toBeNull();
    return m![1]!;
  };

  async function makeKey(scopes: string[], admin = 'admin@aml.demo', body = 'AML') {
    const a = await signedIn(p.app, admin);
    const res = await a.post(`/api/institutions/${inst[body]}/api-keys`, {
      label: 'Application de la ville',
      scopes,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { key: { id: string; prefix: string }; secret: string };
  }
  const post = (params: Record<string, string>, format: 'json' | 'xml' = 'json', headers = {}) =>
    p.app.inject({
      method: 'POST',
      url: `${V2}/requests.${format}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form(params),
    });
  const token = (t: string, format: 'json' | 'xml' = 'json') =>
    p.app.inject({ method: 'GET', url: `${V2}/tokens/${t}.${format}` });
  const anonymous = () => new Client(p.app, 'fr');
  const pendingCount = async () => (await p.database.db.select().from(open311Requests)).length;

  it('takes the specification’s example, e-mails the person, and files the case only once they confirm', async () => {
    const { key, secret } = await makeKey(['cases:file']);
    const res = await post({ api_key: secret, service_code: 'observation', ...specExample });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const answer = res.json() as { token: string; service_notice: string }[];
    expect(answer).toEqual([
      { token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/), service_notice: expect.any(String) },
    ]);
    expect(answer[0]!.service_notice).toMatch(/Rien n’est encore déposé/);
    // nothing personal comes back
    for (const word of ['smit333', 'john', 'smith', 'sinkhole', '111111111'])
      expect(res.body).not.toContain(word);
    const t = answer[0]!.token;

    // pending: the token is known, with no request id, in both formats
    expect((await token(t)).json()).toEqual([{ service_request_id: null, token: t }]);
    const x = readXml((await token(t, 'xml')).body);
    expect(x.service_requests.request[0].token).toBe(t);
    expect(x.service_requests.request[0].service_request_id).toBe('');

    // the person receives the link, in French (no language given, a new address)
    await deliver();
    const mail = mailTo('smit333@sfgov.edu')!;
    expect(mail.subject).toMatch(/^Confirmez votre demande à /);
    expect(mail.text).toContain('john smith');
    expect(mail.text).toContain('Application de la ville');
    expect(mail.text).toContain('A large sinkhole is destroying the street');
    const link = linkIn(mail.text);
    // the client's token is not the link's secret: the client cannot confirm for the person
    expect(link).not.toBe(t);
    expect((await anonymous().post(`/api/open311/confirmations/${t}/confirm`)).statusCode).toBe(404);

    // opening the page reads, it does not file
    const before = (await p.database.db.select().from(cases)).length;
    const seen = await anonymous().get(`/api/open311/confirmations/${link}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({
      status: 'pending',
      app: 'Application de la ville',
      name: 'john smith',
    });
    expect((await p.database.db.select().from(cases)).length).toBe(before);

    // two presses at once, and one later: one case
    const presses = await Promise.all([
      anonymous().post(`/api/open311/confirmations/${link}/confirm`),
      anonymous().post(`/api/open311/confirmations/${link}/confirm`),
    ]);
    const again = await anonymous().post(`/api/open311/confirmations/${link}/confirm`);
    for (const r of [...presses, again]) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().status).toBe('confirmed');
    }
    const tracking = again.json().trackingNumber as string;
    expect(tracking).toMatch(/^AML-2026-/);
    expect(presses.map((r) => r.json().trackingNumber)).toEqual([tracking, tracking]);
    const [acc] = await p.database.db.select().from(accounts).where(eq(accounts.email, 'smit333@sfgov.edu'));
    const filed = await p.database.db.select().from(cases).where(eq(cases.requesterId, acc!.id));
    expect(filed.length).toBe(1);
    expect(filed[0]).toMatchObject({ trackingNumber: tracking, intakeChannel: 'api', state: 'submitted' });
    expect(filed[0]!.description).toContain('address_string: 1234 5th street');
    // the key that filed it is audited with the case
    const [audited] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'open311.confirm'), eq(auditLog.entityId, filed[0]!.id)));
    expect(audited!.data).toMatchObject({ apiKeyId: key.id, trackingNumber: tracking });
    // the pending request keeps nothing of the person any more
    const [row] = await p.database.db.select().from(open311Requests).where(eq(open311Requests.token, t));
    expect(row).toMatchObject({ email: null, firstName: null, description: null, caseId: filed[0]!.id });

    // the token answers the tracking number, in JSON and XML
    expect((await token(t)).json()).toEqual([{ service_request_id: tracking, token: t }]);
    expect(readXml((await token(t, 'xml')).body).service_requests.request[0].service_request_id).toBe(
      tracking,
    );
    expect((await token('no-such-token')).statusCode).toBe(404);
    expect((await token('no-such-token')).json()).toEqual([{ code: 404, description: expect.any(String) }]);

    // the usual receipt
    await deliver();
    const receipt = mailTo('smit333@sfgov.edu')!;
    expect(receipt.subject).toContain(tracking);

    // in the body's queue, as filed by another system
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const queue = await chef.get(`/api/cases?institutionId=${inst.AML}&channel=api&limit=100`);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(queue.json().items.map((c: { trackingNumber: string }) => c.trackingNumber)).toContain(tracking);

    // and in the person's own cases once they sign in with a code sent to the same address
    const person = new Client(p.app, 'fr');
    const started = await person.post('/api/auth/email-code', {
      email: 'smit333@sfgov.edu',
      preferredLanguage: 'fr',
      countryOfResidence: 'MA',
    });
    expect(started.statusCode).toBe(202);
    await deliver();
    const code = mailTo('smit333@sfgov.edu')!.text!.match(/\b(\d{6})\b/)![1]!;
    const verified = await person.post('/api/auth/verify-email', { email: 'smit333@sfgov.edu', code });
    expect(verified.statusCode, verified.body).toBe(200);
    person.csrf = verified.json().csrfToken;
    const mine = await person.get('/api/cases?limit=10');
    expect(mine.json().items.map((c: { trackingNumber: string }) => c.trackingNumber)).toEqual([tracking]);
  });

  it('tells the body’s own system through its webhook, signed, once the person has confirmed the request', async () => {
    // a local receiver that keeps what it gets
    const got: { headers: Record<string, string>; body: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        got.push({
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', () => ok()));
    try {
      const admin = await signedIn(p.app, 'admin@aml.demo');
      const port = (receiver.address() as AddressInfo).port;
      const hook = await admin.post(`/api/institutions/${inst.AML}/webhooks`, {
        url: `http://127.0.0.1:${port}/jisr`,
        events: ['case.filed'],
      });
      expect(hook.statusCode, hook.body).toBe(201);
      const { secret: hookSecret } = hook.json() as { secret: string };
      const deliverHooks = () =>
        deliverDueWebhooks(p.database.db, { allowLocalHttp: true, secret: p.config.secret });

      const { secret } = await makeKey(['cases:file']);
      const res = await post({
        api_key: secret,
        service_code: 'observation',
        ...specExample,
        email: 'hook@example.org',
      });
      expect(res.statusCode, res.body).toBe(200);
      await deliverHooks();
      // nothing is filed, so nothing is told, before the person confirms
      expect(got).toHaveLength(0);
      await deliver();
      const link = linkIn(mailTo('hook@example.org')!.text);
      const confirmed = await anonymous().post(`/api/open311/confirmations/${link}/confirm`);
      expect(confirmed.statusCode, confirmed.body).toBe(200);
      await deliverHooks();
      expect(got).toHaveLength(1);
      // the signature, computed as the Standard Webhooks specification says (the platform's clock is fixed,
      // so the package's own check of the timestamp against this machine's time is left out)
      const h = got[0]!.headers;
      const expected = createHmac('sha256', Buffer.from(hookSecret.replace(/^whsec_/, ''), 'base64'))
        .update(`${h['webhook-id']}.${h['webhook-timestamp']}.${got[0]!.body}`)
        .digest('base64');
      expect(h['webhook-signature']!.split(' ')).toContain(`v1,${expected}`);
      const payload = JSON.parse(got[0]!.body) as { type: string };
      expect(payload.type).toBe('case.filed');
      expect(got[0]!.body).toContain(confirmed.json().trackingNumber);
      // the person's address and words stay out of it
      expect(got[0]!.body).not.toMatch(/hook@example\.org|sinkhole/);
    } finally {
      await new Promise<void>((ok) => receiver.close(() => ok()));
    }
  });

  it('files for a known citizen in their language, with the category’s fields, in XML and with a JSON body', async () => {
    const { secret } = await makeKey(['cases:file']);
    const all = await p.database.db.select().from(caseCategories).where(eq(caseCategories.active, true));
    const services = (
      await p.app.inject({ method: 'GET', url: `${V2}/services.json?jurisdiction_id=AML` })
    ).json();
    const offered = new Set(services.map((s: { service_code: string }) => s.service_code));
    const withFields = all.filter((c) => offered.has(c.code) && c.fields.some((f) => f.required));
    // one with a number if there is one: a form sends it as text
    const withSelect = withFields.find((c) => c.fields.some((f) => f.type === 'number')) ?? withFields[0]!;
    expect(withSelect, 'a service of AML with a required field').toBeDefined();
    const values = Object.fromEntries(
      withSelect.fields.map((f) => [
        f.name,
        f.type === 'select'
          ? f.options![0]!
          : f.type === 'number'
            ? String(f.min ?? 1)
            : f.type === 'date'
              ? '2026-11-30'
              : 'Texte',
      ]),
    );
    // a JSON body, the attributes as an object, the key in the header
    const res = await p.app.inject({
      method: 'POST',
      url: `${V2}/requests.xml`,
      headers: { 'x-api-key': secret },
      payload: {
        jurisdiction_id: 'aml',
        service_code: withSelect.code,
        email: 'fatima@example.fr',
        first_name: 'Fatima',
        last_name: 'Zahra',
        lang: 'ar',
        description: 'طلب مودع من تطبيق المدينة للتجربة',
        attribute: values,
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    const t = readXml(res.body).service_requests.request[0].token as string;
    expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    await deliver();
    const mail = mailTo('fatima@example.fr')!;
    expect(mail.subject).toMatch(/^أكدوا طلبكم إلى /);
    expect(mail.html).toContain('dir="rtl"');
    const link = linkIn(mail.text);
    const done = await new Client(p.app, 'ar').post(`/api/open311/confirmations/${link}/confirm`);
    expect(done.statusCode, done.body).toBe(200);
    const tracking = done.json().trackingNumber;
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const mine = await fatima.get('/api/cases?limit=100');
    const filed = mine.json().items.find((c: { trackingNumber: string }) => c.trackingNumber === tracking);
    expect(filed).toBeDefined();
    const [row] = await p.database.db.select().from(cases).where(eq(cases.trackingNumber, tracking));
    expect(row!.language).toBe('ar');
    for (const f of withSelect.fields) expect(String(row!.fields[f.name])).toBe(values[f.name]);
  });

  it('refuses a missing, wrong, revoked or unscoped key, another body, and bad parameters, in Open311’s format', async () => {
    const { key, secret } = await makeKey(['cases:file']);
    const readOnly = await makeKey(['cases:read']);
    const base = { service_code: 'observation', ...specExample };
    const before = await pendingCount();
    const refused = async (res: Awaited<ReturnType<typeof post>>, status: number, says?: RegExp) => {
      expect(res.statusCode, res.body).toBe(status);
      const body = res.json() as { code: number; description: string }[];
      expect(body).toEqual([{ code: status, description: expect.any(String) }]);
      if (says) expect(body[0]!.description).toMatch(says);
    };
    await refused(await post(base), 401);
    await refused(
      await post({ ...base, api_key: `${secret.slice(0, -1)}${secret.endsWith('a') ? 'b' : 'a'}` }),
      401,
    );
    await refused(await post({ ...base, api_key: readOnly.secret }), 403);
    // a key in the address is not taken: access logs would keep it
    const inUrl = await p.app.inject({
      method: 'POST',
      url: `${V2}/requests.json?api_key=${secret}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(base),
    });
    await refused(inUrl, 401);
    await refused(await post({ ...base, api_key: secret, jurisdiction_id: 'AUBM' }), 403, /AML/);
    await refused(
      await post({ ...base, api_key: secret, service_code: 'no-such-service' }),
      400,
      /service_code/,
    );
    await refused(await post({ ...base, api_key: secret, email: 'not-an-address' }), 400, /email/);
    await refused(await post({ ...base, api_key: secret, description: 'short' }), 400, /description/);
    // a required attribute missing, said with its code
    const all = await p.database.db.select().from(caseCategories).where(eq(caseCategories.active, true));
    const services = (
      await p.app.inject({ method: 'GET', url: `${V2}/services.json?jurisdiction_id=AML` })
    ).json();
    const offered = new Set(services.map((s: { service_code: string }) => s.service_code));
    const required = all.find((c) => offered.has(c.code) && c.fields.some((f) => f.required))!;
    const field = required.fields.find((f) => f.required)!;
    await refused(
      await post({ ...base, api_key: secret, service_code: required.code }),
      400,
      new RegExp(`attribute\\[${field.name}\\]`),
    );
    // in Arabic when asked, in XML
    const xml = await post({ ...base, api_key: secret, service_code: 'no-such-service', lang: 'ar' }, 'xml');
    expect(xml.statusCode).toBe(400);
    const errors = readXml(xml.body).errors.error;
    expect(errors[0].code).toBe('400');
    expect(errors[0].description).toMatch(/service_code/);
    expect(errors[0].description).toMatch(/الجهة/);
    // revoked: refused at once
    const admin = await signedIn(p.app, 'admin@aml.demo');
    expect((await admin.post(`/api/institutions/${inst.AML}/api-keys/${key.id}/revoke`)).statusCode).toBe(
      200,
    );
    await refused(await post({ ...base, api_key: secret }), 401);
    expect(await pendingCount()).toBe(before);
  });

  it('refuses an expired link clearly, then forgets the request', async () => {
    const { secret } = await makeKey(['cases:file']);
    const res = await post({
      api_key: secret,
      service_code: 'observation',
      ...specExample,
      email: 'late@example.ma',
    });
    const t = res.json()[0].token;
    await deliver();
    const link = linkIn(mailTo('late@example.ma')!.text);
    clock.advance(7 * 86_400_000 + 60_000);
    const seen = await anonymous().get(`/api/open311/confirmations/${link}`);
    expect(seen.json().status).toBe('expired');
    const late = await anonymous().post(`/api/open311/confirmations/${link}/confirm`);
    expect(late.statusCode).toBe(410);
    expect(late.json().detail).toMatch(/expiré.*rien n’a été déposé/);
    expect(await p.database.db.select().from(accounts).where(eq(accounts.email, 'late@example.ma'))).toEqual(
      [],
    );
    expect(await sweepOpen311Requests(p.database.db, currentTime())).toBeGreaterThanOrEqual(1);
    expect((await token(t)).statusCode).toBe(404);
    expect((await anonymous().get(`/api/open311/confirmations/${link}`)).statusCode).toBe(404);
  });
});
