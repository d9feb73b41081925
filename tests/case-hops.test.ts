import { and, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseHops, type MoveEvent } from '../src/modules/cases/hops.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { workingDaysBetween } from '../src/modules/workflow/calendar.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

type Hop = {
  institution: { id: string; nameFr: string };
  department: { id: string; nameFr: string } | null;
  from: string;
  until: string | null;
  workingDays: number;
  move: string;
  reason: string | null;
  reasonText: string | null;
  internalReason?: string | null;
};

describe.each(testDatabases())('where is my file: the hops of a case on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat, dept } = useIdsByCode(p, { departmentsOf: 'AML' });
  // every instant of these tests is pinned: November 2026, Morocco at UTC+1
  const clock = fixedClock('2026-11-02T10:00:00+01:00');
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = setPlatformClock(clock);
  });
  afterAll(() => restore());

  async function file(who: Client, subject: string) {
    const res = await who.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['complaint-foncier'],
      subject,
      description: 'Un voisin a construit un mur sur le chemin qui mène à la maison familiale.',
      replyChannels: ['email', 'whatsapp'],
      language: 'fr',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; trackingNumber: string; accessCode: string };
  }
  const versionOf = async (who: Client, id: string) =>
    (await who.get(`/api/cases/${id}`)).json().version as number;
  const movedRows = (caseId: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.event, 'case_moved')));

  it('shows each stay with its body, department, dates and working days; internal reasons stay with the staff', async () => {
    clock.set('2026-11-02T10:00:00+01:00'); // Monday
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const { id, trackingNumber, accessCode } = await file(fatima, 'Mur sur le chemin familial');

    clock.set('2026-11-05T10:00:00+01:00'); // Thursday; Friday 6 is the Green March
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const moved = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['legal-affairs'],
      version: await versionOf(chef, id),
      reason: 'Le cadastre a égaré le plan, raison interne',
    });
    expect(moved.statusCode, moved.body).toBe(200);

    clock.set('2026-11-12T10:00:00+01:00');
    const chef2 = await signedIn(p.app, 'chef@aml.demo');
    const referred = await chef2.post(`/api/cases/${id}/refer-inside`, {
      targetInstitutionId: inst.MDSM,
      version: await versionOf(chef2, id),
      reason: 'Litige avec l’administration : compétence du Médiateur.',
      publicReason: 'records_held',
    });
    expect(referred.statusCode, referred.body).toBe(200);

    clock.set('2026-11-20T10:00:00+01:00'); // Wednesday 18 is Independence Day
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    const seen = await citizen.get(`/api/cases/${id}`);
    expect(seen.statusCode).toBe(200);
    const hops: Hop[] = seen.json().hops;
    expect(hops.map((h) => [h.institution.id, h.department?.id ?? null, h.move, h.reason])).toEqual([
      [inst.AML, null, 'filed', null],
      [inst.AML, dept['legal-affairs'], 'transferred', 'competent_department'],
      [inst.MDSM, null, 'referred_inside', 'records_held'],
    ]);
    expect(hops.map((h) => [h.from, h.until])).toEqual([
      ['2026-11-02T09:00:00.000Z', '2026-11-05T09:00:00.000Z'],
      ['2026-11-05T09:00:00.000Z', '2026-11-12T09:00:00.000Z'],
      ['2026-11-12T09:00:00.000Z', null],
    ]);
    // 2, 3, 4 | 5, 9, 10, 11 (6: Green March) | 12, 13, 16, 17, 19 (18: Independence Day)
    expect(hops.map((h) => h.workingDays)).toEqual([3, 4, 5]);
    expect(hops[2]!.reasonText).toBe('Litige avec l’administration : compétence du Médiateur.');
    // the staff's words for the transfer never reach the citizen
    expect(hops.every((h) => !('internalReason' in h))).toBe(true);
    expect(seen.body).not.toContain('cadastre a égaré');

    const mediator = await signedIn(p.app, 'delegue@mediateur.demo');
    const staffHops: Hop[] = (await mediator.get(`/api/cases/${id}`)).json().hops;
    expect(staffHops.map((h) => h.internalReason)).toEqual([
      null,
      'Le cadastre a égaré le plan, raison interne',
      null,
    ]);
    expect(staffHops.map((h) => h.workingDays)).toEqual([3, 4, 5]);

    // another citizen cannot see the file, nor its hops
    const youssef = await signedIn(p.app, 'youssef@example.es');
    expect((await youssef.get(`/api/cases/${id}`)).statusCode).toBe(404);

    // without an account, with the number and the secret code: the same stays, without the staff's words
    const tracked = await new Client(p.app, 'fr').post('/api/track', { trackingNumber, accessCode });
    expect(tracked.statusCode, tracked.body).toBe(200);
    const trackedHops: Hop[] = tracked.json().hops;
    expect(trackedHops.map((h) => [h.institution.id, h.move, h.reason, h.workingDays])).toEqual(
      hops.map((h) => [h.institution.id, h.move, h.reason, h.workingDays]),
    );
    expect(tracked.body).not.toContain('cadastre a égaré');
  });

  it('tells the citizen of the day’s moves in one message, rewritten until it leaves', async () => {
    clock.set('2026-11-23T09:00:00+01:00'); // Monday
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const { id } = await file(fatima, 'Chemin fermé par un mur');
    const chef = await signedIn(p.app, 'chef@aml.demo');

    clock.set('2026-11-23T10:00:00+01:00');
    const first = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['legal-affairs'],
      version: await versionOf(chef, id),
      reason: 'Note interne : voir le cadastre',
    });
    expect(first.statusCode, first.body).toBe(200);
    clock.set('2026-11-23T11:30:00+01:00');
    const second = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['mre-desk'],
      version: await versionOf(chef, id),
      reason: 'Note interne : finalement le bureau MRE',
      publicReason: 'specialised_service',
    });
    expect(second.statusCode, second.body).toBe(200);

    const rows = await movedRows(id);
    // one message per channel the person chose, for both moves
    expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'whatsapp']);
    const email = rows.find((r) => r.channel === 'email')!;
    expect(email.idempotencyKey).toContain(':2026-11-23:');
    expect(email.status).toBe('pending');
    // held until the end of the working day in Morocco
    expect(email.nextAttemptAt.toISOString()).toBe('2026-11-23T17:00:00.000Z');
    const names = (await fatima.get(`/api/institutions/${inst.AML}/departments`)).json().items as {
      code: string;
      nameFr: string;
    }[];
    const name = (code: string) => names.find((d) => d.code === code)!.nameFr;
    expect(email.textBody).toContain(name('legal-affairs'));
    expect(email.textBody).toContain(name('mre-desk'));
    expect(email.textBody).toContain('transmis au service qui traite ce type de demande');
    expect(email.textBody).not.toContain('Note interne');
    const whatsapp = rows.find((r) => r.channel === 'whatsapp')!;
    expect(whatsapp.textBody).toContain(name('mre-desk'));
    expect(whatsapp.textBody).not.toContain(name('legal-affairs'));

    // the day's message left; a move in the evening waits for the next day's message, after quiet hours
    await p.database.db
      .update(notifications)
      .set({ status: 'sent' })
      .where(and(eq(notifications.caseId, id), eq(notifications.event, 'case_moved')));
    clock.set('2026-11-23T19:00:00+01:00');
    const third = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['legal-affairs'],
      version: await versionOf(chef, id),
      reason: 'Retour aux affaires juridiques',
    });
    expect(third.statusCode, third.body).toBe(200);
    const after = await movedRows(id);
    expect(after).toHaveLength(4);
    const next = after.filter((r) => r.status === 'pending');
    expect(next.map((r) => r.idempotencyKey.includes(':2026-11-24:'))).toEqual([true, true]);
    expect(next.map((r) => r.nextAttemptAt.toISOString())).toEqual([
      '2026-11-24T17:00:00.000Z',
      '2026-11-24T17:00:00.000Z',
    ]);
  });

  it('holds the message of a late move for quiet hours in the person’s time zone', async () => {
    clock.set('2026-11-25T09:00:00+01:00');
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const { id } = await file(fatima, 'Mur mitoyen');
    clock.set('2026-11-25T21:30:00+01:00'); // 21:30 in Lyon too: quiet hours until 08:00
    const chef = await signedIn(p.app, 'chef@aml.demo');
    const moved = await chef.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['mre-desk'],
      version: await versionOf(chef, id),
      reason: 'Bureau MRE',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const rows = await movedRows(id);
    const at = Object.fromEntries(rows.map((r) => [r.channel, r.nextAttemptAt.toISOString()]));
    expect(at).toEqual({ email: '2026-11-25T21:00:00.000Z', whatsapp: '2026-11-26T07:00:00.000Z' });
  });
});

