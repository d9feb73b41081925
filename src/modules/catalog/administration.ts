/**
 * What a body's administrator sets in the catalogue, as service functions (access first, one transaction
 * per change): deadlines and retention per category, categories accepted, reply templates; and the templates
 * of a case, filled with its facts, for the staff who answer it.
 */
import { forbidden } from '../../server/errors.js';
import { adminChange, requireAccess, type ServiceContext } from '../../server/service-context.js';
import { staffRoles } from '../accounts/schema.js';
import { getReadableCase } from '../cases/service.js';
import { getInstitution } from '../institutions/service.js';
import {
  deleteTemplate,
  listTemplates,
  renderTemplate,
  saveTemplate,
  setCategorySetting,
} from './institution-settings.js';
import type { TemplateParts } from './schema.js';

export async function setCategoryOf(
  ctx: ServiceContext,
  institutionId: string,
  categoryId: string,
  input: Parameters<typeof setCategorySetting>[3],
) {
  await adminChange(ctx, institutionId, (tx, actorId) =>
    setCategorySetting(tx, institutionId, categoryId, input, actorId, ctx.requestId),
  );
}

/** The body's reply templates, for any of its staff. */
export async function templatesOf(ctx: ServiceContext, institutionId: string) {
  requireAccess(ctx, { staffOf: institutionId, roles: staffRoles });
  return listTemplates(ctx.db, institutionId);
}

export type TemplateInput = {
  categoryId: string | null;
  language: string;
  title: string;
  body: string;
  parts?: TemplateParts | null;
};

/** Adds a template (`id` absent) or replaces one; returns its id. */
export async function putTemplate(
  ctx: ServiceContext,
  institutionId: string,
  input: TemplateInput & { id?: string },
) {
  return adminChange(ctx, institutionId, (tx, actorId) =>
    saveTemplate(tx, institutionId, input, actorId, ctx.requestId),
  );
}

export async function removeTemplate(ctx: ServiceContext, institutionId: string, id: string) {
  await adminChange(ctx, institutionId, (tx, actorId) =>
    deleteTemplate(tx, institutionId, id, actorId, ctx.requestId),
  );
}

/** The templates for a case (its category or all, in its language), filled with its number, subject and body. */
export async function templatesForCase(ctx: ServiceContext, caseId: string) {
  const actor = requireAccess(ctx, { signedIn: true });
  const { c } = await getReadableCase(ctx, caseId);
  if (!actor.memberships.some((m) => m.institutionId === c.institutionId)) throw forbidden();
  const inst = (await getInstitution(ctx.db, c.institutionId))!;
  const items = await listTemplates(ctx.db, c.institutionId, {
    categoryId: c.categoryId,
    language: c.language,
  });
  const facts = {
    tracking: c.trackingNumber,
    subject: c.subject,
    body: c.language === 'ar' ? inst.nameAr : c.language === 'en' ? inst.nameEn : inst.nameFr,
  };
  const fill = (text: string) => renderTemplate(text, facts);
  return items.map((tpl) => ({
    id: tpl.id,
    title: tpl.title,
    text: fill(tpl.body),
    parts: tpl.parts
      ? { facts: fill(tpl.parts.facts), decision: fill(tpl.parts.decision), contest: fill(tpl.parts.contest) }
      : null,
  }));
}
