import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';
import { formatDate } from '../../i18n.js';

type Visit = {
  id: string;
  visitorName: string;
  channel: string;
  purpose: string;
  outcome: string;
  agent: string;
  at: string;
};
const channels = ['desk', 'phone', 'whatsapp', 'email', 'post'];
const outcomes = ['informed', 'redirected', 'other'];

/** The desk's log: who came or called today, for what, and what came of it — with or without a case. */
export function VisitorLog({ institutionId }: { institutionId: string }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const base = `/api/institutions/${institutionId}/desk/visits`;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());
  const visits = useQuery({
    queryKey: ['visits', base, today],
    queryFn: () => api<{ items: Visit[] }>(`${base}?day=${today}`),
  });
  const [v, setV] = useState({ visitorName: '', channel: 'desk', purpose: '', outcome: 'informed' });
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { name: useId(), ch: useId(), p: useId(), o: useId() };
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(base, { method: 'POST', body: v });
      setV({ visitorName: '', channel: v.channel, purpose: '', outcome: 'informed' });
      await qc.invalidateQueries({ queryKey: ['visits', base] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section aria-labelledby="visits-h" className="panel">
      <h2 id="visits-h">{t('staff.visits.title')}</h2>
      {visits.data?.items.length ? (
        <ul className="list">
          {visits.data.items.map((x) => (
            <li key={x.id}>
              <time dateTime={x.at}>{formatDate(x.at, i18n.language, true)}</time> ·{' '}
              <strong dir="auto">{x.visitorName}</strong> · {t(`intake.${x.channel}`)} ·{' '}
              <span dir="auto">{x.purpose}</span> ·{' '}
              <span className="tag">{t(`staff.visits.outcome.${x.outcome}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('staff.visits.empty')}</p>
      )}
      <h3>{t('staff.visits.add')}</h3>
      <form onSubmit={save} className="narrow">
        <div className="field">
          <label htmlFor={ids.name}>{t('staff.desk.visitor')}</label>
          <input
            id={ids.name}
            dir="auto"
            value={v.visitorName}
            onChange={(e) => setV({ ...v, visitorName: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.ch}>{t('staff.desk.channel')}</label>
          <select id={ids.ch} value={v.channel} onChange={(e) => setV({ ...v, channel: e.target.value })}>
            {channels.map((c) => (
              <option key={c} value={c}>
                {t(`intake.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.p}>{t('staff.visits.purpose')}</label>
          <input
            id={ids.p}
            dir="auto"
            value={v.purpose}
            onChange={(e) => setV({ ...v, purpose: e.target.value })}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.o}>{t('staff.visits.outcome')}</label>
          <select id={ids.o} value={v.outcome} onChange={(e) => setV({ ...v, outcome: e.target.value })}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`staff.visits.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" disabled={!v.visitorName.trim() || !v.purpose.trim()}>
          {t('staff.visits.save')}
        </button>
      </form>
    </section>
  );
}
