import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InstitutionCategory, type ReplyTemplate } from '../../api.js';
import { Field, LineField, OptionField } from '../../components/Field.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { useConfirm } from '../../components/useConfirm.js';
import { keyIn, languages, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { ApiKeys } from './ApiKeys.js';
import { LegalBases } from './LegalBases.js';
import { PrivacyPolicy } from './PrivacyPolicy.js';
import { useStaffContext } from './useStaff.js';
import { Webhooks } from './Webhooks.js';

type Setting = InstitutionCategory;
type SettingPatch = Partial<{ deadlineDays: number | null; active: boolean; retentionMonths: number | null }>;
type Template = ReplyTemplate;

/**
 * The institution administrator's page: deadlines and retention periods per category, categories accepted,
 * the privacy policy towards the people served, reply templates.
 */
export default function StaffAdmin() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { institution } = useStaffContext();
  const base = institution ? `/api/institutions/${institution.id}` : '';
  const cats = useQuery({
    queryKey: keys.adminCategories(base),
    queryFn: () => api<{ items: Setting[] }>(`${base}/categories`),
    enabled: !!institution,
  });
  const tpls = useQuery({
    queryKey: keys.adminTemplates(base),
    queryFn: () => api<{ items: Template[] }>(`${base}/templates`),
    enabled: !!institution,
  });
  const blank = { title: '', body: '', language: lang, facts: '', decision: '', contest: '' };
  const [draft, setDraft] = useState(blank);
  const saveCategory = useAction({
    run: ({ c, patch }: { c: Setting; patch: SettingPatch }) =>
      api(`${base}/categories/${c.id}`, {
        method: 'PUT',
        body: { deadlineDays: c.deadlineDays, active: c.active, ...patch },
      }),
    invalidate: [keys.adminCategories(base)],
    successMessage: t('staff.admin.saved'),
  });
  const addTemplateAction = useAction({
    run: () => {
      const { facts, decision, contest, ...tpl } = draft;
      // the parts of a reasoned reply, when any is written, fill the reply composer
      const parts = facts || decision || contest ? { facts, decision, contest } : null;
      return api(`${base}/templates`, { method: 'POST', body: { ...tpl, categoryId: null, parts } });
    },
    invalidate: [keys.adminTemplates(base)],
    onDone: () => setDraft(blank),
    successMessage: t('staff.admin.saved'),
  });
  const { ask, dialog } = useConfirm();
  if (!institution || cats.isPending) return <Loading />;
  if (cats.isError) return <ErrorBox error={cats.error} />;
  const msg = saveCategory.notice || addTemplateAction.notice;
  const error = saveCategory.error ?? addTemplateAction.error;
  const save = (c: Setting, patch: SettingPatch) => saveCategory.run({ c, patch });
  const addTemplate = (e: React.FormEvent) => {
    e.preventDefault();
    addTemplateAction.run();
  };
  const remove = (tpl: Template) =>
    ask({
      title: t('staff.admin.deleteConfirm'),
      label: t('staff.admin.deleteTemplate', { title: tpl.title }),
      danger: true,
      invalidate: [keys.adminTemplates(base)],
      run: () => api(`${base}/templates/${tpl.id}`, { method: 'DELETE' }),
    });
  return (
    <>
      <h1>{t('staff.admin.title', { body: localName(institution, lang) })}</h1>
      <LiveNotice text={msg} />
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <section aria-labelledby="dl-h">
        <h2 id="dl-h">{t('staff.admin.deadlines')}</h2>
        <p className="muted">{t('staff.admin.retentionHelp')}</p>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it */}
        <section className="table-wrap" tabIndex={0} aria-label={t('staff.admin.deadlines')}>
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
                    {t(keyIn('kind.', c.kind))} — {localName(c, lang)}
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
                    <small className="muted">
                      {t('staff.admin.default', { days: c.defaultDeadlineDays })}
                    </small>
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
      </section>
      <PrivacyPolicy base={base} />
      <section aria-labelledby="tpl-h">
        <h2 id="tpl-h">{t('staff.admin.templates')}</h2>
        <ul className="list">
          {tpls.data?.items.map((tpl) => (
            <li key={tpl.id}>
              <strong dir="auto">{tpl.title}</strong>{' '}
              <span className="tag">{t(keyIn('lang.', tpl.language))}</span>
              <button type="button" className="linklike" onClick={() => remove(tpl)}>
                {t('staff.admin.deleteTemplate', { title: tpl.title })}
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={addTemplate} className="narrow">
          <LineField
            label={t('staff.admin.templateTitle')}
            dir="auto"
            value={draft.title}
            onChange={(title) => setDraft({ ...draft, title })}
            required
          />
          <OptionField
            label={t('staff.admin.templateLanguage')}
            value={draft.language}
            onChange={(language) => setDraft({ ...draft, language })}
            options={languages}
            text={(l) => t(`lang.${l}`)}
          />
          <Field label={t('staff.admin.templateBody')}>
            {(control) => (
              <textarea
                {...control}
                dir="auto"
                rows={6}
                value={draft.body}
                onChange={(e) => setDraft({ ...draft, body: e.target.value })}
                required
              />
            )}
          </Field>
          <fieldset>
            <legend>{t('reply.admin.parts')}</legend>
            {(['facts', 'decision', 'contest'] as const).map((part) => (
              <Field key={part} label={t(part === 'contest' ? 'reply.compose.contestHow' : `reply.${part}`)}>
                {(control) => (
                  <textarea
                    {...control}
                    dir="auto"
                    rows={3}
                    value={draft[part]}
                    onChange={(e) => setDraft({ ...draft, [part]: e.target.value })}
                  />
                )}
              </Field>
            ))}
          </fieldset>
          <button type="submit" {...addTemplateAction.busyProps}>
            {t('staff.admin.addTemplate')}
          </button>
        </form>
      </section>
      <LegalBases base={base} categories={cats.data.items} />
      <ApiKeys base={base} />
      <Webhooks base={base} />
      {dialog}
    </>
  );
}
