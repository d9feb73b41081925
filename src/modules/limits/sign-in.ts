import { createHmac } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { limitBy } from './limit-by.js';

export const SIGN_IN_WINDOW_MS = 15 * 60_000;

/** The account a request of the sign-in family names: its e-mail address, trimmed and in lower case. */
export function accountOf(req: FastifyRequest): string | null {
  const email = (req.body as { email?: unknown } | null | undefined)?.email;
  if (typeof email === 'string' && email.trim()) return email.trim().toLowerCase();
  // a signed-in step (setting up the second factor) names the account of the session
  return req.actor?.email?.trim().toLowerCase() || null;
}

/** What the counters hold of an account: a keyed hash of its e-mail address, never the address itself. */
export function hiddenAccount(secret: string, account: string): string {
  return createHmac('sha256', secret).update(`rate-limit|${account}`).digest('base64url').slice(0, 22);
}

/**
 * The limits of the routes that name an account (sign-in, sign-up, codes, password reset, invitation, second
 * factor), each over 15 minutes:
 * - per client address and account, per route (`LOGIN_RATE_LIMIT`): one person's typing mistakes;
 * - per account from every address together (`LOGIN_ACCOUNT_RATE_LIMIT`): an attacker changing address;
 * - per client address on every account together (`LOGIN_ADDRESS_RATE_LIMIT`): one address trying many.
 * The account and address limits count across the whole family.
 */
export function signInLimits(app: FastifyInstance) {
  const { config, counters } = app.deps;
  const account = (req: FastifyRequest) => {
    const a = accountOf(req);
    return a === null ? null : hiddenAccount(config.secret, a);
  };
  return limitBy(counters, [
    {
      name: 'sign-in pair',
      max: config.LOGIN_RATE_LIMIT,
      windowMs: SIGN_IN_WINDOW_MS,
      key: (req) => {
        const a = account(req);
        return a === null ? null : `${req.method} ${req.routeOptions.url}|${req.ip}|${a}`;
      },
    },
    {
      name: 'sign-in account',
      max: config.LOGIN_ACCOUNT_RATE_LIMIT,
      windowMs: SIGN_IN_WINDOW_MS,
      key: account,
    },
    {
      name: 'sign-in address',
      max: config.LOGIN_ADDRESS_RATE_LIMIT,
      windowMs: SIGN_IN_WINDOW_MS,
      key: (req) => req.ip,
    },
  ]);
}
