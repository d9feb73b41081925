/**
 * The person directory as the desk sees it, least privilege first (law 09-08): a body's staff find in full
 * only the people linked to their body — by a case there (referrals included: the referred case stays at
 * the body that referred it), a booking or a visit. Someone with no link is found only by an exact match on
 * two identifiers the visitor gives (CIN, birth date, phone, e-mail), with masked contact data and a
 * short-lived intake token that lets the desk register their request; once it is saved, they are linked.
 * People registered by the body's own desk are linked from the start.
 */
import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { maskCin, maskEmail, maskPhone } from '../../shared/mask.js';
import { nameSkeleton } from '../../shared/name-skeleton.js';
import { hmac, safeEqual } from '../accounts/passwords.js';
import { accounts, citizenProfiles } from '../accounts/schema.js';
import { isPlaceholderEmail } from '../accounts/service.js';
import { appointments } from '../appointments/schema.js';
import { auditLog } from '../audit/schema.js';
import { cases } from '../cases/schema.js';
import { deskVisits } from './schema.js';

export type PersonQuery = { name?: string; phone?: string; cin?: string; email?: string; birthDate?: string };
type Identifier = 'phone' | 'cin' | 'email' | 'birthDate';
const identifiers: Identifier[] = ['cin', 'birthDate', 'phone', 'email'];

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
  matchedBy: ('name' | Identifier)[];
  /** `full` for a person linked to the body; `masked` for one found by two identifiers, not yet linked. */
  access: 'full' | 'masked';
  /** For a masked match: lets this agent register this person's request at this body for a while. */
  intakeToken?: string;
};

/** How long a masked match may be used to register the person's request. */
export const INTAKE_TOKEN_TTL_MS = 2 * 3_600_000;

/**
 * The person has a case at the body (sent there or referred from it), a booking there, a visit logged there,
 * or was registered by its desk.
 */
export function linkedTo(institutionId: string, personId: SQL | string): SQL {
  return sql`(exists (select 1 from ${cases} where ${cases.requesterId} = ${personId} and ${cases.institutionId} = ${institutionId})
    or exists (select 1 from ${appointments} where ${appointments.citizenId} = ${personId} and ${appointments.institutionId} = ${institutionId})
    or exists (select 1 from ${deskVisits} where ${deskVisits.personId} = ${personId} and ${deskVisits.institutionId} = ${institutionId})
    or exists (select 1 from ${auditLog} where ${auditLog.entityType} = 'account' and ${auditLog.entityId} = ${personId}::text
      and ${auditLog.action} = 'desk.person_create' and ${auditLog.institutionId} = ${institutionId}))`;
}

export async function isLinked(db: Executor, institutionId: string, personId: string) {
  const [row] = await db.select({ yes: linkedTo(institutionId, personId) }).from(sql`(select 1) as one`);
  return row?.yes === true;
}

const tokenPayload = (institutionId: string, personId: string, agentId: string, expires: number) =>
  `desk-intake|${institutionId}|${personId}|${agentId}|${expires}`;

export function intakeToken(
  secret: string,
  t: { institutionId: string; personId: string; agentId: string },
  now: Date,
) {
  const expires = now.getTime() + INTAKE_TOKEN_TTL_MS;
  return `${expires}.${hmac(secret, tokenPayload(t.institutionId, t.personId, t.agentId, expires))}`;
}

export function intakeTokenValid(
  secret: string,
  token: string | null | undefined,
  t: { institutionId: string; personId: string; agentId: string },
  now: Date,
) {
  const [expires, sig] = (token ?? '').split('.');
  const at = Number(expires);
  if (!sig || !Number.isSafeInteger(at) || at < now.getTime()) return false;
  return safeEqual(sig, hmac(secret, tokenPayload(t.institutionId, t.personId, t.agentId, at)));
}

/**
 * The desk acts for a person linked to its body, or for one its agent has just found by two identifiers (the
 * intake token of that match); anyone else is refused.
 */
export async function assertMayActFor(
  db: Executor,
  secret: string,
  t: { institutionId: string; personId: string; agentId: string },
  token: string | null | undefined,
) {
  if (intakeTokenValid(secret, token, t, currentTime())) return;
  if (await isLinked(db, t.institutionId, t.personId)) return;
  throw fail('desk-person-not-linked');
}

type Row = { a: typeof accounts.$inferSelect; p: typeof citizenProfiles.$inferSelect; linked: boolean };

function matchesOf(q: PersonQuery, skeleton: string, { a, p }: Row): PersonMatch['matchedBy'] {
  const by: PersonMatch['matchedBy'] = [];
  if (skeleton !== '' && skeleton.split(' ').every((part) => p.nameSkeleton?.includes(part))) by.push('name');
  if (q.phone && p.phone === q.phone) by.push('phone');
  if (q.cin && p.cin === q.cin) by.push('cin');
  if (q.email && a.email === q.email) by.push('email');
  if (q.birthDate && p.birthDate === q.birthDate) by.push('birthDate');
  return by;
}

