import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { useDebounced } from '../../hooks.js';
import { languages, localName } from '../../i18n.js';
import { useStaffContext } from './useStaff.js';

type Tpl = {
  event: string;
  channel: string;
  language: string;
  subject: string | null;
  body: string;
  custom: boolean;
  placeholders: string[];
};
type Preview = { subject: string | null; text: string; smsSegments: number | null };

/** The institution admin rewords each message per event, channel and language, with a live preview. */
export default function StaffMessageTemplates() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const { institution } = useStaffContext();
  const base = institution ? `/api/institutions/${institution.id}/notification-templates` : '';
  const [key, setKey] = useState({ event: 'receipt', channel: 'email', language: i18n.language });
  const list = useQuery({
    queryKey: ['ntpl', base],
    queryFn: () => api<{ items: Tpl[] }>(base),
    enabled: !!institution,
  });
  const current = list.data?.items.find(
    (x) => x.event === key.event && x.channel === key.channel && x.language === key.language,
  );
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [msg, setMsg] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { ev: useId(), ch: useId(), lg: useId(), subj: useId(), body: useId() };
  useEffect(() => {
    if (current) {
      setSubject(current.subject ?? '');
      setBody(current.body);
      setMsg('');
      setError(null);
    }
  }, [current]);
  const typed = useDebounced({ subject, body }, 400);
  const preview = useQuery({
    queryKey: ['ntpl-preview', base, key, typed],
    queryFn: () =>
      api<Preview>(`${base}/preview`, {
        method: 'POST',
        body: {
          ...key,
          body: typed.body,
          ...(current?.subject !== null ? { subject: typed.subject || null } : {}),
        },
      }),
    enabled: !!current && typed.body.length > 0,
    retry: false,
  });
  if (!institution || list.isPending) return <Loading />;
  if (list.isError) return <ErrorBox error={list.error} />;
  const events = [...new Set(list.data.items.map((x) => x.event))];
  // a booking's messages go by e-mail, SMS and WhatsApp only: the channels offered follow the event
  const channelsOf = (event: string) => [
    ...new Set(list.data.items.filter((x) => x.event === event).map((x) => x.channel)),
  ];
  const path = `${base}/${key.event}/${key.channel}/${key.language}`;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api(path, { method: 'PUT', body: { body, ...(current?.subject !== null ? { subject } : {}) } });
      setMsg(t('staff.admin.saved'));
      await qc.invalidateQueries({ queryKey: ['ntpl', base] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const reset = async () => {
    await api(path, { method: 'DELETE' });
    await qc.invalidateQueries({ queryKey: ['ntpl', base] });
  };
  const sel = (
    id: string,
    label: string,
    value: string,
    options: string[],
    name: (o: string) => string,
    k: keyof typeof key,
  ) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const next = { ...key, [k]: e.target.value };
          if (!channelsOf(next.event).includes(next.channel)) next.channel = 'email';
          setKey(next);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {name(o)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <>
      <h1>{t('staff.msg.title')}</h1>
      <p className="muted">{localName(institution, i18n.language)}</p>
      <div className="filters">
        {sel(
          ids.ev,
          t('staff.msg.event'),
          key.event,
          events,
          (o) => t(`staff.msg.ev.${o}`, { defaultValue: o }),
          'event',
        )}
        {sel(
          ids.ch,
          t('staff.msg.channel'),
          key.channel,
          channelsOf(key.event),
          (o) => t(`channel.${o}`),
          'channel',
        )}
        {sel(ids.lg, t('staff.msg.language'), key.language, languages, (o) => t(`lang.${o}`), 'language')}
      </div>
      {current && (
        <div className="ws-grid">
          <form onSubmit={save}>
            <p>
              <span className={current.custom ? 'tag ok' : 'tag'}>
                {current.custom ? t('staff.msg.custom') : t('staff.msg.default')}
              </span>
            </p>
            {current.subject !== null && (
              <div className="field">
                <label htmlFor={ids.subj}>{t('staff.msg.subject')}</label>
                <input
                  id={ids.subj}
                  dir="auto"
                  value={subject}
                  onChange={(e) => setSubject(e.target.value)}
                />
              </div>
            )}
            <div className="field">
              <label htmlFor={ids.body}>{t('staff.msg.body')}</label>
              <p className="hint" id={`${ids.body}-h`}>
                {t('staff.msg.placeholders', { list: current.placeholders.map((p) => `{${p}}`).join(' ') })}
              </p>
              <textarea
                id={ids.body}
                dir="auto"
                rows={10}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                aria-describedby={`${ids.body}-h`}
                aria-invalid={!!error}
              />
            </div>
            {error && (
              <p className="alert error" role="alert">
                {error.message}
              </p>
            )}
            {msg && (
              <p className="alert info" role="status">
                {msg}
              </p>
            )}
            <div className="buttons">
              <button type="submit">{t('staff.msg.save')}</button>
              {current.custom && (
                <button type="button" className="secondary" onClick={reset}>
                  {t('staff.msg.reset')}
                </button>
              )}
            </div>
          </form>
          <section aria-labelledby="pv-h" className="panel">
            <h2 id="pv-h">{t('staff.msg.preview')}</h2>
            {preview.isError ? (
              <p className="alert error">{(preview.error as Error).message}</p>
            ) : preview.data ? (
              <div lang={key.language} dir={key.language === 'ar' ? 'rtl' : 'ltr'}>
                {preview.data.subject && (
                  <p>
                    <strong>{preview.data.subject}</strong>
                  </p>
                )}
                <p className="pre">{preview.data.text}</p>
                {preview.data.smsSegments !== null && (
                  <p className="muted">{t('staff.msg.segments', { count: preview.data.smsSegments })}</p>
                )}
              </div>
            ) : (
              <Loading />
            )}
          </section>
        </div>
      )}
    </>
  );
}
