import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type AppointmentFigures, api } from '../../api.js';
import { SignInRedirect } from '../../components/AccessGate.js';
import { addDays, formatDay, moroccoToday, serviceName } from '../../components/Appointments.js';
import { DataTable } from '../../components/DataTable.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { PeriodFields } from '../../components/PeriodFields.js';
import { localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useStaffContext } from './useStaff.js';

type Figures = Report['total'];
type Report = AppointmentFigures;
const columns = [
  'bookings',
  'cancelled',
  'noShows',
  'attended',
  'visitors',
  'walkIns',
  'queueNoShows',
] as const;

/** Bookings, no-shows and the wait at the desk, per service and per day. */
export default function StaffFigures() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institution } = useStaffContext();
  const [range, setRange] = useState(() => ({
    from: addDays(moroccoToday(), -30),
    to: addDays(moroccoToday(), 30),
  }));
  const instId = institution?.id;
  const q = useQuery({
    queryKey: keys.appointmentFigures(instId, range.from, range.to),
    queryFn: () =>
      api<Report>(`/api/appointments/figures?institutionId=${instId}&from=${range.from}&to=${range.to}`),
    enabled: !!instId && range.from <= range.to,
  });
  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <SignInRedirect />;
  if (!institution) return <Loading />;
  const rangeError = range.from > range.to ? t('appt.fig.rangeError') : null;
  const svc = (id: string | null) =>
    id
      ? serviceName(
          q.data?.services.find((s) => s.id === id),
          lang,
        )
      : t('appt.fig.noService');
  const minutes = (m: number | null) => (m === null ? '—' : t('appt.desk.minutes', { count: m }));
  const table = (caption: string, first: string, rows: (Figures & { key: string; label: string })[]) => (
    <DataTable
      caption={caption}
      captionShown
      className="figures"
      columns={[
        first,
        ...columns.map((c) => t(`appt.fig.${c}`)),
        t('appt.fig.waitAverage'),
        t('appt.fig.waitMax'),
      ]}
      rows={rows}
      row={(r) => (
        <tr key={r.key}>
          <th scope="row">{r.label}</th>
          {columns.map((c) => (
            <td key={c}>{r[c]}</td>
          ))}
          <td>{minutes(r.waitAverageMinutes)}</td>
          <td>{minutes(r.waitMaxMinutes)}</td>
        </tr>
      )}
    />
  );
  return (
    <>
      <h1>{t('appt.fig.title', { body: localName(institution, lang) })}</h1>
      <p className="links-row">
        <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
      </p>
      <PeriodFields
        period={range}
        labels={{ from: t('appt.fig.from'), to: t('appt.fig.to') }}
        error={rangeError}
        onChange={setRange}
      />
      {rangeError ? null : q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} retry={() => q.refetch()} />
      ) : (
        <>
          <dl className="stats" data-testid="figures-total">
            {columns.map((c) => (
              <div key={c}>
                <dt>{t(`appt.fig.${c}`)}</dt>
                <dd>{q.data.total[c]}</dd>
              </div>
            ))}
            <div>
              <dt>{t('appt.fig.waitAverage')}</dt>
              <dd>{minutes(q.data.total.waitAverageMinutes)}</dd>
            </div>
            <div>
              <dt>{t('appt.fig.waitMedian')}</dt>
              <dd>{minutes(q.data.total.waitMedianMinutes)}</dd>
            </div>
          </dl>
          {q.data.byService.length === 0 ? (
            <p className="empty">{t('appt.fig.none')}</p>
          ) : (
            <>
              {table(
                t('appt.fig.byService'),
                t('appt.detail.service'),
                q.data.byService.map((r) => ({ ...r, key: r.serviceId ?? '-', label: svc(r.serviceId) })),
              )}
              {table(
                t('appt.fig.byDay'),
                t('appt.fig.day'),
                q.data.byDay.map((r) => ({
                  ...r,
                  key: r.day,
                  label: formatDay(r.day, lang, { short: true }),
                })),
              )}
              {table(
                t('appt.fig.byDayService'),
                t('appt.fig.dayService'),
                q.data.rows.map((r) => ({
                  ...r,
                  key: `${r.day}|${r.serviceId ?? ''}`,
                  label: `${formatDay(r.day, lang, { short: true })} — ${svc(r.serviceId)}`,
                })),
              )}
            </>
          )}
        </>
      )}
    </>
  );
}
