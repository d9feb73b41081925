import * as client from 'openid-client';
import type { OidcProvider } from './oidc-config.js';

/**
 * The relying party's side of OpenID Connect (openid-client): the authorization request (code flow, PKCE
 * S256, `state`, `nonce`) and the checks of the answer: `state`, the issuer of the answer (`iss`, RFC 9207),
 * the code exchanged with the verifier, and the ID token's signature (the provider's published keys) and
 * claims (`iss`, `aud`, `exp`, `iat`, `nonce`).
 */

/** What the start keeps (in a signed cookie) for the callback to check. */
export type PendingSignIn = {
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
};

const discovered = new Map<string, Promise<client.Configuration>>();

/**
 * The ID token's times (`exp`, `iat`) are the provider's, in real time: they are checked against the real
 * clock, not the platform's demonstration clock. Tests move this one by a number of seconds.
 */
let skewSeconds = 0;
export function shiftProviderClock(seconds: number): () => void {
  const before = skewSeconds;
  skewSeconds = seconds;
  return () => {
    skewSeconds = before;
  };
}

/** An http issuer is accepted only on this machine and outside production (a provider started by tests). */
const isLoopback = (issuer: string) => ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(issuer).hostname);

/** The provider's metadata and keys, fetched once (the discovery document), again after a failure. */
async function configurationOf(p: OidcProvider, production: boolean): Promise<client.Configuration> {
  const key = JSON.stringify([p.issuer, p.clientId, p.clientSecret ?? '', skewSeconds]);
  let found = discovered.get(key);
  if (!found) {
    found = client
      .discovery(
        new URL(p.issuer),
        p.clientId,
        { [client.clockSkew]: skewSeconds },
        p.clientSecret ? client.ClientSecretBasic(p.clientSecret) : client.None(),
        {
          timeout: 10,
          execute: [
            client.enableNonRepudiationChecks,
            ...(!production && isLoopback(p.issuer) ? [client.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((e) => {
        discovered.delete(key);
        throw e;
      });
    discovered.set(key, found);
  }
  return found;
}

/** The address to send the person to, and what the callback will need to check the answer. */
export async function startSignIn(
  p: OidcProvider,
  opts: { redirectUri: string; lang: string; production: boolean },
): Promise<{ url: string; pending: PendingSignIn }> {
  const config = await configurationOf(p, opts.production);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: opts.redirectUri,
    scope: p.scopes.join(' '),
    response_type: 'code',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ui_locales: opts.lang,
  });
  return { url: url.href, pending: { provider: p.id, state, nonce, codeVerifier } };
}

export type ProviderIdentity = { issuer: string; subject: string; claims: Record<string, unknown> };

/**
 * Checks the provider's answer at the callback address and exchanges the code. Throws on any failure
 * (openid-client's errors, with a `code` and often an `error` from the provider).
 */
export async function finishSignIn(
  p: OidcProvider,
  callbackUrl: URL,
  pending: PendingSignIn,
  production: boolean,
): Promise<ProviderIdentity> {
  const config = await configurationOf(p, production);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.codeVerifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims();
  if (!idToken) throw new Error('no ID token');
  let claims: Record<string, unknown> = { ...idToken };
  // the profile's claims may come with the user info rather than in the ID token
  if (tokens.access_token && config.serverMetadata().userinfo_endpoint) {
    try {
      const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
      claims = { ...info, ...idToken };
    } catch {
      // the ID token's claims are enough to sign in
    }
  }
  return { issuer: idToken.iss, subject: idToken.sub, claims };
}

/**
 * A short reason for the audit trail and the sign-in page's message, from openid-client's error: its own
 * message is general ("invalid response encountered"); the check that failed is named by its causes.
 */
export function failureReason(e: unknown): string {
  const err = e as { error?: string };
  if (err.error === 'access_denied') return 'denied';
  if (err.error) return 'provider_error';
  const messages: string[] = [];
  for (let c: unknown = e; c && messages.length < 5; c = (c as { cause?: unknown }).cause)
    messages.push(String((c as { message?: unknown }).message ?? ''));
  const said = messages.join(' | ');
  if (/"nonce"/.test(said)) return 'nonce';
  if (/"state"/.test(said)) return 'state';
  if (/"iss"|issuer/.test(said)) return 'issuer';
  if (/"exp"|"iat"|expired|timestamp/.test(said)) return 'expired';
  if (/signature/i.test(said)) return 'signature';
  return 'invalid_response';
}
