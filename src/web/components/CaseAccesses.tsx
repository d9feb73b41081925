import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type CaseAccess } from '../api.js';
import { formatDate, localName } from '../i18n.js';
import { keys } from '../query-keys.js';

type Access = CaseAccess;

/**
 * Who read this file (law 09-08): the role and the body, when, and what; the staff member's name only where
 * their body chose to show it.
 */
export function CaseAccesses({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const accesses = useQuery({
    queryKey: keys.caseAccesses(caseId),
    queryFn: () => api<{ items: Access[] }>(`/api/cases/${caseId}/accesses`),
  });
  return (
    <section aria-labelledby="access-title">
      <h2 id="access-title">{t('case.accesses.title')}</h2>
      <p className="muted">{t('case.accesses.lead')}</p>
      {accesses.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : !accesses.data?.items.length ? (
        <p>{t('case.accesses.none')}</p>
      ) : (
        <ul className="accesses">
          {accesses.data.items.map((a) => (
            <li key={`${a.at}-${a.what}`}>
              <time dateTime={a.at}>{formatDate(a.at, lang, true)}</time> —{' '}
              {a.name && (
                <>
                  <bdi>{a.name}</bdi>
                  {', '}
                </>
              )}
              {t(a.role === 'overseer' ? 'case.accesses.overseer' : `people.role.${a.role}`, {
                defaultValue: a.role,
              })}
              {a.institution && (
                <>
                  {' · '}
                  <bdi>{localName(a.institution, lang)}</bdi>
                </>
              )}
              {' · '}
              {t(`case.accesses.what.${a.what}`, { defaultValue: a.what })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
