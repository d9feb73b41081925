import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type CaseList, type MandatedCases, type MyMandates } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { CaseSubject, MoreCases, StateBadge } from '../components/CaseBits.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { formatDate } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';

type Page = CaseList;

export default function MyCases() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const list = useInfiniteQuery({
    queryKey: keys.myCases(),
    queryFn: ({ pageParam }) =>
      api<Page>(`/api/cases?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!session.data,
  });
  const mandates = useQuery({
    queryKey: keys.myMandates(),
    queryFn: () => api<MyMandates>('/api/mandates'),
    enabled: !!session.data,
  });
  // the cases a relative acts on for someone: under an active mandate for that case, or for a kind of request
  const forOthers = (mandates.data?.received ?? []).filter((m) => m.status === 'active' && m.case);
  const forKinds = (mandates.data?.received ?? []).filter((m) => m.status === 'active' && !m.case);
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} retry={() => list.refetch()} />;
  const items = list.data.pages.flatMap((p) => p.items);
  return (
    <>
      <h1>{t('cases.title')}</h1>
      {items.length === 0 ? (
        <p className="empty">
          {t('cases.empty')} <Link href="/">{t('cases.new')}</Link>
        </p>
      ) : (
        <ul className="case-list">
          {items.map((c) => (
            <li key={c.id} className={c.overdue ? 'late' : ''}>
              <Link href={`/cases/${c.id}`}>
                <span className="tracking" dir="ltr">
                  {c.trackingNumber}
                </span>
                <strong>
                  <CaseSubject c={c} />
                </strong>
              </Link>
              <div className="meta">
                <StateBadge state={c.state} />
                {c.state === 'awaiting_citizen' && (
                  <span className="tag warn">{t('cases.actionNeeded')}</span>
                )}
                {c.overdue ? <span className="tag late">{t('cases.late')}</span> : null}
                <span className="muted">{t('cases.due', { date: formatDate(c.dueAt, i18n.language) })}</span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <MoreCases list={list} />
      {(forOthers.length > 0 || forKinds.length > 0) && (
        <section aria-labelledby="for-others-h">
          <h2 id="for-others-h">{t('mandate.cases.title')}</h2>
          <ul className="case-list">
            {forOthers.map((m) => (
              <li key={m.id}>
                <Link href={`/cases/${m.case!.id}`}>
                  <span className="tracking" dir="ltr">
                    {m.case!.trackingNumber}
                  </span>
                  <strong>{m.case!.subject}</strong>
                </Link>
                <div className="meta">
                  <span className="tag">{t('mandate.cases.for', { name: m.mandator.name })}</span>
                </div>
              </li>
            ))}
            {forKinds.map((m) => (
              <KindCases key={m.id} mandateId={m.id} forName={m.mandator.name} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** The person's cases of the kind a mandate covers, each a line of the relative's list. */
function KindCases({ mandateId, forName }: { mandateId: string; forName: string }) {
  const { t, i18n } = useTranslation();
  const q = useQuery({
    queryKey: keys.mandatedCases(mandateId),
    queryFn: () => api<MandatedCases>(`/api/mandates/${mandateId}/cases`),
  });
  return (
    <>
      {(q.data?.items ?? []).map((c) => (
        <li key={c.id}>
          <Link href={`/cases/${c.id}`}>
            <span className="tracking" dir="ltr">
              {c.trackingNumber}
            </span>
            <strong dir="auto">{c.subject}</strong>
          </Link>
          <div className="meta">
            <span className="tag">{t('mandate.cases.for', { name: forName })}</span>
            <span className="muted">{t('cases.due', { date: formatDate(c.dueAt, i18n.language) })}</span>
          </div>
        </li>
      ))}
    </>
  );
}
