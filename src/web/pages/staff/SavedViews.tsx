import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SavedView } from '../../api.js';
import { Field } from '../../components/Field.js';
import { useConfirm } from '../../components/useConfirm.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { activeFilters, type Filters, filtersToQuery } from './queueParams.js';

type View = SavedView;

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
  const key = keys.savedViews(institutionId);
  const views = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: View[] }>(`/api/institutions/${institutionId}/saved-views`),
  });
  const [name, setName] = useState('');
  const [done, setDone] = useState('');
  const nameId = useId();
  const current = filtersToQuery(activeFilters(filters));
  const saveView = useAction({
    run: (given: string) =>
      api(`/api/institutions/${institutionId}/saved-views`, {
        method: 'POST',
        body: { name: given, filters: activeFilters(filters) },
      }),
    invalidate: [key],
    onDone: (_, given) => {
      setDone(t('staff.views.saved', { name: given }));
      setName('');
    },
  });
  const { error } = saveView;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setDone('');
    saveView.run(name);
  };
  const { ask, dialog } = useConfirm(setDone);
  const remove = (v: View) =>
    ask({
      title: t('staff.views.deleteConfirm', { name: v.name }),
      label: t('staff.views.delete', { name: v.name }),
      danger: true,
      invalidate: [key],
      run: async () => {
        await api(`/api/saved-views/${v.id}`, { method: 'DELETE' });
        return t('staff.views.deleted', { name: v.name });
      },
    });
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
        <Field
          label={t('staff.views.name')}
          error={error && (error.problem.detail ?? error.problem.title)}
          alert
        >
          {(control) => (
            <input {...control} value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <button type="submit" className="secondary" {...saveView.busyProps}>
          {t('staff.views.save')}
        </button>
      </form>
      <p className="visually-hidden" role="status">
        {done}
      </p>
      {dialog}
    </section>
  );
}
