import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from './config.js';
import { forbidden, unauthenticated } from './errors.js';

/** For answers that set no policy of their own (JSON, files, errors): nothing may load, nobody may frame. */
const DEFAULT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers on every answer: request id, no type sniffing, same-origin referrers, a Content-Security-Policy
 * (pages and the API documentation set their own; everything else gets the strictest), and in production
 * over https, HSTS.
 */
export function installSecurityHeaders(app: FastifyInstance, config: Config) {
  const hsts = config.NODE_ENV === 'production' && config.publicUrl.startsWith('https://');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', DEFAULT_CSP);
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}

/** The documentation page's policy: its own scripts by hash, never framed, no upgrade on plain http. */
export function docsCsp(csp: string, publicUrl: string): string {
  const framed = csp.replace("frame-ancestors 'self'", "frame-ancestors 'none'");
  return publicUrl.startsWith('https://') ? framed : framed.replace(/\s*upgrade-insecure-requests;?/, '');
}

/** Who may read the API documentation (`API_DOCS`): everyone, or signed-in staff only. */
export function docsAccess(mode: 'public' | 'staff') {
  return async (req: FastifyRequest) => {
    if (mode === 'public') return;
    if (!req.actor) throw unauthenticated();
    if (req.actor.kind !== 'staff') throw forbidden();
  };
}
