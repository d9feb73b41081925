import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EventDayList } from '../../../api.js';
import { formatDay, WithCode } from '../../../components/Appointments.js';
import { DataTable } from '../../../components/DataTable.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { keyIn } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import { eventTitle, type OpenEvent } from '../../OpenDays.js';

type DayList = EventDayList;

/** The list of a day of an open day, for the desk, with check-in. */
export function OpenDayList({
  institutionId,
  onCheckIn,
}: {
  institutionId: string;
  onCheckIn: (body: Record<string, unknown>, who: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [choice, setChoice] = useState('');
  const ids = { sel: useId() };
  const events = useQuery({
    queryKey: keys.openDaysOf(institutionId),
    queryFn: () => api<{ items: OpenEvent[] }>(`/api/appointments/events?institutionId=${institutionId}`),
  });
  const [eventId, date] = choice.split('|');
  const list = useQuery({
    queryKey: keys.eventDay(eventId, date),
    queryFn: () => api<DayList>(`/api/appointments/events/${eventId}/days/${date}/registrations`),
    enabled: !!eventId && !!date,
  });
  if (!events.data || events.data.items.length === 0) return null;
  return (
    <section aria-labelledby="desk-open-days">
      <h2 id="desk-open-days">{t('appt.desk.openDayList')}</h2>
      <div className="field narrow">
        <label htmlFor={ids.sel}>{t('appt.desk.openDay')}</label>
        <select id={ids.sel} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('appt.desk.chooseDay')}</option>
          {events.data.items.flatMap((e) =>
            e.days.map((d) => (
              <option key={`${e.id}|${d.date}`} value={`${e.id}|${d.date}`}>
                {eventTitle(e, lang)} — {formatDay(d.date, lang)}
              </option>
            )),
          )}
        </select>
      </div>
      {choice &&
        (list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorBox error={list.error} retry={() => list.refetch()} />
        ) : (
          <>
            <p>
              {t('appt.desk.dayCounts', {
                registered: list.data.registered,
                capacity: list.data.capacity,
                attended: list.data.attended,
              })}
            </p>
            {list.data.items.length === 0 ? (
              <p className="empty">{t('appt.desk.noRegistration')}</p>
            ) : (
              <DataTable
                caption={t('appt.desk.openDayList')}
                columns={[
                  t('appt.detail.reference'),
                  t('appt.desk.visitor'),
                  t('appt.detail.service'),
                  t('appt.desk.ticket'),
                ]}
                rows={list.data.items}
                row={(r) => (
                  <tr key={r.id}>
                    <td>
                      <bdi dir="ltr">{r.reference}</bdi>
                    </td>
                    <td>
                      <bdi>{r.citizen.name}</bdi>
                    </td>
                    <td>
                      <bdi dir="ltr">{r.serviceCode ?? '—'}</bdi>
                    </td>
                    <td>
                      {r.ticket ? (
                        <bdi dir="ltr">{r.ticket}</bdi>
                      ) : r.status === 'registered' ? (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() => onCheckIn({ eventRegistrationId: r.id }, r.citizen.name)}
                        >
                          <WithCode
                            text={(m) => t('appt.desk.checkInWho', { reference: m })}
                            code={r.reference}
                          />
                        </button>
                      ) : (
                        t(keyIn('appt.regStatus.', r.status))
                      )}
                    </td>
                  </tr>
                )}
              />
            )}
          </>
        ))}
    </section>
  );
}
