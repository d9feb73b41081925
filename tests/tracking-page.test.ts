/**
 * What the citizen does from where they are told to: get the reasoned reply as the body's letter (case page,
 * or number and code), and answer the body's question from the tracking page.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { t } from '../src/i18n/index.js';
import { startWorker } from '../src/jobs/worker.js';
import { letters } from '../src/modules/notifications/schema.js';
import {
  actOn,
  Client,
  fileComplaintAtAml,
  signedIn,
  testDatabases,
  usePlatform,
} from './support/platform.js';

const run = promisify(execFile);

describe.each(testDatabases())('the reply letter on %s', (kind) => {
  const p = usePlatform(kind);
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jisr-reply-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const textOf = async (pdf: Buffer, name: string) => {
    const file = path.join(dir, `${name}.pdf`);
    await writeFile(file, pdf);
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/Pages:\s+\d/);
    await run('pdftotext', ['-layout', file, path.join(dir, `${name}.txt`)]);
    return readFile(path.join(dir, `${name}.txt`), 'utf8');
  };

  it('is the approved reply, in the case’s language, for the citizen and by number and code; nobody else', async () => {
    const c = new Client(p.app);
    const youssef = await signedIn(p.app, 'youssef@example.es', 'fr');
    const made = await fileComplaintAtAml(youssef, {
      subject: 'Taxe réclamée deux fois',
      description: 'La commune me réclame deux fois la même taxe pour 2025.',
      replyChannels: ['email'],
      language: 'fr',
    });
    // before the reply: a clear refusal
    const early = await youssef.get(`/api/cases/${made.id}/reply.pdf`);
    expect(early.statusCode).toBe(404);
    expect(early.json().detail).toBe(t('fr', 'error.reply.none'));

    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const reply = 'Le second avis a été annulé ; aucune somme ne vous est due pour 2025.';
    await actOn(reception, made.id, [['acknowledge']]);
    await actOn(chief, made.id, [['start'], ['submit_reply', reply], ['approve_reply']]);

    const mine = await youssef.get(`/api/cases/${made.id}/reply.pdf`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    const text = (await textOf(mine.rawPayload, 'reply')).replace(/\s+/g, ' ');
    expect(text).toContain(made.trackingNumber);
    expect(text).toContain('aucune somme ne vous est due pour 2025');
    expect(text).toContain('Youssef');
    // no postal address block on a letter the person chose to get by e-mail
    expect(text).not.toContain('Calle Mayor');
    // a letter's words: a formal opening and closing, not the e-mail's « Bonjour », and who signs it
    expect(text).toContain('Madame, Monsieur,');
    expect(text).not.toContain('Bonjour');
    expect(text).toContain('salutations distinguées');
    expect(text).toContain('Pour la Commune d’Aït Melloul');

    // the same letter with the number and code, without an account; a wrong code gets nothing
    const tracked = await c.post('/api/track/reply.pdf', {
      trackingNumber: made.trackingNumber,
      accessCode: made.accessCode,
    });
    expect(tracked.statusCode).toBe(200);
    expect((await textOf(tracked.rawPayload, 'tracked')).replace(/\s+/g, ' ')).toContain(
      'aucune somme ne vous est due',
    );
    const wrong = await c.post('/api/track/reply.pdf', {
      trackingNumber: made.trackingNumber,
      accessCode: 'AAAAA-AAAAA',
    });
    expect(wrong.statusCode).toBe(404);
    // another citizen does not get it; staff of the body do
    const fatima = await signedIn(p.app, 'fatima@example.fr');
    expect((await fatima.get(`/api/cases/${made.id}/reply.pdf`)).statusCode).toBe(404);
    // who may read the letter: written by hand from the access rules, not computed from the code
    const expected: [string, number][] = [
      ['chef@aml.demo', 200],
      ['audit@aml.demo', 200],
      ['province@piam.demo', 200],
      ['national@interieur.demo', 200],
      ['guichet@aubm.demo', 404],
      ['admin@aubm.demo', 404],
      ['khadija@example.be', 404],
    ];
    for (const [email, status] of expected)
      expect(
        (await (await signedIn(p.app, email)).get(`/api/cases/${made.id}/reply.pdf`)).statusCode,
        email,
      ).toBe(status);
    expect((await c.get(`/api/cases/${made.id}/reply.pdf`)).statusCode).toBe(401);
  });

  it('is the very letter the body posted when the person chose post, in Arabic', async () => {
    const fatima = await signedIn(p.app, 'fatima@example.fr', 'ar');
    const made = await fileComplaintAtAml(fatima, {
      subject: 'طلب تصحيح الاسم',
      description: 'أطلب تصحيح اسمي في السجل.',
      replyChannels: ['post'],
      language: 'ar',
    });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    await actOn(chief, made.id, [
      ['acknowledge'],
      ['start'],
      ['submit_reply', 'تم تصحيح الاسم في السجل.'],
      ['approve_reply'],
    ]);
    // the posted letter is made when the outbox delivers the message
    const worker = startWorker(p.database.db, p.config, { error() {} }, 3_600_000, { scheduled: false });
    try {
      await worker.tick();
    } finally {
      await worker.stop();
    }
    const posted = await p.database.db.select().from(letters).where(eq(letters.caseId, made.id));
    expect(posted.map((l) => l.event).sort()).toEqual(['receipt', 'reply_sent']);
    const res = await fatima.get(`/api/cases/${made.id}/reply.pdf`);
    expect(res.statusCode).toBe(200);
    const text = await textOf(res.rawPayload, 'reply-ar');
    expect(text).toContain(made.trackingNumber);
    expect(text).toMatch(/[\u0600-\u06FF]/);
    // the posted letter carries the address abroad in the envelope's window
    expect(text).toMatch(/LYON/i);
    // signed as a letter, in Arabic, and not opened with the e-mail's « مرحبا » (the text read back from the PDF
    // loses the letters' dots and the hamza, hence the dotless spellings)
    expect(text).toContain('عن جماعة ايت ملول');
    expect(text).not.toMatch(/مرح[بن]ا/);
  });

  it('answers the body’s question from the tracking page with the number and code', async () => {
    const c = new Client(p.app);
    const khadija = await signedIn(p.app, 'khadija@example.be', 'fr');
    const made = await fileComplaintAtAml(khadija, {
      subject: 'Certificat de résidence refusé',
      description: 'On me refuse le certificat sans explication.',
      replyChannels: ['email'],
    });
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const track = { trackingNumber: made.trackingNumber, accessCode: made.accessCode };
    // nothing asked yet: answering is refused, clearly
    const early = await c.post('/api/track/answer', { ...track, text: 'Voici ma réponse.' });
    expect(early.statusCode).toBe(409);
    await actOn(chief, made.id, [
      ['acknowledge'],
      ['start'],
      ['request_info', 'Merci d’indiquer votre adresse au Maroc.'],
    ]);
    const tracked = (await c.post('/api/track', track)).json();
    expect(tracked).toMatchObject({ id: made.id, state: 'awaiting_citizen' });
    // a wrong code, an empty answer: refused, nothing changes
    expect(
      (await c.post('/api/track/answer', { ...track, accessCode: 'AAAAA-AAAAA', text: 'x' })).statusCode,
    ).toBe(404);
    const empty = await c.post('/api/track/answer', { ...track, text: '   ' });
    expect(empty.statusCode).toBe(422);
    const answered = await c.post('/api/track/answer', { ...track, text: '12 rue Tarik, Aït Melloul.' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json().state).not.toBe('awaiting_citizen');
    // the body sees the answer on the case, as the person's
    const seen = (await chief.get(`/api/cases/${made.id}`)).json();
    const reply = seen.timeline.find((e: { type: string }) => e.type === 'citizen_replied');
    expect(reply?.reason).toBe('12 rue Tarik, Aït Melloul.');
    // and the same code cannot answer twice
    expect((await c.post('/api/track/answer', { ...track, text: 'encore' })).statusCode).toBe(409);
  });
});
