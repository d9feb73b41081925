/**
 * Webhooks per body: the body's administrator subscribes an address to events (nobody else may); a case
 * filed at the body is queued in the filing's transaction and delivered by the worker's pass, signed after
 * the Standard Webhooks specification, with no personal data; a receiver's failure is retried after the
 * backoff; a paused subscription gets nothing; the test button sends `webhook.test`; a new secret signs from
 * then on; bad addresses are refused with a clear problem and nothing stored; two passes racing send each
 * delivery once. The receiver is a local HTTP server that checks signatures with its own implementation
 * (and with the `standardwebhooks` package, to show that another implementation agrees).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, citizenProfiles } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { deliverDueWebhooks, postWebhook } from '../src/modules/webhooks/delivery.js';
import { queueCaseWebhook } from '../src/modules/webhooks/events.js';
import { webhookDeliveries, webhookSubscriptions } from '../src/modules/webhooks/schema.js';
import { urlProblem } from '../src/modules/webhooks/url-rules.js';
import { currentMillis } from '../src/shared/clock.js';
import { aubmServices, freeOfficeSlots } from './support/appointments.js';
import {
  actOn,
  type Client,
  fileComplaintAtAml,
  idsByCode,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

/** What the receiver got: the three headers, the raw body, and whether the signature held for its secret. */
type Received = {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  verified: boolean;
};

/** The receiver's own check, written from the specification: HMAC-SHA256 over `id.timestamp.body`. */
function verifies(secret: string, id: string, timestamp: string, body: string, header: string): boolean {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = Buffer.from(
    createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64'),
  );
  return header.split(' ').some((part) => {
    const [version, sig] = part.split(',');
    const given = Buffer.from(sig ?? '');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A local receiver: one secret and a queue of answers per path; records every request. */
function startReceiver() {
  const secrets = new Map<string, string>();
  const answers = new Map<string, number[]>();
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      const id = String(req.headers['webhook-id'] ?? '');
      const timestamp = String(req.headers['webhook-timestamp'] ?? '');
      const signature = String(req.headers['webhook-signature'] ?? '');
      const secret = secrets.get(path);
      got.push({
        path,
        id,
        timestamp,
        signature,
        body,
        verified: !!secret && verifies(secret, id, timestamp, body, signature),
      });
      res.writeHead(answers.get(path)?.shift() ?? 200).end();
    });
  });
  return {
    secrets,
    answers,
    got,
    start: () =>
      new Promise<string>((ok) =>
        server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((ok) => server.close(() => ok())),
    at: (path: string) => got.filter((g) => g.path === path),
  };
}

