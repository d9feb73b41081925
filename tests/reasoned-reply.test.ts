import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';
import { replyParts } from './support/reply.js';

const run = promisify(execFile);
const problem = (code: string) => `https://jisr.ma/problems/${code}`;

const loi3113 = {
  categoryId: null,
  citation: 'Loi n° 31-13, art. 4',
  titleAr: 'القانون رقم 31.13 المتعلق بالحق في الحصول على المعلومات',
  titleFr: 'Loi n° 31-13 relative au droit d’accès à l’information',
  titleEn: 'Law No. 31-13 on the right of access to information',
};

describe.each(testDatabases())('the reasoned reply and its legal bases on %s', (kind) => {
  const p = usePlatform(kind);
  const { inst, cat } = useIdsByCode(p);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-reply-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const basesUrl = () => `/api/institutions/${inst.AML}/legal-bases`;
  const versionOf = async (who: Client, id: string) =>
    (await who.get(`/api/cases/${id}`)).json().version as number;
  /** A complaint of Fatima's at the commune, taken to the point where a reply is written. */
  async function caseToAnswer(language = 'fr') {
    const fatima = await signedIn(p.app, 'fatima@example.fr', language);
    const made = await fileComplaintAtAml(fatima, {
      subject: language === 'ar' ? 'طلب معلومات حول رخصة' : 'Demande d’information sur un permis',
      description:
        language === 'ar' ? 'أريد معرفة مآل طلب رخصة البناء.' : 'Je voudrais savoir où en est mon permis.',
      language,
    });
    const chef = await signedIn(p.app, 'chef@aml.demo');
    for (const action of ['acknowledge', 'start']) {
      const res = await chef.post(`/api/cases/${made.id}/actions`, {
        action,
        version: await versionOf(chef, made.id),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    return { fatima, chef, id: made.id };
  }
  const draft = async (chef: Client, id: string, parts: unknown, reason?: string) =>
    chef.post(`/api/cases/${id}/actions`, {
      action: 'submit_reply',
      version: await versionOf(chef, id),
      parts,
      ...(reason ? { reason } : {}),
    });
  const approve = async (chef: Client, id: string) =>
    chef.post(`/api/cases/${id}/actions`, { action: 'approve_reply', version: await versionOf(chef, id) });

  it('the institution admin adds, corrects and retires legal texts; its staff read the list in force', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const added = await admin.post(basesUrl(), loi3113);
    expect(added.statusCode, added.body).toBe(201);
    const id = added.json().id as string;
    const fixed = await admin.patch(`${basesUrl()}/${id}`, { citation: 'Loi n° 31-13, art. 4 et 6' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ citation: 'Loi n° 31-13, art. 4 et 6', titleFr: loi3113.titleFr });

    const agent = await signedIn(p.app, 'etatcivil@aml.demo');
    const inForce = async () => (await agent.get(basesUrl())).json().items.map((b: { id: string }) => b.id);
    expect(await inForce()).toContain(id);
    // the demo's texts are there too, those of a category only with it
    const forComplaints = (
      await agent.get(`${basesUrl()}?categoryId=${cat['complaint-delai-absence-reponse']}`)
    )
      .json()
      .items.map((b: { citation: string }) => b.citation);
    expect(forComplaints).toContain('Décret n° 2-17-265, art. 12');
    expect(forComplaints).not.toContain('Loi n° 37-99, art. 22');

    const retired = await admin.patch(`${basesUrl()}/${id}`, { retired: true });
    expect(retired.statusCode).toBe(200);
    expect(retired.json().retiredAt).not.toBeNull();
    expect(await inForce()).not.toContain(id);
    const all = (await admin.get(`${basesUrl()}?retired=true`)).json().items.map((b: { id: string }) => b.id);
    expect(all).toContain(id);

    // bad input: a clear, translated problem, and nothing written
    const bad = await admin.post(basesUrl(), { ...loi3113, titleAr: '   ' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toContain('/body/titleAr');
    const unknownCategory = await admin.post(basesUrl(), {
      ...loi3113,
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknownCategory.statusCode).toBe(422);
    expect(unknownCategory.json().type).toBe(problem('category-unknown'));
  });

  it('refuses to let anyone but the body’s own administrator manage its legal texts', async () => {
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const [one] = (await admin.get(basesUrl())).json().items as { id: string; citation: string }[];
    const before = (await admin.get(`${basesUrl()}?retired=true`)).body;
    const refused = {
      'a citizen': await signedIn(p.app, 'fatima@example.fr'),
      'the admin of another body': await signedIn(p.app, 'admin@aubm.demo'),
      'a clerk of another body': await signedIn(p.app, 'guichet@aubm.demo'),
      'an agent of the body': await signedIn(p.app, 'etatcivil@aml.demo'),
      'a supervisor of the body': await signedIn(p.app, 'chef@aml.demo'),
    };
    for (const [who, client] of Object.entries(refused)) {
      expect((await client.post(basesUrl(), loi3113)).statusCode, who).toBe(403);
      expect((await client.patch(`${basesUrl()}/${one!.id}`, { retired: true })).statusCode, who).toBe(403);
    }
    // reading the list is for the body's staff: not for citizens nor other bodies
    expect((await refused['a citizen'].get(basesUrl())).statusCode).toBe(403);
    expect((await refused['a clerk of another body'].get(basesUrl())).statusCode).toBe(403);
    expect((await new (admin.constructor as typeof Client)(p.app).post(basesUrl(), loi3113)).statusCode).toBe(
      401,
    );
    // the administrator of another body cannot reach this body's text through its own address either
    const aubmAdmin = refused['the admin of another body'];
    const aubmUrl = `/api/institutions/${inst.AUBM}/legal-bases/${one!.id}`;
    expect((await aubmAdmin.patch(aubmUrl, { retired: true })).statusCode).toBe(404);
    expect((await admin.get(`${basesUrl()}?retired=true`)).body).toBe(before);
  });

  it('keeps a draft without a legal basis, but refuses to approve it and says which part is missing', async () => {
    const { chef, id } = await caseToAnswer();
    const parts = { ...replyParts('Votre permis a été délivré le 3 novembre.'), legalBasisText: '' };
    const saved = await draft(chef, id, parts);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().state).toBe('reply_pending_approval');

    // an agent cannot approve, whatever the draft
    const agent = await signedIn(p.app, 'urbanisme@aml.demo');
    expect((await approve(agent, id)).statusCode).toBe(403);

    const refused = await approve(chef, id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe(problem('reply-part-missing'));
    expect(refused.json().missing).toEqual(['legal_basis']);
    expect(refused.json().detail).toContain('Fondement juridique');
    const seen = (await chef.get(`/api/cases/${id}`)).json();
    expect(seen.state).toBe('reply_pending_approval');
    expect(seen.timeline.some((e: { type: string }) => e.type === 'reply_approved')).toBe(false);

    // a plain draft, written before the parts existed, lacks them all
    await chef.post(`/api/cases/${id}/actions`, {
      action: 'return_reply',
      version: await versionOf(chef, id),
      reason: 'Citez le texte applicable.',
    });
    await chef.post(`/api/cases/${id}/actions`, {
      action: 'submit_reply',
      version: await versionOf(chef, id),
      reason: 'Votre permis a été délivré.',
    });
    const plain = await approve(chef, id);
    expect(plain.statusCode).toBe(409);
    expect(plain.json().missing).toEqual(['facts', 'legal_basis', 'decision', 'contest']);
  });

  it('refuses a text that is retired, of another body or of another category', async () => {
    const { chef, id } = await caseToAnswer();
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const aubmAdmin = await signedIn(p.app, 'admin@aubm.demo');
    const retired = (await admin.post(basesUrl(), loi3113)).json().id;
    await admin.patch(`${basesUrl()}/${retired}`, { retired: true });
    const elsewhere = (await aubmAdmin.post(`/api/institutions/${inst.AUBM}/legal-bases`, loi3113)).json().id;
    const civilStatus = (await admin.get(basesUrl()))
      .json()
      .items.find((b: { citation: string }) => b.citation === 'Loi n° 37-99, art. 22').id;
    for (const basis of [retired, elsewhere, civilStatus]) {
      const res = await draft(chef, id, replyParts('Décision.', { legalBasisIds: [basis] }));
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().type).toBe(problem('legal-basis-unknown'));
    }
    expect((await chef.get(`/api/cases/${id}`)).json().state).toBe('in_progress');
    // a malformed part: the field is named
    const bad = await draft(chef, id, { ...replyParts('Décision.'), contest: { how: 'Recours', days: 0 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(
      '/body/parts/contest/days',
    );
  });

  it('approves a complete reply: the citizen reads it part by part, in the letter under headings', async () => {
    const { fatima, chef, id } = await caseToAnswer();
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const basis = (await admin.get(basesUrl()))
      .json()
      .items.find((b: { citation: string }) => b.citation === 'Loi n° 55-19, art. 5');
    const parts = {
      ...replyParts('Le permis vous est délivré ; il est à retirer au guichet.', {
        legalBasisIds: [basis.id],
      }),
      legalBasisText: 'Arrêté municipal n° 12/2026.',
    };
    expect((await draft(chef, id, parts)).statusCode).toBe(200);
    // correcting the list afterwards does not change the reply that cited it
    await admin.patch(`${basesUrl()}/${basis.id}`, { citation: 'Loi n° 55-19 (modifiée)' });
    const approved = await approve(chef, id);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('answered');
    await admin.patch(`${basesUrl()}/${basis.id}`, { citation: 'Loi n° 55-19, art. 5' });

    const seen = (await fatima.get(`/api/cases/${id}`)).json();
    const reply = seen.timeline.find((e: { type: string }) => e.type === 'reply_approved');
    expect(reply.data.parts).toMatchObject({
      facts: parts.facts,
      decision: parts.decision,
      legalBasisText: 'Arrêté municipal n° 12/2026.',
      legalBases: [{ citation: 'Loi n° 55-19, art. 5', titleFr: basis.titleFr }],
      contest: { how: parts.contest.how, days: 60 },
    });
    // the internal draft stays with the staff
    expect(seen.timeline.some((e: { type: string }) => e.type === 'reply_drafted')).toBe(false);
    expect(reply.reason).toContain('## Faits');
    expect(reply.reason).toContain('## Voies et délais de recours');
    expect(reply.reason).toContain('Délai : 60 jours');

    const letter = await fatima.get(`/api/cases/${id}/reply.pdf`);
    expect(letter.statusCode).toBe(200);
    const file = path.join(dir, `${kind}-reply.pdf`);
    await writeFile(file, letter.rawPayload);
    await run('pdftotext', [file, `${file}.txt`]);
    const text = (await readFile(`${file}.txt`, 'utf8')).replace(/\s+/g, ' ');
    for (const heading of ['Faits', 'Fondement juridique', 'Décision', 'Voies et délais de recours'])
      expect(text).toContain(heading);
    expect(text).not.toContain('## ');
    expect(text).toContain('Loi n° 55-19, art. 5');
    expect(text).toContain('il est à retirer au guichet');
  });

  it('writes the headings in the citizen’s language, Arabic included', async () => {
    const { fatima, chef, id } = await caseToAnswer('ar');
    expect((await draft(chef, id, replyParts('تم تسليم الرخصة.'))).statusCode).toBe(200);
    expect((await approve(chef, id)).statusCode).toBe(200);
    const seen = (await fatima.get(`/api/cases/${id}`)).json();
    const reply = seen.timeline.find((e: { type: string }) => e.type === 'reply_approved');
    expect(reply.reason).toContain('## الوقائع');
    expect(reply.reason).toContain('## السند القانوني');
    expect(reply.reason).toContain('الأجل: 60 يوما');
  });

  it('fills the reply’s parts from the body’s template for the case’s category and language', async () => {
    const { chef, id } = await caseToAnswer();
    const admin = await signedIn(p.app, 'admin@aml.demo');
    const saved = await admin.post(`/api/institutions/${inst.AML}/templates`, {
      categoryId: cat['complaint-autre'],
      language: 'fr',
      title: 'Réponse motivée — réclamation',
      body: 'Madame, Monsieur, votre dossier {tracking}.',
      parts: {
        facts: 'Votre réclamation {tracking} (« {subject} ») a été examinée.',
        decision: 'Après examen, {body} ne peut y donner suite.',
        contest: 'Vous pouvez saisir le Médiateur du Royaume.',
      },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const listed = (await chef.get(`/api/cases/${id}/templates`)).json().items;
    const tpl = listed.find((x: { title: string }) => x.title === 'Réponse motivée — réclamation');
    expect(tpl.parts.facts).toContain('« Demande d’information sur un permis »');
    expect(tpl.parts.decision).toContain('Commune');
    // another body's clerk reads none of them
    const aubm = await signedIn(p.app, 'guichet@aubm.demo');
    expect((await aubm.get(`/api/cases/${id}/templates`)).statusCode).toBe(404);
  });
});
