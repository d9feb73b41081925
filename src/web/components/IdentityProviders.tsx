import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import type { Lang } from '../i18n.js';

export type ProviderLabel = { ar: string; fr: string; en: string };
type Provider = { id: string; label: ProviderLabel };

/** The identity providers this deployment offers (none: nothing is shown). */
export function useProviders() {
  return useQuery({
    queryKey: ['auth-providers'],
    queryFn: () => api<Provider[]>('/api/auth/providers'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export const labelIn = (label: ProviderLabel, lang: string) => label[lang as Lang] ?? label.en;

/** The reasons a sign-in through a provider may end with (see the server's oidc-routes.ts). */
const reasons = [
  'state',
  'nonce',
  'issuer',
  'expired',
  'signature',
  'invalid_response',
  'provider_error',
  'provider_unreachable',
  'denied',
  'email_taken',
  'account_disabled',
  'linked_elsewhere',
] as const;

/** The message of a failed sign-in or link (the `oidcError` of the address), or null. */
export function useProviderError(code: string | null): string | null {
  const { t } = useTranslation();
  const known = reasons.find((r) => r === code);
  return known ? t(`idp.error.${known}`) : null;
}

/** One button per provider on the sign-in page: each goes to the provider and back to `next`. */
export function ProviderSignIn({ next }: { next: string | null }) {
  const { t, i18n } = useTranslation();
  const providers = useProviders();
  const titleId = useId();
  if (!providers.data?.length) return null;
  const back = next ? `?next=${encodeURIComponent(next)}` : '';
  return (
    <section className="providers" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('idp.title')}</h2>
      <ul className="provider-list">
        {providers.data.map((p) => (
          <li key={p.id}>
            <a className="button secondary" href={`/auth/oidc/${p.id}/start${back}`}>
              {t('idp.button', { provider: labelIn(p.label, i18n.language) })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
