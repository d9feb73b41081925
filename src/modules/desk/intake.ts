/**
 * The reception desk's work, as service functions: find or register the person, record a request on their
 * behalf, keep the visitor log. Access first (the body's desk roles); every search of the directory is a
 * logged read of personal data.
 */
import { fail } from '../../server/problems.js';
import { nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { recordDataRead } from '../audit/access-log.js';
import { createCase, type NewCaseInput } from '../cases/service.js';
import type { UploadQuota } from '../cases/upload-quota.js';
import { assertMayActFor, findPeople, findTwins, type PersonMatch, type PersonQuery } from './directory.js';
import { createPerson, listVisits, logVisit } from './service.js';

export const deskRoles = ['reception_agent', 'supervisor', 'department_agent'] as const;

const requireDesk = (ctx: ServiceContext, institutionId: string) =>
  requireAccess(ctx, { staffOf: institutionId, roles: deskRoles });

const scopeOf = (ctx: ServiceContext, actor: Actor, institutionId: string) => ({
  institutionId,
  agentId: actor.accountId,
  secret: ctx.secret,
  now: nowOf(ctx),
});

/**
 * A search of the person directory is a read of personal data: logged with what was searched by (never the
 * values) and how many people it showed, in full and masked.
 */
function logSearch(
  ctx: ServiceContext,
  actor: Actor,
  institutionId: string,
  by: string[],
  items: PersonMatch[],
) {
  return recordDataRead(ctx.db, actor, {
    action: 'desk.person_search',
    institutionId,
    requestId: ctx.requestId,
    data: {
      by: [...by].sort(),
      shown: items.length,
      masked: items.filter((p) => p.access === 'masked').length,
    },
  });
}

/** People linked to the body by any hint, in full; anyone else only on two exact identifiers, masked. */
export async function searchPeople(ctx: ServiceContext, institutionId: string, q: PersonQuery) {
  const actor = requireDesk(ctx, institutionId);
  const items = await findPeople(ctx.db, scopeOf(ctx, actor, institutionId), q);
  await logSearch(ctx, actor, institutionId, Object.keys(q), items);
  return items;
}

/**
 * Registers a person met at the desk, unless they may already be registered (409 `person-twins` with the
 * likely twins) and the desk has not said to go on anyway (`force`).
 */
export async function registerPerson(
  ctx: ServiceContext,
  institutionId: string,
  person: Parameters<typeof createPerson>[1],
  force: boolean,
) {
  const actor = requireDesk(ctx, institutionId);
  const { by, existing, strong } = await findTwins(ctx.db, scopeOf(ctx, actor, institutionId), person);
  await logSearch(ctx, actor, institutionId, by, existing);
  if (strong.length && !force) throw fail('person-twins', {}, { duplicates: strong });
  const created = await createPerson(ctx.db, person, actor.accountId, institutionId, ctx.requestId);
  return { ...created, possibleDuplicates: existing };
}

export type DeskFiling = Omit<NewCaseInput, 'institutionId' | 'requesterId' | 'caseQuota'> & {
  personId: string;
  visitorName: string;
  intakeToken?: string | null;
};

/**
 * Files a request on a person's behalf (a linked person, or one found with two identifiers: the intake
 * token), and logs the visit; the same registration sent twice gives the first case back, with one visit.
 */
export async function fileForPerson(
  ctx: ServiceContext,
  institutionId: string,
  b: DeskFiling,
  caseQuota: UploadQuota,
) {
  const actor = requireDesk(ctx, institutionId);
  const { personId, visitorName, intakeToken, ...filing } = b;
  await assertMayActFor(
    ctx.db,
    ctx.secret,
    { institutionId, personId, agentId: actor.accountId },
    intakeToken,
  );
  const res = await createCase(ctx, { ...filing, institutionId, requesterId: personId, caseQuota });
  if (!res.repeated)
    await logVisit(
      ctx.db,
      {
        institutionId,
        personId,
        visitorName,
        channel: b.intakeChannel,
        purpose: b.subject,
        outcome: 'case_opened',
        caseId: res.case.id,
        agentId: actor.accountId,
      },
      ctx.requestId,
    );
  return res;
}

export type DeskVisit = {
  visitorName: string;
  personId?: string | null;
  channel: NewCaseInput['intakeChannel'];
  purpose: string;
  outcome: 'informed' | 'redirected' | 'other';
  note?: string | null;
  intakeToken?: string | null;
};

/** Logs a visit, call or message that opened no case (for a named person: one the desk may act for). */
export async function recordVisit(ctx: ServiceContext, institutionId: string, input: DeskVisit) {
  const actor = requireDesk(ctx, institutionId);
  const { intakeToken, ...visit } = input;
  if (visit.personId)
    await assertMayActFor(
      ctx.db,
      ctx.secret,
      { institutionId, personId: visit.personId, agentId: actor.accountId },
      intakeToken,
    );
  return logVisit(ctx.db, { ...visit, institutionId, agentId: actor.accountId }, ctx.requestId);
}

/** The visitor log of a day (the desk, the body's administrators and auditors). */
export async function visitorLog(ctx: ServiceContext, institutionId: string, day?: string) {
  requireAccess(ctx, { staffOf: institutionId, roles: [...deskRoles, 'institution_admin', 'auditor'] });
  const rows = await listVisits(ctx.db, institutionId, day);
  return rows.map(({ v, agent }) => ({
    id: v.id,
    visitorName: v.visitorName,
    channel: v.channel,
    purpose: v.purpose,
    outcome: v.outcome,
    note: v.note,
    caseId: v.caseId,
    agent,
    at: v.createdAt.toISOString(),
  }));
}
