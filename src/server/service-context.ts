/**
 * The one shape of a service call: who acts (`actor`), on which database, at what time (`now`), for which
 * request (`requestId`, carried into the audit log) and in which language. Routes build it with
 * `serviceContext(req)` and pass it as the first argument of every service function; jobs build it with
 * `systemContext()`. See docs/architecture.md, "Service shape".
 */
import type { FastifyRequest } from 'fastify';
import type { Db, Executor, Tx } from '../db/client.js';
import type { Lang } from '../i18n/index.js';
import { type Actor, hasRole, oversees } from '../modules/accounts/actor.js';
import { type StaffRole, staffRoles } from '../modules/accounts/schema.js';
import { type AuditEntry, recordAudit } from '../modules/audit/service.js';
import { currentTime } from '../shared/clock.js';
import { forbidden, unauthenticated } from './errors.js';

export type ServiceContext = {
  db: Db;
  actor: Actor | null;
  requestId: string;
  lang?: Lang;
  /** The platform's clock (absent: the platform clock, `currentTime()`). */
  now?: () => Date;
  /** The secret the platform signs with (access codes, intake tokens). */
  secret: string;
  /** The address people reach the platform at, for links in messages. */
  publicUrl?: string;
  /** The address calendar invitations come from. */
  organizerEmail?: string;
};

/** The context of a request: its actor, language and id, and the app's database and settings. */
export function serviceContext(req: FastifyRequest): ServiceContext {
  const { database, config } = req.server.deps;
  return {
    db: database.db,
    actor: req.actor,
    requestId: req.id,
    lang: req.lang,
    secret: config.secret,
    publicUrl: config.publicUrl,
    organizerEmail: addressOf(config.MAIL_FROM),
  };
}

/** The bare address of a sender such as `Jisr <no-reply@jisr.local>`. */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();

/** The instant the service acts at. */
export const nowOf = (ctx: Pick<ServiceContext, 'now'>) => ctx.now?.() ?? currentTime();

/** What a service needs to be allowed: someone signed in; staff of a body (in given roles); an overseer of it. */
export type Access =
  | { signedIn: true }
  | { staffOf: string; roles?: readonly StaffRole[] }
  | {
      staffOrOverseerOf: { id: string; regionCode: string; provinceCode: string | null };
      roles?: readonly StaffRole[];
    };

/**
 * The first statement of a service function that reads or changes a body's or a person's data: refuses
 * (401 signed out, 403 otherwise) unless the actor has the access, and returns the actor.
 */
export function requireAccess(ctx: ServiceContext, access: Access): Actor {
  const actor = ctx.actor;
  if (!actor) throw unauthenticated();
  if ('signedIn' in access) return actor;
  if ('staffOf' in access) {
    if (!hasRole(actor, access.staffOf, access.roles ?? staffRoles)) throw forbidden();
    return actor;
  }
  const body = access.staffOrOverseerOf;
  if (hasRole(actor, body.id, access.roles ?? staffRoles) || oversees(actor, body)) return actor;
  throw forbidden();
}

/** Only the body's own administrator; 401 signed out, 403 anyone else. */
export const requireAdmin = (ctx: ServiceContext, institutionId: string) =>
  requireAccess(ctx, { staffOf: institutionId, roles: ['institution_admin'] });

/** A change only the body's administrator makes: refused as `requireAdmin` refuses, else run in one transaction. */
export async function adminChange<T>(
  ctx: ServiceContext,
  institutionId: string,
  change: (tx: Tx, actorId: string) => Promise<T>,
): Promise<T> {
  const actor = requireAdmin(ctx, institutionId);
  return ctx.db.transaction((tx) => change(tx, actor.accountId));
}

/** Writes the audit row of a change, in the change's transaction, with the context's actor and request. */
export function audit(tx: Executor, ctx: ServiceContext, entry: Omit<AuditEntry, 'actorId' | 'requestId'>) {
  return recordAudit(tx, { ...entry, actorId: ctx.actor?.accountId ?? null, requestId: ctx.requestId });
}
