import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { Loaded } from '../../components/Loaded.js';
import { useConfirm } from '../../components/useConfirm.js';
import { localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useRefresh } from '../../useAction.js';
import { AddDepartment } from './people/AddDepartment.js';
import { AddMember } from './people/AddMember.js';
import { DepartmentsTable } from './people/DepartmentsTable.js';
import { StaffTable } from './people/StaffTable.js';
import type { Dept, Editing, Member, Renaming } from './people/types.js';
import { useFocusAfterEdit } from './people/useFocusAfterEdit.js';
import { useStaffContext } from './useStaff.js';

/** The institution admin's page: departments (rename, close, reopen) and staff (add, role, disable, 2FA). */
export default function StaffPeople() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institutions } = useStaffContext();
  const adminOf = session.data?.memberships.find((m) => m.role === 'institution_admin');
  const institution = institutions.data?.items.find((i) => i.id === adminOf?.institutionId) ?? null;
  const base = institution ? `/api/institutions/${institution.id}` : '';
  const depts = useQuery({
    queryKey: keys.peopleDepartments(base),
    queryFn: () => api<{ items: Dept[] }>(`${base}/departments/overview`),
    enabled: !!institution,
  });
  const staff = useQuery({
    queryKey: keys.peopleStaff(base),
    queryFn: () => api<{ items: Member[] }>(`${base}/staff`),
    enabled: !!institution,
  });
  const [notice, setNotice] = useState('');
  const [renaming, setRenaming] = useState<Renaming | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const focus = useFocusAfterEdit(renaming?.id ?? editing?.id);
  const refresh = useRefresh();
  /** Shows what was done, then reads both lists again. */
  const changed = async (done: string) => {
    setNotice(done);
    await refresh([keys.peopleDepartments(base), keys.peopleStaff(base)]);
  };
  const { ask, dialog } = useConfirm(changed);

  if (session.isPending || institutions.isPending) return <Loading />;
  if (!institution) return <ErrorBox error={new Error(t('common.error'))} />;
  const deptName = (id: string | null) => {
    const d = depts.data?.items.find((x) => x.id === id);
    return d ? localName(d, lang) : t('people.staff.noDepartment');
  };
  const me = session.data?.account.id;
  // what both tables need for the actions in their rows
  const rowProps = { base, focus, ask, onChanged: changed };

  const openDepts = depts.data?.items.filter((d) => !d.closedAt) ?? [];
  return (
    <>
      <h1>{t('people.title', { body: localName(institution, lang) })}</h1>
      <p className="muted">{t('people.lead')}</p>
      <div role="status">{notice && <p className="alert info">{notice}</p>}</div>

      <section aria-labelledby="depts-h">
        <h2 id="depts-h">{t('people.depts')}</h2>
        <Loaded query={depts} empty={t('people.depts.empty')} retry>
          {(data) => (
            <DepartmentsTable
              depts={data.items}
              renaming={renaming}
              setRenaming={setRenaming}
              {...rowProps}
            />
          )}
        </Loaded>
        <AddDepartment base={base} open={depts.data?.items.length === 0} onChanged={changed} />
      </section>

      <section aria-labelledby="staff-h">
        <h2 id="staff-h">{t('people.staff')}</h2>
        <Loaded query={staff} empty={t('people.staff.empty')} retry>
          {(data) => (
            <StaffTable
              staff={data.items}
              depts={depts.data?.items}
              deptName={deptName}
              me={me}
              editing={editing}
              setEditing={setEditing}
              {...rowProps}
            />
          )}
        </Loaded>
        <AddMember
          base={base}
          open={staff.data?.items.length === 0}
          openDepts={openDepts}
          onChanged={changed}
        />
      </section>

      {dialog}
    </>
  );
}
