import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLang, negotiateLanguage } from '../i18n/index.js';
import type { Actor } from '../modules/accounts/actor.js';
import { safeEqual } from '../modules/accounts/passwords.js';
import { loadActor } from '../modules/accounts/service.js';
import { unauthenticated } from './errors.js';
import { fail } from './problems.js';

export const SESSION_COOKIE = 'jisr_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PROBES = new Set(['/api/health', '/api/ready']);
const TOTP_SETUP_ROUTES = new Set([
  '/api/auth/session',
  '/api/auth/logout',
  '/api/staff/totp/setup',
  '/api/staff/totp/confirm',
]);

/**
 * On every request: the language (explicit `lang` cookie, then the signed-in user's preference, then
 * Accept-Language), the signed-in actor from the session cookie, and the CSRF check for changes.
 * CSRF: a signed-in request that changes something must echo the session's token in `x-csrf-token`.
 * Anonymous changes (sign-in, sign-up, tracking) accept only JSON or multipart bodies, which a foreign
 * page cannot send without a CORS preflight, and the session cookie is SameSite=Lax.
 */
export function installAuth(app: FastifyInstance) {
  app.decorateRequest('lang', 'ar');
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const cookieLang = req.cookies.lang;
    req.lang = isLang(cookieLang) ? cookieLang : negotiateLanguage(req.headers['accept-language']);
    const token = req.cookies[SESSION_COOKIE];
    // the health probes answer for the process and the database, whoever asks: no session is read
    if (token && req.url.startsWith('/api/') && !PROBES.has(req.url.split('?')[0]!)) {
      req.actor = await loadActor(app.deps.database.db, token);
      if (req.actor && !cookieLang && !req.headers['accept-language']) req.lang = req.actor.language;
    }
    // where the second factor is required, staff must set it up before doing anything else
    if (
      req.actor?.kind === 'staff' &&
      !req.actor.totpEnabled &&
      app.deps.config.staffTotpRequired &&
      !TOTP_SETUP_ROUTES.has(req.url.split('?')[0]!)
    ) {
      throw fail('totp-enrolment-required');
    }
    if (req.actor && !SAFE_METHODS.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, req.actor.csrfToken)) throw fail('csrf');
    }
  });
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function setSessionCookie(
  app: FastifyInstance,
  reply: FastifyReply,
  token: string,
  req: FastifyRequest,
) {
  const c = app.deps.config;
  const secure =
    c.COOKIE_SECURE === 'true' ||
    (c.COOKIE_SECURE === 'auto' && (c.publicUrl.startsWith('https:') || req.protocol === 'https'));
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: c.SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