describe.each(testDatabases())('webhooks on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst } = useIdsByCode(p);
  const receiver = startReceiver();
  let base = '';
  let admin: Client;
  let paths = 0;
  beforeAll(async () => {
    base = await receiver.start();
    admin = await signedIn(p.app, 'admin@aml.demo');
  });
  afterAll(() => receiver.stop());

  /** The injected clock of the delivery passes: the platform's, moved on by `later`. */
  let offset = 0;
  const later = (ms: number) => {
    offset += ms;
  };
  const pass = () =>
    deliverDueWebhooks(p.database.db, {
      allowLocalHttp: true,
      secret: p.config.secret,
      now: () => new Date(currentMillis() + offset),
    });

  /** A subscription of a body (AML unless said) at a path of its own on the receiver, which knows its secret. */
  async function subscribe(events: string[], as: { body: string; admin: Client } | null = null) {
    const path = `/hook/${++paths}`;
    const who = as?.admin ?? admin;
    const res = await who.post(`/api/institutions/${inst[as?.body ?? 'AML']}/webhooks`, {
      url: `${base}${path}`,
      events,
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json() as { webhook: { id: string }; secret: string };
    receiver.secrets.set(path, made.secret);
    return { id: made.webhook.id, secret: made.secret, path };
  }
  const hook = (id: string, rest = '') => `/api/institutions/${inst.AML}/webhooks/${id}${rest}`;
  const remove = async (id: string) => expect((await admin.delete(hook(id))).statusCode).toBe(204);
  const deliveriesOf = (subscriptionId: string) =>
    p.database.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.subscriptionId, subscriptionId));
  const audited = async (action: string, entityId: string) =>
    (
      await p.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))
    ).length;

  it('is kept by the body’s administrator only; its secret is shown once and kept sealed', async () => {
    const sub = await subscribe(['case.filed', 'appointment.booked']);
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(sub.secret.slice(6), 'base64')).toHaveLength(32);
    const list = await admin.get(`/api/institutions/${inst.AML}/webhooks`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(sub.secret.slice(6));
    expect(list.json().items[0]).toMatchObject({
      id: sub.id,
      status: 'active',
      events: ['case.filed', 'appointment.booked'],
    });
    const [row] = await p.database.db
      .select()
      .from(webhookSubscriptions)
      .where(eq(webhookSubscriptions.id, sub.id));
    expect(JSON.stringify(row)).not.toContain(sub.secret.slice(6));
    expect(await audited('webhook.create', sub.id)).toBe(1);
    // who may not: a supervisor of the body, another body's administrator, a citizen, nobody signed in
    const body = { url: 'https://example.ma/hooks', events: ['case.filed'] };
    const before = (await p.database.db.select().from(webhookSubscriptions)).length;
    for (const email of ['chef@aml.demo', 'admin@aubm.demo', 'fatima@example.fr']) {
      const who = await signedIn(p.app, email);
      expect((await who.post(`/api/institutions/${inst.AML}/webhooks`, body)).statusCode, email).toBe(403);
      expect((await who.get(`/api/institutions/${inst.AML}/webhooks`)).statusCode, email).toBe(403);
      expect((await who.post(hook(sub.id, '/pause'))).statusCode, email).toBe(403);
      expect((await who.post(hook(sub.id, '/rotate-secret'))).statusCode, email).toBe(403);
      expect((await who.post(hook(sub.id, '/test'))).statusCode, email).toBe(403);
      expect((await who.get(hook(sub.id, '/deliveries'))).statusCode, email).toBe(403);
      expect((await who.delete(hook(sub.id))).statusCode, email).toBe(403);
    }
    for (const [method, url] of [
      ['GET', `/api/institutions/${inst.AML}/webhooks`],
      ['POST', `/api/institutions/${inst.AML}/webhooks`],
      ['GET', hook(sub.id, '/deliveries')],
    ] as const) {
      const res = await p.app.inject({ method, url, ...(method === 'POST' ? { payload: body } : {}) });
      expect(res.statusCode, url).toBe(401);
    }
    expect((await p.database.db.select().from(webhookSubscriptions)).length).toBe(before);
    // another body's administrator does not see it through their own body either
    const other = await signedIn(p.app, 'admin@aubm.demo');
    const theirs = await other.get(`/api/institutions/${inst.AUBM}/webhooks`);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(sub.id);
    expect((await other.post(`/api/institutions/${inst.AUBM}/webhooks/${sub.id}/pause`)).statusCode).toBe(
      404,
    );
    // deleted: gone from the list, kept in the table, audited
    await remove(sub.id);
    expect((await admin.get(`/api/institutions/${inst.AML}/webhooks`)).body).not.toContain(sub.id);
    expect(await audited('webhook.delete', sub.id)).toBe(1);
    expect((await admin.post(hook(sub.id, '/pause'))).statusCode).toBe(404);
  });

  it('delivers a filed case once, signed, with no personal data', async () => {
    const sub = await subscribe(['case.filed', 'case.acknowledged']);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    const filed = await fileComplaintAtAml(citizen, {
      subject: 'Lampadaire éteint rue Atlas',
      description: 'Depuis trois semaines, le lampadaire devant le numéro 12 reste éteint.',
    });
    const queued = await deliveriesOf(sub.id);
    expect(queued).toHaveLength(1);
    // the same event again (a retried handler) queues nothing more
    const again = await p.database.db.transaction((tx) =>
      queueCaseWebhook(tx, {
        event: 'case.filed',
        caseId: filed.id,
        institutionId: inst.AML!,
        key: 'filed',
        now: new Date(currentMillis()),
      }),
    );
    expect(again).toBe(0);
    await pass();
    const got = receiver.at(sub.path);
    expect(got).toHaveLength(1);
    const msg = got[0]!;
    expect(msg.verified).toBe(true);
    expect(msg.id).toBe(queued[0]!.id);
    expect(msg.timestamp).toMatch(/^\d{10}$/);
    expect(msg.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // another implementation of the specification signs the same message the same way
    const lib = new Webhook(sub.secret);
    expect(lib.sign(msg.id, new Date(Number(msg.timestamp) * 1000), msg.body)).toBe(msg.signature);
    // and a receiver holding another secret refuses it: the check can fail
    const wrong = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(verifies(wrong, msg.id, msg.timestamp, msg.body, msg.signature)).toBe(false);
    expect(new Webhook(wrong).sign(msg.id, new Date(Number(msg.timestamp) * 1000), msg.body)).not.toBe(
      msg.signature,
    );
    expect(verifies(sub.secret, msg.id, msg.timestamp, `${msg.body} `, msg.signature)).toBe(false);

    const payload = JSON.parse(msg.body);
    expect(payload.type).toBe('case.filed');
    expect(payload.data).toEqual({
      bodyCode: 'AML',
      caseId: filed.id,
      trackingNumber: filed.trackingNumber,
      kind: 'complaint',
      categoryCode: 'complaint-autre',
      state: 'submitted',
    });
    // nothing of the person's: checked against what the database holds of the case and its requester
    const [c] = await p.database.db.select().from(cases).where(eq(cases.id, filed.id));
    const [person] = await p.database.db.select().from(accounts).where(eq(accounts.id, c!.requesterId));
    const [profile] = await p.database.db
      .select()
      .from(citizenProfiles)
      .where(eq(citizenProfiles.accountId, c!.requesterId));
    const personal = [
      c!.subject,
      c!.description,
      person!.email,
      person!.displayName,
      profile?.givenNameLatin,
      profile?.familyNameLatin,
      profile?.givenNameAr,
      profile?.familyNameAr,
      profile?.phone,
      filed.accessCode,
    ].filter((v): v is string => typeof v === 'string' && v.length > 2);
    expect(personal.length).toBeGreaterThanOrEqual(5);
    for (const value of personal) expect(msg.body).not.toContain(value);
    // a second pass sends nothing more
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(1);
    // a step of the case is another event, delivered too
    await actOn(await signedIn(p.app, 'chef@aml.demo'), filed.id, [['acknowledge']]);
    await pass();
    const events = receiver.at(sub.path).map((g) => JSON.parse(g.body));
    expect(events.map((e) => e.type)).toEqual(['case.filed', 'case.acknowledged']);
    expect(events[1].data).toMatchObject({ caseId: filed.id, state: 'acknowledged' });
    await remove(sub.id);
  });

  it('retries a failed delivery after the backoff, with the same id, and logs each try', async () => {
    const sub = await subscribe(['case.filed']);
    receiver.answers.set(sub.path, [500]);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    await fileComplaintAtAml(citizen, { subject: 'Trottoir cassé', description: 'Le trottoir est cassé.' });
    await pass();
    const [first] = await deliveriesOf(sub.id);
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500 });
    // not before the backoff (5 s)
    later(2_000);
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(1);
    later(4_000);
    await pass();
    const got = receiver.at(sub.path);
    expect(got).toHaveLength(2);
    expect(got[1]!.id).toBe(got[0]!.id);
    expect(got.every((g) => g.verified)).toBe(true);
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(2);
    const log = await admin.get(hook(sub.id, '/deliveries'));
    expect(log.statusCode).toBe(200);
    const [d] = log.json().items;
    expect(d).toMatchObject({
      id: got[0]!.id,
      event: 'case.filed',
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(d.deliveredAt).not.toBeNull();
    expect(d.log.map((a: { statusCode: number }) => a.statusCode)).toEqual([500, 200]);
    expect(d.log[0].error).toBe('HTTP 500');
    // paged
    const paged = await admin.get(hook(sub.id, '/deliveries?limit=1&page=2'));
    expect(paged.json()).toEqual({ items: [], nextPage: null });
    await remove(sub.id);
  });

  it('queues nothing for a paused subscription, and again once resumed', async () => {
    const sub = await subscribe(['case.filed']);
    const paused = await admin.post(hook(sub.id, '/pause'));
    expect(paused.statusCode).toBe(200);
    expect(paused.json().status).toBe('paused');
    expect(await audited('webhook.pause', sub.id)).toBe(1);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    await fileComplaintAtAml(citizen, { subject: 'Bruit', description: 'Bruit la nuit.' });
    expect(await deliveriesOf(sub.id)).toHaveLength(0);
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(0);
    expect((await admin.post(hook(sub.id, '/resume'))).json().status).toBe('active');
    expect(await audited('webhook.resume', sub.id)).toBe(1);
    await fileComplaintAtAml(citizen, { subject: 'Bruit encore', description: 'Toujours du bruit.' });
    expect(await deliveriesOf(sub.id)).toHaveLength(1);
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(1);
    await remove(sub.id);
  });

  it('sends a test event; after a new secret, signatures verify with the new secret only', async () => {
    const sub = await subscribe(['appointment.cancelled']);
    const test = await admin.post(hook(sub.id, '/test'));
    expect(test.statusCode).toBe(202);
    expect(await audited('webhook.test', sub.id)).toBe(1);
    await pass();
    const [first] = receiver.at(sub.path);
    expect(first!.verified).toBe(true);
    expect(first!.id).toBe(test.json().deliveryId);
    expect(JSON.parse(first!.body)).toMatchObject({ type: 'webhook.test', data: { test: true } });

    const rotated = await admin.post(hook(sub.id, '/rotate-secret'));
    expect(rotated.statusCode).toBe(200);
    const fresh = rotated.json().secret as string;
    expect(fresh).toMatch(/^whsec_/);
    expect(fresh).not.toBe(sub.secret);
    expect(rotated.json().webhook.secretRotatedAt).not.toBeNull();
    expect(await audited('webhook.rotate_secret', sub.id)).toBe(1);
    await admin.post(hook(sub.id, '/test'));
    await pass();
    const second = receiver.at(sub.path)[1]!;
    // the receiver still holds the old secret: the check fails; with the new one it holds
    expect(second.verified).toBe(false);
    expect(verifies(fresh, second.id, second.timestamp, second.body, second.signature)).toBe(true);
    expect(verifies(sub.secret, second.id, second.timestamp, second.body, second.signature)).toBe(false);
    await remove(sub.id);
  });

  it('refuses bad addresses and events with a clear problem, and stores nothing', async () => {
    const before = (await p.database.db.select().from(webhookSubscriptions)).length;
    const code = (res: { json(): { type: string } }) => res.json().type.split('/').pop();
    for (const [url, problem] of [
      ['not an address', 'webhook-url-invalid'],
      ['ftp://example.ma/hooks', 'webhook-url-invalid'],
      ['https://user:secret@example.ma/hooks', 'webhook-url-invalid'],
      ['http://example.ma/hooks', 'webhook-url-not-https'],
      ['https://10.1.2.3/hooks', 'webhook-url-private'],
      ['https://192.168.1.20/hooks', 'webhook-url-private'],
      ['https://169.254.169.254/latest/meta-data', 'webhook-url-private'],
      ['https://[fd00::1]/hooks', 'webhook-url-private'],
      ['https://intranet/hooks', 'webhook-url-private'],
      ['https://printer.local/hooks', 'webhook-url-private'],
    ] as const) {
      const res = await admin.post(`/api/institutions/${inst.AML}/webhooks`, { url, events: ['case.filed'] });
      expect(res.statusCode, url).toBe(422);
      expect(code(res), url).toBe(problem);
    }
    for (const events of [[], ['case.exploded']]) {
      const res = await admin.post(`/api/institutions/${inst.AML}/webhooks`, {
        url: 'https://example.ma/h',
        events,
      });
      expect(res.statusCode).toBe(422);
      expect(code(res)).toBe('validation');
    }
    expect((await p.database.db.select().from(webhookSubscriptions)).length).toBe(before);
    // the message in each language
    const details = new Set<string>();
    for (const lang of ['ar', 'fr', 'en']) {
      const res = await admin.request({
        method: 'POST',
        url: `/api/institutions/${inst.AML}/webhooks`,
        payload: { url: 'http://example.ma/h', events: ['case.filed'] },
        headers: { 'accept-language': lang },
      });
      details.add(res.json().detail);
      expect(res.json().detail).toContain('https://');
    }
    expect(details.size).toBe(3);
    // in production, the local receiver is refused too, and nothing is sent to a private address
    const production = { allowLocalHttp: false };
    expect(urlProblem('http://127.0.0.1:8080/h', production)).toBe('webhook-url-private');
    expect(urlProblem('https://localhost/h', production)).toBe('webhook-url-private');
    expect(urlProblem('http://localhost:8080/h', { allowLocalHttp: true })).toBeNull();
    expect(urlProblem('https://example.ma/h', production)).toBeNull();
    const sent = receiver.got.length;
    const refused = await postWebhook(`${base}/nowhere`, '{}', {}, production);
    expect(refused.statusCode).toBeNull();
    expect(refused.error).toMatch(/not public/);
    // a name is checked on the address it resolves to, by the sending socket's own lookup
    const byName = await postWebhook(base.replace('127.0.0.1', 'localhost'), '{}', {}, production);
    expect(byName.error).toMatch(/not public/);
    expect(receiver.got.length).toBe(sent);
  });

  it('sends each delivery once when two passes race', async () => {
    const sub = await subscribe(['case.filed']);
    for (let i = 0; i < 4; i++) expect((await admin.post(hook(sub.id, '/test'))).statusCode).toBe(202);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    await fileComplaintAtAml(citizen, { subject: 'Arbre tombé', description: 'Un arbre est tombé.' });
    const [a, b] = await Promise.all([pass(), pass()]);
    expect(a + b).toBe(5);
    const got = receiver.at(sub.path);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((g) => g.id)).size).toBe(5);
    const rows = await deliveriesOf(sub.id);
    expect(rows.every((r) => r.status === 'delivered' && r.attempts === 1)).toBe(true);
    // a deleted subscription's waiting deliveries are given up
    await admin.post(hook(sub.id, '/test'));
    await remove(sub.id);
    const left = await p.database.db
      .select()
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.subscriptionId, sub.id),
          inArray(webhookDeliveries.status, ['pending', 'sending']),
        ),
      );
    expect(left).toHaveLength(0);
    await pass();
    expect(receiver.at(sub.path)).toHaveLength(5);
  });

  it('delivers moves between departments and bodies, and bookings, without reasons or notes', async () => {
    const sub = await subscribe(['case.transferred']);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    const filed = await fileComplaintAtAml(citizen, {
      subject: 'Mur mitoyen',
      description: 'Un mur empiète.',
    });
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const versionOf = async () => (await chef.get(`/api/cases/${filed.id}`)).json().version;
    const depts = await idsByCode(p.app, `/api/institutions/${inst.AML}/departments`);
    const moved = await chef.post(`/api/cases/${filed.id}/transfer`, {
      departmentId: depts['legal-affairs'],
      version: await versionOf(),
      reason: 'Raison interne du transfert',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const referred = await chef.post(`/api/cases/${filed.id}/refer-inside`, {
      targetInstitutionId: inst.MDSM,
      version: await versionOf(),
      reason: 'Compétence du Médiateur, raison interne',
    });
    expect(referred.statusCode, referred.body).toBe(200);
    await pass();
    const got = receiver.at(sub.path);
    expect(got.every((g) => g.verified)).toBe(true);
    expect(got.map((g) => JSON.parse(g.body).data)).toEqual([
      expect.objectContaining({ bodyCode: 'AML', destinationBodyCode: 'AML', caseId: filed.id }),
      expect.objectContaining({ bodyCode: 'AML', destinationBodyCode: 'MDSM', caseId: filed.id }),
    ]);
    for (const g of got) expect(g.body).not.toContain('raison interne');
    await remove(sub.id);

    // bookings at the urban agency, subscribed by its own administrator
    const aubmAdmin = await signedIn(p.app, 'admin@aubm.demo');
    const booked = await subscribe(['appointment.booked', 'appointment.cancelled'], {
      body: 'AUBM',
      admin: aubmAdmin,
    });
    const { services } = await aubmServices(p.app);
    const [startsAt] = await freeOfficeSlots(p.app, services['guichet-mre']!, currentMillis());
    const made = await citizen.post('/api/appointments', {
      serviceId: services['guichet-mre'],
      startsAt,
      mode: 'in_person',
      timeZone: 'Africa/Casablanca',
      note: 'Note personnelle de la citoyenne',
    });
    expect(made.statusCode, made.body).toBe(201);
    const cancelled = await citizen.post(`/api/appointments/${made.json().id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await pass();
    const bookings = receiver.at(booked.path);
    expect(bookings.map((g) => JSON.parse(g.body).type)).toEqual([
      'appointment.booked',
      'appointment.cancelled',
    ]);
    expect(JSON.parse(bookings[0]!.body).data).toMatchObject({
      bodyCode: 'AUBM',
      appointmentId: made.json().id,
      reference: made.json().reference,
      startsAt,
      mode: 'in_person',
    });
    for (const g of bookings) expect(g.body).not.toContain('Note personnelle');
    expect((await aubmAdmin.delete(`/api/institutions/${inst.AUBM}/webhooks/${booked.id}`)).statusCode).toBe(
      204,
    );
  });
});
