/**
 * The SMTP listener of e-mail in (see docs/decisions/2026-12-08-email-in.md), behind the body's MX or a
 * relay. Refuses as early as SMTP allows: a sender past its hourly allowance at MAIL FROM (450, try later),
 * an unknown recipient or a changed reply token at RCPT TO (550), a message over the size limit (552) and a
 * reply whose sender is not the person the address was given to after DATA (550). Every refusal about a case
 * or a token is audited. The log names no person: reasons and counts only.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Db } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { recordAudit } from '../audit/service.js';
import type { Counters } from '../limits/counters.js';
import type { BlobStore } from '../storage/blob-store.js';
import { receiveIntake } from './intake.js';
import { type Recipient, Refusal, resolveRecipient } from './recipients.js';
import { receiveReply, senderOf } from './reply.js';
import { type EmailInSettings, emailInSettings } from './settings.js';

type Log = {
  info(o: object, msg: string): void;
  warn(o: object, msg: string): void;
  error(o: object, msg: string): void;
};

export type EmailInDeps = { db: Db; config: Config; files: BlobStore; counters: Counters; log: Log };

export type EmailIn = { port: number; close(): Promise<void> };

const HOUR = 3_600_000;

/** An error the SMTP session answers with its code and text. */
const smtpError = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

/** Reads the message up to the limit; past it, the rest is read and dropped (null: too large). */
async function readLimited(stream: Readable & { sizeExceeded?: boolean }, max: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= max) chunks.push(chunk);
  }
  return size > max || stream.sizeExceeded ? null : Buffer.concat(chunks);
}

async function auditRefusal(
  deps: EmailInDeps,
  r: Refusal,
  facts: { to: string; from: string | null; mailFrom: string | null; requestId: string },
) {
  if (!r.audit) return;
  await recordAudit(deps.db, {
    actorId: null,
    action: 'email_in.refuse',
    entityType: r.audit.caseId ? 'case' : 'email',
    entityId: r.audit.caseId ?? null,
    institutionId: r.audit.institutionId ?? null,
    requestId: facts.requestId,
    data: { reason: r.reason, to: facts.to, from: facts.from, mailFrom: facts.mailFrom },
  });
}

/** What one message does for one of its recipients: the text of the answer, or the refusal. */
async function deliver(
  deps: EmailInDeps,
  to: Recipient,
  mail: ParsedMail,
  requestId: string,
): Promise<string> {
  if (to.kind === 'intake') {
    await receiveIntake(deps, to, mail, requestId);
    return 'received for the reception desk';
  }
  const r = await receiveReply(deps, to, mail, requestId);
  const refused = r.refused.length ? `; ${r.refused.length} attachment(s) not accepted` : '';
  return `added to case ${r.trackingNumber}${refused}`;
}

export async function startEmailIn(
  deps: EmailInDeps,
  listen: { port: number; host: string },
): Promise<EmailIn> {
  const settings: EmailInSettings = emailInSettings(deps.config)!;
  /** The recipients accepted in each session's current transaction. */
  const accepted = new Map<string, Recipient[]>();
  const mailFromOf = (session: SMTPServerSession) =>
    session.envelope.mailFrom ? session.envelope.mailFrom.address.toLowerCase() : null;

  const server = new SMTPServer({
    name: settings.domain,
    banner: 'Jisr e-mail in',
    size: settings.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    socketTimeout: 60_000,
    onMailFrom(address, session, callback) {
      accepted.set(session.id, []);
      const key = `email-in:${address.address.toLowerCase() || '<>'}`;
      deps.counters.hit(key, HOUR).then(
        (count) =>
          count.current > settings.ratePerHour
            ? callback(smtpError(450, '4.7.1 Too many messages from this address: try again later'))
            : callback(),
        (err) => {
          deps.log.error({ err }, 'e-mail in: rate limit unavailable');
          callback(smtpError(451, '4.3.0 Temporary failure: try again later'));
        },
      );
    },
    onRcptTo(address, session, callback) {
      const requestId = `smtp-${randomUUID()}`;
      resolveRecipient(deps.db, settings, address.address).then(
        (r) => {
          accepted.set(session.id, [...(accepted.get(session.id) ?? []), r]);
          callback();
        },
        async (err) => {
          if (!(err instanceof Refusal)) {
            deps.log.error({ err }, 'e-mail in: recipient check failed');
            return callback(smtpError(451, '4.3.0 Temporary failure: try again later'));
          }
          deps.log.info({ reason: err.reason }, 'e-mail in: recipient refused');
          const facts = { to: address.address, from: null, mailFrom: mailFromOf(session), requestId };
          await auditRefusal(deps, err, facts).catch((e) => deps.log.error({ err: e }, 'audit failed'));
          callback(smtpError(err.responseCode, err.message));
        },
      );
    },
    onData(stream, session, callback) {
      const requestId = `smtp-${randomUUID()}`;
      const recipients = accepted.get(session.id) ?? [];
      (async () => {
        const raw = await readLimited(stream, settings.maxBytes);
        if (!raw) {
          deps.log.info({ reason: 'too_large' }, 'e-mail in: message refused');
          const mb = Math.round((settings.maxBytes / 1024 / 1024) * 10) / 10;
          return callback(smtpError(552, `5.3.4 Message too large: the limit is ${mb} MB`));
        }
        const mail = await simpleParser(raw);
        const answers: string[] = [];
        let refusal: Refusal | null = null;
        for (const to of recipients) {
          try {
            answers.push(await deliver(deps, to, mail, requestId));
          } catch (err) {
            if (!(err instanceof Refusal)) throw err;
            deps.log.info({ reason: err.reason }, 'e-mail in: message refused');
            const facts = { to: to.address, from: senderOf(mail), mailFrom: mailFromOf(session), requestId };
            await auditRefusal(deps, err, facts);
            refusal ??= err;
          }
        }
        if (!answers.length && refusal) return callback(smtpError(refusal.responseCode, refusal.message));
        callback(null, `OK: ${answers.join('; ')}`);
      })().catch((err) => {
        deps.log.error({ err }, 'e-mail in: message could not be handled');
        callback(smtpError(451, '4.3.0 Temporary failure: try again later'));
      });
    },
    onClose(session) {
      accepted.delete(session.id);
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => deps.log.error({ err }, 'e-mail in: listener error'));
  const port = (server.server.address() as { port: number }).port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
