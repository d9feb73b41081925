/**
 * The notification work of a body, as service functions with access first: its outbox and templates (the
 * body's administrator), the messages of a case (its staff, or the citizen's own), the calls to make and
 * letters to post (its staff, each as their role allows), and the letter batches (supervisors, reception).
 * A list naming people and their addresses is a read of personal data: it goes to the access log.
 */
import { forbidden } from '../../server/errors.js';
import { fail } from '../../server/problems.js';
import { nowOf, requireAccess, requireAdmin, type ServiceContext } from '../../server/service-context.js';
import { staffRoles } from '../accounts/schema.js';
import { recordCaseRead, recordDataRead } from '../audit/access-log.js';
import { getReadableCase } from '../cases/service.js';
import { listCallTasks } from './calls.js';
import { canBatch, createBatch, listBatches, listLetters } from './letters.js';
import {
  caseNotifications,
  listNotifications,
  listTemplates,
  notificationSummary,
  previewTemplate,
  resetTemplate,
  retryNotification,
  saveTemplate,
} from './service.js';

const requireStaff = (ctx: ServiceContext, institutionId: string) =>
  requireAccess(ctx, { staffOf: institutionId, roles: staffRoles });

async function listed<T extends unknown[]>(
  ctx: ServiceContext,
  action: string,
  institutionId: string,
  items: T,
) {
  await recordDataRead(ctx.db, ctx.actor!, {
    action,
    institutionId,
    requestId: ctx.requestId,
    data: { shown: items.length },
  });
  return items;
}

/** The body's messages, newest first (`status=dead`: the dead letters). */
export async function outboxPage(
  ctx: ServiceContext,
  institutionId: string,
  q: Parameters<typeof listNotifications>[2],
) {
  requireAdmin(ctx, institutionId);
  const page = await listNotifications(ctx.db, institutionId, q);
  await listed(ctx, 'outbox.list', institutionId, page.items);
  return page;
}

export async function outboxSummary(ctx: ServiceContext, institutionId: string) {
  requireAdmin(ctx, institutionId);
  return notificationSummary(ctx.db, institutionId);
}

/** Sends a dead or bounced message again. */
export async function retryMessage(ctx: ServiceContext, institutionId: string, notificationId: string) {
  const actor = requireAdmin(ctx, institutionId);
  return retryNotification(ctx.db, actor, institutionId, notificationId, ctx.requestId);
}

/** The messages sent about a case: all of them for its staff, their own for the citizen. */
export async function caseMessages(ctx: ServiceContext, caseId: string) {
  const actor = requireAccess(ctx, { signedIn: true });
  const { c } = await getReadableCase(ctx, caseId);
  const items = await caseNotifications(ctx.db, c.id);
  await recordCaseRead(ctx.db, actor, {
    action: 'case.notifications_read',
    caseId: c.id,
    institutionId: c.institutionId,
    requestId: ctx.requestId,
  });
  const staff = actor.memberships.some((m) => m.institutionId === c.institutionId);
  return staff ? items : items.filter((n) => n.recipientId === actor.accountId);
}

export async function templatesOf(
  ctx: ServiceContext,
  institutionId: string,
  filter: Parameters<typeof listTemplates>[2],
) {
  requireAdmin(ctx, institutionId);
  return listTemplates(ctx.db, institutionId, filter);
}

type TemplateKey = Parameters<typeof saveTemplate>[3];

export async function putTemplate(
  ctx: ServiceContext,
  institutionId: string,
  key: TemplateKey,
  input: Parameters<typeof saveTemplate>[4],
) {
  const actor = requireAdmin(ctx, institutionId);
  return saveTemplate(ctx.db, actor, institutionId, key, input, ctx.requestId);
}

export async function resetTemplateOf(ctx: ServiceContext, institutionId: string, key: TemplateKey) {
  const actor = requireAdmin(ctx, institutionId);
  await resetTemplate(ctx.db, actor, institutionId, key, ctx.requestId);
}

export async function previewTemplateOf(
  ctx: ServiceContext,
  institutionId: string,
  input: Parameters<typeof previewTemplate>[2],
) {
  requireAdmin(ctx, institutionId);
  return previewTemplate(ctx.db, institutionId, input);
}

/** Calls to make: a department agent sees their department's, reception the unrouted, supervisors all. */
export async function callTasksOf(ctx: ServiceContext, institutionId: string, status: 'open' | 'done') {
  const actor = requireStaff(ctx, institutionId);
  return listed(ctx, 'calls.list', institutionId, await listCallTasks(ctx.db, actor, institutionId, status));
}

/** Letters to print and post (reception and supervisors: all; department agents: their department's). */
export async function lettersOf(
  ctx: ServiceContext,
  institutionId: string,
  q: Parameters<typeof listLetters>[3],
) {
  const actor = requireStaff(ctx, institutionId);
  return listed(ctx, 'letters.list', institutionId, await listLetters(ctx.db, actor, institutionId, q));
}

const requireBatcher = (ctx: ServiceContext, institutionId: string) => {
  const actor = requireStaff(ctx, institutionId);
  if (!canBatch(actor, institutionId)) throw forbidden();
  return actor;
};

/** Gathers the letters waiting to be posted into a batch (refused when none waits). */
export async function newLetterBatch(ctx: ServiceContext, institutionId: string) {
  const actor = requireBatcher(ctx, institutionId);
  const batch = await createBatch(ctx.db, institutionId, actor.accountId, ctx.requestId, nowOf(ctx));
  if (!batch) throw fail('letter-nothing-to-batch');
  return batch;
}

export async function letterBatchesOf(ctx: ServiceContext, institutionId: string) {
  requireBatcher(ctx, institutionId);
  return listBatches(ctx.db, institutionId);
}
