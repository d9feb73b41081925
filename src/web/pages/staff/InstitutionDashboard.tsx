import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type Dashboard, type Department } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { formatDate, formatNumber, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';

type Load = Dashboard['byDepartment'][number];

/** A supervisor's view of their body: the work each department and each person holds, late first. */
export function InstitutionDashboard({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const board = useQuery({
    queryKey: keys.dashboard(institutionId),
    queryFn: () => api<Dashboard>(`/api/institutions/${institutionId}/dashboard`),
  });
  const depts = useQuery({
    queryKey: keys.departments(institutionId),
    queryFn: () => api<{ items: Department[] }>(`/api/institutions/${institutionId}/departments`),
  });
  if (board.isPending) return <Loading />;
  if (board.isError) return <ErrorBox error={board.error} retry={() => board.refetch()} />;
  const d = board.data;
  const n = (v: number) => formatNumber(v, lang);
  const deptName = (id: string | null) => {
    const dep = depts.data?.items.find((x) => x.id === id);
    return dep ? localName(dep, lang) : t('staff.dash.noDepartment');
  };
  const table = (caption: string, rows: Load[], name: (r: Load) => string, filter: (r: Load) => string) => (
    <DataTable
      label={caption}
      caption={caption}
      captionShown
      columns={[
        t('staff.dash.who'),
        t('staff.over.open'),
        t('staff.over.overdue'),
        t('staff.dash.waiting'),
        t('staff.over.oldest'),
      ]}
      rows={rows}
      row={(r) => (
        <tr key={r.id ?? 'none'}>
          <th scope="row">
            <Link href={`/staff?status=open&${filter(r)}`}>
              <bdi>{name(r)}</bdi>
            </Link>
          </th>
          <td>{n(r.open)}</td>
          <td className={r.overdue > 0 ? 'late-cell' : ''}>{n(r.overdue)}</td>
          <td>{n(r.waitingCitizen)}</td>
          <td>{r.oldestAt ? formatDate(r.oldestAt, lang) : '—'}</td>
        </tr>
      )}
    />
  );
  return (
    <section aria-labelledby="dash-h">
      <h2 id="dash-h">{t('staff.dash.title')}</h2>
      <dl className="stats">
        <div>
          <dt>{t('staff.over.open')}</dt>
          <dd>{n(d.totals.open)}</dd>
        </div>
        <div>
          <dt>{t('staff.over.overdue')}</dt>
          <dd className={d.totals.overdue ? 'late-cell' : ''}>{n(d.totals.overdue)}</dd>
        </div>
        <div>
          <dt>{t('staff.dash.received30')}</dt>
          <dd>{n(d.totals.received30)}</dd>
        </div>
        <div>
          <dt>{t('staff.dash.answered30')}</dt>
          <dd>{n(d.totals.answered30)}</dd>
        </div>
        <div>
          <dt>{t('staff.over.median')}</dt>
          <dd>{d.totals.medianDaysToAnswer === null ? '—' : n(d.totals.medianDaysToAnswer)}</dd>
        </div>
      </dl>
      {d.byPerson.length === 0 ? (
        <p className="empty">{t('staff.dash.empty')}</p>
      ) : (
        <>
          {table(
            t('staff.dash.byPerson'),
            d.byPerson,
            (r) => (r as Dashboard['byPerson'][number]).name ?? t('staff.queue.unassigned'),
            (r) => `assignee=${r.id ?? 'none'}`,
          )}
          {table(
            t('staff.dash.byDepartment'),
            d.byDepartment,
            (r) => deptName(r.id),
            (r) => (r.id ? `departmentId=${r.id}` : ''),
          )}
        </>
      )}
    </section>
  );
}
