import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { DataTable } from '../../../components/DataTable.js';
import { Field } from '../../../components/Field.js';
import { keyIn } from '../../../i18n.js';
import { useAction } from '../../../useAction.js';
import { fieldError, formError } from './fieldErrors.js';
import { InlineEditRow } from './InlineEditRow.js';
import { MemberActions } from './MemberActions.js';
import { DepartmentOptions, RoleOptions } from './options.js';
import type { Confirm, Dept, Editing, Member } from './types.js';
import type { FocusAfterEdit } from './useFocusAfterEdit.js';

/** The staff, each with a change of role or department (in their row) and the actions on the account. */
export function StaffTable({
  staff,
  depts,
  deptName,
  me,
  base,
  editing,
  setEditing,
  focus,
  ask,
  onChanged,
}: {
  staff: Member[];
  depts: Dept[] | undefined;
  deptName: (id: string | null) => string;
  me: string | undefined;
  base: string;
  editing: Editing | null;
  setEditing: (e: Editing | null) => void;
  focus: FocusAfterEdit;
  ask: (c: Confirm) => void;
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const { returnFocus, setFirst } = focus;
  const save = useAction({
    run: ({ m, edit }: { m: Member; edit: Editing }) =>
      api(`${base}/staff/${m.id}`, {
        method: 'PATCH',
        body: { role: edit.role, departmentId: edit.departmentId || null },
      }),
    onDone: async (_, { m }) => {
      returnFocus.current = `change-${m.id}`;
      setEditing(null);
      await onChanged(t('people.staff.changed', { name: m.displayName }));
    },
    onError: (error, { edit }) => setEditing({ ...edit, error }),
  });
  const saveMember = (e: React.FormEvent, m: Member) => {
    e.preventDefault();
    if (editing) save.run({ m, edit: editing });
  };
  return (
    <DataTable
      className="people-table"
      columns={[
        t('people.staff.person'),
        `${t('people.staff.role')} · ${t('people.staff.department')}`,
        t('people.staff.load'),
        t('people.staff.actions'),
      ]}
      rows={staff}
      row={(m) => {
        const name = m.displayName;
        if (editing?.id === m.id) {
          const fields = ['role', 'departmentId'];
          return (
            <InlineEditRow
              key={m.id}
              title={t('people.staff.changeTitle', { name })}
              onSubmit={(e) => saveMember(e, m)}
              error={formError(editing.error, fields)}
              onCancel={() => {
                returnFocus.current = `change-${m.id}`;
                setEditing(null);
              }}
            >
              <Field label={t('people.staff.role')} error={fieldError(editing.error, 'role')}>
                {(p) => (
                  <select
                    {...p}
                    ref={setFirst}
                    value={editing.role}
                    onChange={(e) => setEditing({ ...editing, role: e.target.value })}
                  >
                    <RoleOptions />
                  </select>
                )}
              </Field>
              <Field label={t('people.staff.department')} error={fieldError(editing.error, 'departmentId')}>
                {(p) => (
                  <select
                    {...p}
                    value={editing.departmentId}
                    onChange={(e) => setEditing({ ...editing, departmentId: e.target.value })}
                  >
                    <DepartmentOptions
                      depts={(depts ?? []).filter((d) => !d.closedAt || d.id === m.departmentId)}
                    />
                  </select>
                )}
              </Field>
            </InlineEditRow>
          );
        }
        return (
          <tr key={m.id} className={m.disabled ? 'disabled-row' : undefined}>
            <th scope="row">
              <span dir="auto">{name}</span>
              {m.id === me && <span className="tag">{t('people.staff.you')}</span>}
              <br />
              <small className="muted" dir="ltr">
                {m.email}
              </small>
              <br />
              {m.disabled ? (
                <span className="tag late">{t('people.staff.disabled')}</span>
              ) : m.invitationPending ? (
                <span className="tag warn">{t('people.staff.invited')}</span>
              ) : (
                <span className="tag ok">{t('people.staff.active')}</span>
              )}
              {m.totpEnabled && <span className="tag">{t('people.staff.totp')}</span>}
            </th>
            <td>
              {t(keyIn('people.role.', m.role))}
              <br />
              <small className="muted">{deptName(m.departmentId)}</small>
            </td>
            <td className="num" data-label={t('people.staff.load')}>
              {m.openCases}
            </td>
            <td>
              <MemberActions m={m} name={name} me={me} base={base} ask={ask} onEdit={setEditing} />
            </td>
          </tr>
        );
      }}
    />
  );
}
