import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../src/modules/notifications/schema.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import {
  actOn,
  type Client,
  fileComplaintAtAml,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

const FATIMA = 'fatima@example.fr';
/** Plays Fatima's brother in Aït Melloul. */
const BROTHER = 'khadija@example.be';
const BROTHER_NAME = 'Khadija Bouzid';
const STRANGER = 'youssef@example.es';
const problem = (code: string) => `https://jisr.ma/problems/${code}`;
const DAY = 86_400_000;

describe.each(testDatabases())('mandates: a relative who can act, on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat } = useIdsByCode(p);
  const clock = fixedClock('2026-12-01T10:00:00+01:00');
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = setPlatformClock(clock);
  });
  afterAll(() => restore());
  const at = (days: number) => new Date(Date.parse('2026-12-01T09:00:00Z') + days * DAY).toISOString();

  async function birthCase(who: Client) {
    const res = await who.post('/api/cases', {
      institutionId: inst.AML,
      categoryId: cat['doc-etat-civil-extrait-acte-naissance'],
      subject: 'Extrait d’acte de naissance',
      description: 'Un extrait de mon acte de naissance pour un dossier en France.',
      fields: { person_name: 'Fatima El Hassani', record_number: '1234', record_year: 1978, copies: 2 },
      replyChannels: ['email'],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  const give = (who: Client, body: Record<string, unknown>) =>
    who.post('/api/mandates', { validFrom: at(0), validUntil: at(30), granteeEmail: BROTHER, ...body });
  const outbox = (event: string, to: string) =>
    p.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.event, event as 'mandate_given'), eq(notifications.toAddress, to)));
  const version = async (who: Client, id: string) => (await who.get(`/api/cases/${id}`)).json().version;

  it('gives, accepts, answers the body for the person, shows who acted, and stops at once on revocation', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const caseId = await birthCase(fatima);
    const otherCase = await birthCase(fatima);
    const given = await give(fatima, { caseId, actions: ['answer'] });
    expect(given.statusCode, given.body).toBe(201);
    const m = given.json();
    expect(m).toMatchObject({ status: 'pending', actions: ['answer'], requiresProcuration: false });
    expect(m.case.id).toBe(caseId);
    // the relative is invited with a link to accept
    const invitation = await outbox('mandate_given', BROTHER);
    expect(invitation.map((n) => n.textBody).join()).toContain(`/mandates/${m.id}/accept`);

    const brother = await signedIn(p.app, BROTHER);
    // not accepted yet: the case is as unknown to him as to anyone
    expect((await brother.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await brother.get('/api/mandates')).json().received.map((x: { id: string }) => x.id)).toContain(
      m.id,
    );
    // someone else following the link cannot take the mandate
    const stranger = await signedIn(p.app, STRANGER);
    const wrong = await stranger.post(`/api/mandates/${m.id}/accept`);
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().type).toBe(problem('mandate-other-email'));
    expect(wrong.json().detail).toContain('autre adresse');
    // nor revoke it, nor can the relative
    expect((await stranger.post(`/api/mandates/${m.id}/revoke`)).statusCode).toBe(404);

    const accepted = await brother.post(`/api/mandates/${m.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'active', grantee: { name: BROTHER_NAME } });
    expect(await outbox('mandate_accepted', FATIMA)).toHaveLength(1);
    expect((await brother.post(`/api/mandates/${m.id}/revoke`)).statusCode).toBe(404);

    // he sees that case, and no other of hers
    const seen = await brother.get(`/api/cases/${caseId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().underMandate).toEqual({
      id: m.id,
      forName: 'Fatima El Hassani',
      actions: ['answer'],
      verified: false,
    });
    expect((await brother.get(`/api/cases/${otherCase}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/cases/${caseId}`)).statusCode).toBe(404);

    // the body asks a question; he answers it for her
    const chef = await signedIn(p.app, 'chef@aml.demo');
    await actOn(chef, caseId, [['acknowledge'], ['start'], ['request_info', 'Quelle est la date exacte ?']]);
    // he hears that the body asked, as she does
    const news = await outbox('mandate_case_news', BROTHER);
    expect(news).toHaveLength(1);
    expect(news[0]!.textBody).toContain('Fatima El Hassani');
    expect((await brother.get(`/api/cases/${caseId}`)).json().availableActions).toEqual(['citizen_reply']);
    // withdrawing stays hers
    const withdraw = await brother.post(`/api/cases/${caseId}/actions`, {
      action: 'withdraw',
      version: await version(brother, caseId),
    });
    expect(withdraw.statusCode).toBe(403);
    const answer = await brother.post(`/api/cases/${caseId}/actions`, {
      action: 'citizen_reply',
      version: await version(brother, caseId),
      reason: 'Le 14 mars 1978, à Aït Melloul.',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().state).toBe('in_progress');
    expect((await brother.post(`/api/cases/${caseId}/messages`, { text: 'Merci.' })).statusCode).toBe(201);
    // a paper he adds for her is his act under the mandate too
    const paper = await brother.upload(`/api/cases/${caseId}/attachments`, 'livret.png', samples.png, {
      type: 'image/png',
    });
    expect(paper.statusCode, paper.body).toBe(201);

    // both sides see "by him, for her, under the mandate"
    for (const who of [fatima, chef, brother]) {
      const timeline = (await who.get(`/api/cases/${caseId}`)).json().timeline as {
        type: string;
        actor: { name: string | null } | null;
        onBehalf: { mandateId: string; name: string } | null;
      }[];
      const replied = timeline.find((e) => e.type === 'citizen_replied')!;
      expect(replied.actor?.name).toBe(BROTHER_NAME);
      expect(replied.onBehalf).toEqual({ mandateId: m.id, name: 'Fatima El Hassani' });
      expect(timeline.find((e) => e.type === 'message')!.onBehalf?.mandateId).toBe(m.id);
      expect(timeline.find((e) => e.type === 'attachment_added')!.onBehalf?.mandateId).toBe(m.id);
      expect(timeline.find((e) => e.type === 'info_requested')!.onBehalf).toBeNull();
    }
    // she is told each time he acts
    expect(await outbox('mandate_used', FATIMA)).toHaveLength(3);
    // who read her data is hers to know
    expect((await brother.get(`/api/cases/${caseId}/accesses`)).statusCode).toBe(403);
    expect((await fatima.get(`/api/cases/${caseId}/accesses`)).statusCode).toBe(200);
    // collecting the letter was not granted
    const letter = await brother.get(`/api/cases/${caseId}/reply.pdf`);
    expect(letter.statusCode).toBe(403);
    expect(letter.json().type).toBe(problem('mandate-act-not-granted'));

    // she revokes: from the next request on, he reaches nothing
    const revoked = await fatima.post(`/api/mandates/${m.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().status).toBe('revoked');
    expect(await outbox('mandate_revoked', BROTHER)).toHaveLength(1);
    expect((await brother.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await brother.post(`/api/cases/${caseId}/messages`, { text: 'Encore moi.' })).statusCode).toBe(
      404,
    );
    // accepting again does not bring it back
    expect((await brother.post(`/api/mandates/${m.id}/accept`)).json().status).toBe('revoked');
    expect((await brother.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('gives access only between its dates', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const caseId = await birthCase(fatima);
    const m = (
      await give(fatima, { caseId, actions: ['answer'], validFrom: at(2), validUntil: at(5) })
    ).json();
    const brother = await signedIn(p.app, BROTHER);
    expect((await brother.post(`/api/mandates/${m.id}/accept`)).json().status).toBe('scheduled');
    expect((await brother.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    clock.set(at(2));
    const later = await signedIn(p.app, BROTHER);
    expect((await later.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    clock.set(at(5));
    const after = await signedIn(p.app, BROTHER);
    expect((await after.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    const her = await signedIn(p.app, FATIMA);
    expect((await her.get(`/api/mandates/${m.id}`)).json().status).toBe('expired');
  });

  it('allows only the acts granted', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const caseId = await birthCase(fatima);
    const m = (await give(fatima, { caseId, actions: ['appointment'] })).json();
    const brother = await signedIn(p.app, BROTHER);
    await brother.post(`/api/mandates/${m.id}/accept`);
    const chef = await signedIn(p.app, 'chef@aml.demo');
    await actOn(chef, caseId, [['acknowledge'], ['start'], ['request_info', 'Une pièce manque.']]);
    const view = (await brother.get(`/api/cases/${caseId}`)).json();
    expect(view.availableActions).toEqual([]);
    const answer = await brother.post(`/api/cases/${caseId}/actions`, {
      action: 'citizen_reply',
      version: view.version,
      reason: 'Voici.',
    });
    expect(answer.statusCode).toBe(403);
    expect((await brother.post(`/api/cases/${caseId}/messages`, { text: 'Bonjour' })).statusCode).toBe(403);
  });

  it('refuses collecting until the body checked the procuration; only the body’s staff can check it', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const caseId = await birthCase(fatima);
    const m = (await give(fatima, { caseId, actions: ['collect'] })).json();
    expect(m.requiresProcuration).toBe(true);
    const brother = await signedIn(p.app, BROTHER);
    await brother.post(`/api/mandates/${m.id}/accept`);
    const chef = await signedIn(p.app, 'chef@aml.demo');
    await actOn(chef, caseId, [['acknowledge'], ['start'], ['mark_ready']]);
    const early = await brother.get(`/api/cases/${caseId}/reply.pdf`);
    expect(early.statusCode).toBe(403);
    expect(early.json().type).toBe(problem('mandate-procuration-unverified'));

    // staff of another body, the relative and the person cannot mark it verified
    const aubm = await signedIn(p.app, 'guichet@aubm.demo');
    expect((await aubm.post(`/api/mandates/${m.id}/verify`, { caseId })).statusCode).toBe(404);
    expect((await aubm.get(`/api/cases/${caseId}/mandates`)).statusCode).toBe(404);
    expect((await brother.post(`/api/mandates/${m.id}/verify`, { caseId })).statusCode).toBe(403);
    expect((await fatima.post(`/api/mandates/${m.id}/verify`, { caseId })).statusCode).toBe(403);
    expect((await fatima.get(`/api/cases/${caseId}/mandates`)).statusCode).toBe(403);
    // the auditor reads, never verifies
    const audit = await signedIn(p.app, 'audit@aml.demo');
    expect((await audit.post(`/api/mandates/${m.id}/verify`, { caseId })).statusCode).toBe(403);

    const listed = await chef.get(`/api/cases/${caseId}/mandates`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((x: { id: string }) => x.id)).toEqual([m.id]);
    const verified = await chef.post(`/api/mandates/${m.id}/verify`, { caseId });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().verified).toMatchObject({ by: 'Mohamed Akhannouch' });
    // verified: he takes the letter as she does (none yet: the body has not answered)
    const letter = await brother.get(`/api/cases/${caseId}/reply.pdf`);
    const hers = await fatima.get(`/api/cases/${caseId}/reply.pdf`);
    expect(letter.statusCode, letter.body.slice(0, 200)).toBe(hers.statusCode);
    expect(letter.json().type).not.toContain('mandate');
  });

  it('for a kind of request: files new cases of that kind for the person, reaches her cases of that kind only', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const birth = cat['doc-etat-civil-extrait-acte-naissance'];
    const complaint = await fileComplaintAtAml(fatima, {
      subject: 'Lampadaire en panne',
      description: 'Le lampadaire devant la maison ne fonctionne plus depuis un mois.',
    });
    const m = (await give(fatima, { categoryId: birth, actions: ['file', 'answer'] })).json();
    const brother = await signedIn(p.app, BROTHER);
    await brother.post(`/api/mandates/${m.id}/accept`);
    const filed = await brother.post(`/api/mandates/${m.id}/cases`, {
      institutionId: inst.AML,
      categoryId: birth,
      subject: 'Extrait d’acte de naissance pour Fatima',
      description: 'Un extrait de l’acte de naissance de ma sœur, pour son dossier en France.',
      fields: { person_name: 'Fatima El Hassani', record_number: '1234', record_year: 1978, copies: 1 },
      replyChannels: ['email'],
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const caseId = filed.json().id as string;
    // the case is hers: in her list, with the first step "by him for her"
    const mine = (await fatima.get('/api/cases?limit=100')).json().items.map((c: { id: string }) => c.id);
    expect(mine).toContain(caseId);
    const view = (await fatima.get(`/api/cases/${caseId}`)).json();
    expect(view.requesterId).not.toBe(undefined);
    expect(view.timeline[0]).toMatchObject({ type: 'submitted', onBehalf: { mandateId: m.id } });
    expect((await brother.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    // her complaint is not of the mandated kind
    expect((await brother.get(`/api/cases/${complaint.id}`)).statusCode).toBe(404);
    const outside = await brother.post(`/api/mandates/${m.id}/cases`, {
      institutionId: inst.AML,
      categoryId: cat['complaint-autre'],
      subject: 'Autre plainte',
      description: 'Une plainte que le mandat ne couvre pas du tout.',
      replyChannels: ['email'],
    });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().type).toBe(problem('mandate-act-not-granted'));
    // his list of her cases he may act on: those of the kind, not the complaint; his alone to read
    const reached = await brother.get(`/api/mandates/${m.id}/cases`);
    expect(reached.statusCode, reached.body).toBe(200);
    const reachedIds = reached.json().items.map((c: { id: string }) => c.id);
    expect(reachedIds).toContain(caseId);
    expect(reachedIds).not.toContain(complaint.id);
    expect((await fatima.get(`/api/mandates/${m.id}/cases`)).statusCode).toBe(404);
    // nobody else files under it
    const stranger = await signedIn(p.app, STRANGER);
    expect((await stranger.get(`/api/mandates/${m.id}/cases`)).statusCode).toBe(404);
    expect(
      (
        await stranger.post(`/api/mandates/${m.id}/cases`, {
          institutionId: inst.AML,
          categoryId: birth,
          subject: 'Extrait',
          description: 'Une demande qui n’est pas la mienne à faire.',
          fields: { person_name: 'X', record_number: '1', record_year: 1990, copies: 1 },
          replyChannels: ['email'],
        })
      ).statusCode,
    ).toBe(404);
  });

  it('refuses bad mandates with a clear reason', async () => {
    clock.set('2026-12-01T10:00:00+01:00');
    const fatima = await signedIn(p.app, FATIMA);
    const caseId = await birthCase(fatima);
    const birth = cat['doc-etat-civil-extrait-acte-naissance'];
    const cases: [Record<string, unknown>, number, string][] = [
      [{ caseId, categoryId: birth, actions: ['answer'] }, 422, 'mandate-scope'],
      [{ actions: ['answer'] }, 422, 'mandate-scope'],
      [{ caseId, actions: ['file'] }, 422, 'mandate-file-needs-kind'],
      [{ caseId, actions: ['answer'], validFrom: at(3), validUntil: at(2) }, 422, 'mandate-dates'],
      [{ caseId, actions: ['answer'], validFrom: at(-5), validUntil: at(-1) }, 422, 'mandate-dates'],
      [{ caseId, actions: ['answer'], granteeEmail: 'Fatima@Example.fr' }, 422, 'mandate-self'],
      [{ caseId, actions: [] }, 422, 'validation'],
    ];
    for (const [body, status, code] of cases) {
      const res = await give(fatima, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().type).toBe(problem(code));
    }
    // someone else's case, and staff
    const stranger = await signedIn(p.app, STRANGER);
    expect((await give(stranger, { caseId, actions: ['answer'] })).statusCode).toBe(404);
    const chef = await signedIn(p.app, 'chef@aml.demo');
    expect((await give(chef, { caseId, actions: ['answer'] })).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'GET', url: '/api/mandates' })).statusCode).toBe(401);
    // nothing was written by the refusals
    expect(
      (await fatima.get('/api/mandates'))
        .json()
        .given.filter((x: { case: { id: string } | null }) => x.case?.id === caseId),
    ).toEqual([]);
  });
});
