import { and, eq, lt } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { currentTime } from '../../shared/clock.js';
import { sealSecrets, unsealSecrets } from '../notifications/secrets.js';
import { filingKeys } from './schema.js';

/** A client key names one filing for a day: long enough for a retry, short enough to keep nothing needless. */
export const FILING_KEY_TTL_MS = 24 * 3_600_000;

/** The case an earlier send with this key made, with its receipt's secret code, or null. */
export async function filedWithKey(db: Executor, secret: string, accountId: string, clientKey: string) {
  const [row] = await db
    .select()
    .from(filingKeys)
    .where(and(eq(filingKeys.accountId, accountId), eq(filingKeys.clientKey, clientKey)));
  if (!row) return null;
  return { caseId: row.caseId, accessCode: unsealSecrets(secret, row.sealedCode).code ?? '' };
}

/** Records, in the filing's transaction, that this key made this case (a second send with it fails here). */
export async function recordFilingKey(
  tx: Executor,
  secret: string,
  k: { accountId: string; clientKey: string; caseId: string; accessCode: string },
) {
  await tx.insert(filingKeys).values({
    accountId: k.accountId,
    clientKey: k.clientKey,
    caseId: k.caseId,
    sealedCode: sealSecrets(secret, { code: k.accessCode }),
  });
}

export async function sweepFilingKeys(db: Db, now = currentTime()) {
  const gone = await db
    .delete(filingKeys)
    .where(lt(filingKeys.createdAt, new Date(now.getTime() - FILING_KEY_TTL_MS)))
    .returning({ caseId: filingKeys.caseId });
  return gone.length;
}
