import { beforeAll, describe, expect, it } from 'vitest';
import { currentMillis } from '../src/shared/clock.js';
import { type Client, signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

type Item = {
  id: string;
  trackingNumber: string;
  state: string;
  kind: string;
  dueAt: string;
  createdAt: string;
  requesterName: string;
  requesterCountry: string | null;
  assigneeId: string | null;
};

describe.each(testDatabases())('the staff queue on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat } = useIdsByCode(p);
  const made: Record<string, { id: string; trackingNumber: string }> = {};

  beforeAll(async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const people = [
      {
        key: 'ar',
        person: {
          givenNameAr: 'مُحَمَّد',
          familyNameAr: 'الإدريسي',
          givenNameLatin: 'Mohammed',
          familyNameLatin: 'Idrissi',
          countryOfResidence: 'CA',
          preferredLanguage: 'ar',
        },
        subject: 'شكاية بخصوص إنارة الزقاق',
        description: 'الإنارة العمومية في الزقاق مطفأة منذ شهرين قرب المدرسة.',
        category: 'complaint-foncier',
        language: 'ar',
      },
      {
        key: 'fr',
        person: {
          givenNameLatin: 'Hélène',
          familyNameLatin: 'Benjelloun',
          countryOfResidence: 'BE',
          preferredLanguage: 'fr',
        },
        subject: 'Éclairage public défaillant',
        description: 'Les lampadaires de la rue des Écoles sont éteints depuis la fête du Trône.',
        category: 'complaint-foncier',
        language: 'fr',
      },
    ];
    for (const x of people) {
      const person = (await desk.post(`/api/institutions/${inst.AML}/desk/people`, x.person)).json();
      const res = await desk.post(`/api/institutions/${inst.AML}/desk/cases`, {
        personId: person.id,
        categoryId: cat[x.category],
        subject: x.subject,
        description: x.description,
        intakeChannel: 'phone',
        replyChannels: ['post'],
        language: x.language,
        visitorName: x.person.givenNameLatin,
      });
      expect(res.statusCode, res.body).toBe(201);
      made[x.key] = res.json();
    }
  });

  const search = async (who: Client, q: string, extra = '') =>
    (await who.get(`/api/cases?institutionId=${inst.AML}&q=${encodeURIComponent(q)}${extra}`)).json()
      .items as Item[];

  it('finds cases by words of the subject, text and names in Arabic and French, whatever the accents, hamzas and vowel marks', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const ids = async (q: string) => (await search(desk, q)).map((i) => i.id);
    // Arabic: the hamza on the alef, the vowel marks and ta marbuta do not matter, and words match by prefix.
    expect(await ids('الادريسي')).toContain(made.ar!.id);
    expect(await ids('محمد')).toContain(made.ar!.id);
    expect(await ids('إنارة')).toContain(made.ar!.id);
    expect(await ids('انارة الزقاق')).toEqual([made.ar!.id]);
    // French: accents and case do not matter; a latin spelling of an Arabic name finds its case too.
    expect(await ids('eclairage')).toEqual([made.fr!.id]);
    expect(await ids('HELENE benjell')).toEqual([made.fr!.id]);
    expect(await ids('Idrissi')).toEqual([made.ar!.id]);
    // The tracking number, whole or its last digits.
    expect(await ids(made.fr!.trackingNumber)).toEqual([made.fr!.id]);
    expect(await ids(made.fr!.trackingNumber.split('-')[2]!)).toContain(made.fr!.id);
    // Nothing found is an empty list, and punctuation cannot break the query.
    expect(await ids('zzzyyy')).toEqual([]);
    expect(await ids("l'éclairage & | ! ( ) :*")).toEqual([made.fr!.id]);
    expect(await ids('&|!')).not.toEqual([]);
  });

  it('filters by kind, channel, country of residence, assignee and deadline, and counts per state for the same filters', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const fromCanada = (await desk.get(`/api/cases?institutionId=${inst.AML}&country=ca&counts=true`)).json();
    expect(fromCanada.items.map((i: Item) => i.id)).toEqual([made.ar!.id]);
    expect(fromCanada.items[0]).toMatchObject({
      requesterCountry: 'CA',
      requesterName: expect.stringContaining('Idrissi'),
    });
    expect(fromCanada.counts).toMatchObject({ total: 1, open: 1, overdue: 0, byState: { submitted: 1 } });

    const byPhone = (await desk.get(`/api/cases?institutionId=${inst.AML}&channel=phone,whatsapp`)).json()
      .items;
    expect(byPhone.map((i: Item) => i.id).sort()).toEqual([made.ar!.id, made.fr!.id].sort());

    const all = (await desk.get(`/api/cases?institutionId=${inst.AML}&limit=100&counts=true`)).json();
    const total = all.counts.total;
    expect(total).toBe(all.items.length);
    expect(Object.values(all.counts.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      total,
    );
    const complaints = (
      await desk.get(`/api/cases?institutionId=${inst.AML}&kind=complaint&limit=100`)
    ).json().items;
    expect(complaints.length).toBeGreaterThan(0);
    expect(complaints.every((i: Item) => i.kind === 'complaint')).toBe(true);

    const overdue = (await desk.get(`/api/cases?institutionId=${inst.AML}&due=overdue&limit=100`)).json()
      .items;
    const now = currentMillis();
    expect(
      overdue.every((i: Item) => new Date(i.dueAt).getTime() < now && i.state !== 'awaiting_citizen'),
    ).toBe(true);
    const week = (await desk.get(`/api/cases?institutionId=${inst.AML}&due=week&limit=100`)).json().items;
    expect(
      week.every((i: Item) => {
        const d = new Date(i.dueAt).getTime();
        return d >= now - 60_000 && d < now + 7 * 86_400_000;
      }),
    ).toBe(true);

    // Taking a case puts it in "mine"; "unassigned" no longer lists it.
    const v = (await desk.get(`/api/cases/${made.fr!.id}`)).json().version;
    const took = await desk.post(`/api/cases/${made.fr!.id}/actions`, { action: 'acknowledge', version: v });
    expect(took.statusCode, took.body).toBe(200);
    const v2 = (await desk.get(`/api/cases/${made.fr!.id}`)).json().version;
    const me = (await desk.get('/api/auth/session')).json();
    const assigned = await desk.post(`/api/cases/${made.fr!.id}/assignment`, {
      assigneeId: me.account.id,
      version: v2,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const mine = (await desk.get(`/api/cases?institutionId=${inst.AML}&assignee=me`)).json().items;
    expect(mine.map((i: Item) => i.id)).toContain(made.fr!.id);
    const none = (await desk.get(`/api/cases?institutionId=${inst.AML}&assignee=none&limit=100`)).json()
      .items;
    expect(none.map((i: Item) => i.id)).not.toContain(made.fr!.id);
    const acknowledged = (
      await desk.get(`/api/cases?institutionId=${inst.AML}&state=acknowledged,in_progress&q=eclairage`)
    ).json().items;
    expect(acknowledged.map((i: Item) => i.id)).toEqual([made.fr!.id]);
  });

  it('pages with a cursor in every sort order without skipping or repeating a case', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    for (const sort of ['newest', 'oldest', 'due', 'updated']) {
      const whole = (await desk.get(`/api/cases?institutionId=${inst.AML}&sort=${sort}&limit=100`)).json()
        .items;
      const seen: Item[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: Item[]; nextCursor: string | null } = (
          await desk.get(
            `/api/cases?institutionId=${inst.AML}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          )
        ).json();
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(
        seen.map((i) => i.id),
        sort,
      ).toEqual(whole.map((i: Item) => i.id));
      expect(whole.length).toBeGreaterThan(2);
    }
    const due = (await desk.get(`/api/cases?institutionId=${inst.AML}&sort=due&limit=100`)).json()
      .items as Item[];
    const times = due.map((i) => new Date(i.dueAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('refuses bad filters with a clear message and never shows another body’s cases', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    for (const bad of [
      'state=lost',
      'kind=joke',
      'country=France',
      'sort=random',
      'cursor=yesterday|x',
      'assignee=bob',
    ]) {
      const res = await desk.get(`/api/cases?institutionId=${inst.AML}&${bad}`);
      expect([400, 422], bad).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const other = await signedIn(p.app, 'guichet@aubm.demo');
    expect((await other.get(`/api/cases?institutionId=${inst.AML}`)).statusCode).toBe(403);
    const theirs = (await other.get('/api/cases?q=eclairage&limit=100')).json().items as Item[];
    expect(theirs.map((i) => i.id)).not.toContain(made.fr!.id);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    const hers = (await citizen.get('/api/cases?q=eclairage')).json().items as Item[];
    expect(hers).toEqual([]);
  });

  it('keeps named views of the queue for each staff member, private to them', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo', 'ar');
    const base = `/api/institutions/${inst.AML}/saved-views`;
    const made = await desk.post(base, {
      name: 'شكايات متأخرة',
      filters: { kind: 'complaint', due: 'overdue', sort: 'due' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const again = await desk.post(base, { name: 'شكايات متأخرة', filters: { kind: 'complaint' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toBe('لديك بالفعل عرض باسم «شكايات متأخرة». اختر اسماً آخر.');
    const bad = await desk.post(base, { name: 'x', filters: { kind: 'joke' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().detail).toContain('kind');
    const empty = await desk.post(base, { name: '   ', filters: {} });
    expect(empty.statusCode).toBe(422);
    const list = (await desk.get(base)).json().items;
    expect(list).toEqual([
      {
        id: made.json().id,
        name: 'شكايات متأخرة',
        filters: { kind: 'complaint', due: 'overdue', sort: 'due' },
      },
    ]);
    // A colleague does not see it and cannot delete it; another body's staff cannot even list.
    const chef = await signedIn(p.app, 'chef@aml.demo');
    expect((await chef.get(base)).json().items).toEqual([]);
    expect((await chef.delete(`/api/saved-views/${made.json().id}`)).statusCode).toBe(404);
    const other = await signedIn(p.app, 'guichet@aubm.demo');
    expect((await other.get(base)).statusCode).toBe(403);
    const citizen = await signedIn(p.app, 'fatima@example.fr');
    expect((await citizen.get(base)).statusCode).toBe(403);
    expect((await desk.delete(`/api/saved-views/${made.json().id}`)).statusCode).toBe(204);
    expect((await desk.get(base)).json().items).toEqual([]);
  });
});
