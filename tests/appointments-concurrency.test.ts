import { and, eq, ne } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appointments } from '../src/modules/appointments/schema.js';
import { currentMillis } from '../src/shared/clock.js';
import { makeCitizens } from './support/appointments.js';
import { type Client, signedIn, testDatabases, usePlatform } from './support/platform.js';

type SlotItem = { startsAt: string; seatsLeft: number; officialId: string | null };

describe.each(testDatabases())('no double booking under concurrent requests on %s', (kind) => {
  const p = usePlatform(kind);
  let aubm: string;
  let admin: Client;
  beforeAll(async () => {
    admin = await signedIn(p.app, 'admin@aubm.demo');
    const institutions = (await admin.get('/api/institutions')).json().items;
    aubm = institutions.find((i: { code: string }) => i.code === 'AUBM').id;
  });

  /** A service open every day 07:00–21:00, bookable from now on, so the test does not depend on the clock. */
  async function service(code: string, capacity: number, extra: Record<string, unknown> = {}) {
    const res = await admin.post('/api/appointments/services', {
      institutionId: aubm,
      code,
      nameAr: 'خدمة اختبار',
      nameFr: 'Service de test',
      nameEn: 'Test service',
      slotMinutes: 30,
      capacity,
      minNoticeMinutes: 0,
      horizonDays: 30,
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    for (let weekday = 1; weekday <= 7; weekday++) {
      const rule = await admin.post('/api/appointments/rules', {
        institutionId: aubm,
        serviceId: id,
        kind: 'special',
        weekday,
        start: '07:00',
        end: '21:00',
      });
      expect(rule.statusCode, rule.body).toBe(201);
    }
    return id;
  }

  /** A slot a few days ahead (never today: the office rules of the demo may add their own grid today). */
  async function freeSlots(serviceId: string): Promise<SlotItem[]> {
    const res = await admin.get(`/api/appointments/services/${serviceId}/slots`);
    expect(res.statusCode, res.body).toBe(200);
    return res
      .json()
      .items.filter(
        (s: SlotItem) => s.seatsLeft > 0 && new Date(s.startsAt).getTime() > currentMillis() + 86_400_000,
      );
  }

  const held = (serviceId: string, startsAt: string) =>
    p.database.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.serviceId, serviceId),
          eq(appointments.startsAt, new Date(startsAt)),
          ne(appointments.status, 'cancelled'),
        ),
      );

  it('50 citizens booking the same one-seat slot at once: exactly one gets it, 49 get a clear 409', async () => {
    const id = await service('rush-one', 1);
    const [slot] = await freeSlots(id);
    const citizens = await makeCitizens(p.app, p.database, 50, { prefix: `rush1-${kind}` });
    const results = await Promise.all(
      citizens.map((c) =>
        c.post('/api/appointments', { serviceId: id, startsAt: slot!.startsAt, timeZone: 'Europe/Paris' }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(49);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.headers['content-type']).toContain('application/problem+json');
      expect(r.json()).toMatchObject({
        type: 'https://jisr.ma/problems/appointment-slot-taken',
        status: 409,
        detail: 'Quelqu’un vient de réserver cet horaire. Choisissez-en un autre.',
      });
    }
    const rows = await held(id, slot!.startsAt);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seat).toBe(1);
    const after = (await admin.get(`/api/appointments/services/${id}/slots`)).json().items as SlotItem[];
    expect(after.find((s) => s.startsAt === slot!.startsAt)!.seatsLeft).toBe(0);
  });

  it('30 citizens for a three-seat slot: exactly three, in seats 1, 2 and 3', async () => {
    const id = await service('rush-three', 3);
    const [slot] = await freeSlots(id);
    const citizens = await makeCitizens(p.app, p.database, 30, { prefix: `rush3-${kind}` });
    const results = await Promise.all(
      citizens.map((c) => c.post('/api/appointments', { serviceId: id, startsAt: slot!.startsAt })),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(27);
    const rows = await held(id, slot!.startsAt);
    expect(rows.map((r) => r.seat).sort()).toEqual([1, 2, 3]);
  });

  it('ten citizens moving their bookings into the same free slot at once: one succeeds, the others keep theirs', async () => {
    const id = await service('rush-move', 1);
    const slots = await freeSlots(id);
    const target = slots[0]!;
    const citizens = await makeCitizens(p.app, p.database, 10, { prefix: `rushmv-${kind}` });
    const mine: { id: string; startsAt: string }[] = [];
    for (const [i, c] of citizens.entries()) {
      const res = await c.post('/api/appointments', { serviceId: id, startsAt: slots[i + 1]!.startsAt });
      expect(res.statusCode, res.body).toBe(201);
      mine.push(res.json());
    }
    const results = await Promise.all(
      citizens.map((c, i) =>
        c.post(`/api/appointments/${mine[i]!.id}/reschedule`, { startsAt: target.startsAt }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(9);
    expect(await held(id, target.startsAt)).toHaveLength(1);
    for (const [i, r] of results.entries()) {
      if (r.statusCode === 200) continue;
      const still = (await citizens[i]!.get(`/api/appointments/${mine[i]!.id}`)).json();
      expect(still.startsAt).toBe(mine[i]!.startsAt);
      expect(still.status).toBe('booked');
    }
  });

  it('two parallel bookings with "any official" go to two different officials', async () => {
    const officials = (await admin.get(`/api/appointments/officials?institutionId=${aubm}`)).json().items as {
      id: string;
    }[];
    const id = await service('rush-officials', 1, {
      bookWith: 'official',
      officialIds: officials.slice(0, 2).map((o) => o.id),
    });
    const slots = await freeSlots(id);
    const at = slots[0]!.startsAt;
    expect(slots.filter((s) => s.startsAt === at)).toHaveLength(2);
    const citizens = await makeCitizens(p.app, p.database, 3, { prefix: `rushof-${kind}` });
    const results = await Promise.all(
      citizens.map((c) => c.post('/api/appointments', { serviceId: id, startsAt: at })),
    );
    const ok = results.filter((r) => r.statusCode === 201).map((r) => r.json().officialId);
    expect(ok).toHaveLength(2);
    expect(new Set(ok).size).toBe(2);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(1);
  });

  it('the database itself refuses a second booking in a taken seat, whatever the code does', async () => {
    const id = await service('rush-index', 1);
    const [slot] = await freeSlots(id);
    const [c] = await makeCitizens(p.app, p.database, 1, { prefix: `rushix-${kind}` });
    const made = (await c!.post('/api/appointments', { serviceId: id, startsAt: slot!.startsAt })).json();
    const [row] = await p.database.db.select().from(appointments).where(eq(appointments.id, made.id));
    const { id: _id, reference: _ref, ...copy } = row!;
    await expect(
      p.database.db.insert(appointments).values({ ...copy, reference: `${row!.reference}-X` }),
    ).rejects.toThrow();
    // A cancelled booking frees its seat for a new one.
    await p.database.db.update(appointments).set({ status: 'cancelled' }).where(eq(appointments.id, made.id));
    await p.database.db.insert(appointments).values({ ...copy, reference: `${row!.reference}-Y` });
  });
});
