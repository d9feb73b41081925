import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { type Booking, ModeTag, StatusTag, serviceName, When } from '../components/Appointments.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';

/** The citizen's appointments: the coming ones first, then the past ones. */
export default function MyAppointments() {
  const { t } = useTranslation();
  const session = useSession();
  const citizen = session.data?.account.kind === 'citizen';
  const upcoming = useQuery({
    queryKey: keys.myAppointmentsWhen('upcoming'),
    queryFn: () => api<{ items: Booking[] }>('/api/appointments?when=upcoming'),
    enabled: citizen,
  });
  const past = useQuery({
    queryKey: keys.myAppointmentsWhen('past'),
    queryFn: () => api<{ items: Booking[] }>('/api/appointments?when=past'),
    enabled: citizen,
  });
  if (session.isPending) return <Loading />;
  if (!citizen) return <SignInRedirect />;
  return (
    <>
      <h1>{t('appt.mine.title')}</h1>
      <p className="links-row">
        <Link href="/appointments" className="button">
          {t('appt.mine.new')}
        </Link>
        <Link href="/open-days">{t('appt.nav.openDays')}</Link>
      </p>
      <h2>{t('appt.mine.upcoming')}</h2>
      <BookingList q={upcoming} empty={t('appt.mine.empty')} />
      <h2>{t('appt.mine.past')}</h2>
      <BookingList q={past} empty={t('appt.mine.noPast')} />
    </>
  );
}

function BookingList({ q, empty }: { q: ReturnType<typeof useQuery<{ items: Booking[] }>>; empty: string }) {
  const { t, i18n } = useTranslation();
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  if (q.data.items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <ul className="case-list">
      {q.data.items.map((b) => (
        <li key={b.id}>
          <Link href={`/appointments/${b.id}`}>
            <span className="tracking nowrap">
              <bdi dir="ltr">{b.reference}</bdi>
            </span>
            <strong>{serviceName(b.service, i18n.language)}</strong>
          </Link>
          <p className="when-line">
            <When morocco={b.morocco} local={b.local} />
          </p>
          <div className="meta">
            <StatusTag status={b.status} />
            <ModeTag mode={b.mode} />
            {b.status === 'booked' && <Link href={`/appointments/${b.id}`}>{t('appt.mine.manage')}</Link>}
          </div>
        </li>
      ))}
    </ul>
  );
}
