import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../api.js';

/** Who filed the case, and how to reach them. */
export function Requester({ r }: { r: NonNullable<CaseView['requester']> }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="person-h">
      <h2 id="person-h">{t('staff.ws.person')}</h2>
      <p>
        <strong>
          <bdi>{[r.givenNameLatin, r.familyNameLatin].filter(Boolean).join(' ') || r.displayName}</bdi>
        </strong>
        {(r.givenNameAr || r.familyNameAr) && (
          <>
            {' · '}
            <bdi lang="ar">{[r.givenNameAr, r.familyNameAr].filter(Boolean).join(' ')}</bdi>
          </>
        )}
      </p>
      <ul className="list">
        {r.email && (
          <li>
            <bdi dir="ltr">{r.email}</bdi>
          </li>
        )}
        {r.phone && (
          <li>
            <bdi dir="ltr">{r.phone}</bdi>
          </li>
        )}
        {r.countryOfResidence && <li>{r.countryOfResidence}</li>}
      </ul>
    </section>
  );
}
