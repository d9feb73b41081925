import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, SESSION_COOKIE, setSessionCookie } from '../../server/auth.js';
import { forbidden, notFound } from '../../server/errors.js';
import { noContent } from '../../shared/contract.js';
import { recordAudit } from '../audit/service.js';
import { linkIdentity, listIdentities, signInWithIdentity, unlinkIdentity } from './identities.js';
import { failureReason, finishSignIn, startSignIn } from './oidc.js';
import type { OidcProvider } from './oidc-config.js';
import { OIDC_COOKIE, OIDC_COOKIE_PATH, OIDC_COOKIE_TTL_SECONDS, openFlow, sealFlow } from './oidc-cookie.js';
import { languages } from './schema.js';
import { createSession, loadActor } from './service.js';

const label = z.object({ ar: z.string(), fr: z.string(), en: z.string() });
const identities = z.object({
  levels: z.object({
    /** The account's e-mail address was confirmed with a code (or by the provider that vouched for it). */
    emailVerified: z.boolean(),
    /** At least one identity provider vouched for the person. */
    identityProvider: z.boolean(),
  }),
  identities: z.array(
    z.object({
      id: z.uuid(),
      providerId: z.string(),
      /** Null when the deployment no longer offers the provider. */
      label: label.nullable(),
      linkedAt: z.date(),
      lastSignInAt: z.date().nullable(),
    }),
  ),
});

/** A path of the portal to return to: never another site. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length <= 500 ? next : null;

/**
 * Sign-in through an identity provider (OpenID Connect): `/auth/oidc/<provider>/start` sends the browser to
 * the provider, `/auth/oidc/<provider>/callback` receives the answer, checks it (see oidc.ts) and opens the
 * same citizen session as the e-mail sign-in, or links the provider to the signed-in citizen (`link`).
 * Every refusal ends on the sign-in page (or the profile) with a reason its message is chosen by, and is
 * audited; nothing is created.
 */
