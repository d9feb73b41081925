import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { currentMillis } from '../src/shared/clock.js';
import { makeCitizens } from './support/appointments.js';
import { Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

type Problem = { status: number; detail: string; errors?: { pointer: string; message: string }[] };

/** A date in Morocco, `n` days from today. */
const moroccoDate = (n: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(
    new Date(currentMillis() + n * 86_400_000),
  );
const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

describe.each(testDatabases())('the admin sets up appointments through the API on %s', (kind) => {
  const p = usePlatform(kind);
  let aml: string;
  let admin: Client;
  let supervisor: Client;
  let foreignAdmin: Client;
  let agentId: string;
  const names = { nameAr: 'شباك الحالة المدنية', nameFr: 'Guichet état civil', nameEn: 'Civil status desk' };

  beforeAll(async () => {
    const institutions = (await new Client(p.app).get('/api/institutions')).json().items as {
      id: string;
      code: string;
    }[];
    aml = institutions.find((i) => i.code === 'AML')!.id;
    admin = await signedIn(p.app, 'admin@aml.demo', 'fr');
    supervisor = await signedIn(p.app, 'chef@aml.demo', 'fr');
    foreignAdmin = await signedIn(p.app, 'admin@aubm.demo', 'fr');
    const staff = (await admin.get(`/api/institutions/${aml}/staff`)).json().items as {
      id: string;
      email: string;
    }[];
    agentId = staff.find((s) => s.email === 'legalisation@aml.demo')!.id;
  });

  const newService = async (code: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.post('/api/appointments/services', {
      institutionId: aml,
      code,
      ...names,
      slotMinutes: 30,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string };
  };

  it('edits a rule, refuses an end before the start next to the field, and shows the rota with the official on duty', async () => {
    const svc = await newService('etat-civil');
    const official = await admin.post('/api/appointments/officials', {
      institutionId: aml,
      accountId: agentId,
      titleAr: 'موظف',
      titleFr: 'Agent de légalisation',
      titleEn: 'Legalisation officer',
      serviceIds: [svc.id],
    });
    expect(official.statusCode, official.body).toBe(201);
    const day = moroccoDate(3);
    const rule = await admin.post('/api/appointments/rules', {
      institutionId: aml,
      serviceId: svc.id,
      kind: 'office',
      weekday: isoWeekday(day),
      start: '09:00',
      end: '12:00',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const ruleId = rule.json().id as string;

    const bad = await admin.patch(`/api/appointments/rules/${ruleId}`, { start: '13:00' });
    expect(bad.statusCode).toBe(422);
    expect((bad.json() as Problem).errors).toEqual([
      expect.objectContaining({ pointer: '/body/end', message: 'La fin doit venir après le début.' }),
    ]);
    const badAr = await new Client(p.app, 'ar').request({
      method: 'PATCH',
      url: `/api/appointments/rules/${ruleId}`,
      payload: { end: '25:00' },
      headers: { cookie: admin.cookie!, 'x-csrf-token': admin.csrf! },
    });
    expect(badAr.statusCode).toBe(422);
    expect((badAr.json() as Problem).errors?.[0]).toMatchObject({
      pointer: '/body/end',
      message: 'هذا ليس توقيتا صحيحا (ساعة:دقيقة).',
    });

    const edited = await admin.patch(`/api/appointments/rules/${ruleId}`, {
      start: '10:00',
      end: '13:30',
      kind: 'after_hours',
      officialId: official.json().id,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ start: '10:00', end: '13:30', kind: 'after_hours', everyWeeks: 1 });

    const rota = await supervisor.get(`/api/appointments/rota?institutionId=${aml}&from=${day}&to=${day}`);
    expect(rota.statusCode).toBe(200);
    expect(rota.json().shifts).toEqual([
      expect.objectContaining({
        date: day,
        start: '10:00',
        end: '13:30',
        kind: 'after_hours',
        officialName: 'Hassan Id Ali',
        serviceId: svc.id,
      }),
    ]);
    // another body's admin may not touch it
    expect(
      (await foreignAdmin.patch(`/api/appointments/rules/${ruleId}`, { start: '08:00' })).statusCode,
    ).toBe(403);
  });

  it('edits a closure, says which bookings it now falls on, and refuses reversed dates', async () => {
    const svc = await newService('legalisation');
    const day = moroccoDate(4);
    await admin.post('/api/appointments/rules', {
      institutionId: aml,
      serviceId: svc.id,
      kind: 'office',
      weekday: isoWeekday(day),
      start: '09:00',
      end: '11:00',
    });
    const slots = (
      await new Client(p.app).get(`/api/appointments/services/${svc.id}/slots?from=${day}&to=${day}`)
    ).json().items as { startsAt: string }[];
    expect(slots.length).toBe(4);
    const [citizen] = await makeCitizens(p.app, p.database, 1, { prefix: `closure-${kind}` });
    const booked = await citizen!.post('/api/appointments', {
      serviceId: svc.id,
      startsAt: slots[0]!.startsAt,
    });
    expect(booked.statusCode, booked.body).toBe(201);

    const closure = await supervisor.post('/api/appointments/closures', {
      institutionId: aml,
      kind: 'closure',
      startDate: moroccoDate(10),
      endDate: moroccoDate(11),
      reasonAr: 'تكوين',
      reasonFr: 'Formation',
      reasonEn: 'Training',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    expect(closure.json().affectedBookings).toEqual([]);
    const id = closure.json().id as string;
    const reversed = await supervisor.patch(`/api/appointments/closures/${id}`, {
      startDate: moroccoDate(12),
    });
    expect(reversed.statusCode).toBe(422);
    expect((reversed.json() as Problem).errors?.[0]).toMatchObject({
      pointer: '/body/endDate',
      message: 'La date de fin ne doit pas précéder la date de début.',
    });
    const moved = await supervisor.patch(`/api/appointments/closures/${id}`, {
      startDate: day,
      endDate: day,
      reasonFr: 'Inventaire',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      startDate: day,
      endDate: day,
      reasonFr: 'Inventaire',
      reasonAr: 'تكوين',
    });
    expect(moved.json().affectedBookings.map((b: { id: string }) => b.id)).toEqual([booked.json().id]);
    // the day is closed: no slot left on it
    const after = (
      await new Client(p.app).get(`/api/appointments/services/${svc.id}/slots?from=${day}&to=${day}`)
    ).json().items;
    expect(after).toEqual([]);

    // a service with a booking is kept: 409, translated; deactivating it works
    const del = await admin.request({ method: 'DELETE', url: `/api/appointments/services/${svc.id}` });
    expect(del.statusCode).toBe(409);
    expect(del.json().detail).toContain('désactivez-le au lieu de le supprimer');
    const off = await admin.patch(`/api/appointments/services/${svc.id}`, { active: false });
    expect(off.json().active).toBe(false);
    expect(
      (await supervisor.request({ method: 'DELETE', url: `/api/appointments/closures/${id}` })).statusCode,
    ).toBe(204);
  });

  it('removes a service and an official nobody booked, with their rules; the supervisor may not', async () => {
    const svc = await newService('a-supprimer');
    const staff = (await admin.get(`/api/institutions/${aml}/staff`)).json().items as {
      id: string;
      email: string;
    }[];
    const official = (
      await admin.post('/api/appointments/officials', {
        institutionId: aml,
        accountId: staff.find((s) => s.email === 'urbanisme@aml.demo')!.id,
        titleAr: 'مهندسة',
        titleFr: 'Ingénieure',
        titleEn: 'Engineer',
        serviceIds: [svc.id],
      })
    ).json();
    const rule = (
      await admin.post('/api/appointments/rules', {
        institutionId: aml,
        kind: 'saturday',
        weekday: 6,
        start: '09:00',
        end: '12:00',
        officialId: official.id,
      })
    ).json();
    const renamed = await admin.patch(`/api/appointments/officials/${official.id}`, {
      titleFr: 'Ingénieure en chef',
      serviceIds: [],
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ titleFr: 'Ingénieure en chef', titleAr: 'مهندسة', active: true });
    const listed = (await admin.get(`/api/appointments/officials?institutionId=${aml}`)).json().items;
    expect(listed.find((o: { id: string }) => o.id === official.id).serviceIds).toEqual([]);

    const del = (c: Client, url: string) => c.request({ method: 'DELETE', url });
    expect((await del(supervisor, `/api/appointments/officials/${official.id}`)).statusCode).toBe(403);
    expect((await del(supervisor, `/api/appointments/services/${svc.id}`)).statusCode).toBe(403);
    expect((await del(foreignAdmin, `/api/appointments/officials/${official.id}`)).statusCode).toBe(403);
    expect((await del(admin, `/api/appointments/officials/${official.id}`)).statusCode).toBe(204);
    const rules = (await admin.get(`/api/appointments/rules?institutionId=${aml}`)).json().items;
    expect(rules.map((r: { id: string }) => r.id)).not.toContain(rule.id);
    expect((await del(admin, `/api/appointments/services/${svc.id}`)).statusCode).toBe(204);
    expect((await del(admin, `/api/appointments/services/${svc.id}`)).statusCode).toBe(404);
    const services = (
      await admin.get(`/api/appointments/services?institutionId=${aml}&includeInactive=true`)
    ).json().items;
    expect(services.map((s: { id: string }) => s.id)).not.toContain(svc.id);
    const audits = await p.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.institutionId, aml), sql`${auditLog.action} like '%.delete'`));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(['appointment_official.delete', 'appointment_service.delete']),
    );
  });

  it('refuses to remove an official citizens booked', async () => {
    const staff = (await admin.get(`/api/institutions/${aml}/staff`)).json().items as {
      id: string;
      email: string;
    }[];
    const svc = await newService('rdv-elu', { bookWith: 'official' });
    const official = (
      await admin.post('/api/appointments/officials', {
        institutionId: aml,
        accountId: staff.find((s) => s.email === 'chef@aml.demo')!.id,
        titleAr: 'رئيس',
        titleFr: 'Chef de service',
        titleEn: 'Head of service',
        serviceIds: [svc.id],
      })
    ).json();
    const day = moroccoDate(5);
    await admin.post('/api/appointments/rules', {
      institutionId: aml,
      serviceId: svc.id,
      kind: 'office',
      weekday: isoWeekday(day),
      start: '14:00',
      end: '15:00',
    });
    const [slot] = (
      await new Client(p.app).get(`/api/appointments/services/${svc.id}/slots?from=${day}&to=${day}`)
    ).json().items as { startsAt: string }[];
    const [citizen] = await makeCitizens(p.app, p.database, 1, { prefix: `official-${kind}` });
    expect(
      (await citizen!.post('/api/appointments', { serviceId: svc.id, startsAt: slot!.startsAt })).statusCode,
    ).toBe(201);
    const res = await admin.request({ method: 'DELETE', url: `/api/appointments/officials/${official.id}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain('désactivez-le');
    const off = await admin.patch(`/api/appointments/officials/${official.id}`, { active: false });
    expect(off.json().active).toBe(false);
  });

  it('shows the video room base to the institution’s staff only', async () => {
    await newService('visio', {
      modes: ['in_person', 'video'],
      videoRoomBase: 'https://visio.aml.example.ma',
    });
    const staffView = (
      await admin.get(`/api/appointments/services?institutionId=${aml}&includeInactive=true`)
    )
      .json()
      .items.find((s: { code: string }) => s.code === 'visio');
    expect(staffView.videoRoomBase).toBe('https://visio.aml.example.ma');
    const publicView = (await new Client(p.app).get(`/api/appointments/services?institutionId=${aml}`))
      .json()
      .items.find((s: { code: string }) => s.code === 'visio');
    expect(publicView).not.toHaveProperty('videoRoomBase');
  });
});
