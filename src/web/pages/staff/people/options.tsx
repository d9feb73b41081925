import { useTranslation } from 'react-i18next';
import { keyIn, localName } from '../../../i18n.js';
import { type Dept, roles } from './types.js';

/** The options of a choice of role. */
export function RoleOptions() {
  const { t } = useTranslation();
  return roles.map((r) => (
    <option key={r} value={r}>
      {t(keyIn('people.role.', r))}
    </option>
  ));
}

/** The options of a choice of department, "no department" first. */
export function DepartmentOptions({ depts }: { depts: Dept[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <option value="">{t('people.staff.noDepartment')}</option>
      {depts.map((d) => (
        <option key={d.id} value={d.id}>
          {localName(d, i18n.language)}
        </option>
      ))}
    </>
  );
}
