import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type MessageTemplate, type TemplatePreview } from '../../api.js';
import { Field } from '../../components/Field.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { useDebounced } from '../../hooks.js';
import { keyIn, languages, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { useStaffContext } from './useStaff.js';

type Tpl = MessageTemplate;
type Preview = TemplatePreview;

/** The institution admin rewords each message per event, channel and language, with a live preview. */
export default function StaffMessageTemplates() {
  const { t, i18n } = useTranslation();
  const { institution } = useStaffContext();
  const base = institution ? `/api/institutions/${institution.id}/notification-templates` : '';
  const [key, setKey] = useState({ event: 'receipt', channel: 'email', language: i18n.language });
  const list = useQuery({
    queryKey: keys.messageTemplates(base),
    queryFn: () => api<{ items: Tpl[] }>(base),
    enabled: !!institution,
  });
  const current = list.data?.items.find(
    (x) => x.event === key.event && x.channel === key.channel && x.language === key.language,
  );
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const ids = { ev: useId(), ch: useId(), lg: useId() };
  const changed = [keys.messageTemplates(base)];
  const saveAction = useAction({
    run: (path: string) =>
      api(path, { method: 'PUT', body: { body, ...(current?.subject !== null ? { subject } : {}) } }),
    invalidate: changed,
    successMessage: t('staff.admin.saved'),
  });
  const resetAction = useAction({
    run: (path: string) => api(path, { method: 'DELETE' }),
    invalidate: changed,
  });
  const msg = saveAction.notice;
  const error = saveAction.error ?? resetAction.error;
  const forget = saveAction.reset;
  useEffect(() => {
    if (current) {
      setSubject(current.subject ?? '');
      setBody(current.body);
      forget();
    }
  }, [current, forget]);
  const typed = useDebounced({ subject, body }, 400);
  const preview = useQuery({
    queryKey: keys.messagePreview(base, key, typed),
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
  const channelsOf = (event: string): string[] => [
    ...new Set(list.data.items.filter((x) => x.event === event).map((x) => x.channel)),
  ];
  const path = `${base}/${key.event}/${key.channel}/${key.language}`;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    saveAction.run(path);
  };
  const reset = () => resetAction.run(path);
  const sel = (
    id: string,
    label: string,
    value: string,
    options: string[],
    name: (o: string) => string,
    k: keyof typeof key,
  ) => (
    <Field id={id} label={label}>
      {(control) => (
        <select
          {...control}
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
      )}
    </Field>
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
          (o) => t(keyIn('channel.', o)),
          'channel',
        )}
        {sel(
          ids.lg,
          t('staff.msg.language'),
          key.language,
          languages,
          (o) => t(keyIn('lang.', o)),
          'language',
        )}
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
              <Field label={t('staff.msg.subject')}>
                {(control) => (
                  <input
                    {...control}
                    dir="auto"
                    value={subject}
                    onChange={(e) => setSubject(e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field
              label={t('staff.msg.body')}
              hint={t('staff.msg.placeholders', {
                list: current.placeholders.map((p) => `{${p}}`).join(' '),
              })}
            >
              {(control) => (
                <textarea
                  {...control}
                  dir="auto"
                  rows={10}
                  value={body}
                  onChange={(e) => setBody(e.target.value)}
                  // the refusal is said under the form
                  aria-invalid={!!error}
                />
              )}
            </Field>
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
              <button type="submit" {...saveAction.busyProps}>
                {t('staff.msg.save')}
              </button>
              {current.custom && (
                <button type="button" className="secondary" onClick={reset} {...resetAction.busyProps}>
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
