import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api.js';
import { formatDate } from '../i18n.js';
import { useSession } from '../session.js';
import { labelIn, type ProviderLabel, useProviders } from './IdentityProviders.js';
import { useConfirm } from './useConfirm.js';

type Identities = {
  levels: { emailVerified: boolean; identityProvider: boolean };
  identities: { id: string; providerId: string; label: ProviderLabel | null; linkedAt: string }[];
};

/**
 * The profile's identity levels (what is confirmed) and the linked identity providers, with a link button
 * for each provider not linked yet and an unlink button (asked first) for each linked one.
 */
export function IdentityPanel({ onNotice }: { onNotice: (notice: string) => void }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const providers = useProviders();
  const mine = useQuery({
    queryKey: ['my-identities'],
    queryFn: () => api<Identities>('/api/me/identities'),
  });
  const { ask, dialog } = useConfirm(() => onNotice(t('idp.unlinkedNotice')));
  if (!mine.data) return null;
  const { levels, identities } = mine.data;
  const offered = providers.data ?? [];
  const notLinked = offered.filter((p) => !identities.some((i) => i.providerId === p.id));
  const csrf = session.data?.csrfToken ?? '';
  const level = (done: boolean, label: string, how?: string) => (
    <li>
      <strong>{label}</strong>: {done ? t('idp.level.done') : t('idp.level.notYet')}
      {!done && how ? ` ${how}` : ''}
    </li>
  );
  return (
    <section className="panel narrow" aria-labelledby="idp-levels-title">
      <h2 id="idp-levels-title">{t('idp.levels.title')}</h2>
      <p>{t('idp.levels.lead')}</p>
      <ul>
        {level(levels.emailVerified, t('idp.level.email'))}
        {(offered.length > 0 || levels.identityProvider) &&
          level(levels.identityProvider, t('idp.level.identityProvider'), t('idp.level.howProvider'))}
      </ul>
      {(offered.length > 0 || identities.length > 0) && (
        <>
          <h3>{t('idp.linked.title')}</h3>
          {identities.length === 0 && <p>{t('idp.linked.none')}</p>}
          <ul className="provider-list">
            {identities.map((i) => {
              const name = i.label ? labelIn(i.label, i18n.language) : t('idp.linked.unknown');
              return (
                <li key={i.id}>
                  <span>
                    {name} · {t('idp.linked.since', { date: formatDate(i.linkedAt, i18n.language) })}
                  </span>{' '}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      ask({
                        title: t('idp.unlinkConfirm', { provider: name }),
                        label: t('idp.unlink', { provider: name }),
                        danger: true,
                        run: () => api(`/api/me/identities/${i.id}`, { method: 'DELETE' }),
                        invalidate: [['my-identities']],
                      })
                    }
                  >
                    {t('idp.unlink', { provider: name })}
                  </button>
                </li>
              );
            })}
            {notLinked.map((p) => (
              <li key={p.id}>
                <a
                  className="button secondary"
                  href={`/auth/oidc/${p.id}/start?link=${encodeURIComponent(csrf)}`}
                >
                  {t('idp.link', { provider: labelIn(p.label, i18n.language) })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
      {dialog}
    </section>
  );
}
