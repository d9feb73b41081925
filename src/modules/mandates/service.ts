/**
 * Mandates: a citizen lets a relative act for them, on one case or on a kind of request, between two dates,
 * for some acts; the relative accepts by signing in with the invited address; the person revokes at any time;
 * the body's staff mark it verified once they have seen the procuration paper. Access itself is decided by
 * the case policy from the mandate read on each request (see grant.ts).
 */
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { forbidden, notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { audit, nowOf, requireAccess, type ServiceContext } from '../../server/service-context.js';
import type { Actor } from '../accounts/actor.js';
import { accounts } from '../accounts/schema.js';
import { isStaffOfCase } from '../cases/policy.js';
import { cases } from '../cases/schema.js';
import { createCase, getReadableCase, type NewCaseInput } from '../cases/service.js';
import { caseCategories } from '../catalog/schema.js';
import {
  notifyMandateAccepted,
  notifyMandateGiven,
  notifyMandateRevoked,
  notifyMandateUse,
} from './notices.js';
import { mandateStatus, needsProcuration } from './rules.js';
import { type MandateAction, mandates } from './schema.js';

type Ctx = ServiceContext;
type MandateRow = typeof mandates.$inferSelect;

export type NewMandate = {
  granteeEmail: string;
  caseId?: string | null;
  categoryId?: string | null;
  actions: MandateAction[];
  validFrom: Date;
  validUntil: Date;
};

const citizen = (ctx: Ctx): Actor => {
  const actor = requireAccess(ctx, { signedIn: true });
  if (actor.kind !== 'citizen') throw forbidden();
  return actor;
};

const normalEmail = (e: string) => e.trim().toLowerCase();

/** The person gives a mandate: for one of their own cases, or for a kind of request. */
export async function giveMandate(ctx: Ctx, input: NewMandate) {
  const actor = citizen(ctx);
  const now = nowOf(ctx);
  const granteeEmail = normalEmail(input.granteeEmail);
  if (!!input.caseId === !!input.categoryId) throw fail('mandate-scope');
  // filing makes a new case: only a mandate for a kind of request can allow it
  if (input.caseId && input.actions.includes('file')) throw fail('mandate-file-needs-kind');
  if (input.validUntil <= input.validFrom || input.validUntil <= now) throw fail('mandate-dates');
  if (granteeEmail === normalEmail(actor.email)) throw fail('mandate-self');
  if (input.caseId) {
    const { c } = await getReadableCase(ctx, input.caseId);
    // a mandate is given by the person the case belongs to, never passed on by a relative
    if (c.requesterId !== actor.accountId) throw notFound();
  } else {
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.id, input.categoryId!));
    if (!cat) throw fail('category-unknown');
  }
  const actions = [...new Set(input.actions)];
  return ctx.db.transaction(async (tx) => {
    const [m] = await tx
      .insert(mandates)
      .values({
        mandatorId: actor.accountId,
        granteeEmail,
        caseId: input.caseId ?? null,
        categoryId: input.categoryId ?? null,
        actions,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        createdAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'mandate.give',
      entityType: 'mandate',
      entityId: m!.id,
      data: { caseId: m!.caseId, categoryId: m!.categoryId, actions },
    });
    await notifyMandateGiven(tx, ctx, m!);
    return (await present(tx, [m!], now))[0]!;
  });
}

/** The mandates the person gave and those given to them (accepted, or waiting for their address). */
export async function listMandates(ctx: Ctx) {
  const actor = citizen(ctx);
  const rows = await ctx.db
    .select()
    .from(mandates)
    .where(
      or(
        eq(mandates.mandatorId, actor.accountId),
        eq(mandates.granteeId, actor.accountId),
        and(isNull(mandates.granteeId), eq(mandates.granteeEmail, normalEmail(actor.email))),
      ),
    )
    .orderBy(desc(mandates.createdAt));
  const items = await present(ctx.db, rows, nowOf(ctx));
  return {
    given: items.filter((m) => m.mandator.id === actor.accountId),
    received: items.filter((m) => m.mandator.id !== actor.accountId),
  };
}

async function mandateOf(db: Executor, id: string) {
  const [m] = await db.select().from(mandates).where(eq(mandates.id, id));
  return m ?? null;
}

