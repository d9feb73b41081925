import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { useAction } from '../../../useAction.js';
import { fieldError, formError } from './fieldErrors.js';
import { type Dept, nameFields } from './types.js';

/** The form that adds a department. */
export function AddDepartment({
  base,
  open,
  onChanged,
}: {
  base: string;
  open: boolean;
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const emptyDept = { code: '', nameAr: '', nameFr: '', nameEn: '' };
  const [newDept, setNewDept] = useState(emptyDept);
  const add = useAction({
    run: () => api<Dept>(`${base}/departments`, { method: 'POST', body: newDept }),
    onDone: async (made) => {
      setNewDept(emptyDept);
      await onChanged(t('people.depts.added', { name: localName(made, lang) }));
    },
  });
  const deptError = add.error;
  const addDept = (e: React.FormEvent) => {
    e.preventDefault();
    add.run();
  };
  return (
    <details className="add-form" open={open || undefined}>
      <summary>{t('people.depts.add')}</summary>
      <form onSubmit={addDept} noValidate>
        <Field
          label={t('people.depts.code')}
          hint={t('people.depts.codeHint')}
          error={fieldError(deptError, 'code')}
        >
          {(p) => (
            <input
              {...p}
              dir="ltr"
              className="medium"
              value={newDept.code}
              onChange={(e) => setNewDept({ ...newDept, code: e.target.value })}
            />
          )}
        </Field>
        <div className="row">
          {nameFields.map((f) => (
            <Field key={f} label={t(`people.depts.${f}`)} error={fieldError(deptError, f)}>
              {(p) => (
                <input
                  {...p}
                  dir={f === 'nameAr' ? 'rtl' : 'ltr'}
                  lang={f.slice(4).toLowerCase()}
                  value={newDept[f]}
                  onChange={(e) => setNewDept({ ...newDept, [f]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
        {formError(deptError, ['code', ...nameFields]) && (
          <p className="alert error" role="alert">
            {formError(deptError, ['code', ...nameFields])}
          </p>
        )}
        <button type="submit" {...add.busyProps}>
          {t('people.depts.add')}
        </button>
      </form>
    </details>
  );
}