export async function oidcRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.deps.database;
  const { config } = app.deps;
  const production = config.NODE_ENV === 'production';
  const providers = new Map(config.oidcProviders.map((p) => [p.id, p]));
  const base = (req: FastifyRequest) => config.PUBLIC_URL ?? `${req.protocol}://${req.headers.host}`;
  const redirectUri = (req: FastifyRequest, p: OidcProvider) => `${base(req)}/auth/oidc/${p.id}/callback`;
  const secure = (req: FastifyRequest) =>
    config.COOKIE_SECURE === 'true' ||
    (config.COOKIE_SECURE === 'auto' && (config.publicUrl.startsWith('https:') || req.protocol === 'https'));
  const sessionActor = async (req: FastifyRequest) => {
    const token = req.cookies[SESSION_COOKIE];
    return token ? loadActor(db, token) : null;
  };
  const refuse = async (
    req: FastifyRequest,
    reply: FastifyReply,
    p: { id: string },
    reason: string,
    flow: { mode: 'sign_in' | 'link'; accountId: string | null; next?: string | null },
  ) => {
    await recordAudit(db, {
      actorId: flow.accountId,
      action: 'auth.oidc_failed',
      entityType: 'identity_provider',
      entityId: p.id,
      requestId: req.id,
      data: { reason, mode: flow.mode },
    });
    const page = flow.mode === 'link' ? '/me' : '/signin';
    const next = flow.next ? `&next=${encodeURIComponent(flow.next)}` : '';
    return reply.redirect(`${page}?oidcError=${reason}${next}`, 303);
  };

  r.get(
    '/api/auth/providers',
    {
      schema: {
        tags: ['auth'],
        summary: 'The identity providers one may sign in with, with their labels',
        response: { 200: z.array(z.object({ id: z.string(), label })) },
      },
    },
    async () => config.oidcProviders.map((p) => ({ id: p.id, label: p.label })),
  );

  r.get(
    '/auth/oidc/:provider/start',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Go to the identity provider to sign in (or, with `link` = the CSRF token, to link it to the signed-in account)',
        params: z.object({ provider: z.string().max(40) }),
        querystring: z.object({ next: z.string().max(500).optional(), link: z.string().max(200).optional() }),
        response: {
          303: z.undefined().describe('To the identity provider (or back to the sign-in page, refused)'),
        },
      },
    },
    async (req, reply) => {
      const p = providers.get(req.params.provider);
      if (!p) throw notFound();
      const next = safeNext(req.query.next);
      let accountId: string | null = null;
      if (req.query.link !== undefined) {
        const actor = await sessionActor(req);
        // linking is a change: only the portal, which knows the session's CSRF token, may start it
        if (actor?.kind !== 'citizen' || req.query.link !== actor.csrfToken) throw forbidden();
        accountId = actor.accountId;
      }
      const mode = accountId ? ('link' as const) : ('sign_in' as const);
      let started: Awaited<ReturnType<typeof startSignIn>>;
      try {
        started = await startSignIn(p, { redirectUri: redirectUri(req, p), lang: req.lang, production });
      } catch (e) {
        req.log.warn({ err: e, provider: p.id }, 'identity provider unreachable');
        return refuse(req, reply, p, 'provider_unreachable', { mode, accountId, next });
      }
      reply.setCookie(
        OIDC_COOKIE,
        sealFlow(config.secret, { ...started.pending, next, lang: req.lang, mode, accountId }),
        {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: secure(req),
          maxAge: OIDC_COOKIE_TTL_SECONDS,
        },
      );
      return reply.header('cache-control', 'no-store').redirect(started.url, 303);
    },
  );

  r.get(
    '/auth/oidc/:provider/callback',
    {
      schema: {
        tags: ['auth'],
        summary: 'Where the identity provider sends the person back',
        params: z.object({ provider: z.string().max(40) }),
        response: {
          303: z.undefined().describe('Into the portal, signed in (or to the sign-in page, refused)'),
        },
      },
    },
    async (req, reply) => {
      const p = providers.get(req.params.provider);
      if (!p) throw notFound();
      const flow = openFlow(config.secret, req.cookies[OIDC_COOKIE]);
      reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
      reply.header('cache-control', 'no-store');
      // no flow of this browser (none started, started elsewhere, or too long ago): as a wrong state
      if (!flow || flow.provider !== p.id)
        return refuse(req, reply, p, 'state', { mode: 'sign_in', accountId: null });
      const q = req.url.indexOf('?');
      const callbackUrl = new URL(`${redirectUri(req, p)}${q >= 0 ? req.url.slice(q) : ''}`);
      let who: Awaited<ReturnType<typeof finishSignIn>>;
      try {
        who = await finishSignIn(p, callbackUrl, flow, production);
      } catch (e) {
        req.log.info({ err: e, provider: p.id }, 'identity provider sign-in refused');
        return refuse(req, reply, p, failureReason(e), flow);
      }
      if (flow.mode === 'link') {
        const actor = await sessionActor(req);
        if (actor?.accountId !== flow.accountId) return refuse(req, reply, p, 'state', flow);
        if (!(await linkIdentity(db, actor.accountId, p, who, req.id)))
          return refuse(req, reply, p, 'linked_elsewhere', flow);
        return reply.redirect(`/me?linked=${p.id}`, 303);
      }
      const lang = (languages as readonly string[]).includes(flow.lang) ? flow.lang : req.lang;
      const result = await signInWithIdentity(db, p, who, lang as (typeof languages)[number], req.id);
      if ('refused' in result) return refuse(req, reply, p, result.refused, flow);
      const s = await createSession(db, result.accountId, config.SESSION_TTL_HOURS);
      setSessionCookie(app, reply, s.token, req);
      return reply.redirect(flow.next ?? '/cases', 303);
    },
  );

  r.get(
    '/api/me/identities',
    {
      schema: {
        tags: ['citizens'],
        summary: 'My identity levels and the identity providers linked to my account',
        response: { 200: identities },
      },
    },
    async (req) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      const rows = await listIdentities(db, a.accountId);
      return {
        levels: {
          emailVerified: a.emailVerified && !a.email.endsWith('.invalid'),
          identityProvider: rows.length > 0,
        },
        identities: rows.map((row) => ({ ...row, label: providers.get(row.providerId)?.label ?? null })),
      };
    },
  );

  r.delete(
    '/api/me/identities/:id',
    {
      schema: {
        tags: ['citizens'],
        summary: 'Unlink an identity provider from my account',
        params: z.object({ id: z.uuid() }),
        response: { 204: noContent },
      },
    },
    async (req, reply) => {
      const a = requireActor(req);
      if (a.kind !== 'citizen') throw forbidden();
      await unlinkIdentity(db, a.accountId, req.params.id, req.id);
      return reply.code(204).send();
    },
  );
}