/** One mandate, for the person, the relative, or the invited address (the acceptance page). */
export async function getMandate(ctx: Ctx, id: string) {
  const actor = citizen(ctx);
  const m = await mandateOf(ctx.db, id);
  if (!m || !concerns(actor, m)) throw fail('mandate-not-found');
  return (await present(ctx.db, [m], nowOf(ctx)))[0]!;
}

const concerns = (actor: Actor, m: MandateRow) =>
  m.mandatorId === actor.accountId ||
  m.granteeId === actor.accountId ||
  (!m.granteeId && m.granteeEmail === normalEmail(actor.email));

/** The relative accepts, signed in with the address the mandate was given to. */
export async function acceptMandate(ctx: Ctx, id: string) {
  const actor = citizen(ctx);
  const now = nowOf(ctx);
  const m = await mandateOf(ctx.db, id);
  if (!m) throw fail('mandate-not-found');
  if (m.granteeId === actor.accountId) return (await present(ctx.db, [m], now))[0]!;
  if (m.granteeId || m.granteeEmail !== normalEmail(actor.email) || m.mandatorId === actor.accountId)
    throw fail('mandate-other-email');
  if (!actor.emailVerified) throw fail('email-not-verified');
  const status = mandateStatus(m, now);
  if (status === 'revoked' || status === 'expired') throw fail('mandate-closed');
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(mandates)
      .set({ granteeId: actor.accountId, acceptedAt: now })
      .where(and(eq(mandates.id, id), isNull(mandates.granteeId), isNull(mandates.revokedAt)))
      .returning();
    if (!updated) throw fail('mandate-closed');
    await audit(tx, ctx, { action: 'mandate.accept', entityType: 'mandate', entityId: id });
    await notifyMandateAccepted(tx, ctx, updated);
    return (await present(tx, [updated], now))[0]!;
  });
}

/** The person withdraws the mandate: from the next request on, the relative reaches nothing through it. */
export async function revokeMandate(ctx: Ctx, id: string) {
  const actor = citizen(ctx);
  const now = nowOf(ctx);
  const m = await mandateOf(ctx.db, id);
  // only the person who gave it may withdraw it; to anyone else it does not exist
  if (!m || m.mandatorId !== actor.accountId) throw fail('mandate-not-found');
  if (m.revokedAt) return (await present(ctx.db, [m], now))[0]!;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(mandates)
      .set({ revokedAt: now })
      .where(eq(mandates.id, id))
      .returning();
    await audit(tx, ctx, { action: 'mandate.revoke', entityType: 'mandate', entityId: id });
    await notifyMandateRevoked(tx, ctx, updated!);
    return (await present(tx, [updated!], now))[0]!;
  });
}

/** Whether a mandate covers a case: that case, or the person's cases of the mandated kind. */
const covers = (m: MandateRow, c: { id: string; requesterId: string; categoryId: string }) =>
  m.mandatorId === c.requesterId && (m.caseId === c.id || m.categoryId === c.categoryId);

/** The mandates covering a case, for the staff of the body that holds it. */
export async function caseMandates(ctx: Ctx, caseId: string) {
  const { c, scope } = await getReadableCase(ctx, caseId);
  if (!isStaffOfCase(ctx.actor, scope)) throw forbidden();
  const rows = await ctx.db
    .select()
    .from(mandates)
    .where(
      and(
        eq(mandates.mandatorId, c.requesterId),
        or(eq(mandates.caseId, c.id), eq(mandates.categoryId, c.categoryId)),
      ),
    )
    .orderBy(desc(mandates.createdAt));
  return { items: await present(ctx.db, rows, nowOf(ctx)) };
}

/**
 * The body's staff mark the mandate verified after seeing the procuration paper, on a case of theirs the
 * mandate covers; who and when are kept, and audited.
 */
export async function verifyMandate(ctx: Ctx, id: string, caseId: string) {
  const m = await mandateOf(ctx.db, id);
  const { c } = await getReadableCase(ctx, caseId);
  requireAccess(ctx, {
    staffOf: c.institutionId,
    roles: ['reception_agent', 'department_agent', 'supervisor'],
  });
  if (!m || !covers(m, c)) throw fail('mandate-not-found');
  const now = nowOf(ctx);
  if (m.verifiedAt) return (await present(ctx.db, [m], now))[0]!;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(mandates)
      .set({ verifiedById: ctx.actor!.accountId, verifiedAt: now })
      .where(eq(mandates.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'mandate.verify',
      entityType: 'mandate',
      entityId: id,
      institutionId: c.institutionId,
      data: { caseId: c.id },
    });
    return (await present(tx, [updated!], now))[0]!;
  });
}

