import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../../api.js';
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
  const [busy, setBusy] = useState(false);
  const ids = { counter: useId(), err: useId() };
  const counterError = tried && !counter.trim() ? t('appt.desk.counterRequired') : null;
  return (
    <form
      className="panel call-next"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!counter.trim()) return;
        localStorage.setItem(COUNTER_KEY, counter.trim());
        setBusy(true);
        try {
          const res = await api<{ ticket: Ticket | null }>('/api/appointments/queue/call-next', {
            method: 'POST',
            body: { institutionId, counter: counter.trim(), serviceId: serviceId || undefined },
          });
          await onDone(
            res.ticket
              ? t(res.ticket.visitorName ? 'appt.desk.called' : 'appt.desk.calledNoName', {
                  ticket: res.ticket.code,
                  counter: counter.trim(),
                  name: res.ticket.visitorName,
                })
              : t('appt.desk.nobodyWaiting'),
          );
        } catch (err) {
          onError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{t('appt.desk.callTitle')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={ids.counter}>{t('appt.desk.counter')}</label>
          <input
            id={ids.counter}
            className="short"
            value={counter}
            maxLength={20}
            onChange={(e) => setCounter(e.target.value)}
            aria-invalid={!!counterError}
            aria-describedby={counterError ? ids.err : undefined}
          />
          {counterError && (
            <p className="field-error" id={ids.err}>
              {counterError}
            </p>
          )}
        </div>
        <ServiceSelect
          label={t('appt.desk.forService')}
          all={t('appt.desk.allServices')}
          services={services}
          value={serviceId}
          onChange={setServiceId}
        />
      </div>
      <button type="submit" className="big" disabled={busy}>
        {t('appt.desk.callNext')}
      </button>
    </form>
  );
}
