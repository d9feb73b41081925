/**
 * The legal texts a body's reasoned replies rest on, kept as data by its administrator: per category (or for
 * all of them), a citation and a title in each language. Added, corrected and retired, never deleted: a
 * reply that cited a text keeps the words it cited (see cases/reply-parts.ts).
 */
import { and, asc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { adminChange, audit, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { currentTime } from '../../shared/clock.js';
import { staffRoles } from '../accounts/schema.js';
import { categoryFor } from './institution-settings.js';
import { legalBases } from './schema.js';

export type LegalBasisInput = {
  categoryId: string | null;
  citation: string;
  titleAr: string;
  titleFr: string;
  titleEn: string;
};

const present = (r: typeof legalBases.$inferSelect) => ({
  id: r.id,
  categoryId: r.categoryId,
  citation: r.citation,
  titleAr: r.titleAr,
  titleFr: r.titleFr,
  titleEn: r.titleEn,
  retiredAt: r.retiredAt?.toISOString() ?? null,
});
export type LegalBasis = ReturnType<typeof present>;

/**
 * The body's texts, for any of its staff (they choose among them in a reply): those of one category (and
 * those for all) when a category is given; retired ones only on request (the administrator's list).
 */
export async function legalBasesOf(
  ctx: ServiceContext,
  institutionId: string,
  q: { categoryId?: string; retired?: boolean } = {},
) {
  requireAccess(ctx, { staffOf: institutionId, roles: staffRoles });
  const rows = await ctx.db
    .select()
    .from(legalBases)
    .where(
      and(
        eq(legalBases.institutionId, institutionId),
        q.categoryId ? or(isNull(legalBases.categoryId), eq(legalBases.categoryId, q.categoryId)) : undefined,
        q.retired ? undefined : isNull(legalBases.retiredAt),
      ),
    )
    .orderBy(asc(legalBases.citation));
  return rows.map(present);
}

async function checkCategory(db: Executor, institutionId: string, categoryId: string | null) {
  if (categoryId && !(await categoryFor(db, institutionId, categoryId))) throw fail('category-unknown');
}

/** Adds a text (the administrator's); returns it. */
export async function addLegalBasis(ctx: ServiceContext, institutionId: string, input: LegalBasisInput) {
  await checkCategory(ctx.db, institutionId, input.categoryId);
  return adminChange(ctx, institutionId, async (tx) => {
    const [row] = await tx
      .insert(legalBases)
      .values({ institutionId, ...input, updatedAt: ctx.now?.() ?? currentTime() })
      .returning();
    await audit(tx, ctx, {
      action: 'legal_basis.add',
      entityType: 'legal_basis',
      entityId: row!.id,
      institutionId,
      data: { citation: input.citation },
    });
    return present(row!);
  });
}

/**
 * Corrects a text, or retires it (`retired: true`: offered no more) or brings it back. A reply already
 * approved keeps the wording it cited.
 */
export async function editLegalBasis(
  ctx: ServiceContext,
  institutionId: string,
  id: string,
  input: Partial<LegalBasisInput> & { retired?: boolean },
) {
  if (input.categoryId !== undefined) await checkCategory(ctx.db, institutionId, input.categoryId);
  return adminChange(ctx, institutionId, async (tx) => {
    const now = ctx.now?.() ?? currentTime();
    const { retired, ...fields } = input;
    const [row] = await tx
      .update(legalBases)
      .set({
        ...fields,
        ...(retired === undefined ? {} : { retiredAt: retired ? now : null }),
        updatedAt: now,
      })
      .where(and(eq(legalBases.id, id), eq(legalBases.institutionId, institutionId)))
      .returning();
    if (!row) throw notFound();
    await audit(tx, ctx, {
      action: retired ? 'legal_basis.retire' : 'legal_basis.edit',
      entityType: 'legal_basis',
      entityId: id,
      institutionId,
      data: { citation: row.citation },
    });
    return present(row);
  });
}

/**
 * The texts a reply cites, as chosen for a case: each must be the body's, in force, and for the case's
 * category or for all; otherwise `legal-basis-unknown`. In the order given.
 */
export async function chosenLegalBases(
  db: Executor,
  c: { institutionId: string; categoryId: string },
  ids: string[],
): Promise<LegalBasis[]> {
  if (!ids.length) return [];
  const rows = await db
    .select()
    .from(legalBases)
    .where(
      and(
        inArray(legalBases.id, ids),
        eq(legalBases.institutionId, c.institutionId),
        isNull(legalBases.retiredAt),
        or(isNull(legalBases.categoryId), eq(legalBases.categoryId, c.categoryId)),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, present(r)]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length) throw fail('legal-basis-unknown', {}, { legalBasisIds: missing });
  return ids.map((id) => byId.get(id)!);
}
