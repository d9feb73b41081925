/**
 * What a mandate tells people, in the transaction of the change: the relative is invited (with the link to
 * accept) and told of a revocation; the person is told when the relative accepts and whenever they act.
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { ServiceContext } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { actsUnderMandate, type CaseScope } from '../cases/policy.js';
import { enqueueEmail } from '../notifications/outbox.js';
import { activeGranteesOf } from './grant.js';

/** What an act under a mandate adds to its timeline event and audit row; null for anyone else. */
export function mandateEventData(actor: Actor | null, scope: CaseScope) {
  return actsUnderMandate(actor, scope)
    ? { mandateId: scope.mandate!.id, onBehalfOf: scope.mandate!.mandatorId }
    : null;
}

async function accountOf(db: Executor, id: string) {
  const [a] = await db
    .select({ email: accounts.email, name: accounts.displayName, lang: accounts.preferredLanguage })
    .from(accounts)
    .where(eq(accounts.id, id));
  return a!;
}

const link = (ctx: Pick<ServiceContext, 'publicUrl'>, path: string) => `${ctx.publicUrl ?? ''}${path}`;

/** Tells the person that the relative acted on their case under the mandate. */
export async function notifyMandateUse(
  tx: Executor,
  ctx: ServiceContext,
  c: { id: string; trackingNumber: string },
  by: { mandateId: string; onBehalfOf: string },
) {
  const mandator = await accountOf(tx, by.onBehalfOf);
  await enqueueEmail(tx, {
    to: mandator.email,
    template: 'mandate_used',
    lang: mandator.lang,
    caseId: c.id,
    params: {
      relative: ctx.actor?.displayName ?? '',
      tracking: c.trackingNumber,
      url: link(ctx, `/cases/${c.id}`),
    },
  });
}

/** Tells the relatives acting for the person that the body wrote on the case (asked, answered, ready…). */
export async function notifyGrantees(
  tx: Executor,
  ctx: ServiceContext,
  c: { id: string; trackingNumber: string; requesterId: string; categoryId: string },
  now: Date,
) {
  const grantees = await activeGranteesOf(tx, c, now);
  if (!grantees.length) return;
  const mandator = await accountOf(tx, c.requesterId);
  for (const id of grantees) {
    const grantee = await accountOf(tx, id);
    await enqueueEmail(tx, {
      to: grantee.email,
      template: 'mandate_case_news',
      lang: grantee.lang,
      caseId: c.id,
      params: { person: mandator.name, tracking: c.trackingNumber, url: link(ctx, `/cases/${c.id}`) },
    });
  }
}

/** Invites the relative: the e-mail the mandate was given to, with the link to accept it. */
export async function notifyMandateGiven(
  tx: Executor,
  ctx: ServiceContext,
  m: { id: string; granteeEmail: string; mandatorId: string },
) {
  const mandator = await accountOf(tx, m.mandatorId);
  await enqueueEmail(tx, {
    to: m.granteeEmail,
    template: 'mandate_given',
    lang: ctx.lang ?? mandator.lang,
    params: { person: mandator.name, url: link(ctx, `/mandates/${m.id}/accept`) },
  });
}

/** Tells the person their relative accepted. */
export async function notifyMandateAccepted(
  tx: Executor,
  ctx: ServiceContext,
  m: { id: string; mandatorId: string },
) {
  const mandator = await accountOf(tx, m.mandatorId);
  await enqueueEmail(tx, {
    to: mandator.email,
    template: 'mandate_accepted',
    lang: mandator.lang,
    params: { relative: ctx.actor?.displayName ?? '', url: link(ctx, '/mandates') },
  });
}

/** Tells the relative the mandate was withdrawn. */
export async function notifyMandateRevoked(
  tx: Executor,
  ctx: ServiceContext,
  m: { granteeEmail: string; granteeId: string | null },
) {
  const grantee = m.granteeId ? await accountOf(tx, m.granteeId) : null;
  await enqueueEmail(tx, {
    to: grantee?.email ?? m.granteeEmail,
    template: 'mandate_revoked',
    lang: grantee?.lang ?? ctx.lang ?? 'ar',
    params: { person: ctx.actor?.displayName ?? '' },
  });
}
