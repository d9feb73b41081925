import { and, eq, inArray, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { claimDue } from '../src/modules/notifications/delivery.js';
import { emailAdapter } from '../src/modules/notifications/providers.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentMillis } from '../src/shared/clock.js';
import { Client, signedIn, testDatabases, useIdsByCode, usePlatform, useWorker } from './support/platform.js';
import { actionBody } from './support/reply.js';
import { startSmtp } from './support/smtp.js';

describe.each(testDatabases())('notifications by e-mail on %s', (kind) => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const p = usePlatform(kind, async () => {
    smtp = await startSmtp({ reject: /^nobody@/ });
    return {
      env: {
        SMTP_URL: smtp.url,
        PUBLIC_URL: 'https://jisr.example.ma',
        NOTIFY_RETRY_BASE_SECONDS: '0.05',
        NOTIFY_RETRY_MAX_SECONDS: '0.4',
        NOTIFY_MAX_ATTEMPTS: '30',
        QUIET_HOURS: '',
        EMAIL_BOUNCE_SECRET: 'bounce-secret-0123456789',
      },
    };
  });
  afterAll(() => smtp?.close());
  const worker = useWorker(p);
  const { inst, cat } = useIdsByCode(p);

  const mailsTo = (addr: string) => smtp.received.filter((m) => JSON.stringify(m.to).includes(addr));

  const fileCase = async (citizen: Client, language: string, replyChannels: string[], subject: string) => {
    const res = await citizen.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['complaint-autre'],
      subject,
      description: 'Une description suffisamment longue pour la plainte.',
      replyChannels,
      language,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNumber: string };
  };

  it('a reply approved in the back office reaches the citizen by e-mail, in Arabic, right to left, with the tracking link', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const made = await fileCase(fatima, 'ar', ['email'], 'شكاية بخصوص تأخر الجواب');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const reply = 'تمت معالجة طلبك وسيصلك الجواب الكامل عبر البريد (نسختان).';
    let v = 1;
    for (const [who, action, reason] of [
      [reception, 'acknowledge'],
      [chief, 'start'],
      [chief, 'submit_reply', reply],
      [chief, 'approve_reply'],
    ] as const) {
      const res = await who.post(`/api/cases/${made.id}/actions`, actionBody(action, v, reason));
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    }
    // the worker sends a batch per round, and the demo's own messages wait in the outbox too
    const replyMail = () =>
      mailsTo('fatima@example.fr').find(
        (m) => m.subject?.includes('جواب على طلبك') && m.subject.includes(made.trackingNumber),
      );
    for (let round = 0; round < 10 && !replyMail(); round++) await worker.tick();
    const mail = replyMail();
    expect(mail, 'the reply e-mail arrived').toBeDefined();
    expect(mail!.subject).toBe(`جواب على طلبك ${made.trackingNumber}`);
    expect(mail!.text).toContain(reply);
    expect(mail!.text).toContain('مرحبا فاطمة الحسني');
    expect(mail!.text).toContain(`https://jisr.example.ma/track/${made.trackingNumber}`);
    expect(mail!.html).toContain('dir="rtl"');
    expect(mail!.html).toContain('lang="ar"');
    expect(mail!.html).toContain(`href="https://jisr.example.ma/track/${made.trackingNumber}"`);
    expect(mail!.html).toContain('تابع ملفك');
    expect(mail!.headers.get('content-language')).toBe('ar');
    // The receipt went out first, with the secret code, in the same language.
    const receipt = mailsTo('fatima@example.fr').find(
      (m) => m.subject === `تم استلام طلبك ${made.trackingNumber}`,
    );
    expect(receipt?.text).toMatch(/الرمز السري: [A-Z2-9]{5}-[A-Z2-9]{5}/);
    const rows = await p.database.db.select().from(notifications).where(eq(notifications.caseId, made.id));
    expect(rows.map((r) => `${r.event}:${r.channel}:${r.status}`).sort()).toEqual([
      'receipt:email:sent',
      'reply_sent:email:sent',
    ]);
    expect(mail!.messageId).toBe(`<${rows.find((r) => r.event === 'reply_sent')!.id}@jisr>`);
  });

  it('the same event handled twice writes one message (idempotency key)', async () => {
    const { notifyCaseEvent } = await import('../src/modules/notifications/notify.js');
    const [row] = await p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.event, 'reply_sent'));
    const { cases } = await import('../src/modules/cases/schema.js');
    const [c] = await p.database.db.select().from(cases).where(eq(cases.id, row!.caseId!));
    const before = await p.database.db.select().from(notifications).where(eq(notifications.caseId, c!.id));
    const ref = row!.idempotencyKey.split(':')[2]!;
    await p.database.db.transaction((tx) =>
      notifyCaseEvent(tx, { event: 'reply_sent', caseRow: c!, ref, reply: 'x' }),
    );
    const after = await p.database.db.select().from(notifications).where(eq(notifications.caseId, c!.id));
    expect(after).toHaveLength(before.length);
  });

  it('with SMTP stopped during a burst of 100 notifications, none is lost and none is sent twice', async () => {
    const youssef = await signedIn(p.app, 'youssef@example.es');
    const port = smtp.port;
    const received = smtp.received;
    await smtp.close(); // the mail server goes down
    const made: { id: string; trackingNumber: string }[] = [];
    for (let i = 0; i < 100; i++)
      made.push(await fileCase(youssef, 'fr', ['email'], `Plainte numéro ${i + 1}`));
    const burst = (
      await p.database.db
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          inArray(
            notifications.caseId,
            made.map((m) => m.id),
          ),
        )
    ).map((r) => r.id);
    expect(burst).toHaveLength(100);

    // The worker keeps trying while the server is down: every message fails, waits and is retried, until
    // each has failed at least twice (a loaded machine may need more passes; none is given up).
    const triedTwice = async () => {
      const rows = await p.database.db.select().from(notifications).where(inArray(notifications.id, burst));
      return rows.every((n) => n.attempts >= 2);
    };
    const downUntil = currentMillis() + 60_000;
    try {
      while (!(await triedTwice()) && currentMillis() < downUntil) {
        await worker.tick();
        await new Promise((r) => setTimeout(r, 100));
      }
    } catch (err) {
      smtp = await startSmtp({ port, reject: /^nobody@/, received });
      throw err;
    }
    const during = await p.database.db.select().from(notifications).where(inArray(notifications.id, burst));
    const waiting = during.filter((n) => n.status === 'pending' && n.attempts >= 2 && n.lastError).length;
    if (waiting !== burst.length) smtp = await startSmtp({ port, reject: /^nobody@/, received });
    expect(waiting).toBe(burst.length);
    const sentBefore = received.length;

    // The server comes back on the same address; the backlog drains.
    smtp = await startSmtp({ port, reject: /^nobody@/, received });
    const deadline = currentMillis() + 30_000;
    for (;;) {
      await worker.tick();
      const [left] = await p.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(inArray(notifications.id, burst), sql`${notifications.status} <> 'sent'`));
      if (left!.n === 0 || currentMillis() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await p.database.db.select().from(notifications).where(inArray(notifications.id, burst));
    const counts: Record<string, number> = {};
    for (const n of after) counts[n.status] = (counts[n.status] ?? 0) + 1;
    expect(counts).toEqual({ sent: burst.length });
    const arrived = received
      .slice(sentBefore)
      .filter((m) => JSON.stringify(m.to).includes('youssef@example.es'));
    const arrivedIds = arrived.map((m) => m.messageId);
    expect(new Set(arrivedIds).size).toBe(arrivedIds.length); // none twice
    for (const id of burst) expect(arrivedIds).toContain(`<${id}@jisr>`); // none lost
    for (const m of made)
      expect(arrived.some((a) => a.subject === `Votre demande ${m.trackingNumber} a bien été reçue`)).toBe(
        true,
      );
    console.log(
      `burst with SMTP down: ${burst.length} notifications, ${arrived.length} arrived, ${burst.length - new Set(arrivedIds).size} lost, max attempts ${Math.max(...after.map((n) => n.attempts))}`,
    );
  });

  it('a crash between sending and recording: the message is sent again with the same Message-ID, never lost', async () => {
    const anon = new Client(p.app, 'fr');
    await anon.post('/api/auth/password-reset/request', { email: 'youssef@example.es' });
    const transport = nodemailer.createTransport(smtp.url);
    const opts = { maxAttempts: 5, retryBaseMs: 10, retryMaxMs: 10, leaseMs: 200, quietHours: null };
    const claimed = (await claimDue(p.database.db, opts, 500)).filter((n) => n.event === 'reset');
    expect(claimed).toHaveLength(1);
    // The worker sends, then dies before recording.
    await emailAdapter(transport, 'Jisr <no-reply@jisr.test>').send(claimed[0]!);
    transport.close();
    const [stuck] = await p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, claimed[0]!.id));
    expect(stuck!.status).toBe('sending');
    await new Promise((r) => setTimeout(r, 250)); // the lease runs out
    await worker.tick();
    const [done] = await p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, claimed[0]!.id));
    expect(done!.status).toBe('sent');
    const copies = smtp.received.filter((m) => m.messageId === `<${claimed[0]!.id}@jisr>`);
    expect(copies).toHaveLength(2); // at least once; the shared Message-ID lets mail clients show one
  });

  it('records a bounce, shows it to the institution admin as a dead letter, and lets the admin retry', async () => {
    const db = p.database.db;
    // A staff member whose mailbox does not exist: the server answers 550.
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const created = await admin.post(`/api/institutions/${inst.AML}/staff`, {
      email: 'nobody@aml.demo',
      password: 'un mot de passe solide',
      displayName: 'Agent Fantôme',
      role: 'department_agent',
    });
    expect(created.statusCode).toBe(201);
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await fileCase(fatima, 'fr', ['email'], 'Plainte à assigner');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    await reception.post(`/api/cases/${made.id}/actions`, { action: 'acknowledge', version: 1 });
    const assigned = await reception.post(`/api/cases/${made.id}/assignment`, {
      version: 2,
      assigneeId: created.json().id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    await worker.tick();
    const [bounced] = await db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'assigned'), eq(notifications.toAddress, 'nobody@aml.demo')));
    expect(bounced).toMatchObject({ status: 'bounced', attempts: 1 });
    expect(bounced!.lastError).toMatch(/550|mailbox/);

    const list = await admin.get(`/api/institutions/${inst.AML}/notifications?status=bounced`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((n: { id: string }) => n.id)).toContain(bounced!.id);

    // Others may not see or retry it.
    const supervisor = await signedIn(p.app, 'chef@aml.demo');
    expect((await supervisor.get(`/api/institutions/${inst.AML}/notifications`)).statusCode).toBe(403);
    const otherAdmin = await signedIn(p.app, 'admin@aubm.demo', 'ar');
    const refused = await otherAdmin.post(`/api/institutions/${inst.AML}/notifications/${bounced!.id}/retry`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toBe('غير مسموح لك بالقيام بهذا الإجراء.');
    const { institutions } = await import('../src/modules/institutions/schema.js');
    const [aubm] = await db.select().from(institutions).where(eq(institutions.code, 'AUBM'));
    const wrongPlace = await otherAdmin.post(
      `/api/institutions/${aubm!.id}/notifications/${bounced!.id}/retry`,
    );
    expect(wrongPlace.statusCode).toBe(404);

    const retried = await admin.post(`/api/institutions/${inst.AML}/notifications/${bounced!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'notification.retry'), eq(auditLog.entityId, bounced!.id)));
    expect(audit).toMatchObject({ institutionId: inst.AML });
    const again = await admin.post(`/api/institutions/${inst.AML}/notifications/${bounced!.id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Seuls les messages en échec peuvent être renvoyés.');
  });

  it('records a bounce reported later by the mail server (RFC 3464), and refuses a report without the secret', async () => {
    const [sent] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.status, 'sent'), eq(notifications.channel, 'email')))
      .limit(1);
    const report = [
      'From: MAILER-DAEMON@mail.example.fr',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
      '',
      '--b',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mail.example.fr',
      '',
      `Final-Recipient: rfc822; ${sent!.toAddress}`,
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
      '',
      '--b',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${sent!.id}@jisr>`,
      '--b--',
    ].join('\r\n');
    const bad = await p.app.inject({
      method: 'POST',
      url: '/api/webhooks/email-bounces',
      headers: { 'content-type': 'message/rfc822', authorization: 'Bearer wrong' },
      payload: report,
    });
    expect(bad.statusCode).toBe(401);
    const ok = await p.app.inject({
      method: 'POST',
      url: '/api/webhooks/email-bounces',
      headers: { 'content-type': 'message/rfc822', authorization: 'Bearer bounce-secret-0123456789' },
      payload: report,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().bounced).toEqual([sent!.id]);
    const [row] = await p.database.db.select().from(notifications).where(eq(notifications.id, sent!.id));
    expect(row).toMatchObject({ status: 'bounced' });
    expect(row!.lastError).toContain('mailbox full');
  });

  it('shows every message in the development mailbox, Arabic right to left', async () => {
    await new Client(p.app, 'ar').post('/api/auth/password-reset/request', { email: 'fatima@example.fr' });
    const res = await p.app.inject({ method: 'GET', url: '/dev/mailbox' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<article lang="ar" dir="rtl"><h2>إعادة تعيين كلمة المرور على جسر</h2>');
    const api = (await p.app.inject({ method: 'GET', url: '/api/dev/mailbox' })).json();
    expect(api.items[0]).toMatchObject({ channel: 'email', to: 'fatima@example.fr', language: 'ar' });
  });
});
