import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { languages, localName } from '../../i18n.js';
import { useStaffContext } from './useStaff.js';

type Dept = {
  id: string;
  code: string;
  nameAr: string;
  nameFr: string;
  nameEn: string;
  closedAt: string | null;
  openCases: number;
  staff: number;
};
type Member = {
  id: string;
  displayName: string;
  email: string;
  role: string;
  departmentId: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  invitationPending: boolean;
  openCases: number;
};
const roles = ['reception_agent', 'department_agent', 'supervisor', 'institution_admin', 'auditor'];
type Names = { nameAr: string; nameFr: string; nameEn: string };
const nameFields = ['nameAr', 'nameFr', 'nameEn'] as const;

/** The message of a refusal for one field (`/body/<name>`), or undefined. */
function fieldError(e: ApiError | null, name: string): string | undefined {
  const hit = e?.problem.errors?.find((x) => x.pointer === `/body/${name}`);
  return hit ? (hit.message ?? e?.problem.detail) : undefined;
}
/** The message of a refusal that belongs to no field of the form. */
function formError(e: ApiError | null, fields: readonly string[]): string | undefined {
  if (!e) return undefined;
  return fields.some((f) => fieldError(e, f)) ? undefined : e.message;
}

/** A labelled input with its error message tied to it. */
function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: (p: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => React.ReactNode;
}) {
  const id = useId();
  const described = [hint && `${id}-hint`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {children({ id, 'aria-invalid': !!error, 'aria-describedby': described })}
      {error && (
        <p id={`${id}-err`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

type Confirm = {
  title: string;
  message: string;
  label: string;
  danger?: boolean;
  run: () => Promise<string>;
};

/** The institution admin's page: departments (rename, close, reopen) and staff (add, role, disable, 2FA). */
export default function StaffPeople() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const { session, institutions } = useStaffContext();
  const adminOf = session.data?.memberships.find((m) => m.role === 'institution_admin');
  const institution = institutions.data?.items.find((i) => i.id === adminOf?.institutionId) ?? null;
  const base = institution ? `/api/institutions/${institution.id}` : '';
  const depts = useQuery({
    queryKey: ['people-depts', base],
    queryFn: () => api<{ items: Dept[] }>(`${base}/departments/overview`),
    enabled: !!institution,
  });
  const staff = useQuery({
    queryKey: ['people-staff', base],
    queryFn: () => api<{ items: Member[] }>(`${base}/staff`),
    enabled: !!institution,
  });
  const [notice, setNotice] = useState('');
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [renaming, setRenaming] = useState<{ id: string; names: Names; error: ApiError | null } | null>(null);
  const [editing, setEditing] = useState<{
    id: string;
    role: string;
    departmentId: string;
    error: ApiError | null;
  } | null>(null);
  const emptyDept = { code: '', nameAr: '', nameFr: '', nameEn: '' };
  const [newDept, setNewDept] = useState(emptyDept);
  const [deptError, setDeptError] = useState<ApiError | null>(null);
  const emptyMember = {
    displayName: '',
    email: '',
    language: lang,
    role: 'department_agent',
    departmentId: '',
  };
  const [newMember, setNewMember] = useState(emptyMember);
  const [memberError, setMemberError] = useState<ApiError | null>(null);
  /** Where focus goes back after an inline form closes. */
  const returnFocus = useRef<string | null>(null);
  const firstInput = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const setFirst = (el: HTMLInputElement | HTMLSelectElement | null) => {
    firstInput.current = el;
  };
  const editingKey = renaming?.id ?? editing?.id;
  useEffect(() => {
    if (editingKey) firstInput.current?.focus();
    else if (returnFocus.current) {
      document.getElementById(returnFocus.current)?.focus();
      returnFocus.current = null;
    }
  }, [editingKey]);

  if (session.isPending || institutions.isPending) return <Loading />;
  if (!institution) return <ErrorBox error={new Error(t('common.error'))} />;
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['people-depts', base] }),
      qc.invalidateQueries({ queryKey: ['people-staff', base] }),
    ]);
  const deptName = (id: string | null) => {
    const d = depts.data?.items.find((x) => x.id === id);
    return d ? localName(d, lang) : t('people.staff.noDepartment');
  };
  const me = session.data?.account.id;
  const ask = (c: Confirm) => {
    setConfirmError(null);
    setConfirm(c);
  };
  const runConfirmed = async () => {
    if (!confirm) return;
    setBusy(true);
    setConfirmError(null);
    try {
      const done = await confirm.run();
      setConfirm(null);
      setNotice(done);
      await refresh();
    } catch (e) {
      setConfirmError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  const addDept = async (e: React.FormEvent) => {
    e.preventDefault();
    setDeptError(null);
    try {
      const made = await api<Dept>(`${base}/departments`, { method: 'POST', body: newDept });
      setNewDept(emptyDept);
      setNotice(t('people.depts.added', { name: localName(made, lang) }));
      await refresh();
    } catch (err) {
      setDeptError(err as ApiError);
    }
  };
  const saveRename = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!renaming) return;
    try {
      await api(`${base}/departments/${renaming.id}`, { method: 'PATCH', body: renaming.names });
      returnFocus.current = `rename-${renaming.id}`;
      setRenaming(null);
      setNotice(t('people.depts.renamed'));
      await refresh();
    } catch (err) {
      setRenaming({ ...renaming, error: err as ApiError });
    }
  };
  const addMember = async (e: React.FormEvent) => {
    e.preventDefault();
    setMemberError(null);
    try {
      await api(`${base}/staff`, {
        method: 'POST',
        body: { ...newMember, departmentId: newMember.departmentId || null },
      });
      setNotice(t('people.staff.added', { name: newMember.displayName, email: newMember.email }));
      setNewMember(emptyMember);
      await refresh();
    } catch (err) {
      setMemberError(err as ApiError);
    }
  };
  const saveMember = async (e: React.FormEvent, m: Member) => {
    e.preventDefault();
    if (!editing) return;
    try {
      await api(`${base}/staff/${m.id}`, {
        method: 'PATCH',
        body: { role: editing.role, departmentId: editing.departmentId || null },
      });
      returnFocus.current = `change-${m.id}`;
      setEditing(null);
      setNotice(t('people.staff.changed', { name: m.displayName }));
      await refresh();
    } catch (err) {
      setEditing({ ...editing, error: err as ApiError });
    }
  };

  const openDepts = depts.data?.items.filter((d) => !d.closedAt) ?? [];
  return (
    <>
      <h1>{t('people.title', { body: localName(institution, lang) })}</h1>
      <p className="muted">{t('people.lead')}</p>
      <div role="status">{notice && <p className="alert info">{notice}</p>}</div>

      <section aria-labelledby="depts-h">
        <h2 id="depts-h">{t('people.depts')}</h2>
        {depts.isPending ? (
          <Loading />
        ) : depts.isError ? (
          <ErrorBox error={depts.error} retry={() => depts.refetch()} />
        ) : depts.data.items.length === 0 ? (
          <p className="empty">{t('people.depts.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table people-table">
              <thead>
                <tr>
                  <th scope="col">{t('people.depts.name')}</th>
                  <th scope="col">{t('people.depts.openCases')}</th>
                  <th scope="col">{t('people.depts.staff')}</th>
                  <th scope="col">{t('people.depts.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {depts.data.items.map((d) => {
                  const name = localName(d, lang);
                  return renaming?.id === d.id ? (
                    <tr key={d.id}>
                      <td colSpan={4}>
                        <form
                          onSubmit={saveRename}
                          noValidate
                          aria-label={t('people.depts.renameTitle', { name })}
                        >
                          <p className="form-title">{t('people.depts.renameTitle', { name })}</p>
                          <div className="row">
                            {nameFields.map((f, i) => (
                              <Field
                                key={f}
                                label={t(`people.depts.${f}`)}
                                error={fieldError(renaming.error, f)}
                              >
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
                          </div>
                          {formError(renaming.error, nameFields) && (
                            <p className="alert error" role="alert">
                              {formError(renaming.error, nameFields)}
                            </p>
                          )}
                          <div className="buttons">
                            <button type="submit">{t('people.save')}</button>
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => {
                                returnFocus.current = `rename-${d.id}`;
                                setRenaming(null);
                              }}
                            >
                              {t('people.cancel')}
                            </button>
                          </div>
                        </form>
                      </td>
                    </tr>
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
                            <button
                              type="button"
                              className="secondary"
                              aria-label={t('people.depts.reopen', { name })}
                              onClick={() =>
                                ask({
                                  title: t('people.depts.reopen', { name }),
                                  message: t('people.depts.reopenConfirm', { name }),
                                  label: t('people.do.reopen'),
                                  run: async () => {
                                    await api(`${base}/departments/${d.id}/reopen`, { method: 'POST' });
                                    return t('people.depts.reopened', { name });
                                  },
                                })
                              }
                            >
                              {t('people.do.reopen')}
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="danger"
                              aria-label={t('people.depts.close', { name })}
                              onClick={() =>
                                ask({
                                  title: t('people.depts.close', { name }),
                                  message: t('people.depts.closeConfirm', { name }),
                                  label: t('people.do.close'),
                                  danger: true,
                                  run: async () => {
                                    await api(`${base}/departments/${d.id}/close`, { method: 'POST' });
                                    return t('people.depts.closedDone', { name });
                                  },
                                })
                              }
                            >
                              {t('people.do.close')}
                            </button>
                          )}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <details className="add-form" open={depts.data?.items.length === 0 || undefined}>
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
            <button type="submit">{t('people.depts.add')}</button>
          </form>
        </details>
      </section>

      <section aria-labelledby="staff-h">
        <h2 id="staff-h">{t('people.staff')}</h2>
        {staff.isPending ? (
          <Loading />
        ) : staff.isError ? (
          <ErrorBox error={staff.error} retry={() => staff.refetch()} />
        ) : staff.data.items.length === 0 ? (
          <p className="empty">{t('people.staff.empty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table people-table">
              <thead>
                <tr>
                  <th scope="col">{t('people.staff.person')}</th>
                  <th scope="col">
                    {t('people.staff.role')} · {t('people.staff.department')}
                  </th>
                  <th scope="col">{t('people.staff.load')}</th>
                  <th scope="col">{t('people.staff.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.items.map((m) => {
                  const name = m.displayName;
                  if (editing?.id === m.id) {
                    const fields = ['role', 'departmentId'];
                    return (
                      <tr key={m.id}>
                        <td colSpan={4}>
                          <form
                            onSubmit={(e) => saveMember(e, m)}
                            noValidate
                            aria-label={t('people.staff.changeTitle', { name })}
                          >
                            <p className="form-title">{t('people.staff.changeTitle', { name })}</p>
                            <div className="row">
                              <Field label={t('people.staff.role')} error={fieldError(editing.error, 'role')}>
                                {(p) => (
                                  <select
                                    {...p}
                                    ref={setFirst}
                                    value={editing.role}
                                    onChange={(e) => setEditing({ ...editing, role: e.target.value })}
                                  >
                                    {roles.map((r) => (
                                      <option key={r} value={r}>
                                        {t(`people.role.${r}`)}
                                      </option>
                                    ))}
                                  </select>
                                )}
                              </Field>
                              <Field
                                label={t('people.staff.department')}
                                error={fieldError(editing.error, 'departmentId')}
                              >
                                {(p) => (
                                  <select
                                    {...p}
                                    value={editing.departmentId}
                                    onChange={(e) => setEditing({ ...editing, departmentId: e.target.value })}
                                  >
                                    <option value="">{t('people.staff.noDepartment')}</option>
                                    {depts.data?.items
                                      .filter((d) => !d.closedAt || d.id === m.departmentId)
                                      .map((d) => (
                                        <option key={d.id} value={d.id}>
                                          {localName(d, lang)}
                                        </option>
                                      ))}
                                  </select>
                                )}
                              </Field>
                            </div>
                            {formError(editing.error, fields) && (
                              <p className="alert error" role="alert">
                                {formError(editing.error, fields)}
                              </p>
                            )}
                            <div className="buttons">
                              <button type="submit">{t('people.save')}</button>
                              <button
                                type="button"
                                className="secondary"
                                onClick={() => {
                                  returnFocus.current = `change-${m.id}`;
                                  setEditing(null);
                                }}
                              >
                                {t('people.cancel')}
                              </button>
                            </div>
                          </form>
                        </td>
                      </tr>
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
                        {t(`people.role.${m.role}`)}
                        <br />
                        <small className="muted">{deptName(m.departmentId)}</small>
                      </td>
                      <td className="num" data-label={t('people.staff.load')}>
                        {m.openCases}
                      </td>
                      <td>
                        <div className="row-actions">
                          <button
                            type="button"
                            className="secondary"
                            id={`change-${m.id}`}
                            aria-label={t('people.staff.change', { name })}
                            onClick={() =>
                              setEditing({
                                id: m.id,
                                role: m.role,
                                departmentId: m.departmentId ?? '',
                                error: null,
                              })
                            }
                          >
                            {t('people.do.change')}
                          </button>
                          {m.invitationPending && !m.disabled && (
                            <button
                              type="button"
                              className="secondary"
                              aria-label={t('people.staff.resend', { name })}
                              onClick={() =>
                                ask({
                                  title: t('people.staff.resend', { name }),
                                  message: t('people.staff.addLead'),
                                  label: t('people.confirm'),
                                  run: async () => {
                                    await api(`${base}/staff/${m.id}/invite`, { method: 'POST' });
                                    return t('people.staff.resent', { email: m.email });
                                  },
                                })
                              }
                            >
                              {t('people.do.resend')}
                            </button>
                          )}
                          {m.totpEnabled && (
                            <button
                              type="button"
                              className="secondary"
                              aria-label={t('people.staff.resetTotp', { name })}
                              onClick={() =>
                                ask({
                                  title: t('people.staff.resetTotp', { name }),
                                  message: t('people.staff.resetConfirm', { name }),
                                  label: t('people.confirm'),
                                  danger: true,
                                  run: async () => {
                                    await api(`${base}/staff/${m.id}/reset-totp`, { method: 'POST' });
                                    return t('people.staff.resetDone', { name });
                                  },
                                })
                              }
                            >
                              {t('people.do.resetTotp')}
                            </button>
                          )}
                          {m.id !== me &&
                            (m.disabled ? (
                              <button
                                type="button"
                                className="secondary"
                                aria-label={t('people.staff.enable', { name })}
                                onClick={() =>
                                  ask({
                                    title: t('people.staff.enable', { name }),
                                    message: t('people.staff.enableConfirm', { name }),
                                    label: t('people.do.enable'),
                                    run: async () => {
                                      await api(`${base}/staff/${m.id}/enable`, { method: 'POST' });
                                      return t('people.staff.enabledDone', { name });
                                    },
                                  })
                                }
                              >
                                {t('people.do.enable')}
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="danger"
                                aria-label={t('people.staff.disable', { name })}
                                onClick={() =>
                                  ask({
                                    title: t('people.staff.disable', { name }),
                                    message: [
                                      t('people.staff.disableConfirm', { name }),
                                      m.openCases > 0
                                        ? t('people.staff.disableLoad', { n: m.openCases })
                                        : '',
                                    ]
                                      .join(' ')
                                      .trim(),
                                    label: t('people.do.disable'),
                                    danger: true,
                                    run: async () => {
                                      await api(`${base}/staff/${m.id}/disable`, { method: 'POST' });
                                      return t('people.staff.disabledDone', { name });
                                    },
                                  })
                                }
                              >
                                {t('people.do.disable')}
                              </button>
                            ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <details className="add-form" open={staff.data?.items.length === 0 || undefined}>
          <summary>{t('people.staff.add')}</summary>
          <form onSubmit={addMember} noValidate>
            <p className="muted">{t('people.staff.addLead')}</p>
            <div className="row">
              <Field label={t('people.staff.name')} error={fieldError(memberError, 'displayName')}>
                {(p) => (
                  <input
                    {...p}
                    dir="auto"
                    autoComplete="off"
                    value={newMember.displayName}
                    onChange={(e) => setNewMember({ ...newMember, displayName: e.target.value })}
                  />
                )}
              </Field>
              <Field label={t('people.staff.email')} error={fieldError(memberError, 'email')}>
                {(p) => (
                  <input
                    {...p}
                    type="email"
                    dir="ltr"
                    autoComplete="off"
                    value={newMember.email}
                    onChange={(e) => setNewMember({ ...newMember, email: e.target.value })}
                  />
                )}
              </Field>
            </div>
            <div className="row">
              <Field label={t('people.staff.role')} error={fieldError(memberError, 'role')}>
                {(p) => (
                  <select
                    {...p}
                    value={newMember.role}
                    onChange={(e) => setNewMember({ ...newMember, role: e.target.value })}
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {t(`people.role.${r}`)}
                      </option>
                    ))}
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
                    <option value="">{t('people.staff.noDepartment')}</option>
                    {openDepts.map((d) => (
                      <option key={d.id} value={d.id}>
                        {localName(d, lang)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label={t('people.staff.language')} error={fieldError(memberError, 'language')}>
                {(p) => (
                  <select
                    {...p}
                    value={newMember.language}
                    onChange={(e) => setNewMember({ ...newMember, language: e.target.value })}
                  >
                    {languages.map((l) => (
                      <option key={l} value={l} lang={l}>
                        {t(`lang.${l}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {formError(memberError, ['displayName', 'email', 'role', 'departmentId', 'language']) && (
              <p className="alert error" role="alert">
                {formError(memberError, ['displayName', 'email', 'role', 'departmentId', 'language'])}
              </p>
            )}
            <button type="submit">{t('people.staff.add')}</button>
          </form>
        </details>
      </section>

      {confirm && (
        <ConfirmDialog
          title={confirm.title}
          message={confirm.message}
          confirmLabel={confirm.label}
          danger={confirm.danger}
          busy={busy}
          error={confirmError}
          onConfirm={runConfirmed}
          onCancel={() => setConfirm(null)}
        />
      )}
    </>
  );
}
