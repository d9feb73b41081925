import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../../api.js';
import { WithCode } from '../../../components/Appointments.js';
import type { Ticket } from './types.js';

const outcomes = ['served', 'file_incomplete', 'redirected', 'follow_up', 'left'] as const;

/** A visitor at a counter: the outcome and a note when they are done, or that they did not come. */
export function CalledTicket({
  ticket,
  serviceLabel,
  onDone,
}: {
  ticket: Ticket;
  serviceLabel: string;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<string>('served');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { outcome: useId(), note: useId(), err: useId(), title: useId() };
  const post = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/appointments/queue/tickets/${ticket.id}/${path}`, { method: 'POST', body });
      await onDone();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li aria-labelledby={ids.title}>
      <p id={ids.title} className="ticket-line">
        <bdi dir="ltr" className="tracking nowrap">
          {ticket.code}
        </bdi>{' '}
        → {t('appt.desk.counterN', { counter: ticket.counter ?? '' })} ·{' '}
        <bdi>{ticket.visitorName ?? '—'}</bdi> · {t(`appt.kind.${ticket.kind}`)} · {serviceLabel}
        {ticket.waitMinutes !== null && <> · {t('appt.desk.waited', { count: ticket.waitMinutes })}</>}
      </p>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          post('finish', { outcome, note: note.trim() || undefined });
        }}
      >
        <div className="field">
          <label htmlFor={ids.outcome}>{t('appt.desk.outcome', { ticket: ticket.code })}</label>
          <select id={ids.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`appt.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>
            {t('appt.desk.note')} <span className="muted">({t('common.optional')})</span>
          </label>
          <input
            id={ids.note}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={!!error?.field('note')}
            aria-describedby={error ? ids.err : undefined}
          />
        </div>
        <div className="buttons">
          <button type="submit" disabled={busy}>
            <WithCode text={(m) => t('appt.desk.finish', { ticket: m })} code={ticket.code} />
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => post('no-show', {})}>
            <WithCode text={(m) => t('appt.desk.didNotCome', { ticket: m })} code={ticket.code} />
          </button>
        </div>
      </form>
      {error && (
        <p className="field-error" id={ids.err} role="alert">
          {error.message}
        </p>
      )}
    </li>
  );
}
