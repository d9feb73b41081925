import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect } from 'wouter';
import { api, type CaseView } from '../../api.js';
import { StateBadge } from '../../components/CaseBits.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { formatDate, localName } from '../../i18n.js';
import { useStaffContext } from './useStaff.js';

const states = [
  'submitted',
  'acknowledged',
  'in_progress',
  'awaiting_citizen',
  'reply_pending_approval',
  'answered',
  'ready',
  'reopened',
  'closed',
  'rejected',
  'referred',
  'withdrawn',
];

export default function StaffQueue() {
  const { t, i18n } = useTranslation();
  const { session, institution, membership } = useStaffContext();
  const [state, setState] = useState('');
  const id = useId();
  const list = useInfiniteQuery({
    queryKey: ['staff-queue', membership?.institutionId ?? 'scope', state],
    queryFn: ({ pageParam }) =>
      api<{ items: CaseView[]; nextCursor: string | null }>(
        `/api/cases?limit=25${membership ? `&institutionId=${membership.institutionId}` : ''}${state ? `&state=${state}` : ''}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: session.data?.account.kind === 'staff',
  });
  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <Redirect to="/signin" />;
  if (session.data.account.totpRequired && !session.data.account.totpEnabled)
    return <Redirect to="/staff/security" />;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <h1>
        {t('staff.queue.title', {
          body: institution ? localName(institution, i18n.language) : t('staff.area'),
        })}
      </h1>
      <div className="field narrow">
        <label htmlFor={id}>{t('staff.queue.state')}</label>
        <select id={id} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('staff.queue.allOpen')}</option>
          {states.map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : items.length === 0 ? (
        <p className="empty">{t('staff.queue.empty')}</p>
      ) : (
        <ul className="case-list">
          {items.map((c) => (
            <li key={c.id} className={c.overdue ? 'late' : ''}>
              <Link href={`/staff/cases/${c.id}`}>
                <span className="tracking">
                  <bdi dir="ltr">{c.trackingNumber}</bdi>
                </span>
                <strong>
                  <bdi>{c.subject}</bdi>
                </strong>
              </Link>
              <div className="meta">
                <StateBadge state={c.state} />
                <span className="tag">{t(`kind.${c.kind}`)}</span>
                {c.overdue && <span className="tag late">{t('cases.late')}</span>}
                <span className="muted">{t('cases.due', { date: formatDate(c.dueAt, i18n.language) })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button type="button" className="secondary" onClick={() => list.fetchNextPage()}>
          {t('cases.more')}
        </button>
      )}
    </>
  );
}
