import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type Category } from '../../api.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { languages, localName } from '../../i18n.js';
import { PrivacyPolicy } from './PrivacyPolicy.js';
import { useStaffContext } from './useStaff.js';

type Setting = Category & {
  defaultDeadlineDays: number;
  active: boolean;
  /** The body's own retention period (months), or null for the platform's. */
  retentionMonths: number | null;
  defaultRetentionMonths: number;
};
type SettingPatch = Partial<{ deadlineDays: number | null; active: boolean; retentionMonths: number | null }>;
type Template = { id: string; title: string; body: string; language: string; categoryId: string | null };

/**
 * The institution administrator's page: deadlines and retention periods per category, categories accepted,
 * the privacy policy towards the people served, reply templates.
 */
export default function StaffAdmin() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const { institution } = useStaffContext();
  const base = institution ? `/api/institutions/${institution.id}` : '';
  const cats = useQuery({
    queryKey: ['admin-cats', base],
    queryFn: () => api<{ items: Setting[] }>(`${base}/categories`),
    enabled: !!institution,
  });
  const tpls = useQuery({
    queryKey: ['admin-tpls', base],
    queryFn: () => api<{ items: Template[] }>(`${base}/templates`),
    enabled: !!institution,
  });
  const [msg, setMsg] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState({ title: '', body: '', language: lang });
  const ids = { title: useId(), body: useId(), lang: useId() };
  if (!institution || cats.isPending) return <Loading />;
  if (cats.isError) return <ErrorBox error={cats.error} />;
  const save = async (c: Setting, patch: SettingPatch) => {
    setError(null);
    try {
      await api(`${base}/categories/${c.id}`, {
        method: 'PUT',
        body: { deadlineDays: c.deadlineDays, active: c.active, ...patch },
      });
      setMsg(t('staff.admin.saved'));
      await qc.invalidateQueries({ queryKey: ['admin-cats', base] });
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const addTemplate = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(`${base}/templates`, { method: 'POST', body: { ...draft, categoryId: null } });
      setDraft({ title: '', body: '', language: lang });
      setMsg(t('staff.admin.saved'));
      await qc.invalidateQueries({ queryKey: ['admin-tpls', base] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async (tpl: Template) => {
    if (!window.confirm(t('staff.admin.deleteConfirm'))) return;
    await api(`${base}/templates/${tpl.id}`, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['admin-tpls', base] });
  };
  return (
    <>
      <h1>{t('staff.admin.title', { body: localName(institution, lang) })}</h1>
      {msg && (
        <p className="alert info" role="status">
          {msg}
        </p>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <section aria-labelledby="dl-h">
        <h2 id="dl-h">{t('staff.admin.deadlines')}</h2>
        <p className="muted">{t('staff.admin.retentionHelp')}</p>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('staff.admin.category')}</th>
              <th scope="col">{t('guide.delay')}</th>
              <th scope="col">{t('staff.admin.retention')}</th>
              <th scope="col">{t('staff.admin.accepted', { name: '' }).replace(/[:：]\s*$/, '')}</th>
            </tr>
          </thead>
          <tbody>
            {cats.data.items.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  {t(`kind.${c.kind}`)} — {localName(c, lang)}
                </th>
                <td>
                  <input
                    type="number"
                    min={1}
                    max={365}
                    dir="ltr"
                    className="short"
                    aria-label={t('staff.admin.deadline', { name: localName(c, lang) })}
                    defaultValue={c.deadlineDays}
                    onBlur={(e) =>
                      Number(e.target.value) !== c.deadlineDays &&
                      save(c, { deadlineDays: Number(e.target.value) })
                    }
                  />{' '}
                  <small className="muted">{t('staff.admin.default', { days: c.defaultDeadlineDays })}</small>
                </td>
                <td>
                  <input
                    type="number"
                    min={2}
                    max={600}
                    dir="ltr"
                    className="short"
                    aria-label={t('staff.admin.retentionFor', { name: localName(c, lang) })}
                    placeholder={String(c.defaultRetentionMonths)}
                    defaultValue={c.retentionMonths ?? ''}
                    onBlur={(e) => {
                      const v = e.target.value.trim();
                      const months = v === '' ? null : Number(v);
                      if (months !== c.retentionMonths) save(c, { retentionMonths: months });
                    }}
                  />{' '}
                  <small className="muted">
                    {t('staff.admin.retentionDefault', { months: c.defaultRetentionMonths })}
                  </small>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('staff.admin.accepted', { name: localName(c, lang) })}
                    checked={c.active}
                    onChange={(e) => save(c, { active: e.target.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <PrivacyPolicy base={base} />
      <section aria-labelledby="tpl-h">
        <h2 id="tpl-h">{t('staff.admin.templates')}</h2>
        <ul className="list">
          {tpls.data?.items.map((tpl) => (
            <li key={tpl.id}>
              <strong dir="auto">{tpl.title}</strong> <span className="tag">{t(`lang.${tpl.language}`)}</span>
              <button type="button" className="linklike" onClick={() => remove(tpl)}>
                {t('staff.admin.deleteTemplate', { title: tpl.title })}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={addTemplate} className="narrow">
          <div className="field">
            <label htmlFor={ids.title}>{t('staff.admin.templateTitle')}</label>
            <input
              id={ids.title}
              dir="auto"
              value={draft.title}
              onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={ids.lang}>{t('staff.admin.templateLanguage')}</label>
            <select
              id={ids.lang}
              value={draft.language}
              onChange={(e) => setDraft({ ...draft, language: e.target.value })}
            >
              {languages.map((l) => (
                <option key={l} value={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.body}>{t('staff.admin.templateBody')}</label>
            <textarea
              id={ids.body}
              dir="auto"
              rows={6}
              value={draft.body}
              onChange={(e) => setDraft({ ...draft, body: e.target.value })}
              required
            />
          </div>
          <button type="submit">{t('staff.admin.addTemplate')}</button>
        </form>
      </section>
    </>
  );
}
