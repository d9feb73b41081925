import { and, eq, like } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../src/modules/accounts/actor.js';
import { accounts } from '../src/modules/accounts/schema.js';
import { actorOf } from '../src/modules/accounts/service.js';
import { bookAppointment } from '../src/modules/appointments/bookings.js';
import type { Ctx } from '../src/modules/appointments/context.js';
import {
  callNext,
  checkIn,
  finishTicket,
  queueState,
  ticketNoShow,
  visitorLog,
  waitingRoomScreen,
} from '../src/modules/appointments/desk.js';
import { eventDayList } from '../src/modules/appointments/events.js';
import { listSlots } from '../src/modules/appointments/free-times.js';
import { markNoShows, sendDueReminders } from '../src/modules/appointments/jobs.js';
import { appointments } from '../src/modules/appointments/schema.js';
import { fromWallClock, MOROCCO_TZ } from '../src/modules/appointments/tz.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { currentTime } from '../src/shared/clock.js';
import { aubmServices, mailsTo, makeCitizens, parseIcs } from './support/appointments.js';
import { deliverEmails } from './support/outbox.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';
import { startSmtp } from './support/smtp.js';

const HOUR = 3_600_000;
/** A Tuesday of Ramadan 2027: Morocco is on UTC+0 that day. */
const D = '2027-02-16';
const at = (hhmm: string, date = D) => {
  const [h, m] = hhmm.split(':').map(Number);
  return fromWallClock(date, h! * 60 + m!, MOROCCO_TZ);
};

