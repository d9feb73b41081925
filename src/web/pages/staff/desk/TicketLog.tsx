import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { Time } from '../../../components/Appointments.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { keyIn } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import type { Ticket } from './types.js';

/** The visitor log of the day: every visitor, their wait, who received them, the outcome. */
export function TicketLog({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const log = useQuery({
    queryKey: keys.deskLog(institutionId),
    queryFn: () =>
      api<{ day: string; items: Ticket[] }>(`/api/appointments/queue/log?institutionId=${institutionId}`),
    enabled: open,
  });
  return (
    <details className="panel" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('appt.desk.log')}</summary>
      {open &&
        (log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorBox error={log.error} retry={() => log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <p className="empty">{t('appt.desk.logEmpty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('appt.desk.log')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appt.desk.ticket')}</th>
                  <th scope="col">{t('appt.desk.visitor')}</th>
                  <th scope="col">{t('appt.desk.arrived')}</th>
                  <th scope="col">{t('appt.desk.wait')}</th>
                  <th scope="col">{t('appt.desk.counter')}</th>
                  <th scope="col">{t('appt.desk.outcomeCol')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((tk) => (
                  <tr key={tk.id}>
                    <td>
                      <bdi dir="ltr">{tk.code}</bdi>
                    </td>
                    <td>
                      <bdi>{tk.visitorName ?? '—'}</bdi>
                    </td>
                    <td>
                      <Time>{tk.checkedInClock}</Time>
                    </td>
                    <td>
                      {tk.waitMinutes === null ? '—' : t('appt.desk.minutes', { count: tk.waitMinutes })}
                    </td>
                    <td>
                      <bdi>{tk.counter ?? '—'}</bdi>
                      {tk.calledByName && (
                        <>
                          {' '}
                          (<bdi>{tk.calledByName}</bdi>)
                        </>
                      )}
                    </td>
                    <td>
                      {tk.status === 'done' && tk.outcome
                        ? t(keyIn('appt.outcome.', tk.outcome))
                        : t(`appt.ticketStatus.${tk.status}`)}
                      {tk.outcomeNote && (
                        <>
                          {' — '}
                          <bdi>{tk.outcomeNote}</bdi>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </details>
  );
}
