import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { DataTable } from '../../../components/DataTable.js';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { useAction } from '../../../useAction.js';
import { AskButton } from './AskButton.js';
import { fieldError, formError } from './fieldErrors.js';
import { InlineEditRow } from './InlineEditRow.js';
import { type Confirm, type Dept, nameFields, type Renaming } from './types.js';
import type { FocusAfterEdit } from './useFocusAfterEdit.js';

/** The departments, each with rename (in its row), close and reopen. */
export function DepartmentsTable({
  depts,
  base,
  renaming,
  setRenaming,
  focus,
  ask,
  onChanged,
}: {
  depts: Dept[];
  base: string;
  renaming: Renaming | null;
  setRenaming: (r: Renaming | null) => void;
  focus: FocusAfterEdit;
  ask: (c: Confirm) => void;
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { returnFocus, setFirst } = focus;
  const rename = useAction({
    run: (r: Renaming) => api(`${base}/departments/${r.id}`, { method: 'PATCH', body: r.names }),
    onDone: async (_, r) => {
      returnFocus.current = `rename-${r.id}`;
      setRenaming(null);
      await onChanged(t('people.depts.renamed'));
    },
    onError: (error, r) => setRenaming({ ...r, error }),
  });
  const saveRename = (e: React.FormEvent) => {
    e.preventDefault();
    if (renaming) rename.run(renaming);
  };
  return (
    <DataTable
      className="people-table"
      columns={[
        t('people.depts.name'),
        t('people.depts.openCases'),
        t('people.depts.staff'),
        t('people.depts.actions'),
      ]}
      rows={depts}
      row={(d) => {
        const name = localName(d, lang);
        return renaming?.id === d.id ? (
          <InlineEditRow
            key={d.id}
            title={t('people.depts.renameTitle', { name })}
            onSubmit={saveRename}
            error={formError(renaming.error, nameFields)}
            onCancel={() => {
              returnFocus.current = `rename-${d.id}`;
              setRenaming(null);
            }}
          >
            {nameFields.map((f, i) => (
              <Field key={f} label={t(`people.depts.${f}`)} error={fieldError(renaming.error, f)}>
                {(p) => (
                  <input
                    {...p}
                    ref={i === 0 ? setFirst : undefined}
                    dir={f === 'nameAr' ? 'rtl' : 'ltr'}
                    lang={f.slice(4).toLowerCase()}
                    value={renaming.names[f]}
                    onChange={(e) =>
                      setRenaming({
                        ...renaming,
                        names: { ...renaming.names, [f]: e.target.value },
                      })
                    }
                  />
                )}
              </Field>
            ))}
          </InlineEditRow>
        ) : (
          <tr key={d.id}>
            <th scope="row">
              <span dir="auto">{name}</span>{' '}
              <span className="tag" dir="ltr">
                {d.code}
              </span>
              {d.closedAt && <span className="tag warn">{t('people.depts.closed')}</span>}
            </th>
            <td className="num" data-label={t('people.depts.openCases')}>
              {d.openCases}
            </td>
            <td className="num" data-label={t('people.depts.staff')}>
              {d.staff}
            </td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  id={`rename-${d.id}`}
                  aria-label={t('people.depts.rename', { name })}
                  onClick={() =>
                    setRenaming({
                      id: d.id,
                      names: { nameAr: d.nameAr, nameFr: d.nameFr, nameEn: d.nameEn },
                      error: null,
                    })
                  }
                >
                  {t('people.do.rename')}
                </button>
                {d.closedAt ? (
                  <AskButton
                    label={t('people.do.reopen')}
                    name={t('people.depts.reopen', { name })}
                    message={t('people.depts.reopenConfirm', { name })}
                    confirmLabel={t('people.do.reopen')}
                    url={`${base}/departments/${d.id}/reopen`}
                    done={t('people.depts.reopened', { name })}
                    ask={ask}
                  />
                ) : (
                  <AskButton
                    label={t('people.do.close')}
                    name={t('people.depts.close', { name })}
                    message={t('people.depts.closeConfirm', { name })}
                    confirmLabel={t('people.do.close')}
                    danger
                    dangerButton
                    url={`${base}/departments/${d.id}/close`}
                    done={t('people.depts.closedDone', { name })}
                    ask={ask}
                  />
                )}
              </div>
            </td>
          </tr>
        );
      }}
    />
  );
}
