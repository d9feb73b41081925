import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '../src/modules/audit/schema.js';
import { notifications } from '../src/modules/notifications/schema.js';
import {
  type Client,
  multipartFile,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
} from './support/platform.js';

describe.each(testDatabases())(
  'the case workspace: related cases, merging, messages, instructions on %s',
  (kind) => {
    const p = usePlatform(kind);
    const { inst, cat } = useIdsByCode(p);

    async function fileComplaint(who: Client, subject: string) {
      const res = await who.post('/api/cases', {
        institutionId: inst.AML,
        categoryId: cat['complaint-foncier'],
        subject,
        description: 'Un voisin a construit un mur sur le chemin qui mène à la maison familiale.',
        replyChannels: ['email'],
        language: 'fr',
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; trackingNumber: string };
    }
    const version = async (who: Client, id: string) =>
      (await who.get(`/api/cases/${id}`)).json().version as number;

    it('shows the person’s other cases with the likely duplicate first, and merges it into the case that carries on', async () => {
      const youssef = await signedIn(p.app, 'youssef@example.es');
      const first = await fileComplaint(youssef, 'Mur construit sur le chemin');
      const twin = await fileComplaint(youssef, 'Mur sur le chemin (deuxième envoi)');
      const agent = await signedIn(p.app, 'chef@aml.demo');
      const related = (await agent.get(`/api/cases/${twin.id}/related`)).json().items;
      expect(related[0]).toMatchObject({ id: first.id, likelyDuplicate: true });
      expect(related.filter((r: { likelyDuplicate: boolean }) => r.likelyDuplicate)).toHaveLength(1);
      expect(related.length).toBeGreaterThan(1); // youssef's demo cases are listed too, not as duplicates

      // A paper on the duplicate follows it into the case that carries on.
      const upload = await youssef.request({
        method: 'POST',
        url: `/api/cases/${twin.id}/attachments`,
        ...multipartFile('plan.pdf', samples.pdf, 'application/pdf'),
      });
      expect(upload.statusCode, upload.body).toBe(201);

      const stale = await agent.post(`/api/cases/${twin.id}/merge`, { intoId: first.id, version: 999 });
      expect(stale.statusCode).toBe(409);
      const merged = await agent.post(`/api/cases/${twin.id}/merge`, {
        intoId: first.id,
        version: await version(agent, twin.id),
      });
      expect(merged.statusCode, merged.body).toBe(200);
      expect(merged.json().state).toBe('closed');

      // The citizen sees, in their language, where the request goes on.
      const seen = (await youssef.get(`/api/cases/${twin.id}`)).json();
      const ev = seen.timeline.find((e: { type: string }) => e.type === 'merged');
      expect(ev.reason).toBe(`Fusionné avec ${first.trackingNumber}, qui poursuit la même demande.`);
      const kept = (await youssef.get(`/api/cases/${first.id}`)).json();
      expect(kept.timeline.map((e: { type: string }) => e.type)).toContain('merged_from');
      const papers = (await agent.get(`/api/cases/${first.id}/attachments`)).json().items;
      expect(papers.map((f: { name: string }) => f.name)).toContain('plan.pdf');
      const audits = await p.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.merge'), eq(auditLog.entityId, twin.id)));
      expect(audits).toHaveLength(1);

      // Once closed it cannot be merged again, nor can a case be merged into itself.
      const again = await agent.post(`/api/cases/${twin.id}/merge`, {
        intoId: first.id,
        version: await version(agent, twin.id),
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().detail).toBe(
        `Seuls les dossiers ouverts peuvent être fusionnés ; ${twin.trackingNumber} est déjà réglé.`,
      );
      const self = await agent.post(`/api/cases/${first.id}/merge`, {
        intoId: first.id,
        version: await version(agent, first.id),
      });
      expect(self.statusCode).toBe(422);
    });

    it('refuses to merge cases of different people or bodies, and to people without the right', async () => {
      const youssef = await signedIn(p.app, 'youssef@example.es');
      const fatima = await signedIn(p.app, 'fatima@example.fr');
      const his = await fileComplaint(youssef, 'Chemin bloqué par un chantier');
      const hers = await fileComplaint(fatima, 'Chemin bloqué par un chantier');
      const chef = await signedIn(p.app, 'chef@aml.demo');
      const other = await chef.post(`/api/cases/${his.id}/merge`, {
        intoId: hers.id,
        version: await version(chef, his.id),
      });
      expect(other.statusCode).toBe(422);
      expect(other.json().detail).toContain('même personne');
      const citizen = await youssef.post(`/api/cases/${his.id}/merge`, { intoId: hers.id, version: 1 });
      expect([403, 404]).toContain(citizen.statusCode);
      const elsewhere = await signedIn(p.app, 'guichet@aubm.demo');
      expect(
        (await elsewhere.post(`/api/cases/${his.id}/merge`, { intoId: hers.id, version: 1 })).statusCode,
      ).toBe(404);
      expect((await elsewhere.get(`/api/cases/${his.id}/related`)).statusCode).toBe(404);
      expect((await youssef.get(`/api/cases/${his.id}/related`)).statusCode).toBe(403);
    });

    it('a message from the body reaches the citizen by the channel they chose; their own message does not notify them', async () => {
      const fatima = await signedIn(p.app, 'fatima@example.fr');
      const made = await fileComplaint(fatima, 'Éclairage de la ruelle');
      const agent = await signedIn(p.app, 'chef@aml.demo');
      const sent = await agent.post(`/api/cases/${made.id}/messages`, {
        text: 'Pouvez-vous préciser le numéro de la ruelle ?',
      });
      expect(sent.statusCode, sent.body).toBe(201);
      const own = await fatima.post(`/api/cases/${made.id}/messages`, {
        text: 'Ruelle 12, derrière la mosquée.',
      });
      expect(own.statusCode).toBe(201);
      const queued = await p.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'message')));
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ channel: 'email', language: 'fr' });
      expect(queued[0]!.subject).toBe(`Un message au sujet de votre dossier ${made.trackingNumber}`);
      expect(queued[0]!.textBody).toContain('Pouvez-vous préciser le numéro de la ruelle ?');
      const seen = (await fatima.get(`/api/cases/${made.id}`)).json();
      expect(seen.timeline.filter((e: { type: string }) => e.type === 'message')).toHaveLength(2);
    });

    it('an overseer or a supervisor gives an instruction; the holder hears of it; the citizen never sees it', async () => {
      const fatima = await signedIn(p.app, 'fatima@example.fr');
      const made = await fileComplaint(fatima, 'Dossier en souffrance');
      const chef = await signedIn(p.app, 'chef@aml.demo');
      const agentId = (await (await signedIn(p.app, 'urbanisme@aml.demo')).get('/api/auth/session')).json()
        .account.id;
      const routed = await chef.post(`/api/cases/${made.id}/assignment`, {
        version: await version(chef, made.id),
        assigneeId: agentId,
      });
      expect(routed.statusCode, routed.body).toBe(200);
      const overseer = await signedIn(p.app, 'region@souss.demo', 'ar');
      const given = await overseer.post(`/api/cases/${made.id}/instructions`, {
        text: 'يرجى الرد على المواطنة قبل نهاية الأسبوع.',
      });
      expect(given.statusCode, given.body).toBe(201);
      const told = await p.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'instruction')));
      expect(told.map((n) => n.recipientId)).toEqual([agentId]);
      expect(told[0]!.textBody).toContain('يرجى الرد على المواطنة قبل نهاية الأسبوع.');
      const staffView = (await chef.get(`/api/cases/${made.id}`)).json();
      expect(staffView.timeline.find((e: { type: string }) => e.type === 'instruction')).toMatchObject({
        visibility: 'internal',
      });
      const citizenView = (await fatima.get(`/api/cases/${made.id}`)).json();
      expect(citizenView.timeline.map((e: { type: string }) => e.type)).not.toContain('instruction');

      // Escalated, the body's supervisors hear of it too, beside the holder.
      const escalated = await overseer.post(`/api/cases/${made.id}/instructions`, {
        text: 'الملف متأخر: أطلب تدخل رئيس المصلحة.',
        escalate: true,
      });
      expect(escalated.statusCode, escalated.body).toBe(201);
      const chiefId = (await chef.get('/api/auth/session')).json().account.id;
      const escalations = await p.database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.caseId, made.id), eq(notifications.event, 'instruction')));
      expect(new Set(escalations.map((n) => n.recipientId))).toEqual(new Set([agentId, chiefId]));
      const types = (await chef.get(`/api/cases/${made.id}`))
        .json()
        .timeline.map((e: { type: string }) => e.type);
      expect(types).toContain('escalated');

      const desk = await signedIn(p.app, 'accueil@aml.demo', 'fr');
      const refused = await desk.post(`/api/cases/${made.id}/instructions`, { text: 'Faites vite.' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().detail).toBe(
        'Seul un responsable de cet organisme ou un contrôleur de son territoire peut donner une instruction.',
      );
      const far = await signedIn(p.app, 'delegue@mediateur.demo');
      expect(
        (await far.post(`/api/cases/${made.id}/instructions`, { text: 'Faites vite.' })).statusCode,
      ).toBe(404);
      const empty = await chef.post(`/api/cases/${made.id}/instructions`, { text: ' ' });
      expect(empty.statusCode).toBe(422);
    });
  },
);
