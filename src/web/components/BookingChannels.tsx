import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type NotificationPreferences } from '../api.js';
import { keys } from '../query-keys.js';

type Prefs = NotificationPreferences;
const extra = ['sms', 'whatsapp'] as const;

/**
 * Where a booking's confirmation and reminders go: e-mail always (it carries the calendar file), and SMS or
 * WhatsApp, starting from the citizen's preferences. `value` null: untouched, the preferences apply.
 */
export function BookingChannels(props: {
  value: string[] | null;
  onChange: (v: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const prefs = useQuery({
    queryKey: keys.notificationPreferences(),
    queryFn: () => api<Prefs>('/api/me/notification-preferences'),
  });
  const phone = prefs.data?.phone ?? null;
  const current = props.value ?? ['email', ...(prefs.data?.channels ?? []).filter((c) => c !== 'email')];
  const described = [`${id}-email`, phone ? '' : `${id}-phone`, props.error ? `${id}-err` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <fieldset aria-describedby={described}>
      <legend>{t('appt.book.channels')}</legend>
      <p className="hint" id={`${id}-email`}>
        {t('appt.book.channelsEmail')} {t('appt.book.channelsAlso')}
      </p>
      <div className="checks">
        {extra.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              disabled={!phone}
              checked={!!phone && current.includes(c)}
              onChange={(e) =>
                props.onChange(e.target.checked ? [...current, c] : current.filter((x) => x !== c))
              }
            />
            {t(`channel.${c}`)}
          </label>
        ))}
      </div>
      {!phone && prefs.isSuccess && (
        <p className="hint" id={`${id}-phone`}>
          <Link href="/me">{t('appt.book.channelsNoPhone')}</Link>
        </p>
      )}
      {props.error && (
        <p className="field-error" id={`${id}-err`}>
          {props.error}
        </p>
      )}
    </fieldset>
  );
}
