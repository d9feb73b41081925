/**
 * The mandate that lets a relative onto a case, read afresh on every request (nothing is cached, so a
 * revocation or the end date stops access at once). Used by the case policy's loader.
 */
import { and, desc, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { MandateGrant } from './rules.js';
import { type MandateAction, mandates } from './schema.js';

/** A mandate in force at `now`: accepted, not revoked, within its dates. */
const liveAt = (now: Date) =>
  and(
    isNotNull(mandates.acceptedAt),
    isNull(mandates.revokedAt),
    lte(mandates.validFrom, now),
    gt(mandates.validUntil, now),
  );

const grantOf = (m: typeof mandates.$inferSelect): MandateGrant => ({
  id: m.id,
  mandatorId: m.mandatorId,
  actions: m.actions,
  verified: !!m.verifiedAt,
});

/** The active mandate the account holds from the case's requester covering the case (its own first), or null. */
export async function mandateGrantFor(
  db: Executor,
  granteeId: string,
  c: { id: string; requesterId: string; categoryId: string },
  now: Date,
): Promise<MandateGrant | null> {
  const rows = await db
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.granteeId, granteeId),
        eq(mandates.mandatorId, c.requesterId),
        liveAt(now),
        or(eq(mandates.caseId, c.id), eq(mandates.categoryId, c.categoryId)),
      ),
    )
    .orderBy(desc(mandates.createdAt));
  const m = rows.find((r) => r.caseId === c.id) ?? rows[0];
  return m ? grantOf(m) : null;
}

/** The relatives who may answer on the case now (active mandates covering it), to tell them the body wrote. */
export async function activeGranteesOf(
  db: Executor,
  c: { id: string; requesterId: string; categoryId: string },
  now: Date,
): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: mandates.granteeId })
    .from(mandates)
    .where(
      and(
        eq(mandates.mandatorId, c.requesterId),
        isNotNull(mandates.granteeId),
        liveAt(now),
        or(eq(mandates.caseId, c.id), eq(mandates.categoryId, c.categoryId)),
      ),
    );
  return rows.map((r) => r.id!);
}

/** The mandate a booking was made under, when it still lets this relative act for the person now. */
export async function liveMandateOf(
  db: Executor,
  mandateId: string,
  granteeId: string,
  now: Date,
): Promise<MandateGrant | null> {
  const [m] = await db
    .select()
    .from(mandates)
    .where(and(eq(mandates.id, mandateId), eq(mandates.granteeId, granteeId), liveAt(now)));
  return m ? grantOf(m) : null;
}

/** The mandates the relative may act under now for one act (for the bookings they made for the person). */
export async function liveMandateIdsFor(db: Executor, granteeId: string, act: MandateAction, now: Date) {
  const rows = await db
    .select({ id: mandates.id, actions: mandates.actions })
    .from(mandates)
    .where(and(eq(mandates.granteeId, granteeId), liveAt(now)));
  return rows.filter((r) => r.actions.includes(act)).map((r) => r.id);
}
