import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { accounts, citizenProfiles, type Language } from '../accounts/schema.js';
import { type CitizenProfileInput, citizenDisplayName, skeletonOf } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { deskVisits } from './schema.js';

/** Registers a person met at the desk, on their behalf. They can later sign in with an e-mail code if they have one. */
export async function createPerson(
  db: Db,
  input: Omit<CitizenProfileInput, 'replyChannels'> & {
    email?: string | null;
    replyChannels?: CitizenProfileInput['replyChannels'];
  },
  agentId: string,
  institutionId: string,
  requestId: string,
) {
  return db.transaction(async (tx) => {
    const email = input.email ?? `person-${randomUUID()}@no-email.invalid`;
    const { email: _e, preferredLanguage, ...profile } = input;
    const displayName = citizenDisplayName({ ...profile, preferredLanguage });
    const [acc] = await tx
      .insert(accounts)
      .values({
        kind: 'citizen',
        email,
        passwordHash: '',
        displayName,
        preferredLanguage: preferredLanguage as Language,
      })
      .returning();
    await tx.insert(citizenProfiles).values({
      accountId: acc!.id,
      ...profile,
      replyChannels: input.replyChannels ?? (input.email ? ['email'] : ['phone']),
      nameSkeleton: skeletonOf(profile),
    });
    await recordAudit(tx, {
      actorId: agentId,
      action: 'desk.person_create',
      entityType: 'account',
      entityId: acc!.id,
      institutionId,
      requestId,
    });
    return { id: acc!.id, displayName };
  });
}

export async function logVisit(tx: Executor, v: typeof deskVisits.$inferInsert, requestId: string) {
  const [row] = await tx.insert(deskVisits).values(v).returning();
  await recordAudit(tx, {
    actorId: v.agentId,
    action: 'desk.visit',
    entityType: 'desk_visit',
    entityId: row!.id,
    institutionId: v.institutionId,
    requestId,
    data: { channel: v.channel, outcome: v.outcome },
  });
  return row!;
}

export async function listVisits(db: Executor, institutionId: string, day?: string) {
  const conds = [eq(deskVisits.institutionId, institutionId)];
  if (day) conds.push(sql`(${deskVisits.createdAt} at time zone 'Africa/Casablanca')::date = ${day}::date`);
  return db
    .select({ v: deskVisits, agent: accounts.displayName })
    .from(deskVisits)
    .innerJoin(accounts, eq(accounts.id, deskVisits.agentId))
    .where(and(...conds))
    .orderBy(desc(deskVisits.createdAt))
    .limit(200);
}