/**
 * Finds people for the desk of `institutionId`: among the people linked to the body by any hint (a name
 * in either script, spelling-proof; phone, CIN, e-mail, birth date), shown in full; among everyone else,
 * only those matching at least two of the identifiers given, masked, each with an intake token.
 */
export async function findPeople(
  db: Executor,
  scope: { institutionId: string; agentId: string; secret: string; now: Date },
  q: PersonQuery,
  limit = 20,
): Promise<PersonMatch[]> {
  const skeleton = q.name ? nameSkeleton(q.name) : '';
  const exact: Partial<Record<Identifier, SQL>> = {
    phone: q.phone ? eq(citizenProfiles.phone, q.phone) : undefined,
    cin: q.cin ? eq(citizenProfiles.cin, q.cin) : undefined,
    email: q.email ? eq(accounts.email, q.email) : undefined,
    birthDate: q.birthDate ? eq(citizenProfiles.birthDate, q.birthDate) : undefined,
  };
  const given = identifiers.filter((k) => exact[k]);
  const hints: SQL[] = given.map((k) => exact[k]!);
  if (skeleton)
    hints.push(and(...skeleton.split(' ').map((part) => ilike(citizenProfiles.nameSkeleton, `%${part}%`)))!);
  if (!hints.length) return [];
  const linked = linkedTo(scope.institutionId, sql`${citizenProfiles.accountId}`);
  // two identifiers or more: the count of those that match, for people with no link
  const twoMatch =
    given.length >= 2
      ? sql`(${sql.join(
          given.map((k) => sql`(case when ${exact[k]} then 1 else 0 end)`),
          sql` + `,
        )}) >= 2`
      : sql`false`;
  const rows: Row[] = await db
    .select({ a: accounts, p: citizenProfiles, linked: sql<boolean>`${linked}` })
    .from(citizenProfiles)
    .innerJoin(accounts, eq(accounts.id, citizenProfiles.accountId))
    .where(
      and(
        sql`${accounts.disabledAt} is null`,
        eq(accounts.kind, 'citizen'),
        or(and(linked, or(...hints)), twoMatch),
      ),
    )
    .limit(limit);
  return rows
    .map((row) => present(row, matchesOf(q, skeleton, row), scope))
    .sort((x, y) => y.matchedBy.length - x.matchedBy.length);
}

/** What the desk knows of a person it is about to register. */
export type NewPerson = {
  givenNameAr?: string | null;
  familyNameAr?: string | null;
  givenNameLatin?: string | null;
  familyNameLatin?: string | null;
  phone?: string | null;
  cin?: string | null;
  email?: string | null;
  birthDate?: string | null;
};

/**
 * The people the desk may be about to register a second time, by the directory's own rules (people linked to
 * the body in full, anyone else only on two identifiers, masked). `existing`: everyone found on more than a
 * birth date, which alone is no sign of a twin; `strong`: those found on an identifier, or on both their name
 * and birth date, whom the desk must see before it registers the person anyway; `by`: what was searched by.
 */
export async function findTwins(
  db: Executor,
  scope: Parameters<typeof findPeople>[1],
  person: NewPerson,
): Promise<{ by: (keyof PersonQuery)[]; existing: PersonMatch[]; strong: PersonMatch[] }> {
  const hints: PersonQuery = {
    name:
      [person.givenNameLatin, person.familyNameLatin].filter(Boolean).join(' ') ||
      [person.givenNameAr, person.familyNameAr].filter(Boolean).join(' '),
    phone: person.phone ?? undefined,
    cin: person.cin ?? undefined,
    email: person.email ?? undefined,
    birthDate: person.birthDate ?? undefined,
  };
  const found = await findPeople(db, scope, hints);
  const existing = found.filter((p) => p.matchedBy.some((m) => m !== 'birthDate'));
  const strong = existing.filter(
    (p) =>
      p.matchedBy.some((m) => m !== 'name' && m !== 'birthDate') ||
      (p.matchedBy.includes('name') && p.matchedBy.includes('birthDate')),
  );
  const by = (Object.keys(hints) as (keyof PersonQuery)[]).filter((k) => hints[k]);
  return { by, existing, strong };
}

function present(
  { a, p, linked }: Row,
  matchedBy: PersonMatch['matchedBy'],
  scope: { institutionId: string; agentId: string; secret: string; now: Date },
): PersonMatch {
  const email = isPlaceholderEmail(a.email) ? null : a.email;
  const names = {
    id: a.id,
    displayName: a.displayName,
    countryOfResidence: p.countryOfResidence,
    givenNameAr: p.givenNameAr,
    familyNameAr: p.familyNameAr,
    givenNameLatin: p.givenNameLatin,
    familyNameLatin: p.familyNameLatin,
    matchedBy,
  };
  if (linked) return { ...names, email, phone: p.phone, cin: p.cin, birthDate: p.birthDate, access: 'full' };
  return {
    ...names,
    email: maskEmail(email),
    phone: maskPhone(p.phone),
    cin: maskCin(p.cin),
    birthDate: null,
    access: 'masked',
    intakeToken: intakeToken(scope.secret, { ...scope, personId: a.id }, scope.now),
  };
}
