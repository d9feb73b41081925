import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearch } from 'wouter';
import { api } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import type { Booking } from '../components/Appointments.js';
import { BookingDetail } from '../components/BookingDetail.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { mandateRef } from '../components/MandateBits.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useRefresh } from '../useAction.js';

/** One of the citizen's appointments (the address in the calendar file). */
export default function AppointmentPage() {
  const { id } = useParams<{ id: string }>();
  const action = new URLSearchParams(useSearch()).get('action');
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = useRefresh();
  const session = useSession();
  const q = useQuery({
    queryKey: keys.appointment(id),
    queryFn: () => api<Booking>(`/api/appointments/${id}`),
    enabled: !!session.data,
  });
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorBox error={q.error} retry={() => q.refetch()} />;
  return (
    <>
      <h1>{t('appt.detail.title')}</h1>
      <BookingDetail
        booking={q.data}
        initialAction={action === 'reschedule' || action === 'cancel' ? action : null}
        onChange={(b) => {
          qc.setQueryData(keys.appointment(id), b);
          refresh([keys.myAppointments(), keys.slots()]);
        }}
      />
      {q.data.mandateId && (
        <p className="muted" id="booking-mandate">
          {t('mandate.booking', { ref: mandateRef(q.data.mandateId) })}
        </p>
      )}
      <p>
        <Link href="/appointments/mine">{t('appt.nav.mine')}</Link>
      </p>
    </>
  );
}
