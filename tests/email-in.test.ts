/**
 * E-mail in, through real SMTP exchanges: the receipt of a case carries a signed Reply-To; a reply sent to it
 * (nodemailer → the listener on a free port) lands on the case as the citizen's message, without the quoted
 * earlier message; a forged sender, a changed or unknown token, an unknown mailbox and a message over the size
 * limit are refused with 5xx and the refusals about a case or a token audited; a refused attachment (the test
 * antivirus's signature, a program) is named on the message, which keeps its text; a mail to a body's intake
 * address waits at that body's reception only.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAccountByEmail } from '../src/modules/accounts/service.js';
import { auditLog } from '../src/modules/audit/schema.js';
import { type EmailIn, startEmailIn } from '../src/modules/email-in/listener.js';
import { replyAddress } from '../src/modules/email-in/token.js';
import { loadConfig } from '../src/server/config.js';
import { openPlatform } from '../src/server/platform.js';
import { fixedClock, setPlatformClock } from '../src/shared/clock.js';
import { SIGNATURE, skipClamd, useClamd } from './support/clamd.js';
import {
  type Client,
  fileComplaintAtAml,
  fixture,
  samples,
  signedIn,
  testDatabases,
  useIdsByCode,
  usePlatform,
  useWorker,
} from './support/platform.js';
import { startSmtp } from './support/smtp.js';
import { TEST_SECRET } from './support/templates.js';

const DOMAIN = 'reponses.jisr.test';
const REPLY_ADDRESS = /^reply\+aml-\d{4}-\d{6}\.[a-z2-7]{26}\.[a-z2-7]{10}@reponses\.jisr\.test$/;
const quiet = { info() {}, warn() {}, error() {} };
const pdfWith = (text: string) => Buffer.concat([samples.pdf, Buffer.from(`% ${text}\n`)]);

type Refused = Error & { responseCode?: number; response?: string };

describe.each(testDatabases())('e-mail in on %s', (kind) => {
  const marked = pdfWith('Jisr harmless test marker: a paper the test antivirus names');
  // biome-ignore lint/correctness/useHookAtTopLevel: a test fixture, not a React hook (no clamd when skipped)
  const clamd = skipClamd ? null : useClamd(marked);
  let outbox: Awaited<ReturnType<typeof startSmtp>>;
  const p = usePlatform(kind, async () => {
    outbox = await startSmtp();
    return {
      env: {
        SMTP_URL: outbox.url,
        PUBLIC_URL: 'https://jisr.example.ma',
        QUIET_HOURS: '',
        INBOUND_MAIL_DOMAIN: DOMAIN,
        INBOUND_MAIL_MAX_MB: '1',
        INBOUND_MAIL_RATE_LIMIT: '25',
        ...(clamd && { CLAMAV_HOST: '127.0.0.1', CLAMAV_PORT: String(clamd().port) }),
      },
    };
  });
  // the platform's clock, stopped at a known instant (the mandate's dates are written for it)
  let restoreClock = () => {};
  beforeAll(() => {
    restoreClock = setPlatformClock(fixedClock('2026-12-08T10:00:00+01:00'));
  });
  afterAll(async () => {
    restoreClock();
    await outbox?.close();
  });
  const worker = useWorker(p);
  const { inst } = useIdsByCode(p);
  const listener = fixture(
    'e-mail in',
    (): Promise<EmailIn> =>
      startEmailIn(
        {
          db: p.database.db,
          config: p.config,
          files: p.app.deps.files,
          counters: p.app.deps.counters,
          log: quiet,
        },
        { port: 0, host: '127.0.0.1' },
      ),
    (e) => e.close(),
  );

  /** Sends one message to the listener, as a mail server would. */
  const send = (mail: SendMailOptions) =>
    nodemailer
      .createTransport({ host: '127.0.0.1', port: listener().port, secure: false, ignoreTLS: true })
      .sendMail(mail);
  const refusal = async (mail: SendMailOptions) => {
    const err = (await send(mail).then(
      () => null,
      (e: Refused) => e,
    )) as Refused | null;
    expect(err, 'the listener refused the message').not.toBeNull();
    return { code: err!.responseCode, text: err!.response ?? err!.message };
  };
  const refusalsAudited = (reason: string) =>
    p.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'email_in.refuse'))
      .then((rows) => rows.filter((r) => (r.data as { reason?: string }).reason === reason));

  /** A complaint of Fatima's, and the Reply-To of its receipt as her mail program would see it. */
  let fatima: Client;
  let made: { id: string; trackingNumber: string };
  let replyTo: string;
  const caseView = async () => (await fatima.get(`/api/cases/${made.id}`)).json();
  const messages = async () =>
    (await caseView()).timeline.filter((e: { type: string }) => e.type === 'citizen_message') as {
      reason: string;
      data: { channel?: string; refused?: { name: string; problem: string }[] };
    }[];

  it('puts the case’s signed reply address in the Reply-To of the receipt e-mail', async () => {
    fatima = await signedIn(p.app, 'fatima@example.fr', 'fr');
    made = await fileComplaintAtAml(fatima, {
      subject: 'Lampadaire éteint rue 12',
      description: 'Le lampadaire devant le numéro 12 est éteint depuis trois semaines.',
      language: 'fr',
    });
    const receipt = () =>
      outbox.received.find(
        (m) => JSON.stringify(m.to).includes('fatima@example.fr') && m.subject?.includes(made.trackingNumber),
      );
    for (let round = 0; round < 10 && !receipt(); round++) await worker.tick();
    expect(receipt(), 'the receipt e-mail arrived').toBeDefined();
    replyTo = receipt()!.replyTo!.value[0]!.address!;
    expect(replyTo).toMatch(REPLY_ADDRESS);
    expect(replyTo).toContain(made.trackingNumber.toLowerCase());
    // the sender stays the platform's: only answers go to the case
    expect(receipt()!.from!.value[0]!.address).toBe('no-reply@jisr.local');
  });

  it('adds a reply from the citizen to her case as her message, without the quoted e-mail', async () => {
    const info = await send({
      from: 'Fatima El Houssni <fatima@example.fr>',
      to: replyTo,
      subject: `Re: Votre demande ${made.trackingNumber}`,
      text: [
        'Bonjour, le lampadaire est toujours éteint ce soir.',
        'Merci de votre suivi.',
        '',
        `Le mar. 8 déc. 2026 à 10:00, Jisr <no-reply@jisr.local> a écrit :`,
        `> Votre demande ${made.trackingNumber} a bien été reçue.`,
        '> Code secret : ABCDE-FGHJK',
      ].join('\n'),
    });
    expect(info.response).toMatch(/^250 /);
    expect(info.response).toContain(`added to case ${made.trackingNumber}`);
    const [msg] = await messages();
    expect(msg).toMatchObject({
      reason: 'Bonjour, le lampadaire est toujours éteint ce soir.\nMerci de votre suivi.',
      data: { channel: 'email' },
    });
    // the staff see it on the case too
    const chief = await signedIn(p.app, 'chef@aml.demo');
    const staffView = (await chief.get(`/api/cases/${made.id}`)).json();
    expect(
      staffView.timeline.some(
        (e: { type: string; reason: string }) =>
          e.type === 'citizen_message' && e.reason.startsWith('Bonjour, le lampadaire'),
      ),
    ).toBe(true);
  });

  it('refuses a reply from anyone but the person the address was given to, and audits it', async () => {
    const before = (await messages()).length;
    for (const from of ['fatima@example.fr.evil.test', 'Youssef <youssef@example.es>']) {
      const r = await refusal({ from, to: replyTo, subject: 'Re: demande', text: 'Fermez ce dossier.' });
      expect(r.code).toBe(550);
      expect(r.text).toContain('not the person this reply address was given to');
    }
    expect(await messages()).toHaveLength(before);
    const audited = await refusalsAudited('sender_not_recipient');
    expect(audited.length).toBeGreaterThanOrEqual(2);
    expect(audited[0]).toMatchObject({ entityId: made.id, institutionId: inst.AML });
  });

  it('refuses a changed or unknown reply address, and an unknown mailbox, when they are named (RCPT TO)', async () => {
    const at = replyTo.indexOf('@');
    const last = replyTo[at - 1] === 'a' ? 'b' : 'a';
    const tampered = `${replyTo.slice(0, at - 1)}${last}${replyTo.slice(at)}`;
    // another case's number with the same signature: the signature covers the case
    const otherCase = replyTo.replace(/aml-(\d{4})-(\d{6})/, (_, y) => `aml-${y}-999999`);
    for (const to of [tampered, otherCase]) {
      const r = await refusal({ from: 'fatima@example.fr', to, subject: 'Re', text: 'Bonjour' });
      expect(r.code).toBe(550);
      expect(r.text).toContain('This reply address is not valid');
    }
    expect((await refusalsAudited('token_invalid')).length).toBeGreaterThanOrEqual(2);
    // a well-signed address of a case that does not exist
    const account = await findAccountByEmail(p.database.db, 'fatima@example.fr');
    const unknown = replyAddress(TEST_SECRET, DOMAIN, {
      trackingNumber: 'AML-2026-999999',
      accountId: account!.id,
    });
    const r = await refusal({ from: 'fatima@example.fr', to: unknown, subject: 'Re', text: 'Bonjour' });
    expect(r).toMatchObject({ code: 550, text: expect.stringContaining('names no case here') });
    for (const to of [`nobody@${DOMAIN}`, 'aml@elsewhere.test']) {
      const r2 = await refusal({ from: 'fatima@example.fr', to, subject: 'Re', text: 'Bonjour' });
      expect(r2).toMatchObject({ code: 550, text: expect.stringContaining('No such mailbox') });
    }
    expect((await messages()).some((m) => m.reason === 'Bonjour')).toBe(false);
  });

  it.skipIf(skipClamd)(
    'keeps the text of a reply whose attachments are refused, and names them on the message',
    async () => {
      const info = await send({
        from: 'fatima@example.fr',
        to: replyTo,
        subject: 'Re: photos',
        text: 'Voici la photo du lampadaire, et les papiers demandés.',
        attachments: [
          { filename: 'lampadaire.png', content: samples.png, contentType: 'image/png' },
          { filename: 'acte.pdf', content: marked, contentType: 'application/pdf' },
          { filename: 'outil.exe', content: samples.exe, contentType: 'application/octet-stream' },
        ],
      });
      expect(info.response).toContain('2 attachment(s) not accepted');
      const msg = (await messages()).find((m) => m.reason.startsWith('Voici la photo'));
      expect(msg?.data.refused).toEqual([
        { name: 'acte.pdf', problem: 'upload-infected' },
        { name: 'outil.exe', problem: 'file-type-not-allowed' },
      ]);
      const papers = (await fatima.get(`/api/cases/${made.id}/attachments`)).json().items;
      expect(papers.map((a: { name: string }) => a.name)).toEqual(['lampadaire.png']);
      // the antivirus's finding is audited as for any upload
      const infected = await p.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, 'upload.infected'));
      expect(infected.some((a) => JSON.stringify(a.data).includes(SIGNATURE))).toBe(true);
    },
  );

  it('refuses a message over the size limit (552) and adds nothing', async () => {
    const before = (await messages()).length;
    const r = await refusal({
      from: 'fatima@example.fr',
      to: replyTo,
      subject: 'Re: gros fichier',
      text: 'Un très gros fichier.',
      attachments: [{ filename: 'scan.pdf', content: pdfWith('x'.repeat(1_200_000)) }],
    });
    expect(r.code).toBe(552);
    expect(r.text).toContain('too large');
    expect(await messages()).toHaveLength(before);
  });

  it('keeps a mail to a body’s intake address for that body’s reception only', async () => {
    const info = await send({
      from: 'Samira Alaoui <samira.alaoui@example.org>',
      to: `aml@${DOMAIN}`,
      subject: 'Route abîmée devant l’école',
      text: 'La route devant l’école primaire est pleine de trous depuis les pluies.',
    });
    expect(info.response).toContain('received for the reception desk');
    const reception = await signedIn(p.app, 'accueil@aml.demo');
    const res = await reception.get(`/api/institutions/${inst.AML}/desk-intakes`);
    expect(res.statusCode, res.body).toBe(200);
    const intake = res
      .json()
      .items.find((i: { fromEmail: string | null }) => i.fromEmail === 'samira.alaoui@example.org');
    expect(intake).toMatchObject({ channel: 'email', fromName: 'Samira Alaoui', fromPhone: null });
    expect(intake.messages[0].text).toContain('Route abîmée devant l’école');
    expect(intake.messages[0].text).toContain('pleine de trous');
    // another body's reception sees neither this intake nor the list it is in
    const other = await signedIn(p.app, 'accueil@aubm.demo');
    expect((await other.get(`/api/institutions/${inst.AML}/desk-intakes`)).statusCode).toBe(403);
    const theirs = (await other.get(`/api/institutions/${inst.AUBM}/desk-intakes`)).json().items;
    expect(
      theirs.some((i: { fromEmail: string | null }) => i.fromEmail === 'samira.alaoui@example.org'),
    ).toBe(false);
  });

  it('takes a reply from a relative whose mandate covers answering, and not once it is revoked', async () => {
    const brother = await signedIn(p.app, 'khadija@example.be');
    const given = await fatima.post('/api/mandates', {
      caseId: made.id,
      actions: ['answer'],
      granteeEmail: 'khadija@example.be',
      validFrom: '2026-12-08T08:00:00Z',
      validUntil: '2027-01-08T08:00:00Z',
    });
    expect(given.statusCode, given.body).toBe(201);
    expect((await brother.post(`/api/mandates/${given.json().id}/accept`)).statusCode).toBe(200);
    const account = await findAccountByEmail(p.database.db, 'khadija@example.be');
    const hers = replyAddress(TEST_SECRET, DOMAIN, {
      trackingNumber: made.trackingNumber,
      accountId: account!.id,
    });
    const reply = { from: 'khadija@example.be', to: hers, subject: 'Re', text: 'Je réponds pour ma sœur.' };
    expect((await send(reply)).response).toContain(`added to case ${made.trackingNumber}`);
    const view = await caseView();
    const msg = view.timeline.find((e: { reason: string }) => e.reason === 'Je réponds pour ma sœur.');
    expect(msg.onBehalf).toMatchObject({ mandateId: given.json().id });
    // her address is hers alone: Fatima's own reply address does not take Khadija's mail
    expect((await refusal({ ...reply, to: replyTo })).code).toBe(550);
    expect((await fatima.post(`/api/mandates/${given.json().id}/revoke`)).statusCode).toBe(200);
    const r = await refusal({ ...reply, text: 'Encore moi.' });
    expect(r).toMatchObject({ code: 550, text: expect.stringContaining('may not answer on this case') });
  });

  it('slows down a sender past its hourly allowance (450, try later)', async () => {
    const spam = { from: 'flood@example.net', to: `nobody@${DOMAIN}`, subject: 'x', text: 'x' };
    for (let i = 0; i < 25; i++) expect((await refusal(spam)).code).toBe(550);
    const r = await refusal(spam);
    expect(r).toMatchObject({ code: 450, text: expect.stringContaining('Too many messages') });
  });
});

describe('the e-mail-in listener and the platform’s settings', () => {
  it('starts with the platform when INBOUND_SMTP_PORT is set, and stops with it', async () => {
    expect(() => loadConfig({ INBOUND_SMTP_PORT: '2525' })).toThrow(
      /INBOUND_MAIL_DOMAIN: required with INBOUND_SMTP_PORT/,
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'jisr-email-in-'));
    const platform = await openPlatform(
      loadConfig({
        LOG_LEVEL: 'silent',
        WORKER: 'false',
        SEED_DEMO: 'false',
        DATA_DIR: dir,
        INBOUND_SMTP_PORT: '0',
        INBOUND_MAIL_DOMAIN: DOMAIN,
      }),
    );
    try {
      const port = platform.emailIn!.port;
      const err = await nodemailer
        .createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true })
        .sendMail({ from: 'someone@example.org', to: `nobody@${DOMAIN}`, subject: 'x', text: 'x' })
        .then(
          () => null,
          (e: Refused) => e,
        );
      expect(err).toMatchObject({ responseCode: 550 });
      expect(err!.response).toContain('No such mailbox');
    } finally {
      await platform.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
