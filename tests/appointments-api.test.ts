import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { currentMillis, currentTime } from '../src/shared/clock.js';
import { mailsTo, makeCitizens, parseIcs } from './support/appointments.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

type Service = { id: string; code: string; officials: { id: string; name: string }[] };
type SlotItem = {
  startsAt: string;
  endsAt: string;
  seatsLeft: number;
  officialId: string | null;
  kind: string;
  morocco: { date: string; time: string; weekday: number; offset: string };
  local: { date: string; time: string; timeZone: string; offset: string };
};

/** Wall-clock time of an instant in a zone, straight from Intl: the test's own reading of the tz database. */
const clockIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );

describe.each(testDatabases())('appointments through the API on %s', (kind) => {
  // The rota's expectations below name the dates of January 2027: the platform runs from 7 December 2026.
  const p = usePlatform(kind, { clockStart: '2026-12-07T10:00:00+01:00' });
  let aubm: string;
  let aml: string;
  let services: Service[];
  const svc = (code: string) => services.find((s) => s.code === code)!;
  beforeAll(async () => {
    const anon = new Client(p.app);
    const institutions = (await anon.get('/api/institutions')).json().items as { id: string; code: string }[];
    aubm = institutions.find((i) => i.code === 'AUBM')!.id;
    aml = institutions.find((i) => i.code === 'AML')!.id;
    services = (await anon.get(`/api/appointments/services?institutionId=${aubm}`)).json().items;
  });

  const slots = async (serviceId: string, query = '') => {
    const res = await new Client(p.app).get(`/api/appointments/services/${serviceId}/slots${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json().items as SlotItem[]).filter((s) => s.seatsLeft > 0);
  };

  it('lists the services of the agency with their officials, publicly', () => {
    expect(services.map((s) => s.code).sort()).toEqual([
      'guichet-mre',
      'note-renseignements',
      'rdv-responsable',
    ]);
    expect(
      svc('rdv-responsable')
        .officials.map((o) => o.name)
        .sort(),
    ).toEqual(['Mustapha Aït Lahcen', 'Salma Bennis']);
  });

  it('shows free slots in Morocco’s time and the citizen’s, inside the opening hours and rotas', async () => {
    const from = currentTime().toISOString().slice(0, 10);
    const window = await slots(svc('guichet-mre').id, `?timeZone=America/Montreal&from=${from}`);
    expect(window.length).toBeGreaterThan(20);
    const closures = (await new Client(p.app).get(`/api/appointments/closures?institutionId=${aubm}`)).json()
      .items as { startDate: string; endDate: string }[];
    for (const s of window) {
      expect(s.local.timeZone).toBe('America/Toronto');
      expect(s.morocco.time).toBe(clockIn(s.startsAt, 'Africa/Casablanca'));
      expect(s.local.time).toBe(clockIn(s.startsAt, 'America/Toronto'));
      const t = s.morocco.time;
      // the open days (from 8 August) add a special opening of the window, 10:00–16:00, on their first day
      const inHours =
        s.kind === 'special'
          ? s.morocco.date.endsWith('-08-08') && t >= '10:00' && t < '16:00'
          : s.morocco.weekday <= 5
            ? t >= '08:30' && t < '18:00' && (s.kind === 'office' ? t < '16:30' : t >= '16:30')
            : s.morocco.weekday === 6 && s.kind === 'saturday' && t >= '09:00' && t < '13:00';
      expect(inHours, `${s.morocco.date} ${t} ${s.kind}`).toBe(true);
      expect(closures.some((c) => c.startDate <= s.morocco.date && s.morocco.date <= c.endDate)).toBe(false);
      // Bookable from two hours ahead.
      expect(new Date(s.startsAt).getTime()).toBeGreaterThanOrEqual(currentMillis() + 2 * 3_600_000 - 60_000);
    }
    // After hours and on Saturdays one counter only, named in the rota.
    expect(window.some((s) => s.kind === 'after_hours')).toBe(true);
  });

  it('refuses an unknown time zone and a range too long, in the language asked for', async () => {
    const c = new Client(p.app, 'fr');
    const bad = await c.get(
      `/api/appointments/services/${svc('guichet-mre').id}/slots?timeZone=Mars/Olympus`,
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({
      pointer: '/querystring/timeZone',
      message: 'Ce fuseau horaire est inconnu. Utilisez un nom comme Europe/Paris.',
    });
    const long = await new Client(p.app, 'ar').get(
      `/api/appointments/services/${svc('guichet-mre').id}/slots?from=2027-01-01&to=2027-03-01`,
    );
    expect(long.statusCode).toBe(422);
    expect(long.json().detail).toBe('اطلب 31 يوما على الأكثر في كل مرة.');
  });

  it('books, confirms by e-mail with a calendar file, reschedules and cancels from the e-mail’s link', async () => {
    const [citizen] = await makeCitizens(p.app, p.database, 1, { prefix: `book-${kind}` });
    const free = await slots(svc('guichet-mre').id, '?timeZone=America/Montreal');
    const first = free[0]!;
    const made = await citizen!.post('/api/appointments', {
      serviceId: svc('guichet-mre').id,
      startsAt: first.startsAt,
      mode: 'video',
      timeZone: 'America/Montreal',
      note: 'Dossier de construction à Béni Mellal',
    });
    expect(made.statusCode, made.body).toBe(201);
    const a = made.json();
    expect(a).toMatchObject({
      status: 'booked',
      mode: 'video',
      startsAt: first.startsAt,
      timeZone: 'America/Toronto',
      local: { time: first.local.time },
      morocco: { time: first.morocco.time },
      citizen: null,
      version: 1,
    });
    expect(a.reference).toMatch(/^AUBM-RDV-\d{4}-\d{5}$/);
    expect(a.videoUrl).toMatch(/^https:\/\/visio\.aubm\.example\.ma\/aubm-rdv-\d{4}-\d{5}-[0-9a-f]{12}$/);

    const [mail] = await mailsTo(p.database, citizen!.email, 'appointment_booked');
    expect(mail!.subject).toBe(`Votre rendez-vous ${a.reference} est confirmé`);
    expect(mail!.textBody).toContain('(heure du Maroc), soit');
    expect(mail!.textBody).toContain('(America/Toronto)');
    expect(mail!.textBody).toContain(a.videoUrl);
    const ics = parseIcs(mail!.ics!);
    expect(ics).toMatchObject({ method: 'REQUEST', uid: `${a.id}@jisr`, sequence: 0, status: 'CONFIRMED' });
    expect(ics.start.toISOString()).toBe(new Date(first.startsAt).toISOString());
    expect(ics.end.toISOString()).toBe(new Date(first.endsAt).toISOString());
    expect(ics.summary).toBe('Rendez-vous : Guichet unique MRE');
    expect(ics.description).toContain(a.reference);

    const file = await citizen!.get(`/api/appointments/${a.id}/calendar.ics`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(parseIcs(file.body)).toMatchObject({ method: 'PUBLISH', uid: `${a.id}@jisr` });

    // The citizen picks another time: the old seat is free again, the calendar event is updated.
    const second = free.find((s) => s.startsAt !== first.startsAt && s.seatsLeft === 2)!;
    const moved = await citizen!.post(`/api/appointments/${a.id}/reschedule`, {
      startsAt: second.startsAt,
      version: 1,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: second.startsAt, version: 2 });
    const [movedMail] = await mailsTo(p.database, citizen!.email, 'appointment_moved');
    expect(movedMail!.textBody).toContain('Motif : À votre demande');
    expect(parseIcs(movedMail!.ics!)).toMatchObject({ uid: `${a.id}@jisr`, sequence: 1, method: 'REQUEST' });
    const again = await slots(svc('guichet-mre').id);
    expect(again.find((s) => s.startsAt === first.startsAt)?.seatsLeft).toBe(first.seatsLeft);

    // The cancel link of the e-mail works without signing in.
    const token = /\/appointments\/manage\/([^?\s]+)\?action=cancel/.exec(movedMail!.textBody)![1]!;
    const anon = new Client(p.app, 'fr');
    const seen = await anon.get(`/api/appointments/manage/${token}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ reference: a.reference, citizen: null });
    const cancelled = await anon.post(`/api/appointments/manage/${token}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'citizen' });
    const [cancelMail] = await mailsTo(p.database, citizen!.email, 'appointment_cancelled');
    expect(parseIcs(cancelMail!.ics!)).toMatchObject({
      method: 'CANCEL',
      uid: `${a.id}@jisr`,
      sequence: 2,
      status: 'CANCELLED',
    });
    const twice = await anon.post(`/api/appointments/manage/${token}/cancel`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBe('Ce rendez-vous ne peut plus être modifié : il est « cancelled ».');
    const forged = await anon.get(`/api/appointments/manage/${token.slice(0, -4)}abcd`);
    expect(forged.statusCode).toBe(404);
    expect(forged.json().detail).toBe(
      'Ce lien n’est pas valable. Utilisez le lien du dernier e-mail reçu au sujet de votre rendez-vous.',
    );

    const actions = (
      await p.database.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.entityType, 'appointment'), eq(auditLog.entityId, a.id)))
        .orderBy(auditLog.id)
    ).map((r) => r.action);
    expect(actions).toEqual(['appointment.book', 'appointment.reschedule', 'appointment.cancel']);
  });

  it('ties a booking to the citizen’s own open case only', async () => {
    const khadija = await signedIn(p.app, 'khadija@example.be');
    const own = (await khadija.get('/api/cases'))
      .json()
      .items.find((c: { institutionId: string }) => c.institutionId === aubm);
    // a time that does not overlap the booking she holds from the demo (which depends on the time of day)
    const held = (await khadija.get('/api/appointments')).json().items as {
      startsAt: string;
      endsAt: string;
    }[];
    const free = (await slots(svc('note-renseignements').id)).filter(
      (s) => !held.some((h) => h.startsAt < s.endsAt && s.startsAt < h.endsAt),
    );
    const ok = await khadija.post('/api/appointments', {
      serviceId: svc('note-renseignements').id,
      startsAt: free[0]!.startsAt,
      caseId: own.id,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().caseId).toBe(own.id);
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const notHers = await fatima.post('/api/appointments', {
      serviceId: svc('note-renseignements').id,
      startsAt: free[1]!.startsAt,
      caseId: own.id,
    });
    expect(notHers.statusCode).toBe(422);
    expect(notHers.json().detail).toBe(
      'Ce dossier ne fait pas partie de vos dossiers en cours auprès de cet organisme.',
    );
    const amlCase = (await fatima.get('/api/cases'))
      .json()
      .items.find((c: { state: string }) => c.state === 'submitted');
    const otherBody = await fatima.post('/api/appointments', {
      serviceId: svc('note-renseignements').id,
      startsAt: free[1]!.startsAt,
      caseId: amlCase.id,
    });
    expect(otherBody.statusCode).toBe(422);
  });

  it('refuses bookings that cannot be, each with its reason', async () => {
    const guichet = svc('guichet-mre').id;
    const free = await slots(guichet);
    const anon = new Client(p.app, 'fr');
    expect(
      (await anon.post('/api/appointments', { serviceId: guichet, startsAt: free[0]!.startsAt })).statusCode,
    ).toBe(401);
    const staff = await signedIn(p.app, 'accueil@aubm.demo');
    expect(
      (await staff.post('/api/appointments', { serviceId: guichet, startsAt: free[0]!.startsAt })).statusCode,
    ).toBe(403);
    const [unverified] = await makeCitizens(p.app, p.database, 1, { prefix: `unv-${kind}`, verified: false });
    const u = await unverified!.post('/api/appointments', {
      serviceId: guichet,
      startsAt: free[0]!.startsAt,
    });
    expect(u.statusCode).toBe(403);
    expect(u.json().detail).toBe(
      'Confirmez d’abord votre adresse e-mail : saisissez le code que nous vous avons envoyé.',
    );

    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `refuse-${kind}`, lang: 'en' });
    const offGrid = new Date(new Date(free[0]!.startsAt).getTime() + 7 * 60_000).toISOString();
    const r1 = await c!.post('/api/appointments', { serviceId: guichet, startsAt: offGrid });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().detail).toBe(
      'This time is not offered for this service. Choose one of the proposed times.',
    );
    const r2 = await c!.post('/api/appointments', {
      serviceId: svc('note-renseignements').id,
      startsAt: (await slots(svc('note-renseignements').id))[0]!.startsAt,
      mode: 'video',
    });
    expect(r2.json().detail).toBe('This service does not offer this kind of appointment.');
    const r3 = await c!.post('/api/appointments', {
      serviceId: guichet,
      startsAt: new Date(currentMillis() + 90 * 86_400_000).toISOString(),
    });
    expect(r3.statusCode).toBe(422);
    expect(r3.json().detail).toBe(
      'This time cannot be booked now: book at least 2 hours and at most 60 days ahead.',
    );
    const r4 = await c!.post('/api/appointments', {
      serviceId: guichet,
      startsAt: free[0]!.startsAt,
      extra: 1,
    });
    expect(r4.statusCode).toBe(422);
    expect(r4.json().errors[0].code).toBe('unknown_field');
    const r5 = await c!.post('/api/appointments', { serviceId: guichet, startsAt: 'tomorrow at ten' });
    expect(r5.statusCode).toBe(422);
    expect(r5.json().errors[0].pointer).toBe('/body/startsAt');

    // One place at a time, and at most three upcoming bookings with one institution.
    const notes = await slots(svc('note-renseignements').id);
    const g = free.find(
      (s) => s.kind === 'office' && notes.some((n) => n.startsAt > s.startsAt && n.startsAt < s.endsAt),
    )!;
    expect(
      (await c!.post('/api/appointments', { serviceId: guichet, startsAt: g.startsAt })).statusCode,
    ).toBe(201);
    const same = await c!.post('/api/appointments', {
      serviceId: svc('note-renseignements').id,
      startsAt: notes.find((n) => n.startsAt > g.startsAt && n.startsAt < g.endsAt)!.startsAt,
    });
    expect(same.statusCode).toBe(409);
    expect(same.json().detail).toBe('You already have an appointment at this time.');
    const later = free.filter(
      (s) => new Date(s.startsAt).getTime() >= new Date(g.endsAt).getTime() + 3_600_000,
    );
    expect(
      (await c!.post('/api/appointments', { serviceId: guichet, startsAt: later[0]!.startsAt })).statusCode,
    ).toBe(201);
    expect(
      (await c!.post('/api/appointments', { serviceId: guichet, startsAt: later[5]!.startsAt })).statusCode,
    ).toBe(201);
    const fourth = await c!.post('/api/appointments', { serviceId: guichet, startsAt: later[10]!.startsAt });
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().detail).toBe(
      'You already have 3 upcoming appointments with this institution. Cancel one to book another.',
    );
  });

  it('books an official by name, or any official of the service', async () => {
    const meeting = svc('rdv-responsable');
    const salma = meeting.officials.find((o) => o.name === 'Salma Bennis')!;
    const hers = await slots(meeting.id, `?officialId=${salma.id}`);
    expect(hers.every((s) => s.officialId === salma.id)).toBe(true);
    const [c1, c2] = await makeCitizens(p.app, p.database, 2, { prefix: `off-${kind}` });
    const a = await c1!.post('/api/appointments', {
      serviceId: meeting.id,
      startsAt: hers[0]!.startsAt,
      officialId: salma.id,
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().official).toMatchObject({
      name: 'Salma Bennis',
      titleFr: 'Cheffe de la division des études et de l’urbanisme',
    });
    const other = await c2!.post('/api/appointments', { serviceId: meeting.id, startsAt: hers[0]!.startsAt });
    expect(other.statusCode, other.body).toBe(201);
    expect(other.json().official.name).toBe('Mustapha Aït Lahcen');
    const wrong = await c2!.post('/api/appointments', {
      serviceId: svc('guichet-mre').id,
      startsAt: hers[1]!.startsAt,
      officialId: salma.id,
    });
    expect(wrong.statusCode).toBe(422);
  });

  it('shows a booking to its citizen and the staff concerned only; staff views are logged', async () => {
    const [owner, stranger] = await makeCitizens(p.app, p.database, 2, { prefix: `read-${kind}` });
    const free = await slots(svc('guichet-mre').id);
    const office = free.find((s) => s.kind === 'office')!;
    const a = (
      await owner!.post('/api/appointments', { serviceId: svc('guichet-mre').id, startsAt: office.startsAt })
    ).json();
    const status = async (c: Client) => (await c.get(`/api/appointments/${a.id}`)).statusCode;
    expect(await status(owner!)).toBe(200);
    expect(await status(stranger!)).toBe(404);
    expect(await status(await signedIn(p.app, 'etatcivil@aml.demo'))).toBe(404);
    expect(await status(await signedIn(p.app, 'chef@aml.demo'))).toBe(404);
    expect(await status(await signedIn(p.app, 'region@souss.demo'))).toBe(404);
    // Salma works in planning: the window's bookings are not hers. Karim works at the window.
    expect(await status(await signedIn(p.app, 'urbaniste@aubm.demo'))).toBe(404);
    expect(await status(await signedIn(p.app, 'guichet@aubm.demo'))).toBe(200);
    const auditor = await signedIn(p.app, 'audit@aubm.demo');
    const seen = (await auditor.get(`/api/appointments/${a.id}`)).json();
    expect(seen.citizen.name).toContain('Citoyen');
    const views = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, a.id), eq(auditLog.action, 'appointment.view')));
    expect(views).toHaveLength(2);
    expect((await owner!.get('/api/appointments')).json().items.map((x: { id: string }) => x.id)).toContain(
      a.id,
    );
    expect((await stranger!.get('/api/appointments')).json().items).toEqual([]);
    expect((await auditor.get('/api/appointments')).statusCode).toBe(403);
  });

  it('lets the desk move a booking with notice to the citizen, refusing a stale version', async () => {
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `move-${kind}`, lang: 'ar' });
    const free = await slots(svc('guichet-mre').id);
    const a = (
      await c!.post('/api/appointments', {
        serviceId: svc('guichet-mre').id,
        startsAt: free[0]!.startsAt,
        language: 'ar',
      })
    ).json();
    const desk = await signedIn(p.app, 'accueil@aubm.demo');
    const noReason = await desk.post(`/api/appointments/${a.id}/move`, {
      startsAt: free[3]!.startsAt,
      version: 1,
    });
    expect(noReason.statusCode).toBe(422);
    const moved = await desk.post(`/api/appointments/${a.id}/move`, {
      startsAt: free[3]!.startsAt,
      version: 1,
      reason: 'Le responsable du guichet sera en réunion.',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: free[3]!.startsAt, version: 2 });
    const [mail] = await mailsTo(p.database, c!.email, 'appointment_moved');
    expect(mail!.subject).toBe(`تغيير توقيت موعدك ${a.reference}`);
    expect(mail!.textBody).toContain('السبب: Le responsable du guichet sera en réunion.');
    expect(mail!.textBody).toContain('(بتوقيت المغرب)');
    const stale = await desk.post(`/api/appointments/${a.id}/move`, {
      startsAt: free[5]!.startsAt,
      version: 1,
      reason: 'encore',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe(
      'Ce rendez-vous a été modifié entre-temps. Rechargez-le pour voir la modification ; rien n’a été écrasé.',
    );
    // An official of another department may not move it; an AML supervisor does not even see it.
    const salma = await signedIn(p.app, 'urbaniste@aubm.demo');
    expect(
      (
        await salma.post(`/api/appointments/${a.id}/move`, {
          startsAt: free[5]!.startsAt,
          version: 2,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
    const staffCancel = await desk.post(`/api/appointments/${a.id}/cancel`, {});
    expect(staffCancel.statusCode).toBe(422);
    const cancelled = await desk.post(`/api/appointments/${a.id}/cancel`, {
      reason: 'Fermeture exceptionnelle',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledBy: 'staff' });
  });

  it('gives each official their own day and week, and supervisors the whole service with the rota', async () => {
    const meeting = svc('rdv-responsable');
    const salmaOfficial = meeting.officials.find((o) => o.name === 'Salma Bennis')!;
    const free = await slots(meeting.id, `?officialId=${salmaOfficial.id}`);
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `cal-${kind}` });
    const a = (
      await c!.post('/api/appointments', {
        serviceId: meeting.id,
        startsAt: free[2]!.startsAt,
        officialId: salmaOfficial.id,
      })
    ).json();
    const date = a.day;
    const salma = await signedIn(p.app, 'urbaniste@aubm.demo');
    const week = await salma.get(`/api/appointments/calendar?institutionId=${aubm}&date=${date}&view=week`);
    expect(week.statusCode, week.body).toBe(200);
    const w = week.json();
    expect(w.scope).toBe('own');
    expect(new Date(`${w.from}T12:00:00Z`).getUTCDay()).toBe(1);
    expect(w.items.map((x: { id: string }) => x.id)).toContain(a.id);
    // Hers, and the window bookings of her department's service; nobody else's meetings, not the MRE window.
    for (const x of w.items as { official: { name: string } | null; service: { code: string } }[]) {
      if (x.official) expect(x.official.name).toBe('Salma Bennis');
      else expect(x.service.code).toBe('note-renseignements');
    }
    const chief = await signedIn(p.app, 'chef@aubm.demo');
    const day = (await chief.get(`/api/appointments/calendar?institutionId=${aubm}&date=${date}`)).json();
    expect(day.scope).toBe('institution');
    expect(day.items.find((x: { id: string }) => x.id === a.id).citizen.name).toContain('Citoyen');
    expect(day.shifts.length).toBeGreaterThan(0);
    expect(
      (await (await signedIn(p.app, 'chef@aml.demo')).get(`/api/appointments/calendar?institutionId=${aubm}`))
        .statusCode,
    ).toBe(403);
  });

  it('turns the Saturday and after-hours rotas into dated duty shifts', async () => {
    const chief = await signedIn(p.app, 'chef@aubm.demo');
    const from = '2027-01-04'; // a Monday
    const rota = (
      await chief.get(`/api/appointments/rota?institutionId=${aubm}&from=${from}&to=2027-01-31`)
    ).json();
    const saturdays = rota.shifts.filter((s: { kind: string }) => s.kind === 'saturday');
    expect(saturdays.map((s: { date: string }) => s.date)).toEqual([
      '2027-01-09',
      '2027-01-16',
      '2027-01-23',
      '2027-01-30',
    ]);
    const names = saturdays.map((s: { officialName: string }) => s.officialName);
    expect(names[0]).not.toBe(names[1]);
    expect(names[0]).toBe(names[2]);
    expect(new Set(names)).toEqual(new Set(['Karim El Idrissi', 'Mustapha Aït Lahcen']));
    for (const s of saturdays) expect([s.start, s.end]).toEqual(['09:00', '13:00']);
    const late = rota.shifts.filter((s: { kind: string }) => s.kind === 'after_hours');
    expect(late.every((s: { start: string; end: string }) => s.start === '16:30' && s.end === '18:00')).toBe(
      true,
    );
    expect(late.filter((s: { date: string }) => s.date === '2027-01-04')[0].officialName).toBe(
      'Karim El Idrissi',
    );
    expect(late.filter((s: { date: string }) => s.date === '2027-01-05')[0].officialName).toBe(
      'Hind Moutaouakil',
    );
    // 11 and 14 January are public holidays: no shift.
    expect(
      rota.shifts.some((s: { date: string }) => s.date === '2027-01-11' || s.date === '2027-01-14'),
    ).toBe(false);
  });

  it('lets the admin define services and rules, the supervisor rules and closures, and nobody else', async () => {
    const admin = await signedIn(p.app, 'admin@aubm.demo');
    const chief = await signedIn(p.app, 'chef@aubm.demo');
    const agent = await signedIn(p.app, 'guichet@aubm.demo');
    const body = {
      institutionId: aubm,
      code: `legal-${kind}`,
      nameAr: 'استشارة قانونية',
      nameFr: 'Conseil juridique',
      nameEn: 'Legal advice',
      slotMinutes: 45,
      bufferMinutes: 15,
      capacity: 1,
      modes: ['video'],
    };
    expect((await chief.post('/api/appointments/services', body)).statusCode).toBe(403);
    const made = await admin.post('/api/appointments/services', body);
    expect(made.statusCode, made.body).toBe(201);
    expect((await admin.post('/api/appointments/services', body)).statusCode).toBe(409);
    const id = made.json().id;
    const rule = {
      institutionId: aubm,
      serviceId: id,
      kind: 'special',
      weekday: 3,
      start: '14:00',
      end: '17:00',
    };
    expect((await agent.post('/api/appointments/rules', rule)).statusCode).toBe(403);
    const backwards = await new Client(p.app, 'fr')
      .login('chef@aubm.demo')
      .then((c) => c.post('/api/appointments/rules', { ...rule, start: '17:00', end: '14:00' }));
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].message).toBe('La fin doit venir après le début.');
    const badTime = await chief.post('/api/appointments/rules', { ...rule, start: '25:00' });
    expect(badTime.json().errors[0].message).toBe('Cette heure n’est pas valide (HH:MM).');
    const ok = await chief.post('/api/appointments/rules', rule);
    expect(ok.statusCode, ok.body).toBe(201);
    const grid = await slots(id);
    // Wednesdays 14:00–17:00 plus the office hours, 45 minutes + 15 of buffer.
    const wednesday = grid
      .filter((s) => s.morocco.weekday === 3 && s.kind === 'special')
      .map((s) => s.morocco.time);
    expect([...new Set(wednesday)].sort()).toEqual(['14:00', '15:00', '16:00']);

    // Closing a day with bookings on it lists them, and the day disappears from the slots.
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `close-${kind}` });
    const target = grid[0]!;
    const booked = (
      await c!.post('/api/appointments', { serviceId: id, startsAt: target.startsAt, mode: 'video' })
    ).json();
    const closure = await chief.post('/api/appointments/closures', {
      institutionId: aubm,
      serviceId: id,
      kind: 'closure',
      startDate: target.morocco.date,
      endDate: target.morocco.date,
      reasonAr: 'تكوين',
      reasonFr: 'Formation du personnel',
      reasonEn: 'Staff training',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    expect(closure.json().affectedBookings.map((b: { id: string }) => b.id)).toEqual([booked.id]);
    expect((await slots(id)).some((s) => s.morocco.date === target.morocco.date)).toBe(false);
    const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });
    expect((await del(agent, `/api/appointments/closures/${closure.json().id}`)).statusCode).toBe(403);
    expect((await del(chief, `/api/appointments/closures/${closure.json().id}`)).statusCode).toBe(204);
    const audit = await p.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.institutionId, aubm));
    const actions = new Set(audit.map((x) => x.action));
    for (const action of [
      'appointment_service.create',
      'availability_rule.create',
      'appointment_closure.create',
      'appointment_closure.delete',
    ])
      expect(actions).toContain(action);
    // A staff member of another body cannot be made an official here.
    const amlAgent = (await (await signedIn(p.app, 'etatcivil@aml.demo')).get('/api/auth/session')).json()
      .account.id;
    const foreign = await admin.post('/api/appointments/officials', {
      institutionId: aubm,
      accountId: amlAgent,
      titleAr: 'س',
      titleFr: 'x',
      titleEn: 'x',
    });
    expect(foreign.statusCode).toBe(422);
    expect((await admin.get(`/api/appointments/services?institutionId=${aml}`)).json().items).toEqual([]);

    // A service taken off the portal: gone from the public list and its slots, still there for the staff.
    const off = await admin.patch(`/api/appointments/services/${id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    const codes = async (cl: Client) =>
      (await cl.get(`/api/appointments/services?institutionId=${aubm}&includeInactive=true`))
        .json()
        .items.map((x: { code: string }) => x.code);
    expect(await codes(admin)).toContain(`legal-${kind}`);
    expect(await codes(c!)).not.toContain(`legal-${kind}`);
    expect((await new Client(p.app).get(`/api/appointments/services/${id}/slots`)).statusCode).toBe(404);
    expect((await chief.patch(`/api/appointments/services/${id}`, { active: true })).statusCode).toBe(403);
  });

  it('publishes the routes in the OpenAPI document', async () => {
    const doc = (await p.app.inject('/api/openapi.json')).json();
    for (const path of [
      '/api/appointments',
      '/api/appointments/services/{id}/slots',
      '/api/appointments/{id}/reschedule',
      '/api/appointments/manage/{token}/cancel',
      '/api/appointments/queue/call-next',
      '/api/appointments/queue/screen/{institutionId}',
      '/api/appointments/events/{id}/registrations',
      '/api/appointments/figures',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
  });
});
