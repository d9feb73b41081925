import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { api, type Mandate } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { MandateSummary } from '../components/MandateBits.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';

/** The invitation's link: the relative, signed in with the invited address, reads the mandate and accepts it. */
export default function AcceptMandate() {
  const { id } = useParams<{ id: string }>();
  const { t } = useTranslation();
  const session = useSession();
  const m = useQuery({
    queryKey: keys.mandate(id),
    queryFn: () => api<Mandate>(`/api/mandates/${id}`),
    enabled: !!session.data,
    retry: false,
  });
  const accept = useAction({
    run: () => api<Mandate>(`/api/mandates/${id}/accept`, { method: 'POST' }),
    invalidate: [keys.mandate(id), keys.myMandates(), keys.myCases()],
    successMessage: t('mandate.acceptPage.done'),
  });
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (m.isPending) return <Loading />;
  if (m.isError) return <ErrorBox error={m.error} />;
  const k = m.data;
  return (
    <section className="narrow">
      <h1>{t('mandate.acceptPage.title')}</h1>
      <p>{t('mandate.acceptPage.lead', { name: k.mandator.name })}</p>
      <div className="panel">
        <MandateSummary m={k} />
      </div>
      {accept.error && (
        <p className="alert error" role="alert">
          {accept.error.message}
        </p>
      )}
      {accept.notice && (
        <p className="alert info" role="status">
          {accept.notice}
        </p>
      )}
      {k.status === 'pending' && (
        <button type="button" id="accept-mandate" onClick={() => accept.run()} {...accept.busyProps}>
          {t('mandate.accept')}
        </button>
      )}
      {k.status === 'active' && k.case && (
        <p>
          <Link className="button" href={`/cases/${k.case.id}`}>
            {t('mandate.openCase')}
          </Link>
        </p>
      )}
      <p>
        <Link href="/mandates">{t('mandate.acceptPage.list')}</Link>
      </p>
    </section>
  );
}
