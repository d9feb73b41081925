import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type InstitutionCategory, type LegalBasis } from '../../api.js';
import { Field, LineField } from '../../components/Field.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

const empty = { categoryId: '', citation: '', titleAr: '', titleFr: '', titleEn: '' };

/**
 * The institution administrator's list of legal texts that reasoned replies cite, per category or for all:
 * add a text (its citation and title in Arabic, French and English), retire it or offer it again.
 */
export function LegalBases({ base, categories }: { base: string; categories: InstitutionCategory[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const url = `${base}/legal-bases`;
  const list = useQuery({
    queryKey: keys.legalBases(url, 'all'),
    queryFn: () => api<{ items: LegalBasis[] }>(`${url}?retired=true`),
  });
  const [draft, setDraft] = useState(empty);
  const stale = [keys.legalBases(url, 'all')];
  const add = useAction({
    run: () => api(url, { method: 'POST', body: { ...draft, categoryId: draft.categoryId || null } }),
    invalidate: stale,
    onDone: () => setDraft(empty),
    successMessage: t('staff.admin.saved'),
  });
  const retire = useAction({
    run: (b: LegalBasis) => api(`${url}/${b.id}`, { method: 'PATCH', body: { retired: !b.retiredAt } }),
    invalidate: stale,
    successMessage: t('staff.admin.saved'),
  });
  const error = add.error ?? retire.error;
  const category = (id: string | null) => {
    const c = id ? categories.find((x) => x.id === id) : null;
    return c ? `${t(keyIn('kind.', c.kind))} — ${localName(c, lang)}` : t('reply.admin.allCategories');
  };
  const title = (b: LegalBasis) => (lang === 'ar' ? b.titleAr : lang === 'en' ? b.titleEn : b.titleFr);
  const line = (name: 'citation' | 'titleAr' | 'titleFr' | 'titleEn', dir?: 'rtl' | 'ltr') => (
    <LineField
      label={t(`reply.admin.${name}`)}
      dir={dir ?? 'auto'}
      value={draft[name]}
      error={add.error?.field(name)}
      onChange={(v) => setDraft({ ...draft, [name]: v })}
      required
    />
  );
  return (
    <section aria-labelledby="lb-h">
      <h2 id="lb-h">{t('reply.admin.title')}</h2>
      <p className="muted">{t('reply.admin.lead')}</p>
      <LiveNotice text={add.notice || retire.notice} />
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {list.data?.items.length === 0 && <p className="muted">{t('reply.admin.empty')}</p>}
      <ul className="list">
        {list.data?.items.map((b) => (
          <li key={b.id}>
            <strong dir="auto">{b.citation}</strong> — <span dir="auto">{title(b)}</span>{' '}
            <span className="tag">{category(b.categoryId)}</span>
            {b.retiredAt && <span className="tag late">{t('reply.admin.retired')}</span>}{' '}
            <button type="button" className="linklike" onClick={() => retire.run(b)}>
              {t(b.retiredAt ? 'reply.admin.restore' : 'reply.admin.retire', { citation: b.citation })}
            </button>
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
        <Field label={t('reply.admin.category')}>
          {(control) => (
            <select
              {...control}
              value={draft.categoryId}
              onChange={(e) => setDraft({ ...draft, categoryId: e.target.value })}
            >
              <option value="">{t('reply.admin.allCategories')}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {category(c.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {line('citation')}
        {line('titleAr', 'rtl')}
        {line('titleFr', 'ltr')}
        {line('titleEn', 'ltr')}
        <button type="submit" {...add.busyProps}>
          {t('reply.admin.add')}
        </button>
      </form>
    </section>
  );
}
