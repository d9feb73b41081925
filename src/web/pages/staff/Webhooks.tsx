import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Webhook, type WebhookDelivery, type WebhookWithSecret } from '../../api.js';
import { DataTable } from '../../components/DataTable.js';
import { LineField } from '../../components/Field.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { useConfirm } from '../../components/useConfirm.js';
import { formatDate, keyIn } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

const events = [
  'case.filed',
  'case.acknowledged',
  'case.transferred',
  'case.info_requested',
  'case.replied',
  'case.closed',
  'case.escalated',
  'appointment.booked',
  'appointment.cancelled',
] as const;
const eventKey = (e: string) => keyIn('staff.hooks.event.', e.replace('.', '_'));

/** The last deliveries of one subscription: what was sent, how it went, when it is tried again. */
function Deliveries({ url }: { url: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useQuery({
    queryKey: keys.webhookDeliveries(url),
    queryFn: () => api<{ items: WebhookDelivery[] }>(`${url}/deliveries?limit=20`),
  });
  if (list.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (!list.data?.items.length) return <p className="muted">{t('staff.hooks.noDelivery')}</p>;
  return (
    <DataTable
      label={t('staff.hooks.deliveries')}
      columns={[
        t('staff.hooks.col.event'),
        t('staff.hooks.col.status'),
        t('staff.hooks.col.attempts'),
        t('staff.hooks.col.answer'),
        t('staff.hooks.col.when'),
      ]}
      rows={list.data.items}
      row={(d) => (
        <tr key={d.id}>
          <td>{d.event === 'webhook.test' ? t('staff.hooks.testEvent') : t(eventKey(d.event))}</td>
          <td>{t(keyIn('staff.hooks.status.', d.status))}</td>
          <td>{d.attempts}</td>
          <td dir="ltr">{d.lastStatusCode ?? d.lastError ?? '—'}</td>
          <td>
            {d.deliveredAt
              ? formatDate(d.deliveredAt, lang, true)
              : d.nextAttemptAt
                ? t('staff.hooks.nextTry', { date: formatDate(d.nextAttemptAt, lang, true) })
                : '—'}
          </td>
        </tr>
      )}
    />
  );
}

/**
 * The institution administrator's webhooks: an address of another system that receives the body's events,
 * signed; the secret shown once (and again when replaced); pause, resume, a test event, the deliveries.
 */
export function Webhooks({ base }: { base: string }) {
  const { t } = useTranslation();
  const url = `${base}/webhooks`;
  const list = useQuery({ queryKey: keys.webhooks(url), queryFn: () => api<{ items: Webhook[] }>(url) });
  const [address, setAddress] = useState('');
  const [chosen, setChosen] = useState<string[]>(['case.filed']);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const stale = [keys.webhooks(url)];
  const add = useAction({
    run: () => api<WebhookWithSecret>(url, { method: 'POST', body: { url: address, events: chosen } }),
    invalidate: stale,
    onDone: (answer) => {
      setSecret((answer as WebhookWithSecret).secret);
      setAddress('');
    },
    successMessage: t('staff.hooks.made'),
  });
  const act = useAction({
    run: ({ w, verb }: { w: Webhook; verb: 'pause' | 'resume' | 'test' }) =>
      api(`${url}/${w.id}/${verb}`, { method: 'POST', body: {} }),
    invalidate: (_, { w }) => [...stale, keys.webhookDeliveries(`${url}/${w.id}`)],
    successMessage: t('staff.hooks.done'),
  });
  const { ask, dialog } = useConfirm();
  const rotate = (w: Webhook) =>
    ask({
      title: t('staff.hooks.rotateConfirm'),
      message: t('staff.hooks.rotateWarning'),
      label: t('staff.hooks.rotate', { url: w.url }),
      danger: true,
      invalidate: stale,
      run: async () =>
        setSecret(
          (await api<WebhookWithSecret>(`${url}/${w.id}/rotate-secret`, { method: 'POST', body: {} })).secret,
        ),
    });
  const remove = (w: Webhook) =>
    ask({
      title: t('staff.hooks.deleteConfirm'),
      label: t('staff.hooks.delete', { url: w.url }),
      danger: true,
      invalidate: stale,
      run: () => api(`${url}/${w.id}`, { method: 'DELETE' }),
    });
  const error = add.error ?? act.error;
  return (
    <section aria-labelledby="hooks-h">
      <h2 id="hooks-h">{t('staff.hooks.title')}</h2>
      <p className="muted">{t('staff.hooks.lead')}</p>
      <LiveNotice text={add.notice || act.notice} />
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {secret && (
        <div className="alert" role="status">
          <p>
            <strong>{t('staff.hooks.once')}</strong>
          </p>
          <p>
            <code dir="ltr" className="secret-code">
              {secret}
            </code>
          </p>
          <p className="muted">{t('staff.hooks.howToCheck')}</p>
          <button type="button" className="secondary" onClick={() => setSecret(null)}>
            {t('staff.keys.copied')}
          </button>
        </div>
      )}
      {list.isPending && <p className="muted">{t('common.loading')}</p>}
      {list.data?.items.length === 0 && <p className="muted">{t('staff.hooks.empty')}</p>}
      <ul className="list">
        {list.data?.items.map((w) => (
          <li key={w.id}>
            <code dir="ltr">{w.url}</code>{' '}
            <span className={w.status === 'paused' ? 'tag late' : 'tag'}>
              {t(keyIn('staff.hooks.state.', w.status))}
            </span>
            <div>
              {w.events.map((e) => (
                <span key={e} className="tag">
                  {t(eventKey(e))}
                </span>
              ))}
            </div>
            <p className="links-row">
              {/* the address is in each name for screen readers; on screen it stands once, above */}
              <button
                type="button"
                className="linklike"
                aria-label={t('staff.hooks.test', { url: w.url })}
                onClick={() => act.run({ w, verb: 'test' })}
              >
                {t('staff.hooks.testShort')}
              </button>
              <button
                type="button"
                className="linklike"
                aria-label={t(w.status === 'paused' ? 'staff.hooks.resume' : 'staff.hooks.pause', {
                  url: w.url,
                })}
                onClick={() => act.run({ w, verb: w.status === 'paused' ? 'resume' : 'pause' })}
              >
                {t(w.status === 'paused' ? 'staff.hooks.resumeShort' : 'staff.hooks.pauseShort')}
              </button>
              <button
                type="button"
                className="linklike"
                aria-label={t('staff.hooks.rotate', { url: w.url })}
                onClick={() => rotate(w)}
              >
                {t('staff.hooks.rotateShort')}
              </button>
              <button
                type="button"
                className="linklike"
                aria-label={t('staff.hooks.delete', { url: w.url })}
                onClick={() => remove(w)}
              >
                {t('staff.hooks.deleteShort')}
              </button>
              <button
                type="button"
                className="linklike"
                aria-expanded={open === w.id}
                onClick={() => setOpen(open === w.id ? null : w.id)}
              >
                {t('staff.hooks.deliveries')}
              </button>
            </p>
            {open === w.id && <Deliveries url={`${url}/${w.id}`} />}
          </li>
        ))}
      </ul>
      <form
        className="narrow"
        onSubmit={(e) => {
          e.preventDefault();
          add.run();
        }}
      >
        <LineField
          label={t('staff.hooks.url')}
          dir="ltr"
          value={address}
          error={add.error?.field('url')}
          onChange={setAddress}
          required
        />
        <fieldset>
          <legend>{t('staff.hooks.events')}</legend>
          {events.map((e) => (
            <div key={e} className="field">
              <label>
                <input
                  type="checkbox"
                  checked={chosen.includes(e)}
                  onChange={(ev) =>
                    setChosen(ev.target.checked ? [...chosen, e] : chosen.filter((x) => x !== e))
                  }
                />{' '}
                {t(eventKey(e))}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" {...add.busyProps}>
          {t('staff.hooks.add')}
        </button>
      </form>
      {dialog}
    </section>
  );
}
