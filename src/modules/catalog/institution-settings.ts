import { and, asc, eq, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { notFound } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { currentTime } from '../../shared/clock.js';
import { recordAudit } from '../audit/service.js';
import { caseCategories, institutionCategorySettings, replyTemplates, type TemplateParts } from './schema.js';

/** The categories, each beside the institution's own setting of it (null where it set none). */
const withSettings = (db: Executor, institutionId: string) =>
  db
    .select({ c: caseCategories, s: institutionCategorySettings })
    .from(caseCategories)
    .leftJoin(
      institutionCategorySettings,
      and(
        eq(institutionCategorySettings.categoryId, caseCategories.id),
        eq(institutionCategorySettings.institutionId, institutionId),
      ),
    );

/** A category as an institution uses it: its own deadline if it set one, and whether it accepts it. */
export async function categoryFor(db: Executor, institutionId: string, categoryId: string) {
  const [row] = await withSettings(db, institutionId).where(eq(caseCategories.id, categoryId));
  if (!row) return null;
  return {
    ...row.c,
    deadlineDays: row.s?.deadlineDays ?? row.c.deadlineDays,
    active: row.c.active && (row.s?.active ?? true),
  };
}

/**
 * The categories as a body uses them: its deadline and the default, whether it accepts them, and how many
 * months a settled case is kept whole (its own period, or null for the platform's `defaultRetentionMonths`).
 */
export async function categoriesFor(db: Executor, institutionId: string, defaultRetentionMonths: number) {
  const rows = await withSettings(db, institutionId)
    .where(eq(caseCategories.active, true))
    .orderBy(asc(caseCategories.kind), asc(caseCategories.code));
  return rows.map(({ c, s }) => ({
    ...c,
    defaultDeadlineDays: c.deadlineDays,
    deadlineDays: s?.deadlineDays ?? c.deadlineDays,
    active: s?.active ?? true,
    retentionMonths: s?.retentionMonths ?? null,
    defaultRetentionMonths,
  }));
}

export async function setCategorySetting(
  tx: Executor,
  institutionId: string,
  categoryId: string,
  /** `retentionMonths` left out keeps the period set before; null goes back to the platform's. */
  input: { deadlineDays: number | null; active: boolean; retentionMonths?: number | null },
  actorId: string,
  requestId: string,
) {
  const [cat] = await tx
    .select({ id: caseCategories.id })
    .from(caseCategories)
    .where(eq(caseCategories.id, categoryId));
  if (!cat) throw fail('category-unknown');
  await tx
    .insert(institutionCategorySettings)
    .values({ institutionId, categoryId, ...input })
    .onConflictDoUpdate({
      target: [institutionCategorySettings.institutionId, institutionCategorySettings.categoryId],
      set: input,
    });
  await recordAudit(tx, {
    actorId,
    action: 'category.setting',
    entityType: 'category',
    entityId: categoryId,
    institutionId,
    requestId,
    data: input,
  });
}

export async function listTemplates(
  db: Executor,
  institutionId: string,
  filter: { categoryId?: string; language?: string } = {},
) {
  const conds = [eq(replyTemplates.institutionId, institutionId)];
  if (filter.categoryId)
    conds.push(or(eq(replyTemplates.categoryId, filter.categoryId), isNull(replyTemplates.categoryId))!);
  if (filter.language) conds.push(eq(replyTemplates.language, filter.language));
  return db
    .select()
    .from(replyTemplates)
    .where(and(...conds))
    .orderBy(asc(replyTemplates.title));
}

export async function saveTemplate(
  tx: Executor,
  institutionId: string,
  input: {
    id?: string;
    categoryId: string | null;
    language: string;
    title: string;
    body: string;
    parts?: TemplateParts | null;
  },
  actorId: string | null,
  requestId: string,
) {
  let id = input.id;
  if (id) {
    const [row] = await tx
      .update(replyTemplates)
      .set({
        categoryId: input.categoryId,
        language: input.language,
        title: input.title,
        body: input.body,
        parts: input.parts ?? null,
        updatedAt: currentTime(),
      })
      .where(and(eq(replyTemplates.id, id), eq(replyTemplates.institutionId, institutionId)))
      .returning();
    if (!row) throw notFound();
  } else {
    const [row] = await tx
      .insert(replyTemplates)
      .values({
        institutionId,
        categoryId: input.categoryId,
        language: input.language,
        title: input.title,
        body: input.body,
        parts: input.parts ?? null,
      })
      .returning();
    id = row!.id;
  }
  await recordAudit(tx, {
    actorId,
    action: 'template.save',
    entityType: 'reply_template',
    entityId: id,
    institutionId,
    requestId,
  });
  return id;
}

export async function deleteTemplate(
  tx: Executor,
  institutionId: string,
  id: string,
  actorId: string,
  requestId: string,
) {
  const rows = await tx
    .delete(replyTemplates)
    .where(and(eq(replyTemplates.id, id), eq(replyTemplates.institutionId, institutionId)))
    .returning();
  if (!rows.length) throw notFound();
  await recordAudit(tx, {
    actorId,
    action: 'template.delete',
    entityType: 'reply_template',
    entityId: id,
    institutionId,
    requestId,
  });
}

/** Fills a template's {placeholders} with the case's facts; unknown placeholders stay visible for the agent to fill. */
export function renderTemplate(body: string, facts: Record<string, string>): string {
  return body.replace(/\{(\w+)\}/g, (m, k: string) => facts[k] ?? m);
}
