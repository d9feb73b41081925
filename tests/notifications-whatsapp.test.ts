import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { caseEvents } from '../src/modules/cases/schema.js';
import { claimDue } from '../src/modules/notifications/delivery.js';
import { enqueue, notifySettings } from '../src/modules/notifications/outbox.js';
import { parseQuietHours } from '../src/modules/notifications/quiet-hours.js';
import { deskIntakes, notifications } from '../src/modules/notifications/schema.js';
import {
  type Client,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
  useWorker,
} from './support/platform.js';
import { hubSignature, inboundStatus, inboundText, useMessagingProviders } from './support/providers.js';

const APP_SECRET = 'whatsapp-app-secret-for-tests';

describe.each(testDatabases())('SMS and WhatsApp on %s', (kind) => {
  const providers = useMessagingProviders();
  const p = usePlatform(kind, () => ({
    env: {
      PUBLIC_URL: 'https://jisr.example.ma',
      QUIET_HOURS: '',
      NOTIFY_RETRY_BASE_SECONDS: '0.05',
      NOTIFY_RETRY_MAX_SECONDS: '0.1',
      ...providers.env(),
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_VERIFY_TOKEN: 'verify-me-please',
      WHATSAPP_DEFAULT_INSTITUTION: 'AML',
    },
  }));
  const worker = useWorker(p);
  const { inst, cat } = useIdsByCode(p);

  const fileCase = async (citizen: Client, replyChannels: string[], subject: string, language = 'ar') => {
    const res = await citizen.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['complaint-autre'],
      subject,
      description: 'وصف كاف لهذه الشكاية من أجل الاختبار.',
      replyChannels,
      language,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNumber: string; accessCode: string };
  };
  const webhook = (body: string, signature = hubSignature(APP_SECRET, body)) =>
    p.app.inject({
      method: 'POST',
      url: '/api/webhooks/whatsapp',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signature,
        'accept-language': 'fr',
      },
      payload: body,
    });

  it('sends the receipt as a WhatsApp template message through the Cloud API', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const made = await fileCase(fatima, ['whatsapp'], 'شكاية عبر واتساب');
    await worker.tick();
    const msg = providers.graph.sent.find((m) =>
      m.template.components[0]!.parameters.some((x) => x.text === made.trackingNumber),
    );
    expect(msg, 'the Cloud API received the message').toBeDefined();
    expect(msg!.to).toBe('33612345678');
    expect(msg!.template.name).toBe('jisr_receipt');
    expect(msg!.template.language.code).toBe('ar');
    expect(msg!.template.components[0]!.parameters.map((x) => x.text)).toEqual([
      'فاطمة الحسني',
      'جماعة آيت ملول',
      made.trackingNumber,
      made.accessCode,
      expect.stringMatching(/\d{4}/),
      `https://jisr.example.ma/track/${made.trackingNumber}`,
    ]);
    const [row] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, made.id), eq(notifications.channel, 'whatsapp')));
    expect(row).toMatchObject({ status: 'sent', providerMessageId: msg!.id, toAddress: '+33612345678' });
    expect(row!.textBody).toContain(made.trackingNumber);
  });

  it('retries when the Cloud API says later (rate limit), and gives up at once on an unknown template', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    providers.graph.failNext.push({ status: 429, code: 130429, message: 'Rate limit hit' });
    const made = await fileCase(fatima, ['whatsapp'], 'شكاية ثانية');
    await worker.tick();
    const rowOf = async (caseId: string) =>
      (
        await p.database.db
          .select()
          .from(notifications)
          .where(and(eq(notifications.caseId, caseId), eq(notifications.channel, 'whatsapp')))
      )[0]!;
    expect(await rowOf(made.id)).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await rowOf(made.id)).lastError).toContain('130429');
    await new Promise((r) => setTimeout(r, 150));
    await worker.tick();
    expect(await rowOf(made.id)).toMatchObject({ status: 'sent', attempts: 2 });

    providers.graph.failNext.push({
      status: 400,
      code: 132001,
      message: 'Template name does not exist in the translation',
    });
    const other = await fileCase(fatima, ['whatsapp'], 'شكاية ثالثة');
    await worker.tick();
    const dead = await rowOf(other.id);
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const list = (
      await admin.get(`/api/institutions/${inst.AML}/notifications?status=dead&channel=whatsapp`)
    ).json();
    expect(list.items.map((n: { id: string }) => n.id)).toContain(dead.id);
  });

  it('answers the verification handshake only with the right token', async () => {
    const ok = await p.app.inject({
      method: 'GET',
      url: '/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=verify-me-please&hub.challenge=1158201444',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const bad = await p.app.inject({
      method: 'GET',
      url: '/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
      headers: { 'accept-language': 'fr' },
    });
    expect(bad.statusCode).toBe(403);
    expect(bad.json().detail).toBe('Le jeton de vérification est incorrect.');
  });

  it('refuses a webhook with a bad or missing signature and records nothing', async () => {
    const body = inboundText('33612345678', 'wamid.forged1', 'رسالة مزورة');
    const countEvents = async () =>
      (
        await p.database.db
          .select({ n: sql<number>`count(*)::int` })
          .from(caseEvents)
          .where(eq(caseEvents.type, 'citizen_message'))
      )[0]!.n;
    const before = await countEvents();
    for (const sig of [
      hubSignature('not-the-app-secret', body),
      'sha256=00',
      '',
      hubSignature(APP_SECRET, `${body} `),
    ]) {
      const res = await webhook(body, sig);
      expect(res.statusCode).toBe(401);
      expect(res.json().detail).toBe('La signature de ce message manque ou est incorrecte.');
    }
    expect(await countEvents()).toBe(before);
  });

  it('threads a WhatsApp message from a citizen’s number into their open case, once', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const older = await fileCase(fatima, ['email'], 'ملف أقدم');
    const newer = await fileCase(fatima, ['email'], 'ملف أحدث');
    const text = 'السلام عليكم، أرسلت لكم نسخة من بطاقتي الوطنية.';
    const body = inboundText('33612345678', 'wamid.HBgLMzM2MTIzNDU2NzgVAgASGBQzQUI', text);
    const res = await webhook(body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ threaded: 1, intakes: 0 });
    const view = (await fatima.get(`/api/cases/${newer.id}`)).json();
    const msg = view.timeline.find((e: { type: string }) => e.type === 'citizen_message');
    expect(msg).toMatchObject({ reason: text, visibility: 'public' });
    const [audit] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.citizen_message'), eq(auditLog.entityId, newer.id)));
    expect(audit).toMatchObject({ institutionId: inst.AML, data: { channel: 'whatsapp' } });
    expect(JSON.stringify(audit!.data)).not.toContain(text); // no personal data in the audit log

    // The provider delivers the same webhook again: nothing more.
    const again = await webhook(body);
    expect(again.json()).toMatchObject({ threaded: 0, duplicates: 1 });
    const events = await p.database.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, newer.id), eq(caseEvents.type, 'citizen_message')));
    expect(events).toHaveLength(1);

    // A message naming a tracking number goes to that case.
    const named = await webhook(
      inboundText('33612345678', 'wamid.second', `بخصوص الملف ${older.trackingNumber}: شكرا`),
    );
    expect(named.json()).toMatchObject({ threaded: 1 });
    const staff = await signedIn(p.app, 'chef@aml.demo');
    const olderView = (await staff.get(`/api/cases/${older.id}`)).json();
    expect(
      olderView.timeline.some(
        (e: { type: string; reason: string }) => e.type === 'citizen_message' && e.reason.includes('شكرا'),
      ),
    ).toBe(true);
  });

  it('opens a desk intake for a number with no open case; reception turns it into a case', async () => {
    const body = inboundText(
      '447700900123',
      'wamid.unknown1',
      'Bonjour, je voudrais un extrait d’acte de naissance.',
      'Samir',
    );
    const res = await webhook(body);
    expect(res.json()).toMatchObject({ threaded: 0, intakes: 1 });
    await webhook(inboundText('447700900123', 'wamid.unknown2', 'Pour mon père, né en 1950.', 'Samir'));
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const list = await reception.get(`/api/institutions/${inst.AML}/desk-intakes`);
    expect(list.statusCode).toBe(200);
    const intake = list.json().items.find((i: { fromPhone: string }) => i.fromPhone === '+447700900123');
    expect(intake).toMatchObject({ channel: 'whatsapp', fromName: 'Samir', status: 'open', accountId: null });
    expect(intake.messages.map((m: { text: string }) => m.text)).toEqual([
      'Bonjour, je voudrais un extrait d’acte de naissance.',
      'Pour mon père, né en 1950.',
    ]);

    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    expect((await agent.get(`/api/institutions/${inst.AML}/desk-intakes`)).statusCode).toBe(403);
    const otherAdmin = await signedIn(p.app, 'admin@aubm.demo');
    expect((await otherAdmin.post(`/api/desk-intakes/${intake.id}/dismiss`, { note: 'x' })).statusCode).toBe(
      404,
    );

    const payload = {
      categoryId: cat['complaint-autre'],
      subject: 'Extrait d’acte de naissance (WhatsApp)',
      description: 'Demande reçue par WhatsApp pour le père du demandeur.',
    };
    const noOne = await reception.post(`/api/desk-intakes/${intake.id}/convert`, payload);
    expect(noOne.statusCode).toBe(422);
    expect(noOne.json().detail).toBe(
      'Ce numéro n’appartient à aucun compte : choisissez le citoyen concerné par le dossier.',
    );
    const youssef = await signedIn(p.app, 'youssef@example.es');
    const session = (await youssef.get('/api/auth/session')).json();
    const made = await reception.post(`/api/desk-intakes/${intake.id}/convert`, {
      ...payload,
      requesterId: session.account.id,
      replyChannels: ['email'],
      language: 'fr',
    });
    expect(made.statusCode, made.body).toBe(201);
    const view = (await youssef.get(`/api/cases/${made.json().caseId}`)).json();
    expect(view.intakeChannel).toBe('whatsapp');
    expect(view.timeline.filter((e: { type: string }) => e.type === 'citizen_message')).toHaveLength(2);
    const twice = await reception.post(`/api/desk-intakes/${intake.id}/convert`, {
      ...payload,
      requesterId: session.account.id,
    });
    expect(twice.statusCode).toBe(409);
    const [row] = await p.database.db.select().from(deskIntakes).where(eq(deskIntakes.id, intake.id));
    expect(row).toMatchObject({ status: 'converted', caseId: made.json().caseId });
  });

  it('records delivery and failure statuses reported by the Cloud API', async () => {
    const [sent] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.channel, 'whatsapp'), eq(notifications.status, 'sent')))
      .limit(2);
    const delivered = await webhook(inboundStatus(sent!.providerMessageId!, 'delivered', '33612345678'));
    expect(delivered.json()).toMatchObject({ statuses: 1 });
    const [d] = await p.database.db.select().from(notifications).where(eq(notifications.id, sent!.id));
    expect(d!.deliveredAt).toBeInstanceOf(Date);
    await webhook(inboundStatus(sent!.providerMessageId!, 'failed', '33612345678'));
    const [f] = await p.database.db.select().from(notifications).where(eq(notifications.id, sent!.id));
    expect(f).toMatchObject({ status: 'bounced' });
    expect(f!.lastError).toContain('131026');
  });

  it('a citizen switches to SMS: the next message goes through the SMS gateway, signed, with its idempotency key', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    const changed = await fatima.request({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { channels: ['sms'], timeZone: 'Europe/Paris' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ channels: ['sms'], effectiveTimeZone: 'Europe/Paris' });
    const made = await fileCase(fatima, ['email'], 'Plainte suivie par SMS', 'fr');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    let v = 1;
    for (const [action, reason] of [
      ['acknowledge'],
      ['start'],
      ['request_info', 'Merci d’envoyer une copie de votre CIN.'],
    ]) {
      const res = await chief.post(`/api/cases/${made.id}/actions`, { action, version: v, reason });
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    }
    const [row] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'info_requested')));
    expect(row).toMatchObject({ channel: 'sms', toAddress: '+33612345678', timeZone: 'Europe/Paris' });

    // Crash between sending and recording: the gateway sees the same key twice and sends one SMS.
    const claimed = (
      await claimDue(
        p.database.db,
        { maxAttempts: 5, retryBaseMs: 10, retryMaxMs: 10, leaseMs: 100, quietHours: null },
        100,
      )
    ).find((n) => n.id === row!.id)!;
    const smsAdapter = worker.adapters.sms!;
    if (smsAdapter.kind !== 'external') throw new Error('the SMS adapter is an HTTP provider');
    await smsAdapter.send(claimed); // sent, then the worker dies before recording
    const [stuck] = await p.database.db.select().from(notifications).where(eq(notifications.id, row!.id));
    expect(stuck!.status).toBe('sending');
    await new Promise((r) => setTimeout(r, 150));
    await worker.tick();
    const requests = providers.gateway.requests.filter((r) => r.key === row!.id);
    expect(requests).toHaveLength(2);
    const sms = providers.gateway.delivered.filter((d) => d.key === row!.id);
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ to: '+33612345678' });
    expect(sms[0]!.text).toContain('Merci d’envoyer une copie de votre CIN.');
    const [done] = await p.database.db.select().from(notifications).where(eq(notifications.id, row!.id));
    expect(done).toMatchObject({ status: 'sent', providerMessageId: sms[0]!.id });

    // Choosing WhatsApp without a phone number is refused, in the person's language.
    const khadija = await signedIn(p.app, 'khadija@example.be', 'ar');
    await khadija.patch('/api/me/profile', { phone: null });
    const refused = await khadija.request({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      payload: { channels: ['whatsapp'] },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toBe(
      'أضف رقم هاتف إلى ملفك الشخصي قبل اختيار الرسائل القصيرة أو واتساب أو المكالمة الهاتفية.',
    );
  });

  it('holds SMS and WhatsApp during the quiet hours of the recipient’s time zone', async () => {
    const db = p.database.db;
    notifySettings.quietHours = parseQuietHours('21:00-08:00');
    try {
      // 23:30 in Paris (21:30 UTC in winter): the message waits until 08:00 Paris time.
      const late = new Date('2026-01-15T22:30:00Z');
      await db.transaction((tx) =>
        enqueue(
          tx,
          {
            idempotencyKey: 'quiet-test-1',
            event: 'receipt',
            channel: 'sms',
            language: 'fr',
            toAddress: '+33612345678',
            textBody: 'Message de nuit',
            timeZone: 'Europe/Paris',
          },
          late,
        ),
      );
      const [row] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.idempotencyKey, 'quiet-test-1'));
      expect(row!.nextAttemptAt.toISOString()).toBe('2026-01-16T07:00:00.000Z');
      // The same moment is daytime in Montreal: no wait there.
      await db.transaction((tx) =>
        enqueue(
          tx,
          {
            idempotencyKey: 'quiet-test-2',
            event: 'receipt',
            channel: 'whatsapp',
            language: 'fr',
            toAddress: '+15145550123',
            textBody: 'Message',
            timeZone: 'America/Toronto',
          },
          late,
        ),
      );
      const [day] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.idempotencyKey, 'quiet-test-2'));
      expect(day!.nextAttemptAt.toISOString()).toBe(late.toISOString());
      // E-mail is never held.
      await db.transaction((tx) =>
        enqueue(
          tx,
          {
            idempotencyKey: 'quiet-test-3',
            event: 'receipt',
            channel: 'email',
            language: 'fr',
            toAddress: 'x@example.fr',
            textBody: 'Message',
            timeZone: 'Europe/Paris',
          },
          late,
        ),
      );
      const [mail] = await db
        .select()
        .from(notifications)
        .where(eq(notifications.idempotencyKey, 'quiet-test-3'));
      expect(mail!.nextAttemptAt.toISOString()).toBe(late.toISOString());
    } finally {
      notifySettings.quietHours = null;
      await db.delete(notifications).where(sql`${notifications.idempotencyKey} like 'quiet-test-%'`);
    }
  });
});
