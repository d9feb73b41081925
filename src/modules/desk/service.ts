import { randomUUID } from 'node:crypto';
import { and, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { nameSkeleton } from '../../shared/name-skeleton.js';
import { accounts, citizenProfiles, type Language } from '../accounts/schema.js';
import {
  type CitizenProfileInput,
  citizenDisplayName,
  isPlaceholderEmail,
  skeletonOf,
} from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { deskVisits } from './schema.js';

export type PersonMatch = {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  cin: string | null;
  birthDate: string | null;
  countryOfResidence: string;
  givenNameAr: string | null;
  familyNameAr: string | null;
  givenNameLatin: string | null;
  familyNameLatin: string | null;
  matchedBy: ('name' | 'phone' | 'cin' | 'email')[];
};

/**
 * Finds people by name in either script (spelling-proof), phone, CIN or e-mail. Several hints may be
 * given at once; the results say which ones matched, strongest first.
 */
export async function findPeople(
  db: Executor,
  q: { name?: string; phone?: string; cin?: string; email?: string },
  limit = 20,
) {
  const conds = [];
  const skeleton = q.name ? nameSkeleton(q.name) : '';
  if (skeleton)
    for (const part of skeleton.split(' ')) conds.push(ilike(citizenProfiles.nameSkeleton, `%${part}%`));
  const anyOf = [];
  if (conds.length) anyOf.push(and(...conds)!);
  if (q.phone) anyOf.push(eq(citizenProfiles.phone, q.phone));
  if (q.cin) anyOf.push(eq(citizenProfiles.cin, q.cin));
  if (q.email) anyOf.push(eq(accounts.email, q.email));
  if (!anyOf.length) return [];
  const rows = await db
    .select({ a: accounts, p: citizenProfiles })
    .from(citizenProfiles)
    .innerJoin(accounts, eq(accounts.id, citizenProfiles.accountId))
    .where(and(or(...anyOf), sql`${accounts.disabledAt} is null`))
    .limit(limit);
  const out: PersonMatch[] = rows.map(({ a, p }) => {
    const matchedBy: PersonMatch['matchedBy'] = [];
    if (skeleton !== '' && skeleton.split(' ').every((part) => p.nameSkeleton?.includes(part)))
      matchedBy.push('name');
    if (q.phone && p.phone === q.phone) matchedBy.push('phone');
    if (q.cin && p.cin === q.cin) matchedBy.push('cin');
    if (q.email && a.email === q.email) matchedBy.push('email');
    return {
      id: a.id,
      displayName: a.displayName,
      email: isPlaceholderEmail(a.email) ? null : a.email,
      phone: p.phone,
      cin: p.cin,
      birthDate: p.birthDate,
      countryOfResidence: p.countryOfResidence,
      givenNameAr: p.givenNameAr,
      familyNameAr: p.familyNameAr,
      givenNameLatin: p.givenNameLatin,
      familyNameLatin: p.familyNameLatin,
      matchedBy,
    };
  });
  return out.sort((x, y) => y.matchedBy.length - x.matchedBy.length);
}

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
