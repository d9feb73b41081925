import { currentMillis } from '../../shared/clock.js';
import type { PendingSignIn } from './oidc.js';
import { hmac, safeEqual } from './passwords.js';

/** The cookie that carries a sign-in through the provider, from the start to the callback. */
export const OIDC_COOKIE = 'jisr_oidc';
export const OIDC_COOKIE_PATH = '/auth/oidc/';
/** Time to sign in at the provider. */
export const OIDC_COOKIE_TTL_SECONDS = 10 * 60;

export type PendingFlow = PendingSignIn & {
  /** Where to go after signing in (a path of the portal). */
  next: string | null;
  lang: string;
  /** `link`: a signed-in citizen adds the provider to their account. */
  mode: 'sign_in' | 'link';
  accountId: string | null;
  expiresAt: number;
};

/**
 * The flow's state, nonce and PKCE verifier in an HTTP-only cookie, signed with the platform's secret (its
 * content is not secret from its own browser, but cannot be forged or changed) and dated (ten minutes).
 */
export function sealFlow(secret: string, flow: Omit<PendingFlow, 'expiresAt'>): string {
  const body = Buffer.from(
    JSON.stringify({ ...flow, expiresAt: currentMillis() + OIDC_COOKIE_TTL_SECONDS * 1000 }),
  ).toString('base64url');
  return `${body}.${hmac(`oidc-flow:${secret}`, body)}`;
}

/** The flow of a cookie, or null when it is missing, changed or out of date. */
export function openFlow(secret: string, value: string | undefined): PendingFlow | null {
  const [body, sig] = (value ?? '').split('.');
  if (!body || !sig || !safeEqual(sig, hmac(`oidc-flow:${secret}`, body))) return null;
  try {
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as PendingFlow;
    return flow.expiresAt > currentMillis() ? flow : null;
  } catch {
    return null;
  }
}
