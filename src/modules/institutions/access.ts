import { notFound } from '../../server/errors.js';
import { requireAccess, type ServiceContext } from '../../server/service-context.js';
import type { StaffRole } from '../accounts/schema.js';
import { getInstitution } from './service.js';

/**
 * A body that the actor works at in one of `roles`, or oversees (its province, region or the nation):
 * the body, else 404 when it does not exist, 401 signed out, 403 otherwise.
 */
export async function requireBodyAccess(
  ctx: ServiceContext,
  institutionId: string,
  roles: readonly StaffRole[],
) {
  if (!ctx.actor) requireAccess(ctx, { signedIn: true });
  const body = await getInstitution(ctx.db, institutionId);
  if (!body) throw notFound();
  requireAccess(ctx, { staffOrOverseerOf: body, roles });
  return body;
}
