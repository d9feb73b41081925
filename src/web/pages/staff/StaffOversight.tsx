import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type Oversight } from '../../api.js';
import { MoreCases, StaffCaseLink, StateBadge } from '../../components/CaseBits.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { formatDate, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useSession } from '../../session.js';
import { InstitutionDashboard } from './InstitutionDashboard.js';

/** What an overseer (province, region, nation) or a supervisor watches: volumes, delays, the oldest files. */
export default function StaffOversight() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const list = useInfiniteQuery({
    queryKey: keys.oversight(),
    queryFn: ({ pageParam }) => api<Oversight>(`/api/oversight?limit=100&offset=${pageParam}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextOffset ?? undefined,
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => list.refetch()} />;
  // the oldest cases and the time of the figures come with the first page
  const first = list.data.pages[0]!;
  const data = { data: { ...first, institutions: list.data.pages.flatMap((p) => p.institutions) } };
  const supervised = session.data?.memberships.find((m) =>
    ['supervisor', 'institution_admin', 'auditor'].includes(m.role),
  );
  const nf = new Intl.NumberFormat(lang === 'ar' ? 'ar-MA-u-nu-latn' : lang);
  return (
    <>
      <h1>{t('staff.over.title')}</h1>
      <p className="muted">{t('staff.over.asOf', { time: formatDate(data.data.asOf, lang, true) })}</p>
      {supervised && <InstitutionDashboard institutionId={supervised.institutionId} />}
      {data.data.institutions.length === 0 ? (
        <p className="empty">{t('staff.over.empty')}</p>
      ) : (
        <DataTable
          label={t('staff.over.title')}
          columns={[
            t('staff.over.body'),
            t('staff.over.open'),
            t('staff.over.overdue'),
            t('staff.over.received'),
            t('staff.over.median'),
            t('staff.over.oldest'),
          ]}
          rows={data.data.institutions}
          row={(r) => (
            <tr key={r.id}>
              <th scope="row">{localName(r, lang)}</th>
              <td>{nf.format(r.open)}</td>
              <td className={r.overdue > 0 ? 'late-cell' : ''}>{nf.format(r.overdue)}</td>
              <td>{nf.format(r.received90)}</td>
              <td>{r.medianDaysToAnswer === null ? '—' : nf.format(r.medianDaysToAnswer)}</td>
              <td>{r.oldestOpenAt ? formatDate(r.oldestOpenAt, lang) : '—'}</td>
            </tr>
          )}
        />
      )}
      <MoreCases list={list} saysLoading label={t('staff.over.more', { count: first.total })} />
      <h2>{t('staff.over.oldestCases')}</h2>
      <ul className="case-list">
        {data.data.oldest.map((c) => (
          <li key={c.id}>
            <StaffCaseLink c={c} />
            <div className="meta">
              <StateBadge state={c.state} staff />
              <span className="muted">{t('case.filedOn', { date: formatDate(c.createdAt, lang) })}</span>
              <span className={new Date(c.dueAt) < new Date() ? 'tag late' : 'muted'}>
                {t('cases.due', { date: formatDate(c.dueAt, lang) })}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
