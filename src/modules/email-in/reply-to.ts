/**
 * The Reply-To of a notification e-mail about a case sent to its person (or to a relative acting for them):
 * the case's reply address for that person, so that answering the e-mail adds a message to the case.
 * Messages to staff, and those about no case, keep the platform's sender.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Config } from '../../server/config.js';
import { findAccountByEmail } from '../accounts/service.js';
import { cases } from '../cases/schema.js';
import type { NotificationRow } from '../notifications/delivery.js';
import { appointmentNoticeEvents, citizenEvents, type NotificationEvent } from '../notifications/schema.js';
import { replyAddress } from './token.js';

const answerable = new Set<NotificationEvent>([
  ...citizenEvents,
  ...appointmentNoticeEvents,
  'mandate_case_news',
]);

export type ReplyToOf = (n: NotificationRow) => Promise<string | null>;

/** The Reply-To maker of the settings, or undefined when e-mail in has no domain. */
export function replyToOf(db: Db, config: Config): ReplyToOf | undefined {
  const domain = config.INBOUND_MAIL_DOMAIN;
  if (!domain) return undefined;
  return async (n) => {
    if (!n.caseId || !answerable.has(n.event)) return null;
    const [c] = await db
      .select({ trackingNumber: cases.trackingNumber })
      .from(cases)
      .where(eq(cases.id, n.caseId));
    // messages written from the catalogues (a relative's news of the case) name their person by address
    const accountId = n.recipientId ?? (await findAccountByEmail(db, n.toAddress))?.id;
    if (!c || !accountId) return null;
    return replyAddress(config.secret, domain, { trackingNumber: c.trackingNumber, accountId });
  };
}
