import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { Field, LineField, OptionField } from '../../../components/Field.js';
import { languages } from '../../../i18n.js';
import { useAction } from '../../../useAction.js';
import { fieldError, formError } from './fieldErrors.js';
import { DepartmentOptions, RoleOptions } from './options.js';
import type { Dept } from './types.js';

/** The form that adds a staff member, who is sent an invitation. */
export function AddMember({
  base,
  open,
  openDepts,
  onChanged,
}: {
  base: string;
  open: boolean;
  openDepts: Dept[];
  onChanged: (notice: string) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const emptyMember = {
    displayName: '',
    email: '',
    language: lang,
    role: 'department_agent',
    departmentId: '',
  };
  const [newMember, setNewMember] = useState(emptyMember);
  const add = useAction({
    run: () =>
      api(`${base}/staff`, {
        method: 'POST',
        body: { ...newMember, departmentId: newMember.departmentId || null },
      }),
    onDone: async () => {
      setNewMember(emptyMember);
      await onChanged(t('people.staff.added', { name: newMember.displayName, email: newMember.email }));
    },
  });
  const memberError = add.error;
  const addMember = (e: React.FormEvent) => {
    e.preventDefault();
    add.run();
  };
  return (
    <details className="add-form" open={open || undefined}>
      <summary>{t('people.staff.add')}</summary>
      <form onSubmit={addMember} noValidate>
        <p className="muted">{t('people.staff.addLead')}</p>
        <div className="row">
          <LineField
            label={t('people.staff.name')}
            error={fieldError(memberError, 'displayName')}
            dir="auto"
            autoComplete="off"
            value={newMember.displayName}
            onChange={(displayName) => setNewMember({ ...newMember, displayName })}
          />
          <LineField
            label={t('people.staff.email')}
            error={fieldError(memberError, 'email')}
            type="email"
            dir="ltr"
            autoComplete="off"
            value={newMember.email}
            onChange={(email) => setNewMember({ ...newMember, email })}
          />
        </div>
        <div className="row">
          <Field label={t('people.staff.role')} error={fieldError(memberError, 'role')}>
            {(p) => (
              <select
                {...p}
                value={newMember.role}
                onChange={(e) => setNewMember({ ...newMember, role: e.target.value })}
              >
                <RoleOptions />
              </select>
            )}
          </Field>
          <Field label={t('people.staff.department')} error={fieldError(memberError, 'departmentId')}>
            {(p) => (
              <select
                {...p}
                value={newMember.departmentId}
                onChange={(e) => setNewMember({ ...newMember, departmentId: e.target.value })}
              >
                <DepartmentOptions depts={openDepts} />
              </select>
            )}
          </Field>
          <OptionField
            label={t('people.staff.language')}
            error={fieldError(memberError, 'language')}
            value={newMember.language}
            onChange={(language) => setNewMember({ ...newMember, language })}
            options={languages}
            text={(l) => t(`lang.${l}`)}
            lang={(l) => l}
          />
        </div>
        {formError(memberError, ['displayName', 'email', 'role', 'departmentId', 'language']) && (
          <p className="alert error" role="alert">
            {formError(memberError, ['displayName', 'email', 'role', 'departmentId', 'language'])}
          </p>
        )}
        <button type="submit">{t('people.staff.add')}</button>
      </form>
    </details>
  );
}
