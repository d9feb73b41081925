import { and, asc, eq, max, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { fail } from '../../server/problems.js';
import { audit, nowOf, type ServiceContext } from '../../server/service-context.js';
import { accounts, overseerScopes } from '../accounts/schema.js';
import { isOwnCase } from '../cases/policy.js';
import { supervisorsOf } from '../cases/related.js';
import { type CaseRow, caseEvents } from '../cases/schema.js';
import { getReadableCase } from '../cases/service.js';
import { institutions } from '../institutions/schema.js';
import { notifyStaff } from '../notifications/notify.js';
import { queueCaseWebhook } from '../webhooks/events.js';
import { type EscalationGrounds, type EscalationLevel, nextRung } from './escalation-ladder.js';
import { citizenEscalations } from './schema.js';

/** The rungs a case went up, each with the person's words, oldest first. */
async function stepsOf(db: Executor, caseId: string) {
  const [rows, words] = await Promise.all([
    db
      .select()
      .from(citizenEscalations)
      .where(eq(citizenEscalations.caseId, caseId))
      .orderBy(asc(citizenEscalations.level)),
    db
      .select({ data: caseEvents.data, reason: caseEvents.reason })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'citizen_escalated'))),
  ]);
  const said = new Map(words.map((w) => [Number(w.data.level), w.reason]));
  return rows.map((r) => ({
    level: r.level as EscalationLevel,
    grounds: r.grounds,
    at: r.createdAt,
    statement: said.get(r.level) ?? null,
  }));
}

/** When the body's staff last wrote to the person on the case (a public event of theirs). */
async function lastStaffWordAt(db: Executor, caseId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(caseEvents.createdAt) })
    .from(caseEvents)
    .innerJoin(accounts, eq(accounts.id, caseEvents.actorId))
    .where(
      and(eq(caseEvents.caseId, caseId), eq(caseEvents.visibility, 'public'), eq(accounts.kind, 'staff')),
    );
  return row?.at ?? null;
}

/** The steps a case went up and its next one, as its person sees them. */
export async function ladderOf(db: Executor, c: CaseRow, now: Date) {
  const [steps, lastWord] = await Promise.all([stepsOf(db, c.id), lastStaffWordAt(db, c.id)]);
  const next = nextRung({
    state: c.state,
    dueAt: c.dueAt,
    anonymised: !!c.anonymisedAt,
    steps,
    lastStaffWordAt: lastWord,
    now,
  });
  return { steps, next, referralReady: steps.some((s) => s.level === 3) };
}

/** The ladder of a case its reader sees: the rungs taken and, for the person, the next one and when it opens. */
export async function caseEscalation(ctx: ServiceContext, caseId: string) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  const ladder = await ladderOf(ctx.db, c, nowOf(ctx));
  const own = isOwnCase(ctx.actor, scope);
  return {
    steps: ladder.steps.map((s) => ({ ...s, at: s.at.toISOString() })),
    next:
      own && ladder.next ? { ...ladder.next, availableFrom: ladder.next.availableFrom.toISOString() } : null,
    referralReady: ladder.referralReady,
  };
}

/**
 * The person takes the case one rung up: recorded once under (case, level), with its public timeline event
 * (their words), its audit row, and the people of the rung told (the body's supervisors, then the
 * territory's provincial and regional overseers). Only the person may do it (not a relative under a
 * mandate, nor the staff).
 */
export async function escalateCase(
  ctx: ServiceContext,
  caseId: string,
  input: { level: EscalationLevel; grounds: EscalationGrounds; statement: string },
) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  if (!isOwnCase(ctx.actor, scope)) throw fail('forbidden');
  if (c.anonymisedAt) throw fail('case-anonymised');
  const now = nowOf(ctx);
  const { next } = await ladderOf(ctx.db, c, now);
  // the step the person saw: a second click (or tab) after the first must not take the next one
  if (next && input.level < next.level) throw fail('escalation-already-made');
  if (!next) throw fail('escalation-at-top');
  if (input.level > next.level) throw fail('escalation-too-early', {}, { availableFrom: null });
  if (!next.grounds.length) throw fail('escalation-no-grounds', { state: c.state });
  if (!next.grounds.includes(input.grounds)) throw fail('escalation-grounds-invalid');
  if (!next.open) throw fail('escalation-too-early', {}, { availableFrom: next.availableFrom.toISOString() });
  const statement = input.statement.trim();
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(citizenEscalations)
      .values({
        caseId: c.id,
        level: next.level,
        grounds: input.grounds,
        actorId: ctx.actor!.accountId,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    // the same rung sent twice at once (two tabs, a double click): the first stands
    if (!row) throw fail('escalation-already-made');
    const [event] = await tx
      .insert(caseEvents)
      .values({
        caseId: c.id,
        type: 'citizen_escalated',
        actorId: ctx.actor!.accountId,
        reason: statement,
        data: { level: next.level, grounds: input.grounds },
        visibility: 'public',
        createdAt: now,
      })
      .returning({ id: caseEvents.id });
    await audit(tx, ctx, {
      action: 'case.citizen_escalation',
      entityType: 'case',
      entityId: c.id,
      institutionId: c.institutionId,
      data: { level: next.level, grounds: input.grounds },
    });
    await queueCaseWebhook(tx, {
      event: 'case.escalated',
      caseId: c.id,
      institutionId: c.institutionId,
      key: `citizen:${next.level}`,
      now,
      extra: { by: 'citizen', level: next.level },
    });
    const told = next.level === 3 ? [] : await rungPeople(tx, c, next.level);
    if (told.length)
      await notifyStaff(tx, {
        event: 'citizen_escalated',
        caseRow: c,
        staffIds: told,
        ref: String(event!.id),
        reason: statement,
        publicUrl: ctx.publicUrl,
        now,
      });
    return { level: next.level, grounds: input.grounds, at: now.toISOString(), told: told.length };
  });
}

/** Who hears of a rung: the body's supervisors (1), its province's and region's overseers (2). */
async function rungPeople(tx: Executor, c: CaseRow, level: 1 | 2): Promise<string[]> {
  if (level === 1) return supervisorsOf(tx, c.institutionId);
  const [place] = await tx
    .select({ region: institutions.regionCode, province: institutions.provinceCode })
    .from(institutions)
    .where(eq(institutions.id, c.institutionId));
  if (!place) return [];
  const rows = await tx
    .select({ id: overseerScopes.accountId })
    .from(overseerScopes)
    .where(
      or(
        and(eq(overseerScopes.scope, 'region'), eq(overseerScopes.territoryCode, place.region)),
        place.province
          ? and(eq(overseerScopes.scope, 'province'), eq(overseerScopes.territoryCode, place.province))
          : undefined,
      ),
    );
  return rows.map((r) => r.id);
}
