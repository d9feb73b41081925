/**
 * A body's privacy policy towards the people it serves (law 09-08): whether a person sees the names of the
 * body's staff who read their file, or only their roles (the default). Set by the institution admin, audited.
 */
import { eq } from 'drizzle-orm';
import { notFound } from '../../server/errors.js';
import { audit, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { institutions } from './schema.js';

export type PrivacyPolicy = { showStaffNames: boolean };

/** The policy, for the body's administrators and auditors. */
export async function privacyPolicy(ctx: ServiceContext, institutionId: string): Promise<PrivacyPolicy> {
  requireAccess(ctx, { staffOf: institutionId, roles: ['institution_admin', 'auditor'] });
  const [row] = await ctx.db
    .select({ showStaffNames: institutions.showStaffNames })
    .from(institutions)
    .where(eq(institutions.id, institutionId));
  if (!row) throw notFound();
  return row;
}

/** Sets the policy (the body's administrator), with its audit row. */
export async function setPrivacyPolicy(
  ctx: ServiceContext,
  institutionId: string,
  policy: PrivacyPolicy,
): Promise<PrivacyPolicy> {
  requireAccess(ctx, { staffOf: institutionId, roles: ['institution_admin'] });
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(institutions)
      .set({ showStaffNames: policy.showStaffNames })
      .where(eq(institutions.id, institutionId))
      .returning({ showStaffNames: institutions.showStaffNames });
    if (!row) throw notFound();
    await audit(tx, ctx, {
      action: 'institution.privacy',
      entityType: 'institution',
      entityId: institutionId,
      institutionId,
      data: { showStaffNames: row.showStaffNames },
    });
    return row;
  });
}
