import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';
import { activeFilters, type Filters, filtersToQuery } from './queueParams.js';

type View = { id: string; name: string; filters: Filters };

/** The staff member's saved views of the queue: open one, save the current filters, delete one. */
export function SavedViews({
  institutionId,
  filters,
  onOpen,
}: {
  institutionId: string;
  filters: Filters;
  onOpen: (f: Filters) => void;
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const key = ['saved-views', institutionId];
  const views = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: View[] }>(`/api/institutions/${institutionId}/saved-views`),
  });
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const nameId = useId();
  const errorId = useId();
  const current = filtersToQuery(activeFilters(filters));
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone('');
    try {
      await api(`/api/institutions/${institutionId}/saved-views`, {
        method: 'POST',
        body: { name, filters: activeFilters(filters) },
      });
      setDone(t('staff.views.saved', { name }));
      setName('');
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (v: View) => {
    if (!window.confirm(t('staff.views.deleteConfirm', { name: v.name }))) return;
    await api(`/api/saved-views/${v.id}`, { method: 'DELETE' });
    setDone(t('staff.views.deleted', { name: v.name }));
    await qc.invalidateQueries({ queryKey: key });
  };
  const items = views.data?.items ?? [];
  return (
    <section className="saved-views" aria-labelledby={`${nameId}-h`}>
      <h2 id={`${nameId}-h`}>{t('staff.views.title')}</h2>
      {views.isPending ? null : items.length === 0 ? (
        <p className="muted">{t('staff.views.empty')}</p>
      ) : (
        <ul className="chips">
          {items.map((v) => (
            <li key={v.id} className="view-chip">
              <button
                type="button"
                className="secondary"
                aria-pressed={filtersToQuery(v.filters) === current}
                onClick={() => onOpen(v.filters)}
              >
                <bdi>{v.name}</bdi>
              </button>
              <button
                type="button"
                className="linklike"
                aria-label={t('staff.views.delete', { name: v.name })}
                onClick={() => remove(v)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={nameId}>{t('staff.views.name')}</label>
          <input
            id={nameId}
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={!!error}
            aria-describedby={error ? errorId : undefined}
          />
          {error && (
            <p className="error" id={errorId} role="alert">
              {error.problem.detail ?? error.problem.title}
            </p>
          )}
        </div>
        <button type="submit" className="secondary">
          {t('staff.views.save')}
        </button>
      </form>
      <p className="visually-hidden" role="status">
        {done}
      </p>
    </section>
  );
}