describe('the working days of the hops', () => {
  const types = ['transferred', 'referred_inside', 'assigned'] as const;
  it('add up to the working days from the filing to the end, whatever the moves', () => {
    const start = Date.parse('2024-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.constantFrom(...types)), {
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 90 * 24 * 60 }),
        (filedMinute, moves, tail) => {
          const filed = new Date(start + filedMinute * 60_000);
          let at = filed.getTime();
          const events: MoveEvent[] = [{ type: 'submitted', reason: null, data: {}, at: filed }];
          moves.forEach(([gap, type], i) => {
            at += gap * 60_000;
            const data =
              type === 'referred_inside'
                ? { fromInstitutionId: `b${i}`, toInstitutionId: `b${i + 1}` }
                : type === 'transferred'
                  ? { toDepartmentId: `d${i}` }
                  : { departmentId: `d${i}` };
            events.push({ type, reason: 'r', data, at: new Date(at) });
          });
          const end = new Date(at + tail * 60_000);
          const hops = caseHops(events, { institutionId: 'b0', departmentId: null, createdAt: filed }, end);
          expect(hops).toHaveLength(moves.length + 1);
          expect(hops.reduce((n, h) => n + h.workingDays, 0)).toBe(workingDaysBetween(filed, end));
          for (const [i, h] of hops.entries()) expect(h.until).toEqual(hops[i + 1]?.from ?? null);
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
