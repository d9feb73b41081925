import { describe, expect, it } from 'vitest';
import {
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

describe.each(testDatabases())('back office API on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat, dept } = useIdsByCode(p, { departmentsOf: 'AML' });

  it('finds a person however the name is spelled, in either script, and refuses to register a twin', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const made = await desk.post(`/api/institutions/${inst.AML}/desk/people`, {
      givenNameLatin: 'Mohammed',
      familyNameLatin: 'Ait Brahim',
      givenNameAr: 'محمد',
      familyNameAr: 'آيت إبراهيم',
      birthDate: '1950-02-03',
      countryOfResidence: 'FR',
      phone: '+33 6 11 22 33 44',
      preferredLanguage: 'ar',
    });
    expect(made.statusCode).toBe(201);
    for (const q of ['Mohamed', 'Muhammad', 'محمد', 'mohamed brahim']) {
      const found = (
        await desk.get(`/api/institutions/${inst.AML}/desk/people?name=${encodeURIComponent(q)}`)
      ).json().items;
      expect(
        found.map((x: { id: string }) => x.id),
        q,
      ).toContain(made.json().id);
    }
    const byPhone = (
      await desk.get(`/api/institutions/${inst.AML}/desk/people?phone=${encodeURIComponent('+33611223344')}`)
    ).json().items;
    expect(byPhone[0]).toMatchObject({ id: made.json().id, matchedBy: ['phone'], email: null });
    const twin = await desk.post(`/api/institutions/${inst.AML}/desk/people`, {
      givenNameLatin: 'Mohamed',
      familyNameLatin: 'Ait Brahim',
      birthDate: '1950-02-03',
      countryOfResidence: 'FR',
      preferredLanguage: 'fr',
    });
    expect(twin.statusCode).toBe(409);
    expect(twin.json().duplicates[0].id).toBe(made.json().id);
    const other = await signedIn(p.app, 'guichet@aubm.demo');
    expect((await other.get(`/api/institutions/${inst.AML}/desk/people?name=Mohamed`)).statusCode).toBe(403);
  });

  it('registers a walk-in’s request on their behalf, logs the visit, routes it, and sends it to another body keeping its number', async () => {
    const desk = await signedIn(p.app, 'accueil@aml.demo');
    const person = (
      await desk.post(`/api/institutions/${inst.AML}/desk/people`, {
        givenNameLatin: 'Zahra',
        familyNameLatin: 'Ouali',
        countryOfResidence: 'ES',
        preferredLanguage: 'fr',
      })
    ).json();
    const made = await desk.post(`/api/institutions/${inst.AML}/desk/cases`, {
      personId: person.id,
      categoryId: cat['complaint-foncier'],
      subject: 'Terrain familial occupé',
      description: 'Un voisin occupe une partie du terrain hérité de mon père à Aït Melloul.',
      intakeChannel: 'desk',
      replyChannels: ['post'],
      language: 'fr',
      visitorName: 'Zahra Ouali',
    });
    expect(made.statusCode, made.body).toBe(201);
    const { id, trackingNumber } = made.json();
    const visits = (await desk.get(`/api/institutions/${inst.AML}/desk/visits`)).json().items;
    expect(visits[0]).toMatchObject({
      visitorName: 'Zahra Ouali',
      channel: 'desk',
      outcome: 'case_opened',
      caseId: id,
    });

    let v = (await desk.get(`/api/cases/${id}`)).json().version;
    const moved = await desk.post(`/api/cases/${id}/transfer`, {
      departmentId: dept['legal-affairs'],
      version: v,
      reason: 'Litige foncier: affaires juridiques',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().departmentId).toBe(dept['legal-affairs']);
    const agent = await signedIn(p.app, 'chef@aml.demo');
    expect(
      (await agent.post(`/api/cases/${id}/notes`, { text: 'Voir le cadastre avant de répondre.' }))
        .statusCode,
    ).toBe(201);
    v = moved.json().version;
    const referred = await agent.post(`/api/cases/${id}/refer-inside`, {
      targetInstitutionId: inst.MDSM,
      version: v,
      reason: 'Litige avec l’administration des domaines: compétence du Médiateur.',
    });
    expect(referred.statusCode, referred.body).toBe(200);
    expect(referred.json()).toMatchObject({
      trackingNumber,
      institutionId: inst.MDSM,
      state: 'submitted',
      departmentId: null,
    });
    // the commune no longer sees it; the Mediator's delegate does, with the same number
    expect((await agent.get(`/api/cases/${id}`)).statusCode).toBe(404);
    const mediator = await signedIn(p.app, 'delegue@mediateur.demo');
    const there = (await mediator.get(`/api/cases/${id}`)).json();
    expect(there.trackingNumber).toBe(trackingNumber);
    expect(there.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'transferred',
      'note',
      'referred_inside',
    ]);
    // the overseer of the region sees it too
    const region = await signedIn(p.app, 'region@souss.demo');
    expect((await region.get(`/api/cases/${id}`)).statusCode).toBe(200);
  });

  it('keeps internal notes and transfer reasons from the citizen', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    const made = await fileComplaintAtAml(fatima, {
      category: 'complaint-accueil',
      subject: 'Attente au guichet',
      description: 'Trois heures d’attente sans être reçue.',
    });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    await chief.post(`/api/cases/${made.id}/notes`, { text: 'Agent concerné en congé.' });
    await chief.post(`/api/cases/${made.id}/transfer`, {
      departmentId: dept['mre-desk'],
      version: 1,
      reason: 'Concerne le bureau MRE, raison interne',
    });
    const seen = (await fatima.get(`/api/cases/${made.id}`)).json();
    expect(JSON.stringify(seen)).not.toContain('congé');
    expect(JSON.stringify(seen)).not.toContain('raison interne');
    expect(seen.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'transferred']);
    expect((await fatima.post(`/api/cases/${made.id}/notes`, { text: 'x' })).statusCode).toBe(403);
  });
});
