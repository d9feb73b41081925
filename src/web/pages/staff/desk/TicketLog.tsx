import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { Time } from '../../../components/Appointments.js';
import { DataTable } from '../../../components/DataTable.js';
import { Loaded } from '../../../components/Loaded.js';
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
      {open && (
        <Loaded query={log} empty={t('appt.desk.logEmpty')} retry>
          {(data) => (
            <DataTable
              caption={t('appt.desk.log')}
              columns={[
                t('appt.desk.ticket'),
                t('appt.desk.visitor'),
                t('appt.desk.arrived'),
                t('appt.desk.wait'),
                t('appt.desk.counter'),
                t('appt.desk.outcomeCol'),
              ]}
              rows={data.items}
              row={(tk) => (
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
                  <td>{tk.waitMinutes === null ? '—' : t('appt.desk.minutes', { count: tk.waitMinutes })}</td>
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
              )}
            />
          )}
        </Loaded>
      )}
    </details>
  );
}
