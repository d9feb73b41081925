import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../api.js';
import { ChannelChoice } from './ChannelChoice.js';

type Prefs = { channels: string[]; effectiveTimeZone: string };

/** The channels a person is reached by, for all their cases; changeable at any time. */
export function ChannelPreferences() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const prefs = useQuery({
    queryKey: ['prefs'],
    queryFn: () => api<Prefs>('/api/me/notification-preferences'),
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [msg, setMsg] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  if (!prefs.data) return null;
  const current = chosen ?? prefs.data.channels;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/me/notification-preferences', { method: 'PUT', body: { channels: current } });
      setMsg(t('profile.channels.saved'));
      await qc.invalidateQueries({ queryKey: ['prefs'] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section className="panel narrow" aria-labelledby="channels-h">
      <h2 id="channels-h">{t('profile.channels.title')}</h2>
      <p>{t('profile.channels.lead', { zone: prefs.data.effectiveTimeZone })}</p>
      <form onSubmit={save}>
        <ChannelChoice legend={t('file.channels.label')} value={current} onChange={setChosen} />
        {msg && (
          <p className="alert info" role="status">
            {msg}
          </p>
        )}
        {error && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" disabled={current.length === 0}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
