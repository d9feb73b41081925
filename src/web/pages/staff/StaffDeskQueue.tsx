import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ApiError, api, type WaitingRoom } from '../../api.js';
import { SignInRedirect } from '../../components/AccessGate.js';
import { type Booking, serviceName, Time, useServices } from '../../components/Appointments.js';
import { DataTable } from '../../components/DataTable.js';
import { Loading } from '../../components/Layout.js';
import { Loaded } from '../../components/Loaded.js';
import { localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction, useRefresh } from '../../useAction.js';
import { CalledTicket } from './desk/CalledTicket.js';
import { CallNext } from './desk/CallNext.js';
import { CheckInByReference } from './desk/CheckInByReference.js';
import { ExpectedVisitor } from './desk/ExpectedVisitor.js';
import { OpenDayList } from './desk/OpenDayList.js';
import { TicketLog } from './desk/TicketLog.js';
import type { Ticket } from './desk/types.js';
import { WalkIn } from './desk/WalkIn.js';
import { useStaffContext } from './useStaff.js';

type QueueState = WaitingRoom;
const REFRESH_MS = 8000;

/** The desk on the day: check-in, tickets, calling the next visitor to a counter, the outcome. */
export default function StaffDeskQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institution } = useStaffContext();
  const instId = institution?.id;
  const queue = useQuery({
    queryKey: keys.deskQueue(instId),
    queryFn: () => api<QueueState>(`/api/appointments/queue?institutionId=${instId}`),
    enabled: !!instId,
    refetchInterval: REFRESH_MS,
  });
  const expected = useQuery({
    queryKey: keys.deskExpected(instId),
    queryFn: () =>
      api<{ from: string; items: Booking[] }>(`/api/appointments/calendar?institutionId=${instId}&view=day`),
    enabled: !!instId,
    refetchInterval: REFRESH_MS * 4,
  });
  const services = useServices(instId, true);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const deskKeys = [keys.deskQueue(instId), keys.deskExpected(instId), keys.eventDays()];
  const refreshKeys = useRefresh();
  const refresh = async () => {
    await refreshKeys(deskKeys);
  };
  const checkInAction = useAction({
    run: ({ body }: { body: Record<string, unknown>; who: string }) =>
      api<Ticket>('/api/appointments/queue/check-in', {
        method: 'POST',
        body: { institutionId: instId, ...body },
      }),
    invalidate: deskKeys,
    // the form is cleared at once; the lists follow
    refreshInBackground: true,
    onDone: (ticket, { who }) => {
      const name = who || ticket.visitorName;
      setMessage(
        name
          ? t('appt.desk.ticketIssued', { ticket: ticket.code, name })
          : t('appt.desk.ticketGiven', { ticket: ticket.code }),
      );
    },
    onError: setError,
  });
  /** Checks a visitor in; answers whether it worked. */
  const checkIn = (body: Record<string, unknown>, who: string) => {
    setError(null);
    setMessage(null);
    return checkInAction.run({ body, who });
  };

  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <SignInRedirect />;
  if (!institution) return <Loading />;
  const svcName = (id: string | null) =>
    id
      ? serviceName(
          services.data?.items.find((s) => s.id === id),
          lang,
        )
      : t('appt.desk.anyService');

  return (
    <>
      <h1>{t('appt.desk.title', { body: localName(institution, lang) })}</h1>
      <p className="links-row">
        <a href={`/screen/${institution.id}`} target="_blank" rel="noreferrer">
          {t('appt.desk.openScreen')}
        </a>
        <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
      </p>
      <div aria-live="polite">
        {message && (
          <p className="alert info ticket-issued" role="status" data-testid="desk-message">
            {message}
          </p>
        )}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}

      <div className="desk-grid">
        <CheckInByReference onCheckIn={(reference) => checkIn({ reference }, '')} error={error} />
        <WalkIn
          services={services.data?.items ?? []}
          onCheckIn={(name, serviceId) => checkIn({ walkIn: { name, serviceId: serviceId || null } }, name)}
        />
      </div>

      <CallNext
        institutionId={institution.id}
        services={services.data?.items ?? []}
        onDone={async (text) => {
          setError(null);
          setMessage(text);
          await refresh();
        }}
        onError={setError}
      />

      <section aria-labelledby="desk-counters">
        <h2 id="desk-counters">{t('appt.desk.atCounters')}</h2>
        <Loaded
          query={queue}
          empty={t('appt.desk.nobodyCalled')}
          retry
          isEmpty={(data) => data.called.length === 0}
        >
          {(data) => (
            <ul className="case-list">
              {data.called.map((tk) => (
                <CalledTicket key={tk.id} ticket={tk} serviceLabel={svcName(tk.serviceId)} onDone={refresh} />
              ))}
            </ul>
          )}
        </Loaded>
      </section>

      <section aria-labelledby="desk-waiting">
        <h2 id="desk-waiting">
          {t('appt.desk.waiting')}{' '}
          {queue.data && (
            <span className="tag">{t('appt.desk.waitingCount', { count: queue.data.waiting.length })}</span>
          )}
        </h2>
        {queue.data &&
          (queue.data.waiting.length === 0 ? (
            <p className="empty">{t('appt.desk.nobodyWaiting')}</p>
          ) : (
            <DataTable
              caption={t('appt.desk.waiting')}
              columns={[
                t('appt.desk.ticket'),
                t('appt.desk.visitor'),
                t('appt.desk.kind'),
                t('appt.detail.service'),
                t('appt.desk.arrived'),
              ]}
              rows={queue.data.waiting}
              row={(tk) => (
                <tr key={tk.id}>
                  <td>
                    <bdi dir="ltr" className="tracking nowrap">
                      {tk.code}
                    </bdi>
                  </td>
                  <td>
                    <bdi>{tk.visitorName ?? '—'}</bdi>
                  </td>
                  <td>{t(`appt.kind.${tk.kind}`)}</td>
                  <td>{svcName(tk.serviceId)}</td>
                  <td>
                    <Time>{tk.checkedInClock}</Time>
                  </td>
                </tr>
              )}
            />
          ))}
        {queue.data && (
          <p className="muted">
            {t('appt.desk.doneCount', { count: queue.data.done })} ·{' '}
            {t('appt.desk.noShowCount', { count: queue.data.noShows })}
          </p>
        )}
      </section>

      <section aria-labelledby="desk-expected">
        <h2 id="desk-expected">{t('appt.desk.expected')}</h2>
        <Loaded
          query={expected}
          empty={t('appt.desk.noneExpected')}
          retry
          isEmpty={(data) => data.items.filter((b) => b.status !== 'cancelled').length === 0}
        >
          {(data) => (
            <ul className="case-list">
              {data.items
                .filter((b) => b.status !== 'cancelled')
                .map((b) => (
                  <ExpectedVisitor
                    key={b.id}
                    booking={b}
                    onCheckIn={checkIn}
                    onDone={refresh}
                    onError={setError}
                  />
                ))}
            </ul>
          )}
        </Loaded>
      </section>

      <OpenDayList institutionId={institution.id} onCheckIn={checkIn} />
      <TicketLog institutionId={institution.id} />
    </>
  );
}
