import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type Satisfaction } from '../../api.js';
import { addDays, moroccoToday } from '../../components/Appointments.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { PeriodFields } from '../../components/PeriodFields.js';
import { formatDate, formatNumber, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { FollowUps } from './FollowUps.js';
import { useStaffContext } from './useStaff.js';

const groupings = ['category', 'department', 'agent'] as const;
type Group = Satisfaction['groups'][number];
const watchers = ['supervisor', 'institution_admin', 'auditor'];

/** How satisfied people are with my body, per category, department or agent, and what they wrote. */
export default function StaffSatisfaction() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institutions } = useStaffContext();
  const membership = session.data?.memberships.find((m) => watchers.includes(m.role));
  const institution = institutions.data?.items.find((i) => i.id === membership?.institutionId);
  const [range, setRange] = useState(() => ({ from: addDays(moroccoToday(), -90), to: moroccoToday() }));
  const [groupBy, setGroupBy] = useState<(typeof groupings)[number]>('category');
  const [page, setPage] = useState(1);
  const instId = membership?.institutionId;
  const query = `from=${range.from}&to=${range.to}&groupBy=${groupBy}&page=${page}`;
  const q = useQuery({
    queryKey: keys.satisfaction(instId, query),
    queryFn: () => api<Satisfaction>(`/api/institutions/${instId}/satisfaction?${query}`),
    enabled: !!instId && range.from <= range.to,
    placeholderData: (previous) => previous,
  });
  if (!instId || !institution) return <Loading />;
  const rangeError = range.from > range.to ? t('sat.rangeError') : null;
  const n = (v: number) => formatNumber(v, lang);
  const average = (v: number | null) => (v === null ? '—' : n(v));
  const label = (g: Group) =>
    g.name ??
    (g.nameFr ? localName({ nameAr: g.nameAr!, nameFr: g.nameFr, nameEn: g.nameEn }, lang) : null) ??
    t(groupBy === 'agent' ? 'sat.noAgent' : 'sat.noDepartment');
  const s = q.data;
  const pages = s ? Math.max(1, Math.ceil(s.comments.total / s.comments.pageSize)) : 1;
  return (
    <>
      <h1>{t('sat.title', { body: localName(institution, lang) })}</h1>
      <p className="lead">{t('sat.lead')}</p>
      <PeriodFields
        period={range}
        labels={{ from: t('sat.from'), to: t('sat.to') }}
        error={rangeError}
        onChange={(r) => {
          setRange(r);
          setPage(1);
        }}
      />
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('sat.groupBy')}</legend>
        {groupings.map((g) => (
          <button key={g} type="button" aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
            {t(`sat.group.${g}`)}
          </button>
        ))}
      </fieldset>
      {rangeError ? null : !s ? (
        q.isError ? (
          <ErrorBox error={q.error} retry={() => q.refetch()} />
        ) : (
          <Loading />
        )
      ) : s.total.count === 0 ? (
        <p className="empty">{t('sat.none')}</p>
      ) : (
        <>
          <dl className="stats" data-testid="satisfaction-total">
            <div>
              <dt>{t('sat.ratings')}</dt>
              <dd>{n(s.total.count)}</dd>
            </div>
            <div>
              <dt>{t('sat.average')}</dt>
              <dd>{average(s.total.average)}</dd>
            </div>
          </dl>
          <DataTable
            caption={t(`sat.group.${s.groupBy}`)}
            columns={[t(`sat.group.${s.groupBy}`), t('sat.ratings'), t('sat.average'), t('sat.spread')]}
            rows={s.groups}
            row={(g) => (
              <tr key={g.id ?? 'none'}>
                <th scope="row">
                  <bdi>{label(g)}</bdi>
                </th>
                <td>{n(g.count)}</td>
                <td className={g.average !== null && g.average <= 2 ? 'late-cell' : ''}>
                  {average(g.average)}
                </td>
                <td>
                  <ScoreBar distribution={g.distribution} />
                </td>
              </tr>
            )}
          />
          <h2>{t('sat.comments')}</h2>
          {s.comments.items.length === 0 ? (
            <p className="empty">{t('sat.noComments')}</p>
          ) : (
            <>
              <ul className="case-list" data-testid="satisfaction-comments">
                {s.comments.items.map((c) => (
                  <li key={c.caseId}>
                    <Link href={`/staff/cases/${c.caseId}`}>
                      <span className="tracking">
                        <bdi dir="ltr">{c.trackingNumber}</bdi>
                      </span>
                    </Link>
                    <div className="meta">
                      <span className={c.score <= 2 ? 'tag late' : 'tag'}>
                        {t('sat.scoreOf', { score: n(c.score) })}
                      </span>
                      <span className="muted">{formatDate(c.at, lang)}</span>
                    </div>
                    <p>
                      <bdi>{c.comment}</bdi>
                    </p>
                  </li>
                ))}
              </ul>
              {pages > 1 && (
                <nav className="buttons" aria-label={t('sat.comments')}>
                  <button
                    type="button"
                    className="secondary"
                    disabled={page <= 1}
                    onClick={() => setPage(page - 1)}
                  >
                    {t('sat.previous')}
                  </button>
                  <span aria-live="polite">{t('sat.page', { page: n(page), pages: n(pages) })}</span>
                  <button
                    type="button"
                    className="secondary"
                    disabled={page >= pages}
                    onClick={() => setPage(page + 1)}
                  >
                    {t('sat.next')}
                  </button>
                </nav>
              )}
            </>
          )}
        </>
      )}
      <FollowUps
        institutionId={instId}
        mayClose={
          !!session.data?.memberships.some((m) => m.institutionId === instId && m.role === 'supervisor')
        }
      />
    </>
  );
}

/** How many gave each score, as a bar of five parts (1 red … 5 green) and in words for screen readers. */
function ScoreBar({ distribution }: { distribution: number[] }) {
  const { t, i18n } = useTranslation();
  const total = distribution.reduce((a, b) => a + b, 0) || 1;
  const [s1, s2, s3, s4, s5] = distribution.map((v) => formatNumber(v, i18n.language));
  return (
    <span className="score-bar">
      <span className="score-bar-parts" aria-hidden="true">
        {distribution.map((v, i) =>
          v ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the five scores, always in this order
            <span key={i} className={`score-${i + 1}`} style={{ inlineSize: `${(100 * v) / total}%` }} />
          ) : null,
        )}
      </span>
      <span className="score-bar-text">{t('sat.spreadText', { s1, s2, s3, s4, s5 })}</span>
    </span>
  );
}
