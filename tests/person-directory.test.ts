/**
 * The person directory is least-privilege (law 09-08): a body's staff see in full only the people linked to
 * their body; anyone else only by an exact match on two identifiers, masked, until their request is saved;
 * searches are limited per staff member and logged; the person is told a request was filed in their name.
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import { signedIn, testDatabases, useIdsByCode, usePlatform } from './support/platform.js';

type Found = {
  id: string;
  access: 'full' | 'masked';
  phone: string | null;
  email: string | null;
  cin: string | null;
  birthDate: string | null;
  intakeToken?: string;
  matchedBy: string[];
};

describe.each(testDatabases())('the person directory on %s', (kind) => {
  const p = usePlatform(kind, { env: { DESK_SEARCH_RATE_LIMIT: '12' } });
  const { inst, cat } = useIdsByCode(p);
  let personId: string;
  const person = {
    givenNameLatin: 'Nadia',
    familyNameLatin: 'Ouazzani',
    givenNameAr: 'نادية',
    familyNameAr: 'الوزاني',
    birthDate: '1979-04-12',
    cin: 'JB445566',
    countryOfResidence: 'FR',
    phone: '+33 6 12 34 56 32',
    email: 'nadia.ouazzani@example.fr',
    preferredLanguage: 'fr',
  };
  beforeAll(async () => {
    // registered at the desk of Aït Melloul: linked to that body, to no other
    const aml = await signedIn(p.app, 'accueil@aml.demo');
    const made = await aml.post(`/api/institutions/${inst.AML}/desk/people`, person);
    expect(made.statusCode, made.body).toBe(201);
    personId = made.json().id;
  });

  const search = async (who: string, body: string, q: Record<string, string>) => {
    const staff = await signedIn(p.app, who);
    const res = await staff.get(`/api/institutions/${body}/desk/people?${new URLSearchParams(q)}`);
    return res;
  };

  it('shows the body’s own people in full, by any hint', async () => {
    const res = await search('accueil@aml.demo', inst.AML!, { name: 'Nadia Ouazani' });
    expect(res.statusCode).toBe(200);
    const [hit] = res.json().items as Found[];
    expect(hit).toMatchObject({
      id: personId,
      access: 'full',
      phone: '+33612345632',
      cin: 'JB445566',
      birthDate: '1979-04-12',
      email: 'nadia.ouazzani@example.fr',
    });
    expect(hit!.intakeToken).toBeUndefined();
  });

  it('gives another body nothing of a person it has no link to, by any single hint', async () => {
    const single: Record<string, string>[] = [
      { name: 'Nadia Ouazzani' },
      { phone: '+33612345632' },
      { cin: 'JB445566' },
      { email: 'nadia.ouazzani@example.fr' },
      { birthDate: '1979-04-12' },
      { name: 'Nadia', birthDate: '1979-04-12' },
      // two identifiers, one of them wrong
      { cin: 'JB445566', birthDate: '1979-04-13' },
    ];
    for (const q of single) {
      const res = await search('guichet@aubm.demo', inst.AUBM!, q);
      expect(res.statusCode, JSON.stringify(q)).toBe(200);
      const ids = (res.json().items as Found[]).map((x) => x.id);
      expect(ids, JSON.stringify(q)).not.toContain(personId);
      expect(res.body).not.toContain('JB445566');
      expect(res.body).not.toContain('12345632');
    }
  });

  it('answers a twin check on two identifiers with the person masked, and creates nothing', async () => {
    const desk = await signedIn(p.app, 'accueil@aubm.demo');
    const res = await desk.post(`/api/institutions/${inst.AUBM}/desk/people`, {
      givenNameLatin: 'Nadia',
      familyNameLatin: 'Ouazzani',
      phone: '+33 6 12 34 56 32',
      email: 'nadia.ouazzani@example.fr',
      countryOfResidence: 'FR',
      preferredLanguage: 'fr',
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'https://jisr.ma/problems/person-twins', status: 409 });
    const [twin] = res.json().duplicates as Found[];
    expect(twin).toMatchObject({
      id: personId,
      access: 'masked',
      phone: '+33 6 •• •• •• 32',
      cin: 'JB••••66',
    });
    expect(res.body).not.toContain('12345632');
    expect(res.body).not.toContain('JB445566');
  });

  it('finds a walk-in by two identifiers, masked, lets the desk register their request, then shows them in full', async () => {
    const res = await search('guichet@aubm.demo', inst.AUBM!, { cin: 'JB445566', birthDate: '1979-04-12' });
    const items = res.json().items as Found[];
    expect(items).toHaveLength(1);
    const [hit] = items;
    expect(hit).toMatchObject({
      id: personId,
      access: 'masked',
      phone: '+33 6 •• •• •• 32',
      email: 'n•••••••••••••@e••••••.fr',
      cin: 'JB••••66',
      birthDate: null,
      matchedBy: expect.arrayContaining(['cin', 'birthDate']),
    });
    expect(res.body).not.toContain('JB445566');
    expect(res.body).not.toContain('nadia.ouazzani');

    const desk = await signedIn(p.app, 'guichet@aubm.demo');
    const request = {
      personId,
      categoryId: cat['complaint-autre'],
      subject: 'Attestation de résidence',
      description: 'Je demande une attestation de résidence pour mon dossier de retraite.',
      intakeChannel: 'desk',
      replyChannels: ['sms'],
      language: 'fr',
      visitorName: 'Nadia Ouazzani',
    };
    // without the match's token the desk may not act for someone it has no link to; nothing is filed
    const refused = await desk.post(`/api/institutions/${inst.AUBM}/desk/cases`, request);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('deux identifiants');
    // another agent's token is no good either
    const other = await search('chef@aubm.demo', inst.AUBM!, { cin: 'JB445566', birthDate: '1979-04-12' });
    const foreign = (other.json().items as Found[])[0]!.intakeToken;
    expect(
      (await desk.post(`/api/institutions/${inst.AUBM}/desk/cases`, { ...request, intakeToken: foreign }))
        .statusCode,
    ).toBe(403);
    const filed = await desk.post(`/api/institutions/${inst.AUBM}/desk/cases`, {
      ...request,
      intakeToken: hit!.intakeToken,
    });
    expect(filed.statusCode, filed.body).toBe(201);

    // the person hears that a request was filed in their name at a desk, on their own e-mail too
    const told = await p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.caseId, filed.json().id), eq(notifications.recipientId, personId)));
    expect(told.map((n) => [n.event, n.channel]).sort()).toEqual([
      ['receipt_desk', 'email'],
      ['receipt_desk', 'sms'],
    ]);
    const mail = told.find((n) => n.channel === 'email')!;
    expect(mail.toAddress).toBe('nadia.ouazzani@example.fr');
    expect(mail.subject).toContain('Une demande a été enregistrée à votre nom');
    expect(mail.textBody).toContain('Si vous n’avez pas fait cette demande');

    // now linked to this body: found in full by name
    const after = await search('guichet@aubm.demo', inst.AUBM!, { name: 'Nadia Ouazzani' });
    expect((after.json().items as Found[])[0]).toMatchObject({
      id: personId,
      access: 'full',
      cin: 'JB445566',
    });
  });

  it('logs each search, with how many people it showed masked, and limits searches per staff member', async () => {
    const logged = await p.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'desk.person_search'), eq(auditLog.institutionId, inst.AUBM!)));
    const seen = logged.map(({ data: { by, shown, masked } }) => ({ by, shown, masked }));
    expect(seen).toContainEqual({ by: ['birthDate', 'cin'], shown: 1, masked: 1 });
    // the twin check is a search too
    expect(seen).toContainEqual({ by: ['email', 'name', 'phone'], shown: 1, masked: 1 });
    expect(JSON.stringify(logged)).not.toContain('JB445566');

    const agent = await signedIn(p.app, 'chef@aml.demo');
    const url = `/api/institutions/${inst.AML}/desk/people?name=Nadia`;
    const codes: number[] = [];
    for (let i = 0; i < 14; i++) codes.push((await agent.get(url)).statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(12);
    const stopped = await agent.get(url);
    expect(stopped.statusCode).toBe(429);
    expect(stopped.headers['content-type']).toContain('problem+json');
    // the limit is the agent's own: a colleague still searches
    expect((await search('accueil@aml.demo', inst.AML!, { name: 'Nadia' })).statusCode).toBe(200);
  });
});
