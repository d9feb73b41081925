import { and, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { isWorkingDay, moroccanDate, workingDaysBetween } from '../src/modules/workflow/calendar.js';
import { currentTime } from '../src/shared/clock.js';
import { deliverEmails } from './support/outbox.js';
import { type Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';
import { actionBody } from './support/reply.js';
import { startSmtp } from './support/smtp.js';

describe.each(testDatabases())('cases through the API on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat, dept: departments } = useIdsByCode(p, { departmentsOf: 'AML' });
  const dept = (code: string) => departments[code]!;

  const file = async (citizen: Client, subject = 'Retard de traitement de mon dossier') => {
    const res = await citizen.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['doc-etat-civil-copie-integrale-acte-naissance'],
      subject,
      description: 'Je vis à Lyon et j’ai besoin d’une copie intégrale pour mon mariage.',
      fields: { person_name: 'Fatima El Hassani', record_number: '77/1978', record_year: 1978, copies: 2 },
      replyChannels: ['email', 'post'],
      language: 'fr',
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  };

  it('files a document request, gives a tracking number and code, and e-mails the receipt in the case language', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima);
    expect(made.trackingNumber).toMatch(/^AML-\d{4}-\d{6}$/);
    expect(made.accessCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // civil status: 5 Moroccan working days
    expect(workingDaysBetween(currentTime(), new Date(made.dueAt))).toBe(
      5 - 1 + (isWorkingDay(moroccanDate(currentTime())) ? 1 : 0),
    );
    const mails = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, 'receipt'), eq(notifications.toAddress, 'fatima@example.fr')));
    const mail = mails.find((m) => m.textBody.includes(made.trackingNumber));
    expect(mail!.subject).toBe(`Votre demande ${made.trackingNumber} a bien été reçue`);
    expect(mail!.textBody).toContain('Commune d’Aït Melloul');
    // the secret code is not kept in clear in the outbox: it goes out with the message, and only there
    const stored = JSON.stringify(mails);
    expect(stored).not.toContain(made.accessCode);
    expect(stored.replace(/[^A-Z2-9]/g, '')).not.toContain(made.accessCode.replace('-', ''));
    const smtp = await startSmtp();
    try {
      const transport = nodemailer.createTransport(smtp.url);
      await deliverEmails(p.database.db, transport);
      transport.close();
      const received = smtp.received.find((m) => m.subject?.includes(made.trackingNumber));
      expect(received!.text).toContain(made.accessCode);
      expect(received!.html).toContain(made.accessCode);
    } finally {
      await smtp.close();
    }
    const [sent] = await p.database.db.select().from(notifications).where(eq(notifications.id, mail!.id));
    expect(sent).toMatchObject({ status: 'sent', sealedSecrets: null });
    expect(JSON.stringify(sent)).not.toContain(made.accessCode);
    // staff reading the case's messages see that a code was sent, not the code
    const clerk = await signedIn(p.app, 'etatcivil@aml.demo');
    const seen = await clerk.get(`/api/cases/${made.id}/notifications`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain(made.accessCode);
    const receipt = seen
      .json()
      .items.find((n: { event: string; channel: string }) => n.event === 'receipt' && n.channel === 'email');
    expect(receipt.text).toContain('[code secret envoyé]');

    const view = (await fatima.get(`/api/cases/${made.id}`)).json();
    expect(view).toMatchObject({
      state: 'submitted',
      kind: 'document_request',
      trackingNumber: made.trackingNumber,
      assigneeId: null,
    });
    expect(view.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    expect(view.availableActions).toEqual(['withdraw']);
  });

  it('lets staff work the case; the citizen sees public steps only; staff reads are audited', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima, 'Copie intégrale pour mariage');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const act = async (c: Client, action: string, version: number, reason?: string) => {
      const res = await c.post(`/api/cases/${made.id}/actions`, actionBody(action, version, reason));
      expect(res.statusCode, res.body).toBe(200);
      return res.json().version as number;
    };
    let v = await act(reception, 'acknowledge', 1);
    const routed = await reception.post(`/api/cases/${made.id}/assignment`, {
      version: v,
      departmentId: dept('civil-status'),
    });
    expect(routed.statusCode).toBe(200);
    v = routed.json().version;
    const taken = await agent.post(`/api/cases/${made.id}/assignment`, {
      version: v,
      assigneeId: (await agent.get('/api/auth/session')).json().account.id,
    });
    expect(taken.statusCode, taken.body).toBe(200);
    v = taken.json().version;
    v = await act(agent, 'start', v);
    v = await act(agent, 'submit_reply', v, 'Projet: votre copie est prête.');
    v = await act(chief, 'return_reply', v, 'Précisez le mode d’envoi.');
    v = await act(agent, 'submit_reply', v, 'Projet corrigé: envoi par courrier recommandé.');
    v = await act(chief, 'approve_reply', v);

    const staffView = (await agent.get(`/api/cases/${made.id}`)).json();
    expect(staffView.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'acknowledged',
      'assigned',
      'assigned',
      'started',
      'reply_drafted',
      'reply_returned',
      'reply_drafted',
      'reply_approved',
    ]);
    const citizenView = (await fatima.get(`/api/cases/${made.id}`)).json();
    expect(citizenView.state).toBe('answered');
    expect(citizenView.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'acknowledged',
      'assigned',
      'assigned',
      'started',
      'reply_approved',
    ]);
    expect(JSON.stringify(citizenView)).not.toContain('Précisez le mode');
    expect(citizenView.availableActions).toEqual(['reopen']);

    const views = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, made.id), eq(auditLog.action, 'case.view')));
    expect(views).toHaveLength(1);
  });

  it('shows the second of two staff a clear conflict in their language, and keeps the first change', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima);
    const a = await signedIn(p.app, 'accueil@aml.demo', 'fr');
    const b = await signedIn(p.app, 'etatcivil@aml.demo', 'ar');
    expect(
      (await a.post(`/api/cases/${made.id}/actions`, { action: 'acknowledge', version: 1 })).statusCode,
    ).toBe(200);
    const second = await b.post(`/api/cases/${made.id}/actions`, {
      action: 'reject',
      version: 1,
      reason: 'غير مختص',
    });
    expect(second.statusCode).toBe(409);
    expect(second.headers['content-type']).toContain('application/problem+json');
    expect(second.json().detail).toBe(
      'قام شخص آخر بتعديل هذا الملف أثناء عملك عليه. أعد تحميله للاطلاع على التعديل؛ لم يتم مسح أي شيء.',
    );
    expect((await fatima.get(`/api/cases/${made.id}`)).json().state).toBe('acknowledged');
  });

  it('refuses an illegal step with the reason, in the citizen’s language', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const made = await file(fatima);
    const res = await fatima.post(`/api/cases/${made.id}/actions`, {
      action: 'reopen',
      version: 1,
      reason: 'لماذا',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toBe('هذا الإجراء غير ممكن ما دام الملف في حالة «submitted».');
  });

  it('pages through a long list with a cursor, newest first, without repeats', async () => {
    const youssef = await signedIn(p.app, 'youssef@example.es');
    for (let i = 0; i < 5; i++) await file(youssef, `Demande numéro ${i}`);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/cases?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await youssef.get(url)).json();
      seen.push(...page.items.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await youssef.get('/api/cases?limit=100')).json().items.map((c: { id: string }) => c.id);
    expect(seen).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 3));
  });

  it('only routes to departments and people of the same institution', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await file(fatima);
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const outsider = (await (await signedIn(p.app, 'guichet@aubm.demo')).get('/api/auth/session')).json()
      .account.id;
    const res = await chief.post(`/api/cases/${made.id}/assignment`, { version: 1, assigneeId: outsider });
    expect(res.statusCode).toBe(422);
    expect((await fatima.get(`/api/cases/${made.id}`)).json().version).toBe(1);
  });
});
