import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Mandate } from '../../../api.js';
import { LiveNotice } from '../../../components/LiveNotice.js';
import { MandateSummary } from '../../../components/MandateBits.js';
import { useConfirm } from '../../../components/useConfirm.js';
import { keys } from '../../../query-keys.js';

/**
 * The mandates covering the case, for its body's staff: who may act for the person, for what, until when;
 * "mark verified" once the procuration paper was checked.
 */
export function CaseMandates({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: keys.caseMandates(caseId),
    queryFn: () => api<{ items: Mandate[] }>(`/api/cases/${caseId}/mandates`),
    retry: false,
  });
  const [notice, setNotice] = useState('');
  const { ask, dialog } = useConfirm(() => setNotice(t('mandate.staff.verifiedDone')));
  if (!list.data?.items.length) return null;
  return (
    <section aria-labelledby="mandates-h" className="panel">
      <h2 id="mandates-h">{t('mandate.staff.title')}</h2>
      <LiveNotice text={notice} />
      <ul className="case-list">
        {list.data.items.map((m) => (
          <li key={m.id}>
            <p>
              <strong>
                {t('mandate.staff.grantee', { name: m.grantee.name ?? '—', email: m.grantee.email })}
              </strong>
            </p>
            <MandateSummary m={m} />
            {m.requiresProcuration && !m.verified && m.status !== 'revoked' && m.status !== 'expired' && (
              <button
                type="button"
                onClick={() =>
                  ask({
                    title: t('mandate.staff.verifyConfirm.title'),
                    message: t('mandate.staff.verifyConfirm.message', {
                      name: m.grantee.name ?? m.grantee.email,
                    }),
                    label: t('mandate.staff.verify'),
                    invalidate: [keys.caseMandates(caseId)],
                    run: () => api(`/api/mandates/${m.id}/verify`, { method: 'POST', body: { caseId } }),
                  })
                }
              >
                {t('mandate.staff.verify')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {dialog}
    </section>
  );
}
