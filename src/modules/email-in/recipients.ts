/**
 * Who an address that mail arrives for stands for, decided when the sending server names it (RCPT TO): a
 * case's reply address (its token checked), a body's intake address, or nobody (refused there and then).
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { cases } from '../cases/schema.js';
import { getInstitutionByCode } from '../institutions/service.js';
import type { EmailInSettings } from './settings.js';
import { readReplyToken } from './token.js';

export type Recipient =
  | {
      kind: 'reply';
      address: string;
      caseId: string;
      institutionId: string;
      trackingNumber: string;
      accountId: string;
    }
  | { kind: 'intake'; address: string; institutionId: string };

/** A refusal with its SMTP code, enhanced status and reason, and what the audit log keeps of it. */
export class Refusal extends Error {
  constructor(
    readonly reason:
      | 'unknown_recipient'
      | 'token_invalid'
      | 'case_unknown'
      | 'sender_not_recipient'
      | 'sender_unauthenticated'
      | 'sender_not_allowed'
      | 'case_closed_for_record'
      | 'empty',
    text: string,
    readonly responseCode = 550,
    readonly audit: { caseId?: string; institutionId?: string } | null = null,
  ) {
    super(text);
  }
}

export async function resolveRecipient(
  db: Executor,
  s: EmailInSettings,
  rawAddress: string,
): Promise<Recipient> {
  const address = rawAddress.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const configured = s.intakeAddresses.get(address);
  if (configured) {
    const body = await getInstitutionByCode(db, configured);
    if (body) return { kind: 'intake', address, institutionId: body.id };
  }
  if (at < 1 || domain !== s.domain) throw new Refusal('unknown_recipient', '5.1.1 No such mailbox here');
  const token = readReplyToken(s.secret, local);
  if (token && !token.ok)
    throw new Refusal(
      'token_invalid',
      '5.7.1 This reply address is not valid: it was changed, or it was not given by this platform',
      550,
      {},
    );
  if (token?.ok) {
    const [c] = await db
      .select({ id: cases.id, institutionId: cases.institutionId })
      .from(cases)
      .where(eq(cases.trackingNumber, token.trackingNumber));
    if (!c) throw new Refusal('case_unknown', '5.1.1 This reply address names no case here', 550, {});
    return {
      kind: 'reply',
      address,
      caseId: c.id,
      institutionId: c.institutionId,
      trackingNumber: token.trackingNumber,
      accountId: token.accountId,
    };
  }
  if (/^[a-z0-9_-]{2,20}$/.test(local)) {
    const body = await getInstitutionByCode(db, local.toUpperCase());
    if (body) return { kind: 'intake', address, institutionId: body.id };
  }
  throw new Refusal('unknown_recipient', '5.1.1 No such mailbox here');
}