describe.each(testDatabases())('open days, the desk queue, reminders and figures on %s', (kind) => {
  const p = usePlatform(kind);
  let aubm: string;
  let services: Record<string, string>;
  beforeAll(async () => {
    ({ aubm, services } = await aubmServices(p.app));
  });

  const actorByEmail = async (email: string): Promise<Actor> => {
    const [a] = await p.database.db.select().from(accounts).where(eq(accounts.email, email));
    return actorOf(p.database.db, a!);
  };
  const ctx = async (who: string | Actor, now: Date): Promise<Ctx> => ({
    db: p.database.db,
    actor: typeof who === 'string' ? await actorByEmail(who) : who,
    requestId: `test-${kind}`,
    secret: p.config.secret,
    publicUrl: p.config.publicUrl,
    organizerEmail: 'no-reply@jisr.local',
    now: () => now,
  });
  const jobs = { secret: 'test-secret-0123456789', publicUrl: 'http://jisr.test' };
  const citizenActor = async (prefix: string) => {
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `${prefix}-${kind}` });
    return { client: c!, actor: await actorByEmail(c!.email) };
  };
  const book = async (who: Actor, startsAt: Date, now: Date, over: Record<string, unknown> = {}) =>
    bookAppointment(await ctx(who, now), {
      serviceId: services['guichet-mre']!,
      startsAt,
      mode: 'in_person',
      timeZone: 'Europe/Paris',
      language: 'fr',
      ...over,
    });

  it('books a Ramadan morning at the right instant, shown in Paris an hour later', async () => {
    const { actor, client } = await citizenActor('ramadan');
    const a = await book(actor, at('10:10'), at('10:00', '2027-02-13'));
    expect(a.startsAt).toBe('2027-02-16T10:10:00.000Z'); // UTC+0 during Ramadan
    expect(a.morocco).toMatchObject({ time: '10:10', offset: '+00:00' });
    expect(a.local).toMatchObject({ time: '11:10', offset: '+01:00' });
    // After Ramadan, the same wall-clock slot is an hour earlier in UTC.
    const b = await book(actor, at('10:10', '2027-04-13'), at('10:00', '2027-04-01'));
    expect(b.startsAt).toBe('2027-04-13T09:10:00.000Z');
    expect(b.local.time).toBe('11:10');
    const [mail] = (await mailsTo(p.database, client.email, 'appointment_booked')).filter((m) =>
      m.textBody.includes(a.reference),
    );
    expect(parseIcs(mail!.ics!).start.toISOString()).toBe('2027-02-16T10:10:00.000Z');
    expect(mail!.textBody).toContain('à 10:10 (heure du Maroc), soit 11:10 chez vous (Europe/Paris)');
  });

  it('reminds the day before and an hour before, once each, even with two workers at once', async () => {
    const { actor, client } = await citizenActor('remind');
    const a = await book(actor, at('11:00'), at('09:00', '2027-02-12'));
    const start = new Date(a.startsAt).getTime();
    const mine = async () =>
      (
        await p.database.db
          .select()
          .from(notifications)
          .where(
            and(
              eq(notifications.toAddress, client.email),
              like(notifications.event, 'appointment_reminder%'),
            ),
          )
      ).map((m) => m.event);
    await sendDueReminders(p.database.db, jobs, new Date(start - 25 * HOUR));
    expect(await mine()).toEqual([]);
    await sendDueReminders(p.database.db, jobs, new Date(start - 23 * HOUR));
    await sendDueReminders(p.database.db, jobs, new Date(start - 22 * HOUR));
    expect(await mine()).toEqual(['appointment_reminder_day']);
    const t = new Date(start - 30 * 60_000);
    await Promise.all([sendDueReminders(p.database.db, jobs, t), sendDueReminders(p.database.db, jobs, t)]);
    expect((await mine()).sort()).toEqual(['appointment_reminder_day', 'appointment_reminder_hour']);
    const [day] = await mailsTo(p.database, client.email, 'appointment_reminder_day');
    expect(day!.subject).toBe(`Rappel : votre rendez-vous ${a.reference} a lieu demain`);
    expect(day!.ics).toBeNull();
    const audit = await p.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), like(auditLog.action, 'appointment.reminder%')));
    expect(audit.map((x) => x.action).sort()).toEqual([
      'appointment.reminder_day',
      'appointment.reminder_hour',
    ]);
  });

  it('runs the desk: check-in, tickets, the calling order, outcomes, no-shows, the screen, the log and the figures', async () => {
    const booked = await citizenActor('desk-booked');
    const absent = await citizenActor('desk-absent');
    const tomorrow = await citizenActor('desk-tomorrow');
    const a = await book(booked.actor, at('10:10'), at('10:00', '2027-02-10'));
    const b = await book(absent.actor, at('11:25'), at('10:00', '2027-02-10'));
    const c = await book(tomorrow.actor, at('10:10', '2027-02-17'), at('10:00', '2027-02-10'));
    const desk = async (now: string) => ctx('accueil@aubm.demo', at(now));
    const karim = async (now: string) => ctx('guichet@aubm.demo', at(now));

    const tA = await checkIn(await desk('09:00'), {
      institutionId: aubm,
      reference: a.reference.toLowerCase(),
    });
    // Times at the desk in Morocco's clock, from the server (UTC+0 that Ramadan day)
    expect(tA).toMatchObject({
      code: 'A-001',
      kind: 'appointment',
      status: 'waiting',
      checkedInClock: '09:00',
    });
    await expect(
      checkIn(await desk('09:01'), { institutionId: aubm, appointmentId: a.id }),
    ).rejects.toMatchObject({
      status: 409,
      key: 'error.queue.already_checked_in',
      params: { ticket: 'A-001' },
    });
    await expect(
      checkIn(await desk('09:02'), { institutionId: aubm, appointmentId: c.id }),
    ).rejects.toMatchObject({
      status: 409,
      key: 'error.queue.not_today',
    });
    await expect(
      checkIn(await karim('09:02'), { institutionId: aubm, appointmentId: c.id }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const w1 = await checkIn(await desk('09:05'), { institutionId: aubm, walkIn: { name: 'Visiteur Un' } });
    const w2 = await checkIn(await desk('09:10'), {
      institutionId: aubm,
      walkIn: { name: 'Visiteuse Deux', serviceId: services['note-renseignements'] },
    });
    expect([w1.code, w2.code]).toEqual(['B-002', 'B-003']);
    const waiting = (await queueState(await karim('09:12'), aubm)).waiting.map((x) => x.code);
    // Walk-ins who came first go before the booked visitor, whose place is their appointment time (10:10).
    expect(waiting).toEqual(['B-002', 'B-003', 'A-001']);

    const first = (await callNext(await karim('09:15'), { institutionId: aubm, counter: '2' })).ticket!;
    expect(first).toMatchObject({
      code: 'B-002',
      status: 'called',
      counter: '2',
      waitMinutes: 10,
      checkedInClock: '09:05',
      calledClock: '09:15',
    });
    const screen = await waitingRoomScreen({ db: p.database.db, now: () => at('09:16') }, aubm);
    expect(screen.called[0]).toMatchObject({ ticket: 'B-002', counter: '2' });
    expect(screen.next).toEqual(['B-003', 'A-001']);
    expect(screen.announcement).toMatchObject({
      fr: 'Ticket B-002, présentez-vous au guichet 2.',
      ar: 'التذكرة B-002، المرجو التوجه إلى الشباك 2.',
    });
    expect(screen.labels.ar.waiting).toBe('في الانتظار: 2');
    expect(JSON.stringify(screen)).not.toMatch(/Visiteu|Citoyen/);

    await finishTicket(await karim('09:25'), first.id, { outcome: 'served', note: 'Dossier complet' });
    const second = (await callNext(await desk('09:20'), { institutionId: aubm, counter: '1' })).ticket!;
    expect(second.code).toBe('B-003');
    await ticketNoShow(await desk('09:24'), second.id);
    await expect(finishTicket(await desk('09:25'), second.id, { outcome: 'served' })).rejects.toMatchObject({
      status: 409,
      key: 'error.queue.ticket_state',
    });
    const third = (await callNext(await karim('10:12'), { institutionId: aubm, counter: '2' })).ticket!;
    expect(third.code).toBe('A-001');
    await finishTicket(await karim('10:30'), third.id, { outcome: 'follow_up' });
    expect((await callNext(await karim('10:31'), { institutionId: aubm, counter: '2' })).ticket).toBeNull();
    const [served] = await p.database.db.select().from(appointments).where(eq(appointments.id, a.id));
    expect(served!.status).toBe('served');

    // Two counters pressing "next" at the same moment call two different visitors.
    await checkIn(await desk('10:40'), { institutionId: aubm, walkIn: { name: 'Trois' } });
    await checkIn(await desk('10:41'), { institutionId: aubm, walkIn: { name: 'Quatre' } });
    const [x, y] = await Promise.all([
      callNext(await karim('10:45'), { institutionId: aubm, counter: '2' }),
      callNext(await desk('10:45'), { institutionId: aubm, counter: '1' }),
    ]);
    expect(new Set([x.ticket!.code, y.ticket!.code])).toEqual(new Set(['B-004', 'B-005']));
    await finishTicket(await karim('10:50'), x.ticket!.id, { outcome: 'redirected' });
    await finishTicket(await desk('10:55'), y.ticket!.id, { outcome: 'served' });

    // Nobody came for 11:25: a no-show half an hour later, not before.
    const statusOf = async (id: string) =>
      (await p.database.db.select().from(appointments).where(eq(appointments.id, id)))[0]!.status;
    await markNoShows(p.database.db, at('11:54'));
    expect(await statusOf(b.id)).toBe('booked');
    await markNoShows(p.database.db, at('11:55'));
    expect(await statusOf(b.id)).toBe('no_show');
    expect(await statusOf(a.id)).toBe('served');

    const log = await visitorLog(await ctx('chef@aubm.demo', at('17:00')), aubm, D);
    expect(log.items.map((i) => [i.code, i.status, i.outcome])).toEqual([
      ['A-001', 'done', 'follow_up'],
      ['B-002', 'done', 'served'],
      ['B-003', 'no_show', null],
      ['B-004', 'done', expect.any(String)],
      ['B-005', 'done', expect.any(String)],
    ]);
    expect(log.items[1]).toMatchObject({ visitorName: 'Visiteur Un', calledByName: 'Karim El Idrissi' });
    expect(log.items[0]!.visitorName).toContain('Citoyen');
    await expect(visitorLog(await karim('17:00'), aubm, D)).rejects.toMatchObject({ status: 403 });

    // The figures, through the API, for whoever may read them.
    const url = `/api/appointments/figures?institutionId=${aubm}&from=${D}&to=${D}`;
    const chief = await signedIn(p.app, 'chef@aubm.demo');
    const f = (await chief.get(url)).json();
    const window = f.rows.find((r: { serviceId: string }) => r.serviceId === services['guichet-mre']);
    // Four bookings that day in this file: the Ramadan one, the reminded one and the absent one never came.
    expect(window).toMatchObject({ day: D, bookings: 4, noShows: 3, attended: 1 });
    expect(f.total).toMatchObject({ visitors: 5, walkIns: 4, called: 5, queueNoShows: 1 });
    // Waits: 10, 10, 72 (the booked visitor came early), 5 and 4 minutes.
    expect(f.total.waitMaxMinutes).toBe(72);
    expect(f.total.waitMedianMinutes).toBe(10);
    expect((await (await signedIn(p.app, 'national@interieur.demo')).get(url)).statusCode).toBe(200);
    expect((await (await signedIn(p.app, 'region@souss.demo')).get(url)).statusCode).toBe(403);
    expect((await (await signedIn(p.app, 'guichet@aubm.demo')).get(url)).statusCode).toBe(403);
    expect((await booked.client.get(url)).statusCode).toBe(403);
  });

  it('runs a walk-in through the API today: ticket, queue, call, outcome, public screen, log', async () => {
    const reception = await signedIn(p.app, 'accueil@aubm.demo');
    const made = await reception.post('/api/appointments/queue/check-in', {
      institutionId: aubm,
      walkIn: { name: 'Mme Haddou' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const ticket = made.json();
    expect(ticket.code).toMatch(/^B-\d{3}$/);
    const none = await reception.post('/api/appointments/queue/check-in', { institutionId: aubm });
    expect(none.statusCode).toBe(422);
    expect(none.json().detail).toContain('Indiquez un seul des éléments suivants');
    const karim = await signedIn(p.app, 'guichet@aubm.demo');
    const queue = (await karim.get(`/api/appointments/queue?institutionId=${aubm}`)).json();
    expect(queue.waiting.map((t: { code: string }) => t.code)).toContain(ticket.code);
    const screenUrl = `/api/appointments/queue/screen/${aubm}`;
    const before = (await new Client(p.app).get(screenUrl)).json();
    expect(before.next).toContain(ticket.code);
    expect(JSON.stringify(before)).not.toContain('Haddou');
    const called = await karim.post('/api/appointments/queue/call-next', {
      institutionId: aubm,
      counter: '3',
    });
    expect(called.statusCode, called.body).toBe(200);
    expect(called.json().ticket.code).toBe(ticket.code);
    const screen = await new Client(p.app).get(screenUrl);
    expect(screen.headers['cache-control']).toBe('no-store');
    expect(screen.json().announcement.fr).toBe(`Ticket ${ticket.code}, présentez-vous au guichet 3.`);
    const done = await karim.post(`/api/appointments/queue/tickets/${ticket.id}/finish`, {
      outcome: 'served',
    });
    expect(done.statusCode, done.body).toBe(200);
    const log = (
      await (
        await signedIn(p.app, 'audit@aubm.demo')
      ).get(`/api/appointments/queue/log?institutionId=${aubm}`)
    ).json();
    expect(log.items.find((i: { id: string }) => i.id === ticket.id)).toMatchObject({
      outcome: 'served',
      visitorName: 'Mme Haddou',
      counter: '3',
    });
    const outsider = await signedIn(p.app, 'accueil@aml.demo');
    expect((await outsider.get(`/api/appointments/queue?institutionId=${aubm}`)).statusCode).toBe(403);
    expect(
      (await outsider.post('/api/appointments/queue/call-next', { institutionId: aubm, counter: '1' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await outsider.post(`/api/appointments/queue/tickets/${ticket.id}/finish`, { outcome: 'served' }))
        .statusCode,
    ).toBe(404);
    expect((await new Client(p.app).get(`/api/appointments/queue?institutionId=${aubm}`)).statusCode).toBe(
      401,
    );
  });

  it('holds the open days of 8–12 August: registration, full days, the list of the day, check-in on the day', async () => {
    const anon = new Client(p.app, 'fr');
    const [event] = (await anon.get(`/api/appointments/events?institutionId=${aubm}`)).json().items;
    const year = event.startDate.slice(0, 4);
    expect(event.days.map((d: { date: string }) => d.date.slice(5))).toEqual([
      '08-08',
      '08-09',
      '08-10',
      '08-11',
      '08-12',
    ]);
    const migrantDay = event.days.find((d: { date: string }) => d.date.endsWith('-08-10'));
    expect(migrantDay).toMatchObject({
      labelFr: 'Journée nationale des Marocains résidant à l’étranger',
      labelAr: 'اليوم الوطني للمهاجر',
      capacity: 300,
      seatsLeft: 299, // Youssef registered in the demo
      start: '09:00',
      end: '18:00',
    });
    const [c1, c2] = await makeCitizens(p.app, p.database, 2, { prefix: `jpo-${kind}` });
    const reg = await c1!.post(`/api/appointments/events/${event.id}/registrations`, {
      date: `${year}-08-10`,
      serviceId: services['rdv-responsable'],
    });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json().reference).toMatch(/^AUBM-JPO-\d{4}-\d{5}$/);
    const [mail] = await mailsTo(p.database, c1!.email, 'event_registered');
    expect(mail!.subject).toBe(
      `Inscription confirmée : Journées portes ouvertes pour les Marocains du monde, 10 août ${year}`,
    );
    const ics = parseIcs(mail!.ics!);
    expect(ics.start.toISOString()).toBe(`${year}-08-10T08:00:00.000Z`); // 09:00 in Morocco, UTC+1 in August
    expect(
      (await c1!.post(`/api/appointments/events/${event.id}/registrations`, { date: `${year}-08-10` })).json()
        .detail,
    ).toBe('Vous êtes déjà inscrit pour ce jour.');
    expect(
      (await c1!.post(`/api/appointments/events/${event.id}/registrations`, { date: `${year}-08-13` }))
        .statusCode,
    ).toBe(422);
    expect(
      (await anon.post(`/api/appointments/events/${event.id}/registrations`, { date: `${year}-08-10` }))
        .statusCode,
    ).toBe(401);

    // A small event of two seats: ten citizens at once, two get in.
    const chief = await signedIn(p.app, 'chef@aubm.demo');
    const small = await chief.post('/api/appointments/events', {
      institutionId: aubm,
      code: `atelier-${kind}`,
      titleAr: 'ورشة',
      titleFr: 'Atelier permis de construire',
      titleEn: 'Building permit workshop',
      startDate: `${year}-08-09`,
      endDate: `${year}-08-09`,
      serviceIds: [services['rdv-responsable']],
      days: [
        {
          date: `${year}-08-09`,
          start: '10:00',
          end: '12:00',
          capacity: 2,
          placeAr: 'قاعة الاجتماعات',
          placeFr: 'Salle de réunion',
          placeEn: 'Meeting room',
        },
      ],
    });
    expect(small.statusCode, small.body).toBe(201);
    const crowd = await makeCitizens(p.app, p.database, 10, { prefix: `crowd-${kind}` });
    const results = await Promise.all(
      crowd.map((c) =>
        c.post(`/api/appointments/events/${small.json().id}/registrations`, { date: `${year}-08-09` }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    const full = results.filter((r) => r.statusCode === 409);
    expect(full).toHaveLength(8);
    expect(full[0]!.json().detail).toBe('Cette journée est complète. Choisissez un autre jour.');
    const winner = crowd[results.findIndex((r) => r.statusCode === 201)]!;
    const winnerReg = results.find((r) => r.statusCode === 201)!.json();
    expect(
      (await winner.post(`/api/appointments/event-registrations/${winnerReg.id}/cancel`, {})).statusCode,
    ).toBe(200);
    expect(
      (await c2!.post(`/api/appointments/events/${small.json().id}/registrations`, { date: `${year}-08-09` }))
        .statusCode,
    ).toBe(201);

    // The list of the day for the desk; check-in on the day gives an open-day ticket.
    const listUrl = `/api/appointments/events/${event.id}/days/${year}-08-10/registrations`;
    const reception = await signedIn(p.app, 'accueil@aubm.demo');
    const list = (await reception.get(listUrl)).json();
    expect(list.registered).toBe(2);
    expect(list.items.map((i: { citizen: { name: string } }) => i.citizen.name)).toContain('Youssef Amziane');
    expect((await (await signedIn(p.app, 'accueil@aml.demo')).get(listUrl)).statusCode).toBe(403);
    expect((await c1!.get(listUrl)).statusCode).toBe(403);
    const onTheDay = await ctx('accueil@aubm.demo', at('09:30', `${year}-08-10`));
    const t = await checkIn(onTheDay, { institutionId: aubm, reference: reg.json().reference });
    expect(t).toMatchObject({ kind: 'event', code: 'C-001' });
    const after = await eventDayList(onTheDay, event.id, `${year}-08-10`);
    expect(after.attended).toBe(1);
    expect(after.items.find((i) => i.id === reg.json().id)).toMatchObject({
      status: 'attended',
      ticket: 'C-001',
    });
    expect((await c1!.get('/api/appointments/event-registrations')).json().items[0]).toMatchObject({
      status: 'attended',
    });
  });

  it('sends the confirmation over SMTP with the calendar invitation attached', async () => {
    const smtp = await startSmtp();
    try {
      const { actor, client } = await citizenActor('smtp');
      const now = currentTime();
      const slot = (
        await listSlots(await ctx(actor, now), services['guichet-mre']!, { timeZone: 'Asia/Dubai' })
      ).items.find((s) => s.seatsLeft > 0)!;
      expect(slot.local.timeZone).toBe('Asia/Dubai');
      const a = await book(actor, new Date(slot.startsAt), now, { timeZone: 'Asia/Dubai' });
      await deliverEmails(p.database.db, nodemailer.createTransport(smtp.url));
      const mail = smtp.received.find((m) => m.subject?.includes(a.reference));
      expect(mail).toBeTruthy();
      const calendar = mail!.attachments.find((x) => x.contentType.startsWith('text/calendar'));
      expect(calendar).toBeTruthy();
      const ics = parseIcs(calendar!.content.toString('utf8'));
      expect(ics).toMatchObject({ method: 'REQUEST', uid: `${a.id}@jisr` });
      expect(ics.start.toISOString()).toBe(a.startsAt);
      expect(mail!.text).toContain('(Asia/Dubai)');
      expect(client.email).toBe((mail!.to as { text: string }).text);
    } finally {
      await smtp.close();
    }
  });
});
