import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import type * as open311 from '../../modules/open311/contract.js';
import type { Answer } from '../../shared/contract.js';
import { api } from '../api.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { formatDate } from '../i18n.js';
import { useAction } from '../useAction.js';

type Confirmation = Answer<typeof open311.confirmation>;

/**
 * The link of the e-mail sent when another system (a city app, through Open311) filed a request for the
 * person: they read what would be filed and confirm it with a button. Opening the link does nothing by
 * itself, since mail scanners open links too. No sign-in: the link is the proof.
 */
export default function ConfirmRequest() {
  const { secret } = useParams<{ secret: string }>();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const key = ['open311-confirmation', secret, lang] as const;
  const url = `/api/open311/confirmations/${encodeURIComponent(secret)}`;
  const q = useQuery({ queryKey: key, queryFn: () => api<Confirmation>(url), retry: false });
  const confirm = useAction({
    run: () => api<Confirmation>(`${url}/confirm`, { method: 'POST' }),
    onDone: (c) => qc.setQueryData(key, c),
  });
  return (
    <section className="narrow" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{t('confirmRequest.title')}</h1>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <ErrorBox error={q.error} />
      ) : (
        <Details c={q.data} lang={lang} />
      )}
      {confirm.error && (
        <p className="alert error" role="alert">
          {confirm.error.message}
        </p>
      )}
      {q.data?.status === 'pending' && (
        <>
          <p>{t('confirmRequest.question')}</p>
          <button type="button" id="confirm-request" onClick={() => confirm.run()} {...confirm.busyProps}>
            {t('confirmRequest.confirm')}
          </button>
          <p className="muted">{t('confirmRequest.ignore')}</p>
        </>
      )}
      <p>
        <Link href="/cases">{t('nav.myCases')}</Link>
      </p>
    </section>
  );
}

function Details({ c, lang }: { c: Confirmation; lang: string }) {
  const { t } = useTranslation();
  return (
    <>
      {c.status === 'confirmed' && (
        <div className="alert info" role="status">
          <h2>{t('confirmRequest.done')}</h2>
          <p>
            {t('confirmRequest.doneHint')}{' '}
            <bdi dir="ltr" className="nowrap">
              {c.trackingNumber}
            </bdi>
          </p>
        </div>
      )}
      {c.status === 'expired' && (
        <div className="alert error" role="alert">
          <p>{t('confirmRequest.expired')}</p>
        </div>
      )}
      {c.status === 'pending' && <p>{t('confirmRequest.lead', { app: c.app, body: c.institution })}</p>}
      <dl className="facts">
        <dt>{t('confirmRequest.body')}</dt>
        <dd>{c.institution}</dd>
        <dt>{t('confirmRequest.service')}</dt>
        <dd>{c.service}</dd>
        <dt>{t('confirmRequest.app')}</dt>
        <dd>{c.app}</dd>
        {c.name && (
          <>
            <dt>{t('confirmRequest.name')}</dt>
            <dd>{c.name}</dd>
          </>
        )}
        {c.email && (
          <>
            <dt>{t('confirmRequest.email')}</dt>
            <dd>
              <bdi dir="ltr">{c.email}</bdi>
            </dd>
          </>
        )}
        {c.description && (
          <>
            <dt>{t('confirmRequest.description')}</dt>
            <dd className="pre">{c.description}</dd>
          </>
        )}
        {c.fields.map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </Fragment>
        ))}
        {c.status === 'pending' && (
          <>
            <dt>{t('confirmRequest.until')}</dt>
            <dd>{formatDate(c.expiresAt, lang, true)}</dd>
          </>
        )}
      </dl>
    </>
  );
}
