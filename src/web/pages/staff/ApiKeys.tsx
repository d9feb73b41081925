import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiKey, api, type CreatedApiKey } from '../../api.js';
import { LineField } from '../../components/Field.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { useConfirm } from '../../components/useConfirm.js';
import { formatDate, keyIn } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

const scopes = ['cases:read', 'cases:file', 'figures:read', 'webhooks'] as const;
const scopeKey = (s: string) => keyIn('staff.keys.scope.', s.replace(':', '_'));

/**
 * The institution administrator's keys for other systems: make one with a label and what it may do (the key
 * shown once, to copy), see when each was last used, revoke one at once (after a confirmation).
 */
export function ApiKeys({ base }: { base: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = `${base}/api-keys`;
  const list = useQuery({ queryKey: keys.apiKeys(url), queryFn: () => api<{ items: ApiKey[] }>(url) });
  const [label, setLabel] = useState('');
  const [chosen, setChosen] = useState<string[]>(['cases:read']);
  const [made, setMade] = useState<CreatedApiKey | null>(null);
  const add = useAction({
    run: () => api<CreatedApiKey>(url, { method: 'POST', body: { label, scopes: chosen } }),
    invalidate: [keys.apiKeys(url)],
    onDone: (answer) => {
      setMade(answer as CreatedApiKey);
      setLabel('');
    },
    successMessage: t('staff.keys.made'),
  });
  const { ask, dialog } = useConfirm();
  const revoke = (k: ApiKey) =>
    ask({
      title: t('staff.keys.revokeConfirm', { label: k.label }),
      message: t('staff.keys.revokeWarning'),
      label: t('staff.keys.revoke', { label: k.label }),
      danger: true,
      invalidate: [keys.apiKeys(url)],
      run: () => api(`${url}/${k.id}/revoke`, { method: 'POST', body: {} }),
    });
  return (
    <section aria-labelledby="keys-h">
      <h2 id="keys-h">{t('staff.keys.title')}</h2>
      <p className="muted">{t('staff.keys.lead')}</p>
      <LiveNotice text={add.notice} />
      {add.error && (
        <p className="alert error" role="alert">
          {add.error.message}
        </p>
      )}
      {made && (
        <div className="alert" role="status">
          <p>
            <strong>{t('staff.keys.once')}</strong>
          </p>
          <p>
            <code dir="ltr" className="secret-code">
              {made.secret}
            </code>
          </p>
          <p className="muted">{t('staff.keys.howToUse')}</p>
          <button type="button" className="secondary" onClick={() => setMade(null)}>
            {t('staff.keys.copied')}
          </button>
        </div>
      )}
      {list.isPending && <p className="muted">{t('common.loading')}</p>}
      {list.data?.items.length === 0 && <p className="muted">{t('staff.keys.empty')}</p>}
      <ul className="list">
        {list.data?.items.map((k) => (
          <li key={k.id}>
            <strong dir="auto">{k.label}</strong> <code dir="ltr">{k.prefix}…</code>{' '}
            {k.scopes.map((s) => (
              <span key={s} className="tag">
                {t(scopeKey(s))}
              </span>
            ))}{' '}
            <span className="muted">
              {k.lastUsedAt
                ? t('staff.keys.lastUsed', { date: formatDate(k.lastUsedAt, lang, true) })
                : t('staff.keys.neverUsed')}
            </span>{' '}
            {k.revokedAt ? (
              <span className="tag late">
                {t('staff.keys.revokedOn', { date: formatDate(k.revokedAt, lang, true) })}
              </span>
            ) : (
              <button type="button" className="linklike" onClick={() => revoke(k)}>
                {t('staff.keys.revoke', { label: k.label })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="narrow"
        onSubmit={(e) => {
          e.preventDefault();
          add.run();
        }}
      >
        <LineField
          label={t('staff.keys.label')}
          value={label}
          error={add.error?.field('label')}
          onChange={setLabel}
          required
        />
        <fieldset>
          <legend>{t('staff.keys.scopes')}</legend>
          {scopes.map((s) => (
            <div key={s} className="field">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(s)}
                  onChange={(e) =>
                    setChosen(e.target.checked ? [...chosen, s] : chosen.filter((x) => x !== s))
                  }
                />{' '}
                {t(scopeKey(s))}
              </label>
            </div>
          ))}
          {add.error?.field('scopes') && <p className="field-error">{add.error.field('scopes')}</p>}
        </fieldset>
        <button type="submit" {...add.busyProps}>
          {t('staff.keys.add')}
        </button>
      </form>
      {dialog}
    </section>
  );
}
