import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { WithCode } from '../../../components/Appointments.js';
import { Field } from '../../../components/Field.js';
import { useAction } from '../../../useAction.js';
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
  const ids = { err: useId(), title: useId() };
  const action = useAction({
    run: ({ path, body }: { path: string; body: unknown }) =>
      api(`/api/appointments/queue/tickets/${ticket.id}/${path}`, { method: 'POST', body }),
    onDone: () => onDone(),
  });
  const { error, busy } = action;
  const post = (path: string, body: unknown) => action.run({ path, body });
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
        <Field label={t('appt.desk.outcome', { ticket: ticket.code })}>
          {(control) => (
            <select {...control} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
              {outcomes.map((o) => (
                <option key={o} value={o}>
                  {t(`appt.outcome.${o}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('appt.desk.note')} required={false}>
          {(control) => (
            <input
              {...control}
              value={note}
              maxLength={1000}
              onChange={(e) => setNote(e.target.value)}
              // the refusal is said under the line of the ticket
              aria-invalid={!!error?.field('note')}
              aria-describedby={error ? ids.err : undefined}
            />
          )}
        </Field>
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
