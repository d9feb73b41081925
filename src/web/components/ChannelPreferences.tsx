import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type NotificationPreferences } from '../api.js';
import { keys } from '../query-keys.js';
import { useAction } from '../useAction.js';
import { ChannelChoice } from './ChannelChoice.js';

type Prefs = NotificationPreferences;

/** The channels a person is reached by, for all their cases; changeable at any time. */
export function ChannelPreferences() {
  const { t } = useTranslation();
  const prefs = useQuery({
    queryKey: keys.notificationPreferences(),
    queryFn: () => api<Prefs>('/api/me/notification-preferences'),
  });
  const [chosen, setChosen] = useState<string[] | null>(null);
  const saveChannels = useAction({
    run: (channels: string[]) =>
      api('/api/me/notification-preferences', { method: 'PUT', body: { channels } }),
    invalidate: [keys.notificationPreferences()],
    successMessage: t('profile.channels.saved'),
  });
  const { error, notice: msg } = saveChannels;
  if (!prefs.data) return null;
  const current = chosen ?? prefs.data.channels;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    saveChannels.run(current);
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
        <button
          type="submit"
          disabled={current.length === 0 || saveChannels.busy}
          aria-busy={saveChannels.busyProps['aria-busy']}
        >
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
