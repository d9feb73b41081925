import { z } from 'zod';

/** Which claims of the ID token (or the user info) fill a new account's profile: claim names, by field. */
const claimMap = z
  .strictObject({
    givenName: z.string().min(1).default('given_name'),
    familyName: z.string().min(1).default('family_name'),
    email: z.string().min(1).default('email'),
    phone: z.string().min(1).default('phone_number'),
    birthDate: z.string().min(1).default('birthdate'),
  })
  .default({
    givenName: 'given_name',
    familyName: 'family_name',
    email: 'email',
    phone: 'phone_number',
    birthDate: 'birthdate',
  });

/** One identity provider a deployment offers on its sign-in page (OpenID Connect, authorization code + PKCE). */
export const oidcProviderSchema = z.strictObject({
  /** In the addresses (`/auth/oidc/<id>/start`) and the accounts' links: lowercase letters, digits, dashes. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1 to 40 lowercase letters, digits or dashes'),
  /** The button's text in each language of the portal. */
  label: z.strictObject({ ar: z.string().min(1), fr: z.string().min(1), en: z.string().min(1) }),
  /** The issuer's URL, exactly as its discovery document (`/.well-known/openid-configuration`) names it. */
  issuer: z.string().url(),
  clientId: z.string().min(1),
  /** Absent: a public client (PKCE only, no client authentication). */
  clientSecret: z.string().min(1).optional(),
  scopes: z
    .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope token'))
    .default(['openid', 'email', 'profile'])
    .refine((s) => s.includes('openid'), 'must include openid'),
  claims: claimMap,
  /** The country of residence given to a new account (ISO 3166 alpha-2), e.g. FR for FranceConnect. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .default('MA'),
});

export type OidcProvider = z.infer<typeof oidcProviderSchema>;

/**
 * Reads `OIDC_PROVIDERS`: a JSON list of providers. Returns the providers, or the lines of what is wrong.
 * In production an issuer must be reached over https.
 */
export function parseOidcProviders(
  raw: string | undefined,
  production: boolean,
): { providers: OidcProvider[] } | { errors: string[] } {
  if (!raw?.trim()) return { providers: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { errors: ['  OIDC_PROVIDERS: must be a JSON list of providers'] };
  }
  const parsed = z.array(oidcProviderSchema).max(20).safeParse(json);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => `  OIDC_PROVIDERS.${i.path.join('.')}: ${i.message}`),
    };
  const errors: string[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((p, i) => {
    if (seen.has(p.id)) errors.push(`  OIDC_PROVIDERS.${i}.id: "${p.id}" is used twice`);
    seen.add(p.id);
    if (production && !p.issuer.startsWith('https://'))
      errors.push(`  OIDC_PROVIDERS.${i}.issuer: must be an https address in production`);
  });
  return errors.length ? { errors } : { providers: parsed.data };
}
