import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { useAction } from '../../../useAction.js';
import { ServiceSelect } from './ServiceSelect.js';
import type { DeskService, Ticket } from './types.js';

const COUNTER_KEY = 'jisr-desk-counter';

/** Calls the next waiting visitor (of one service, or any) to this counter; the counter is remembered. */
export function CallNext({
  institutionId,
  services,
  onDone,
  onError,
}: {
  institutionId: string;
  services: DeskService[];
  onDone: (message: string) => Promise<void>;
  onError: (e: ApiError) => void;
}) {
  const { t } = useTranslation();
  const [counter, setCounter] = useState(() => localStorage.getItem(COUNTER_KEY) ?? '');
  const [serviceId, setServiceId] = useState('');
  const [tried, setTried] = useState(false);
  const call = useAction({
    run: (at: string) =>
      api<{ ticket: Ticket | null }>('/api/appointments/queue/call-next', {
        method: 'POST',
        body: { institutionId, counter: at, serviceId: serviceId || undefined },
      }),
    onDone: (res, at) =>
      onDone(
        res.ticket
          ? t(res.ticket.visitorName ? 'appt.desk.called' : 'appt.desk.calledNoName', {
              ticket: res.ticket.code,
              counter: at,
              name: res.ticket.visitorName,
            })
          : t('appt.desk.nobodyWaiting'),
      ),
    onError,
  });
  const counterError = tried && !counter.trim() ? t('appt.desk.counterRequired') : null;
  return (
    <form
      className="panel call-next"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!counter.trim()) return;
        localStorage.setItem(COUNTER_KEY, counter.trim());
        call.run(counter.trim());
      }}
    >
      <h2>{t('appt.desk.callTitle')}</h2>
      <div className="row">
        <Field label={t('appt.desk.counter')} error={counterError}>
          {(control) => (
            <input
              {...control}
              className="short"
              value={counter}
              maxLength={20}
              onChange={(e) => setCounter(e.target.value)}
            />
          )}
        </Field>
        <ServiceSelect
          label={t('appt.desk.forService')}
          all={t('appt.desk.allServices')}
          services={services}
          value={serviceId}
          onChange={setServiceId}
        />
      </div>
      <button type="submit" className="big" {...call.busyProps}>
        {t('appt.desk.callNext')}
      </button>
    </form>
  );
}
