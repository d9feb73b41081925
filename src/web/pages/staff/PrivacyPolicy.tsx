import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type PrivacyPolicy as Policy } from '../../api.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

/**
 * The body's privacy policy towards the people it serves: whether a person sees, on their file, the names
 * of the staff who read it or only their roles (law 09-08). Saved at once, and the change is audited.
 */
export function PrivacyPolicy({ base }: { base: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const id = useId();
  const policy = useQuery({ queryKey: keys.privacy(base), queryFn: () => api<Policy>(`${base}/privacy`) });
  const save = useAction({
    run: (showStaffNames: boolean) =>
      api<Policy>(`${base}/privacy`, { method: 'PUT', body: { showStaffNames } }),
    onDone: (saved) => {
      qc.setQueryData(keys.privacy(base), saved);
    },
    successMessage: (saved) =>
      t(saved.showStaffNames ? 'staff.admin.privacy.namesOn' : 'staff.admin.privacy.namesOff'),
  });
  const change = (showStaffNames: boolean) => save.run(showStaffNames);
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
              {...save.busyProps}
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
        {save.notice && <p className="alert info">{save.notice}</p>}
        {save.error && <p className="alert error">{save.error.message}</p>}
      </div>
    </section>
  );
}
