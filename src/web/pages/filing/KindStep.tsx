import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Category } from '../../api.js';
import { keyIn, localName } from '../../i18n.js';
import { type Form, kinds } from './form.js';

/** The first step: the kind of request, then its category. */
export function KindStep({
  form,
  set,
  fieldError,
  categories,
}: {
  form: Form;
  set: (patch: Partial<Form>) => void;
  fieldError: (name: string) => string | undefined;
  /** The categories of the kind chosen. */
  categories: Category[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ids = { cat: useId(), kindErr: useId(), catErr: useId() };
  return (
    <fieldset aria-describedby={fieldError('kind') ? ids.kindErr : undefined}>
      <legend>{t('file.kind.label')}</legend>
      {fieldError('kind') && (
        <p className="field-error" id={ids.kindErr}>
          {fieldError('kind')}
        </p>
      )}
      <div className="radios">
        {kinds.map((k) => (
          <label key={k}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={form.kind === k}
              aria-invalid={k === kinds[0] && !!fieldError('kind')}
              onChange={() => set({ kind: k, categoryId: '' })}
            />
            {t(keyIn('kind.', k))}
          </label>
        ))}
      </div>
      {form.kind && (
        <div className="field">
          <label htmlFor={ids.cat}>{t('file.category.label')}</label>
          <select
            id={ids.cat}
            value={form.categoryId}
            onChange={(e) => set({ categoryId: e.target.value, fields: {} })}
            aria-invalid={!!fieldError('categoryId')}
            aria-describedby={fieldError('categoryId') ? ids.catErr : undefined}
          >
            <option value="">{t('file.category.choose')}</option>
            {categories.map((c) => (
              <option key={c.id} value={c.id}>
                {localName(c, lang)}
              </option>
            ))}
          </select>
          {fieldError('categoryId') && (
            <p className="field-error" id={ids.catErr}>
              {fieldError('categoryId')}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}
