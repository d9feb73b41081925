/**
 * A way up for the citizen: an overdue case taken to the body's supervisors, then (unanswered after ten
 * working days) to the territory's overseers, then the referral file for the Mediator of the Kingdom, as a
 * JSON and a PDF anyone can verify. Every step once, on the timeline, audited, and told to the people of it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { cases } from '../src/modules/cases/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { addWorkingDays } from '../src/modules/workflow/calendar.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { pdfText } from './support/pdf.js';
import { type Client, fileComplaintAtAml, signedIn, testDatabases, usePlatform } from './support/platform.js';

type Ladder = {
  steps: { level: number; grounds: string; at: string; statement: string | null }[];
  next: { level: number; grounds: string[]; availableFrom: string; open: boolean } | null;
  referralReady: boolean;
};

describe.each(testDatabases())('the citizen’s way up on %s', (kind) => {
  const p = usePlatform(kind, { env: { PUBLIC_URL: 'https://jisr.example.ma' } });
  const clock = fixedClock('2026-03-02T10:00:00+01:00');
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = setPlatformClock(clock);
  });
  afterAll(() => restore());

  // sessions of the current instant: the clock jumps weeks ahead, past any session's life, so a jump
  // forgets them and each person signs in again once
  let sessions = new Map<string, Promise<Client>>();
  const setClock = (at: Date | string) => {
    clock.set(at);
    sessions = new Map();
  };
  const as = (email: string) => {
    if (!sessions.has(email)) sessions.set(email, signedIn(p.app, email));
    return sessions.get(email)!;
  };
  const ladder = async (email: string, id: string) => {
    const res = await (await as(email)).get(`/api/cases/${id}/escalations`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Ladder;
  };
  /** Takes the step the person's page shows (`next.level`), or the one given. */
  const escalate = async (email: string, id: string, grounds: string, statement: string, level?: number) => {
    const shown =
      level ?? (await (await as(email)).get(`/api/cases/${id}/escalations`)).json().next?.level ?? 3;
    return (await as(email)).post(`/api/cases/${id}/escalations`, { level: shown, grounds, statement });
  };
  /** Who was e-mailed of the case's escalations. */
  const told = async (caseId: string) => {
    const rows = await p.database.db
      .select({ email: accounts.email })
      .from(notifications)
      .innerJoin(accounts, eq(accounts.id, notifications.recipientId))
      .where(
        and(
          eq(notifications.caseId, caseId),
          eq(notifications.event, 'citizen_escalated'),
          eq(notifications.channel, 'email'),
        ),
      );
    return rows.map((r) => r.email).sort();
  };

  it('takes an overdue case up to the supervisors, the overseers and the referral file, each step once', async () => {
    setClock('2026-03-02T10:00:00+01:00');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const filed = await fileComplaintAtAml(fatima, {
      subject: 'Route coupée depuis l’hiver',
      description: 'La piste qui mène au douar est coupée depuis les pluies de l’hiver dernier.',
    });
    const id = filed.id;

    // within its time, the body owes nothing yet: nothing to escalate
    const early = await ladder('fatima@example.fr', id);
    expect(early.next).toMatchObject({ level: 1, grounds: [], open: false });
    const refused = await escalate(
      'fatima@example.fr',
      id,
      'overdue',
      'Personne ne m’a répondu depuis des semaines.',
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/escalation-no-grounds$/);

    // a day after the due date
    const [row] = await p.database.db.select().from(cases).where(eq(cases.id, id));
    setClock(new Date(row!.dueAt.getTime() + 86_400_000));
    expect((await ladder('fatima@example.fr', id)).next).toMatchObject({
      level: 1,
      grounds: ['overdue'],
      open: true,
    });

    // only the person: not another citizen (who cannot even see the case), not the staff
    expect(
      (await escalate('youssef@example.es', id, 'overdue', 'Je veux aussi faire remonter ce dossier.'))
        .statusCode,
    ).toBe(404);
    expect(
      (await escalate('chef@aml.demo', id, 'overdue', 'Un agent ne peut pas faire remonter.')).statusCode,
    ).toBe(403);
    // grounds that do not hold, and words that say nothing, are refused and record nothing
    const contest = await escalate(
      'fatima@example.fr',
      id,
      'contest',
      'Je conteste une réponse que je n’ai pas reçue.',
    );
    expect(contest.statusCode).toBe(422);
    expect(contest.json().detail).toMatch(/motif/);
    expect((await escalate('fatima@example.fr', id, 'overdue', '!!!')).json().type).toMatch(/validation$/);
    expect((await ladder('fatima@example.fr', id)).steps).toEqual([]);

    // step 1: the body's supervisors
    const first = await escalate(
      'fatima@example.fr',
      id,
      'overdue',
      'Le délai est passé et personne ne m’a répondu.',
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ level: 1, grounds: 'overdue', told: 1 });
    expect(await told(id)).toEqual(['chef@aml.demo']);
    const level1At = new Date(first.json().at);

    // on the timeline, in the person's words, for the person and the staff
    const staffView = (await (await as('chef@aml.demo')).get(`/api/cases/${id}`)).json();
    const event = staffView.timeline.find((e: { type: string }) => e.type === 'citizen_escalated');
    expect(event).toMatchObject({
      reason: 'Le délai est passé et personne ne m’a répondu.',
      visibility: 'public',
    });
    const audits = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'case.citizen_escalation')));
    expect(audits.map((a) => a.data)).toEqual([{ level: 1, grounds: 'overdue' }]);

    // a second click on the same step records nothing; the next step waits ten working days
    const doubled = await escalate('fatima@example.fr', id, 'overdue', 'Le délai est passé, je relance.', 1);
    expect(doubled.json().type).toMatch(/escalation-already-made$/);
    const again = await escalate('fatima@example.fr', id, 'overdue', 'Je relance, toujours pas de réponse.');
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toMatch(/escalation-too-early$/);
    expect(again.json().availableFrom).toBe(addWorkingDays(level1At, 10).toISOString());
    expect((await (await as('fatima@example.fr')).get(`/api/cases/${id}/referral.json`)).statusCode).toBe(
      409,
    );

    // the body writes to the person five working days later: the wait starts again from its words
    setClock(addWorkingDays(level1At, 5));
    const message = await (await as('chef@aml.demo')).post(`/api/cases/${id}/messages`, {
      text: 'Nous examinons votre dossier.',
    });
    expect(message.statusCode, message.body).toBeLessThan(300);
    const answeredAt = clock.now();
    setClock(addWorkingDays(level1At, 10));
    expect((await ladder('fatima@example.fr', id)).next).toMatchObject({ level: 2, open: false });
    expect((await ladder('fatima@example.fr', id)).next!.availableFrom).toBe(
      addWorkingDays(answeredAt, 10).toISOString(),
    );

    // step 2: the territory's overseers (the province and the region of the commune)
    setClock(addWorkingDays(answeredAt, 10));
    const second = await escalate(
      'fatima@example.fr',
      id,
      'overdue',
      'Toujours rien malgré la promesse de la commune.',
    );
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ level: 2, told: 2 });
    expect(await told(id)).toEqual(['chef@aml.demo', 'province@piam.demo', 'region@souss.demo']);
    const seenByOverseer = await ladder('province@piam.demo', id);
    expect(seenByOverseer.steps.map((s) => s.level)).toEqual([1, 2]);
    expect(seenByOverseer.next).toBeNull();
    // the overseer's list of escalated files holds it, at its step; another body's supervisor's does not
    const escalatedList = await (await as('province@piam.demo')).get('/api/stalled?only=escalated&limit=200');
    expect(escalatedList.statusCode, escalatedList.body).toBe(200);
    const listed = escalatedList.json().items.find((c: { id: string }) => c.id === id);
    expect(listed).toMatchObject({ escalationLevel: 2, trackingNumber: filed.trackingNumber });
    const elsewhere = await (await as('chef@aubm.demo')).get('/api/stalled?only=escalated&limit=200');
    expect(elsewhere.json().items.map((c: { id: string }) => c.id)).not.toContain(id);

    // step 3: the referral file, at once: the person has been through every recourse of the administration
    const third = await escalate('fatima@example.fr', id, 'overdue', 'Je saisis le Médiateur du Royaume.');
    expect(third.statusCode, third.body).toBe(201);
    expect(third.json()).toMatchObject({ level: 3, told: 0 });
    const top = await ladder('fatima@example.fr', id);
    expect(top).toMatchObject({ next: null, referralReady: true });
    const atTop = await escalate('fatima@example.fr', id, 'overdue', 'Encore une fois, plus haut.');
    expect(atTop.json().type).toMatch(/escalation-at-top$/);

    const json = await (await as('fatima@example.fr')).get(`/api/cases/${id}/referral.json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-disposition']).toContain(`${filed.trackingNumber}-referral.json`);
    const referral = json.json();
    expect(referral.case).toMatchObject({
      trackingNumber: filed.trackingNumber,
      subject: 'Route coupée depuis l’hiver',
      institution: { code: 'AML' },
    });
    expect(referral.escalations.map((s: { level: number }) => s.level)).toEqual([1, 2, 3]);
    expect(referral.history.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['submitted', 'message', 'citizen_escalated']),
    );
    expect(referral.addressedTo.map((a: { url: string }) => a.url)).toContain('https://www.mediateur.ma');
    expect(referral.requester.name).toBeTruthy();
    // the staff's own notes are not part of it
    expect(JSON.stringify(referral)).not.toContain('visibility');

    const pdf = await (await as('fatima@example.fr')).get(`/api/cases/${id}/referral.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(pdf.rawPayload);
    expect(text).toContain(filed.trackingNumber);
    expect(text).toContain('Dossier de saisine');
    expect(text).toContain('ملف الإحالة');
    expect(text).toContain('www.mediateur.ma');
    expect(text).toContain('Je saisis le Médiateur du Royaume.');
    const code = /Code de vérification : ([0-9A-Z]{3}-[0-9A-Z]{4}-[0-9A-Z]{3})/.exec(text)?.[1];
    expect(code).toBeTruthy();
    const verified = await (await as('fatima@example.fr')).get(`/api/verify/${code}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ kind: 'referral', trackingNumber: filed.trackingNumber });

    // nobody else gets the person's file
    expect((await (await as('youssef@example.es')).get(`/api/cases/${id}/referral.pdf`)).statusCode).toBe(
      404,
    );
    expect((await (await as('youssef@example.es')).get(`/api/cases/${id}/escalations`)).statusCode).toBe(404);
  });

  it('lets the person contest an answer, and only then', async () => {
    setClock('2026-09-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const { id } = await fileComplaintAtAml(fatima, {
      subject: 'Éclairage public éteint',
      description: 'Les lampadaires de la rue principale sont éteints depuis deux mois.',
    });
    // the body answered (the reasoned reply is tested on its own): the person may dispute it
    await p.database.db
      .update(cases)
      .set({ state: 'answered', closedAt: clock.now() })
      .where(eq(cases.id, id));
    const overdue = await escalate(
      'fatima@example.fr',
      id,
      'overdue',
      'Le délai est passé, je fais remonter.',
    );
    expect(overdue.statusCode).toBe(422);
    const contested = await escalate(
      'fatima@example.fr',
      id,
      'contest',
      'La réponse ne traite pas de ma rue.',
    );
    expect(contested.statusCode, contested.body).toBe(201);
    expect(contested.json()).toMatchObject({ level: 1, grounds: 'contest' });
    // the two tabs of one person sending the same step at once: recorded once
    setClock(addWorkingDays(clock.now(), 10));
    const both = await Promise.all([
      escalate('fatima@example.fr', id, 'contest', 'Je conteste toujours la réponse.', 2),
      escalate('fatima@example.fr', id, 'contest', 'Je conteste toujours la réponse.', 2),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, id), inArray(notifications.event, ['citizen_escalated'])));
    // the supervisor once, the two overseers once
    expect(new Set(rows.filter((r) => r.channel === 'email').map((r) => r.recipientId)).size).toBe(3);
  });
});
