import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { type Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

const FATIMA = 'fatima@example.fr';
/** Plays Fatima's brother in Aït Melloul. */
const BROTHER = 'khadija@example.be';
const BROTHER_NAME = 'Khadija Bouzid';

type Slot = { startsAt: string; seatsLeft: number };
type Booking = { id: string; startsAt: string; endsAt: string; mandateId: string | null; status: string };

describe.each(testDatabases())('mandates: a booking made for the person, on %s', (kind) => {
  const p = usePlatform(kind, { clockStart: '2026-12-07T10:00:00+01:00' });
  const { inst, cat } = useIdsByCode(p);

  /** Fatima's case at the planning agency, the note service, and a mandate for appointments accepted. */
  async function mandated(validUntil: string, actions = ['appointment']) {
    const fatima = await signedIn(p.app, FATIMA);
    const filed = await fatima.post('/api/cases', {
      institutionId: inst.AUBM,
      categoryId: cat['complaint-autre'],
      subject: 'Note de renseignements urbanistiques',
      description: 'Je demande un rendez-vous pour la note de renseignements du terrain familial.',
      replyChannels: ['email'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id as string;
    const services = (await fatima.get(`/api/appointments/services?institutionId=${inst.AUBM}`)).json()
      .items as { id: string; code: string }[];
    const service = services.find((s) => s.code === 'note-renseignements')!.id;
    const m = (
      await fatima.post('/api/mandates', {
        granteeEmail: BROTHER,
        caseId,
        actions,
        validFrom: '2026-12-07T00:00:00Z',
        validUntil,
      })
    ).json();
    const brother = await signedIn(p.app, BROTHER);
    expect((await brother.post(`/api/mandates/${m.id}/accept`)).statusCode).toBe(200);
    return { fatima, brother, caseId, service, mandateId: m.id as string };
  }

  /** Two free slots of the service on days Fatima has nothing booked yet. */
  async function freeSlots(fatima: Client, service: string) {
    const held = (await fatima.get('/api/appointments')).json().items as Booking[];
    const free = (
      (await fatima.get(`/api/appointments/services/${service}/slots`)).json().items as Slot[]
    ).filter(
      (s) => s.seatsLeft > 0 && !held.some((h) => h.startsAt.slice(0, 10) === s.startsAt.slice(0, 10)),
    );
    const other = free.find((s) => s.startsAt.slice(0, 10) !== free[0]!.startsAt.slice(0, 10))!;
    return [free[0]!, other] as const;
  }

  /** The e-mails of one kind sent to one address about the case. */
  const outbox = (event: string, to: string, caseId: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.event, event as 'mandate_used'),
          eq(notifications.toAddress, to),
          eq(notifications.caseId, caseId),
        ),
      );

  it('is hers, tells both, says who acted, and leaves his reach the moment she revokes', async () => {
    const { fatima, brother, caseId, service, mandateId } = await mandated('2027-01-07T00:00:00Z');
    const m = { id: mandateId };
    const [first, second] = await freeSlots(fatima, service);

    const booked = await brother.post('/api/appointments', {
      serviceId: service,
      startsAt: first.startsAt,
      caseId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const b = booked.json() as Booking;
    expect(b.mandateId).toBe(m.id);

    // it is hers, in her list; he finds it in his while the mandate lasts
    const hers = (await fatima.get('/api/appointments')).json().items as Booking[];
    expect(hers.map((x) => x.id)).toContain(b.id);
    const his = async () =>
      ((await brother.get('/api/appointments')).json().items as Booking[]).map((x) => x.id);
    expect(await his()).toContain(b.id);
    // both get the booking notice; she also learns that he acted under the mandate
    expect(await outbox('appointment_booked', FATIMA, caseId)).toHaveLength(1);
    const toHim = await outbox('appointment_booked', BROTHER, caseId);
    expect(toHim).toHaveLength(1);
    // his copy points to the signed-in page, never to the secret link that outlives the mandate
    expect(toHim[0]!.textBody).toContain(`/appointments/${b.id}`);
    expect(toHim[0]!.textBody).not.toContain('/appointments/manage/');
    const used = await outbox('mandate_used', FATIMA, caseId);
    expect(used).toHaveLength(1);
    expect(used[0]!.textBody).toContain(BROTHER_NAME);
    // the audit row says by him, for her, under the mandate
    const [row] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.book'), eq(auditLog.entityId, b.id)));
    expect(row!.data).toMatchObject({ mandateId: m.id, onBehalfOf: expect.any(String) });

    // while the mandate lasts he sees and moves it; both are told
    expect((await brother.get(`/api/appointments/${b.id}`)).statusCode).toBe(200);
    const moved = await brother.post(`/api/appointments/${b.id}/reschedule`, { startsAt: second.startsAt });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await outbox('appointment_moved', FATIMA, caseId)).toHaveLength(1);
    expect(await outbox('appointment_moved', BROTHER, caseId)).toHaveLength(1);
    expect(await outbox('mandate_used', FATIMA, caseId)).toHaveLength(2);

    // she revokes: at once he cannot see, move or cancel it (as a stranger), and hears nothing more of it
    expect((await fatima.post(`/api/mandates/${m.id}/revoke`)).statusCode).toBe(200);
    expect((await brother.get(`/api/appointments/${b.id}`)).statusCode).toBe(404);
    expect(await his()).not.toContain(b.id);
    expect((await brother.get(`/api/appointments/${b.id}/calendar.ics`)).statusCode).toBe(404);
    expect(
      (await brother.post(`/api/appointments/${b.id}/reschedule`, { startsAt: first.startsAt })).statusCode,
    ).toBe(404);
    expect((await brother.post(`/api/appointments/${b.id}/cancel`, {})).statusCode).toBe(404);

    // she still has it and cancels it herself
    expect((await fatima.get(`/api/appointments/${b.id}`)).statusCode).toBe(200);
    const cancelled = await fatima.post(`/api/appointments/${b.id}/cancel`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    expect(await outbox('appointment_cancelled', FATIMA, caseId)).toHaveLength(1);
    expect(await outbox('appointment_cancelled', BROTHER, caseId)).toHaveLength(0);
    const [cancelRow] = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'appointment.cancel'), eq(auditLog.entityId, b.id)));
    expect(cancelRow!.data).not.toHaveProperty('mandateId');
  });

  it('leaves his reach when the mandate ends, and stays hers', async () => {
    const before = await mandated('2026-12-09T00:00:00Z');
    const { caseId, service, mandateId } = before;
    const [, later] = await freeSlots(before.fatima, service);
    const booked = await before.brother.post('/api/appointments', {
      serviceId: service,
      startsAt: later.startsAt,
      caseId,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const id = booked.json().id as string;
    expect(booked.json().mandateId).toBe(mandateId);
    const restore = setPlatformClock(fixedClock('2026-12-09T08:00:00+01:00'));
    try {
      // two days on: both sign in again (sessions end when idle)
      const [fatima, brother] = [await signedIn(p.app, FATIMA), await signedIn(p.app, BROTHER)];
      expect((await brother.get(`/api/appointments/${id}`)).statusCode).toBe(404);
      expect((await brother.post(`/api/appointments/${id}/cancel`, {})).statusCode).toBe(404);
      expect((await fatima.get(`/api/appointments/${id}`)).statusCode).toBe(200);
      expect(((await fatima.get('/api/appointments')).json().items as Booking[]).map((x) => x.id)).toContain(
        id,
      );
    } finally {
      restore();
    }
  });

  it('needs a mandate that allows appointments', async () => {
    const { fatima, brother, caseId, service } = await mandated('2027-01-07T00:00:00Z', ['answer']);
    const [slot] = await freeSlots(fatima, service);
    const refused = await brother.post('/api/appointments', {
      serviceId: service,
      startsAt: slot.startsAt,
      caseId,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().type).toBe('https://jisr.ma/problems/appointment-case-invalid');
  });
});
