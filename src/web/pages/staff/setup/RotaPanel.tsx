/** The duty rota of a week as the rules make it: who is on duty when, closed days left out. */

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Rota } from '../../../api.js';
import { addDays, formatDay, mondayOf, moroccoToday, Time } from '../../../components/Appointments.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { keyIn, localName } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import type { SetupService } from './parts.js';

export function RotaPanel(props: { placeId: string; services: SetupService[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [from, setFrom] = useState(() => mondayOf(moroccoToday()));
  const to = addDays(from, 6);
  const rota = useQuery({
    queryKey: keys.setupRota(props.placeId, from),
    queryFn: () => api<Rota>(`/api/appointments/rota?institutionId=${props.placeId}&from=${from}&to=${to}`),
    placeholderData: keepPreviousData,
  });
  const days = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  const serviceName = (id: string | null) => {
    const s = props.services.find((x) => x.id === id);
    return s ? localName(s, lang) : t('setup.allServices');
  };
  return (
    <section aria-labelledby="setup-rota-h">
      <h2 id="setup-rota-h">{t('setup.rota.heading')}</h2>
      <div className="week-nav">
        <button type="button" className="secondary" onClick={() => setFrom(addDays(from, -7))}>
          {t('setup.rota.prev')}
        </button>
        <p className="week-label" aria-live="polite">
          {t('appt.slots.week', {
            from: formatDay(from, lang, { short: true }),
            to: formatDay(to, lang, { short: true }),
          })}
        </p>
        <button type="button" className="secondary" onClick={() => setFrom(addDays(from, 7))}>
          {t('setup.rota.next')}
        </button>
      </div>
      {rota.isPending ? (
        <Loading />
      ) : rota.isError ? (
        <ErrorBox error={rota.error} retry={() => rota.refetch()} />
      ) : (
        <div aria-busy={rota.isFetching}>
          {days.map((d) => {
            const shifts = rota.data.shifts.filter((s) => s.date === d);
            const closed = rota.data.closures.filter((c) => c.startDate <= d && d <= c.endDate);
            return (
              <section key={d} className="cal-day" aria-labelledby={`rota-${d}`}>
                <h3 id={`rota-${d}`}>{formatDay(d, lang, { year: true })}</h3>
                {closed.map((c) => (
                  <p key={c.id} className="alert late">
                    {t('setup.rota.closed', {
                      reason: lang === 'ar' ? c.reasonAr : lang === 'fr' ? c.reasonFr : c.reasonEn,
                    })}
                    {c.serviceId && ` (${serviceName(c.serviceId)})`}
                  </p>
                ))}
                {shifts.length === 0 ? (
                  closed.length === 0 && <p className="muted">{t('setup.rota.none')}</p>
                ) : (
                  <ul className="list rota">
                    {shifts.map((s) => (
                      <li key={`${s.ruleId}-${s.date}`}>
                        <Time>{`${s.start}–${s.end}`}</Time>{' '}
                        <span className="tag">{t(keyIn('setup.kind.', s.kind))}</span>{' '}
                        {serviceName(s.serviceId)} ·{' '}
                        {s.officialName ? (
                          <bdi>{s.officialName}</bdi>
                        ) : (
                          <span className="muted">{t('setup.rota.nobody')}</span>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}
