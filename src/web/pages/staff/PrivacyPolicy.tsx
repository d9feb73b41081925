import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';

type Policy = { showStaffNames: boolean };

/**
 * The body's privacy policy towards the people it serves: whether a person sees, on their file, the names
 * of the staff who read it or only their roles (law 09-08). Saved at once, and the change is audited.
 */
export function PrivacyPolicy({ base }: { base: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const policy = useQuery({ queryKey: ['privacy', base], queryFn: () => api<Policy>(`${base}/privacy`) });
  const [status, setStatus] = useState<{ ok: string } | { error: ApiError } | null>(null);
  const [saving, setSaving] = useState(false);
  const change = async (showStaffNames: boolean) => {
    setSaving(true);
    setStatus(null);
    try {
      const saved = await api<Policy>(`${base}/privacy`, { method: 'PUT', body: { showStaffNames } });
      qc.setQueryData(['privacy', base], saved);
      setStatus({
        ok: t(saved.showStaffNames ? 'staff.admin.privacy.namesOn' : 'staff.admin.privacy.namesOff'),
      });
    } catch (e) {
      setStatus({ error: e as ApiError });
    } finally {
      setSaving(false);
    }
  };
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('staff.admin.privacy')}</h2>
      {policy.isPending ? (
        <p className="muted">{t('common.loading')}</p>
      ) : policy.isError ? (
        <p className="alert error" role="alert">
          {(policy.error as ApiError).message}
        </p>
      ) : (
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={policy.data.showStaffNames}
              disabled={saving}
              aria-describedby={`${id}-hint`}
              onChange={(e) => change(e.target.checked)}
            />{' '}
            {t('staff.admin.privacy.showNames')}
          </label>
          <p className="hint" id={`${id}-hint`}>
            {t('staff.admin.privacy.showNamesHint')}
          </p>
        </div>
      )}
      <div aria-live="polite">
        {status &&
          ('ok' in status ? (
            <p className="alert info">{status.ok}</p>
          ) : (
            <p className="alert error">{status.error.message}</p>
          ))}
      </div>
    </section>
  );
}
