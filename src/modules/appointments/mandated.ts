/**
 * Bookings made by a relative under a mandate (the act `appointment`): the booking is the person's, the
 * relative acts for them. Each change is told to both while the mandate lasts, and the person learns who
 * acted; the audit row carries "by X for Y under mandate M".
 */
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { accounts } from '../accounts/schema.js';
import { cases } from '../cases/schema.js';
import { liveMandateOf } from '../mandates/grant.js';
import { notifyMandateUse } from '../mandates/notices.js';
import { grantAllows, type MandateGrant } from '../mandates/rules.js';
import { loadBooking } from './booking-view.js';
import type { Ctx } from './context.js';
import { type NoticeTemplate, notifyCitizen } from './notices.js';

/** What an act under the mandate adds to the booking's audit row; empty for anyone else. */
export const mandateAuditData = (m: MandateGrant | null | undefined) =>
  m ? { mandateId: m.id, onBehalfOf: m.mandatorId } : {};

/**
 * Tells the booking's person of a change and, when it was booked under a mandate still active, the relative
 * too; when the relative made the change (`by`), the person also learns that they acted under the mandate.
 */
export async function notifyBookingParties(
  tx: Executor,
  ctx: Ctx,
  id: string,
  template: NoticeTemplate,
  now: Date,
  reason?: string,
  by?: MandateGrant | null,
) {
  await notifyCitizen(tx, ctx, id, template, now, reason);
  const r = (await loadBooking(tx, id))!;
  if (!r.a.mandateId || !r.a.createdBy) return;
  const grant = await liveMandateOf(tx, r.a.mandateId, r.a.createdBy, now);
  if (grantAllows(grant, 'appointment')) {
    const [relative] = await tx
      .select({ id: accounts.id, name: accounts.displayName, email: accounts.email })
      .from(accounts)
      .where(eq(accounts.id, r.a.createdBy));
    if (relative) await notifyCitizen(tx, ctx, id, template, now, reason, relative);
  }
  if (by && r.a.caseId) {
    const [c] = await tx
      .select({ id: cases.id, trackingNumber: cases.trackingNumber })
      .from(cases)
      .where(eq(cases.id, r.a.caseId));
    if (c) await notifyMandateUse(tx, ctx, c, { mandateId: by.id, onBehalfOf: by.mandatorId });
  }
}
