import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Visit } from '../../api.js';
import { LineField, OptionField } from '../../components/Field.js';
import { formatDate, keyIn } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

const channels = ['desk', 'phone', 'whatsapp', 'email', 'post'];
const outcomes = ['informed', 'redirected', 'other'];

/** The desk's log: who came or called today, for what, and what came of it — with or without a case. */
export function VisitorLog({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const base = `/api/institutions/${institutionId}/desk/visits`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());
  const visits = useQuery({
    queryKey: keys.visitsOn(base, today),
    queryFn: () => api<{ items: Visit[] }>(`${base}?day=${today}`),
  });
  const [v, setV] = useState({ visitorName: '', channel: 'desk', purpose: '', outcome: 'informed' });
  const log = useAction({
    run: (visit: typeof v) => api(base, { method: 'POST', body: visit }),
    invalidate: [keys.visits(base)],
    onDone: (_, visit) => setV({ visitorName: '', channel: visit.channel, purpose: '', outcome: 'informed' }),
  });
  const { error } = log;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    log.run(v);
  };
  return (
    <section aria-labelledby="visits-h" className="panel">
      <h2 id="visits-h">{t('staff.visits.title')}</h2>
      {visits.data?.items.length ? (
        <ul className="list">
          {visits.data.items.map((x) => (
            <li key={x.id}>
              <time dateTime={x.at}>{formatDate(x.at, i18n.language, true)}</time> ·{' '}
              <strong dir="auto">{x.visitorName}</strong> · {t(keyIn('intake.', x.channel))} ·{' '}
              <span dir="auto">{x.purpose}</span> ·{' '}
              <span className="tag">{t(keyIn('staff.visits.outcome.', x.outcome))}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('staff.visits.empty')}</p>
      )}
      <h3>{t('staff.visits.add')}</h3>
      <form onSubmit={save} className="narrow">
        <LineField
          label={t('staff.desk.visitor')}
          dir="auto"
          value={v.visitorName}
          onChange={(visitorName) => setV({ ...v, visitorName })}
          required
        />
        <OptionField
          label={t('staff.desk.channel')}
          value={v.channel}
          onChange={(channel) => setV({ ...v, channel })}
          options={channels}
          text={(c) => t(keyIn('intake.', c))}
        />
        <LineField
          label={t('staff.visits.purpose')}
          dir="auto"
          value={v.purpose}
          onChange={(purpose) => setV({ ...v, purpose })}
          required
        />
        <OptionField
          label={t('staff.visits.outcome')}
          value={v.outcome}
          onChange={(outcome) => setV({ ...v, outcome })}
          options={outcomes}
          text={(o) => t(keyIn('staff.visits.outcome.', o))}
        />
        {error && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button
          type="submit"
          disabled={!v.visitorName.trim() || !v.purpose.trim() || log.busy}
          aria-busy={log.busyProps['aria-busy']}
        >
          {t('staff.visits.save')}
        </button>
      </form>
    </section>
  );
}
