import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays, fromWallClock, MOROCCO_TZ } from '../src/modules/appointments/tz.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { composeReply } from '../src/modules/cases/reply-parts.js';
import { cases } from '../src/modules/cases/schema.js';
import { callTasks, letters, notifications } from '../src/modules/notifications/schema.js';
import { notifyOverdue } from '../src/modules/notifications/service.js';
import { moroccanDate } from '../src/modules/workflow/calendar.js';
import { runDeadlineWatch } from '../src/modules/workflow/deadline-watch.js';
import { sendEscalationDigests } from '../src/modules/workflow/escalation-digest.js';
import { currentMillis, currentTime } from '../src/shared/clock.js';
import { pdfText, printedCodes } from './support/pdf.js';
import { Client, signedIn, testDatabases, useIdsByCode, usePlatform, useWorker } from './support/platform.js';
import { actionBody, storedReplyParts } from './support/reply.js';

describe.each(testDatabases())('letters, call tasks, templates and deadlines on %s', (kind) => {
  const p = usePlatform(kind, { env: { PUBLIC_URL: 'https://jisr.example.ma', QUIET_HOURS: '' } });
  // delivery only: the scheduled jobs (letter batch, overdue scan) are driven by the tests at chosen times
  const worker = useWorker(p, { scheduled: false });
  const { inst, cat: categories, dept: departments } = useIdsByCode(p, { departmentsOf: 'AML' });
  const cat = (code: string) => categories[code]!;
  const dept = (code: string) => departments[code]!;
  const file = async (
    citizen: Client,
    institution: string,
    replyChannels: string[],
    language: string,
    subject: string,
  ) => {
    const res = await citizen.post('/api/cases', {
      institutionId: inst[institution]!,
      categoryId: cat('complaint-autre'),
      subject,
      description: 'Une description suffisamment longue pour ce dossier.',
      replyChannels,
      language,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNumber: string };
  };
  const act = async (c: Client, caseId: string, steps: [string, string?][], from = 1) => {
    let v = from;
    for (const [action, reason] of steps) {
      const res = await c.post(`/api/cases/${caseId}/actions`, actionBody(action, v, reason));
      expect(res.statusCode, res.body).toBe(200);
      v = res.json().version;
    }
    return v;
  };

  it('a reply to a citizen who chose post becomes a letter: listed, printed in a daily batch with a cover list, marked posted', async () => {
    const youssef = await signedIn(p.app, 'youssef@example.es');
    const made = await file(youssef, 'AML', ['post'], 'ar', 'طلب نسخة من رسم الولادة');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const v = await act(reception, made.id, [['acknowledge']]);
    const routed = await reception.post(`/api/cases/${made.id}/assignment`, {
      version: v,
      departmentId: dept('civil-status'),
    });
    expect(routed.statusCode).toBe(200);
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const v2 = await act(
      agent,
      made.id,
      [['start'], ['submit_reply', 'تم إعداد نسختين من رسم الولادة (رقم 77/1978) وسترسلان إليك.']],
      v + 1,
    );
    await act(chief, made.id, [['approve_reply']], v2);
    await worker.tick();

    const rows = await p.database.db.select().from(letters).where(eq(letters.caseId, made.id));
    expect(rows.map((l) => l.event).sort()).toEqual(['receipt', 'reply_sent']);
    const reply = rows.find((l) => l.event === 'reply_sent')!;
    expect(reply).toMatchObject({
      status: 'queued',
      language: 'ar',
      recipientName: 'Youssef Amziane',
      reference: made.trackingNumber,
      address: { city: 'Madrid', postalCode: '28013', country: 'ES' },
    });
    expect(reply.body).toContain('تم إعداد نسختين من رسم الولادة');
    // The receipt was written before the case reached the department: only the mail room sees it.
    expect(rows.find((l) => l.event === 'receipt')!.departmentId).toBeNull();
    expect(reply.departmentId).toBe(dept('civil-status'));
    // Retrying delivery does not print twice.
    const [n] = await p.database.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, reply.notificationId));
    expect(n).toMatchObject({ status: 'sent', channel: 'post', providerMessageId: reply.id });

    const listed = await agent.get(`/api/institutions/${inst.AML}/letters?status=queued`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining([reply.id]));
    expect(listed.json().items.map((l: { id: string }) => l.id)).not.toContain(
      rows.find((l) => l.event === 'receipt')!.id,
    );
    const pdf = await agent.get(`/api/letters/${reply.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.rawPayload.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/); // A4
    expect(bytes).toMatch(/NotoNaskhArabic/); // the Arabic font is embedded
    const other = await signedIn(p.app, 'legalisation@aml.demo');
    expect((await other.get(`/api/letters/${reply.id}/pdf`)).statusCode).toBe(404);
    const aubmAdmin = await signedIn(p.app, 'admin@aubm.demo');
    expect((await aubmAdmin.get(`/api/institutions/${inst.AML}/letters`)).statusCode).toBe(403);
    expect((await agent.post(`/api/institutions/${inst.AML}/letter-batches`)).statusCode).toBe(403);

    const batch = await reception.post(`/api/institutions/${inst.AML}/letter-batches`);
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json().letterCount).toBeGreaterThanOrEqual(2);
    const empty = await reception.post(`/api/institutions/${inst.AML}/letter-batches`);
    expect(empty.statusCode).toBe(409);
    expect(empty.json().detail).toBe('Aucun courrier n’attend d’être imprimé.');
    for (const part of ['cover', 'letters']) {
      const res = await reception.get(`/api/letter-batches/${batch.json().id}/${part}.pdf`);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    // the posted reply letter carries the verification code of the letter the person downloads; a notice none
    const mine = await signedIn(p.app, 'youssef@example.es');
    const downloaded = printedCodes(
      await pdfText((await mine.get(`/api/cases/${made.id}/reply.pdf`)).rawPayload),
    );
    expect(downloaded).toHaveLength(1);
    const printed = await pdfText(
      (await reception.get(`/api/letter-batches/${batch.json().id}/letters.pdf`)).rawPayload,
    );
    expect(printedCodes(printed)).toEqual(downloaded);
    const single = await pdfText((await agent.get(`/api/letters/${reply.id}/pdf`)).rawPayload);
    expect(printedCodes(single)).toEqual(downloaded);
    const checked = await new Client(p.app).get(`/api/verify/${downloaded[0]}`);
    expect(checked.json()).toMatchObject({ kind: 'reply_letter', trackingNumber: made.trackingNumber });
    const posted = await reception.post(`/api/letter-batches/${batch.json().id}/posted`);
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json().posted).toBe(batch.json().letterCount);
    const [after] = await p.database.db.select().from(letters).where(eq(letters.id, reply.id));
    expect(after).toMatchObject({ status: 'posted', batchId: batch.json().id });
    const again = await agent.post(`/api/letters/${reply.id}/posted`);
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('Ce courrier est déjà marqué comme posté.');
    const audits = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.institutionId, inst.AML!), sql`${auditLog.action} like 'letter_batch.%'`));
    expect(audits.map((a) => a.action).sort()).toEqual(['letter_batch.create', 'letter_batch.posted']);
  });

  it('the daily job batches the letters queued before it, once a day', async () => {
    const { batchDueLetters } = await import('../src/modules/notifications/letters.js');
    const youssef = await signedIn(p.app, 'youssef@example.es');
    await file(youssef, 'AML', ['post'], 'fr', 'Demande par courrier');
    await worker.tick();
    // Tomorrow, so that the letters just queued are older than both moments whatever the hour the test runs.
    const morning = new Date(currentMillis() + 24 * 3600_000);
    morning.setUTCHours(8, 0, 0, 0); // 08:00 or 09:00 in Morocco: before the batch hour
    const evening = new Date(morning.getTime() + 8 * 3600_000);
    expect(await batchDueLetters(p.database.db, 15, morning)).toHaveLength(0);
    const made = await batchDueLetters(p.database.db, 15, evening);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ institutionId: inst.AML!, createdBy: null });
    await file(youssef, 'AML', ['post'], 'fr', 'Encore une demande');
    await worker.tick();
    expect(await batchDueLetters(p.database.db, 15, evening)).toHaveLength(0); // one automatic batch a day
  });

  it('a citizen who chose phone gets a call task for the owning department; the agent records the outcome', async () => {
    const khadija = await signedIn(p.app, 'khadija@example.be');
    const made = await file(khadija, 'AUBM', ['phone'], 'fr', 'Note de renseignements, merci de m’appeler');
    await worker.tick();
    const agent = await signedIn(p.app, 'guichet@aubm.demo', 'fr');
    const list = await agent.get(`/api/institutions/${inst.AUBM}/call-tasks`);
    expect(list.statusCode).toBe(200);
    const task = list.json().items.find((t: { caseId: string }) => t.caseId === made.id);
    expect(task).toMatchObject({ phone: '+32471234567', status: 'open', event: 'receipt', language: 'fr' });
    expect(task.script).toContain(made.trackingNumber);

    const amlAgent = await signedIn(p.app, 'etatcivil@aml.demo');
    expect((await amlAgent.get(`/api/institutions/${inst.AUBM}/call-tasks`)).statusCode).toBe(403);
    expect(
      (await amlAgent.post(`/api/call-tasks/${task.id}/outcome`, { outcome: 'reached' })).statusCode,
    ).toBe(404);

    const past = await agent.post(`/api/call-tasks/${task.id}/outcome`, {
      outcome: 'call_back',
      callBackAt: new Date(currentMillis() - 60_000).toISOString(),
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().detail).toBe('Indiquez l’heure du rappel, dans le futur.');
    const later = new Date(currentMillis() + 2 * 3600_000).toISOString();
    const callBack = await agent.post(`/api/call-tasks/${task.id}/outcome`, {
      outcome: 'call_back',
      callBackAt: later,
      note: 'Rappeler après 18 h',
    });
    expect(callBack.statusCode, callBack.body).toBe(200);
    expect(callBack.json()).toMatchObject({ status: 'open', lastOutcome: 'call_back', attempts: 1 });
    expect(new Date(callBack.json().callAt).toISOString()).toBe(later);
    const noAnswer = await agent.post(`/api/call-tasks/${task.id}/outcome`, { outcome: 'no_answer' });
    expect(noAnswer.json()).toMatchObject({ status: 'open', attempts: 2 });
    const reached = await agent.post(`/api/call-tasks/${task.id}/outcome`, {
      outcome: 'reached',
      note: 'Informée.',
    });
    expect(reached.json()).toMatchObject({ status: 'done', lastOutcome: 'reached', attempts: 3 });
    const closed = await agent.post(`/api/call-tasks/${task.id}/outcome`, { outcome: 'reached' });
    expect(closed.statusCode).toBe(409);
    const detail = (await agent.get(`/api/call-tasks/${task.id}`)).json();
    expect(detail.attemptsLog.map((a: { outcome: string }) => a.outcome)).toEqual([
      'call_back',
      'no_answer',
      'reached',
    ]);
    const audits = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'call_task.outcome'), eq(auditLog.entityId, task.id)));
    expect(audits).toHaveLength(3);
  });

  it('call tasks of a routed case belong to its department', async () => {
    const khadija = await signedIn(p.app, 'khadija@example.be');
    const made = await file(khadija, 'AML', ['phone'], 'fr', 'Merci de me rappeler pour mon acte');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const v = await act(reception, made.id, [['acknowledge']]);
    await reception.post(`/api/cases/${made.id}/assignment`, {
      version: v,
      departmentId: dept('civil-status'),
    });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    await act(chief, made.id, [['start'], ['request_info', 'Quel est le numéro de l’acte ?']], v + 1);
    await worker.tick();
    const [task] = await p.database.db
      .select()
      .from(callTasks)
      .where(and(eq(callTasks.caseId, made.id), eq(callTasks.event, 'info_requested')));
    expect(task).toMatchObject({ departmentId: dept('civil-status') });
    expect(task!.script).toContain('Quel est le numéro de l’acte ?');
    const own = await signedIn(p.app, 'etatcivil@aml.demo');
    const other = await signedIn(p.app, 'legalisation@aml.demo');
    const ids = async (c: Client) =>
      (await c.get(`/api/institutions/${inst.AML}/call-tasks`)).json().items.map((t: { id: string }) => t.id);
    expect(await ids(own)).toContain(task!.id);
    expect(await ids(other)).not.toContain(task!.id);
  });

  it('an admin rewrites a template, previews it, and the next message uses it; others may not', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo', 'fr');
    const base = `/api/institutions/${inst.AML}/notification-templates`;
    const list = await admin.get(`${base}?event=reply_sent&language=fr`);
    expect(list.statusCode).toBe(200);
    const email = list.json().items.find((t: { channel: string }) => t.channel === 'email');
    expect(email).toMatchObject({ custom: false, subject: 'Réponse à votre demande {tracking}' });
    expect(email.placeholders).toContain('reply');

    const put = (channel: string, body: Record<string, string>, c = admin) =>
      c.request({ method: 'PUT', url: `${base}/reply_sent/${channel}/fr`, payload: body });
    const unknown = await put('email', { subject: 'Réponse {tracking}', body: 'Bonjour {prenom}, {reply}' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().detail).toContain('Ce texte utilise {prenom}, que ce message ne sait pas remplir.');
    const smsSubject = await put('sms', { subject: 'Objet', body: '{reply}' });
    expect(smsSubject.statusCode).toBe(422);
    expect(smsSubject.json().detail).toBe('Seuls les e-mails et les courriers ont un objet.');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    expect((await put('email', { body: '{reply}' }, chief)).statusCode).toBe(403);
    const aubmAdmin = await signedIn(p.app, 'admin@aubm.demo');
    expect((await put('email', { body: '{reply}' }, aubmAdmin)).statusCode).toBe(403);

    const saved = await put('email', {
      subject: '[Commune] Réponse au dossier {tracking}',
      body: 'Madame, Monsieur {name},\n\nVoici notre réponse :\n{reply}\n\nSuivi : {url}',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ custom: true });
    const preview = await admin.post(`${base}/preview`, {
      event: 'reply_sent',
      channel: 'email',
      language: 'fr',
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().subject).toBe('[Commune] Réponse au dossier AML-2026-000123');
    expect(preview.json().text).toContain('Madame, Monsieur Fatima El Hassani');
    expect(preview.json().html).toContain('dir="ltr"');
    const draft = await admin.post(`${base}/preview`, {
      event: 'reply_sent',
      channel: 'sms',
      language: 'ar',
      body: 'ملفك {tracking}: {reply}',
    });
    expect(draft.json()).toMatchObject({ subject: null, smsSegments: 1 });
    expect(draft.json().text).toBe('ملفك AML-2026-000123: تم إعداد الوثيقة وسترسل إليك عبر البريد.');

    const youssef = await signedIn(p.app, 'youssef@example.es');
    const made = await file(youssef, 'AML', ['email'], 'fr', 'Réponse avec modèle');
    await act(chief, made.id, [
      ['acknowledge'],
      ['start'],
      ['submit_reply', 'Votre acte est prêt.'],
      ['approve_reply'],
    ]);
    const [n] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'reply_sent')));
    expect(n!.subject).toBe(`[Commune] Réponse au dossier ${made.trackingNumber}`);
    expect(n!.textBody).toBe(
      `Madame, Monsieur Youssef Amziane,\n\nVoici notre réponse :\n${composeReply(storedReplyParts('Votre acte est prêt.'), 'fr')}\n\nSuivi : https://jisr.example.ma/track/${made.trackingNumber}`,
    );

    const reset = await admin.request({ method: 'DELETE', url: `${base}/reply_sent/email/fr` });
    expect(reset.statusCode).toBe(204);
    expect((await admin.request({ method: 'DELETE', url: `${base}/reply_sent/email/fr` })).statusCode).toBe(
      404,
    );
    const back = (await admin.get(`${base}?event=reply_sent&language=fr`))
      .json()
      .items.find((t: { channel: string }) => t.channel === 'email');
    expect(back.custom).toBe(false);
    const audits = await p.database.db
      .select()
      .from(auditLog)
      .where(sql`${auditLog.action} like 'notification_template.%'`);
    expect(audits.map((a) => a.action).sort()).toEqual([
      'notification_template.reset',
      'notification_template.save',
    ]);
  });

  it('tells the author when a draft is returned, and the assignee when a case is assigned', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima, 'AML', ['email'], 'fr', 'Dossier pour projet de réponse');
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const v = await act(chief, made.id, [['acknowledge'], ['start']]);
    const v2 = await act(agent, made.id, [['submit_reply', 'Projet de réponse.']], v);
    await act(chief, made.id, [['return_reply', 'Citez l’article de loi applicable.']], v2);
    const [returned] = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'returned')));
    expect(returned).toMatchObject({ toAddress: 'etatcivil@aml.demo', language: 'fr', channel: 'email' });
    expect(returned!.textBody).toContain('Citez l’article de loi applicable.');
    expect(returned!.textBody).toContain(`https://jisr.example.ma/cases/${made.id}`);
  });

  it('a case past its deadline tells the citizen once; the supervisors hear it from the deadline watch', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima, 'AML', ['email'], 'ar', 'ملف متأخر');
    const due = new Date(currentMillis() - 3600_000);
    await p.database.db.update(cases).set({ dueAt: due }).where(eq(cases.id, made.id));
    const since = new Date(currentMillis() - 86_400_000);
    expect(
      await notifyOverdue(p.database.db, since, currentTime(), 'https://jisr.example.ma'),
    ).toBeGreaterThanOrEqual(1);
    await notifyOverdue(p.database.db, since, currentTime(), 'https://jisr.example.ma');
    const rows = await p.database.db.select().from(notifications).where(eq(notifications.caseId, made.id));
    const late = rows.filter((r) => r.event === 'deadline_passed');
    expect(late).toHaveLength(1);
    expect(late[0]!.subject).toBe(`تأخر الجواب على ملفك ${made.trackingNumber}`);
    // nobody holds the case: no 'overdue' notice to a holder; the escalation goes to the supervisors
    expect(rows.filter((r) => r.event === 'overdue')).toEqual([]);
    await runDeadlineWatch(p.database.db, currentTime(), 'https://jisr.example.ma');
    // the supervisors read it in the next morning's digest
    const morning = fromWallClock(addDays(moroccanDate(currentTime()), 1), 9 * 60, MOROCCO_TZ);
    await sendEscalationDigests(p.database.db, morning, 'https://jisr.example.ma');
    const escalations = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'escalation_digest'), eq(notifications.toAddress, 'chef@aml.demo')));
    expect(escalations.some((e) => e.textBody.includes(made.trackingNumber))).toBe(true);
  });
});