/** Mandates as the API shows them: names, the case or kind, the state at the instant, the procuration. */
async function present(db: Executor, rows: MandateRow[], now: Date) {
  const ids = [...new Set(rows.flatMap((m) => [m.mandatorId, m.granteeId, m.verifiedById]))].filter(
    (x): x is string => !!x,
  );
  const people = ids.length
    ? await db
        .select({ id: accounts.id, name: accounts.displayName })
        .from(accounts)
        .where(inArray(accounts.id, ids))
    : [];
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const caseIds = rows.map((m) => m.caseId).filter((x): x is string => !!x);
  const caseRows = caseIds.length
    ? await db
        .select({ id: cases.id, trackingNumber: cases.trackingNumber, subject: cases.subject })
        .from(cases)
        .where(inArray(cases.id, caseIds))
    : [];
  const catIds = rows.map((m) => m.categoryId).filter((x): x is string => !!x);
  const cats = catIds.length
    ? await db
        .select({
          id: caseCategories.id,
          code: caseCategories.code,
          nameAr: caseCategories.nameAr,
          nameFr: caseCategories.nameFr,
          nameEn: caseCategories.nameEn,
        })
        .from(caseCategories)
        .where(inArray(caseCategories.id, catIds))
    : [];
  return rows.map((m) => ({
    id: m.id,
    mandator: { id: m.mandatorId, name: name(m.mandatorId) ?? '' },
    grantee: { email: m.granteeEmail, id: m.granteeId, name: name(m.granteeId) },
    case: caseRows.find((c) => c.id === m.caseId) ?? null,
    category: cats.find((c) => c.id === m.categoryId) ?? null,
    actions: m.actions,
    validFrom: m.validFrom.toISOString(),
    validUntil: m.validUntil.toISOString(),
    status: mandateStatus(m, now),
    requiresProcuration: needsProcuration(m.actions),
    verified: m.verifiedAt ? { at: m.verifiedAt.toISOString(), by: name(m.verifiedById) ?? '' } : null,
    acceptedAt: m.acceptedAt?.toISOString() ?? null,
    revokedAt: m.revokedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  }));
}

/**
 * The relative files a new case for the person, of the mandated kind: the case is the person's (their
 * receipt, their case list), its first step shows who filed it under which mandate.
 */
export async function fileUnderMandate(
  ctx: Ctx,
  id: string,
  input: Omit<NewCaseInput, 'requesterId' | 'intakeChannel' | 'onBehalf'>,
) {
  const actor = citizen(ctx);
  const now = nowOf(ctx);
  const m = await mandateOf(ctx.db, id);
  if (!m || m.granteeId !== actor.accountId) throw fail('mandate-not-found');
  const status = mandateStatus(m, now);
  if (status !== 'active') throw fail('mandate-closed');
  if (!m.actions.includes('file') || m.categoryId !== input.categoryId) throw fail('mandate-act-not-granted');
  const onBehalf = { mandateId: m.id, onBehalfOf: m.mandatorId };
  const filed = await createCase(ctx, {
    ...input,
    requesterId: m.mandatorId,
    intakeChannel: 'web',
    onBehalf,
  });
  if (!filed.repeated) await ctx.db.transaction((tx) => notifyMandateUse(tx, ctx, filed.case, onBehalf));
  return filed;
}

/**
 * The person's cases a relative reaches under an active mandate, newest first (at most 100): the one case of
 * a one-case mandate, or the person's cases of the mandated kind. For the relative only.
 */
export async function mandatedCases(ctx: Ctx, id: string) {
  const actor = citizen(ctx);
  const m = await mandateOf(ctx.db, id);
  if (!m || m.granteeId !== actor.accountId) throw fail('mandate-not-found');
  if (mandateStatus(m, nowOf(ctx)) !== 'active') throw fail('mandate-closed');
  const rows = await ctx.db
    .select({
      id: cases.id,
      trackingNumber: cases.trackingNumber,
      subject: cases.subject,
      state: cases.state,
      dueAt: cases.dueAt,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.requesterId, m.mandatorId),
        m.caseId ? eq(cases.id, m.caseId) : eq(cases.categoryId, m.categoryId!),
        isNull(cases.anonymisedAt),
      ),
    )
    .orderBy(desc(cases.createdAt))
    .limit(100);
  return {
    items: rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString(), createdAt: r.createdAt.toISOString() })),
  };
}
