import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { deskVisits } from './schema.js';

/**
 * Blanks the desk's log entries that opened a case whose content the retention job removes: the visitor's
 * name, what they came for and the agent's note go; the channel, outcome, agent and date stay for the figures.
 */
export async function forgetCaseVisits(tx: Executor, caseId: string): Promise<number> {
  const rows = await tx
    .update(deskVisits)
    .set({ visitorName: '', purpose: '', note: null })
    .where(eq(deskVisits.caseId, caseId))
    .returning({ id: deskVisits.id });
  return rows.length;
}
