import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearch } from 'wouter';
import { api } from '../api.js';
import type { Booking } from '../components/Appointments.js';
import { BookingDetail } from '../components/BookingDetail.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { keys } from '../query-keys.js';
import { useRefresh } from '../useAction.js';

/** The booking behind the reschedule and cancel links of an e-mail: no sign-in needed. */
export default function ManageAppointment() {
  const { token } = useParams<{ token: string }>();
  const action = new URLSearchParams(useSearch()).get('action');
  const { t } = useTranslation();
  const qc = useQueryClient();
  const refresh = useRefresh();
  const key = keys.appointmentLink(token);
  const q = useQuery({
    queryKey: key,
    queryFn: () => api<Booking>(`/api/appointments/manage/${encodeURIComponent(token)}`),
    retry: false,
  });
  return (
    <>
      <h1>{t('appt.detail.title')}</h1>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : (
        <BookingDetail
          booking={q.data}
          token={token}
          initialAction={action === 'reschedule' || action === 'cancel' ? action : null}
          onChange={(b) => {
            qc.setQueryData(key, b);
            refresh([keys.slots()]);
          }}
        />
      )}
      <p>
        <Link href="/appointments">{t('appt.nav.book')}</Link>
      </p>
    </>
  );
}
