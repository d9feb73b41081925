import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { api, type CaseView, downloadReceipt } from '../api.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { formatDate } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';

export default function Receipt() {
  const { id } = useParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const session = useSession();
  const stored = sessionStorage.getItem(`jisr-receipt-${id}`);
  const receipt = stored
    ? (JSON.parse(stored) as { trackingNumber: string; accessCode: string; dueAt: string })
    : null;
  const c = useQuery({ queryKey: keys.case(id), queryFn: () => api<CaseView>(`/api/cases/${id}`) });
  const downloadPdf = () => downloadReceipt(id, c.data?.trackingNumber ?? 'jisr', receipt?.accessCode);
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorBox error={c.error} />;
  return (
    <section className="receipt">
      <h1>{t('receipt.title')}</h1>
      <dl className="big">
        <dt>{t('receipt.number')}</dt>
        <dd dir="ltr" data-testid="tracking-number">
          {c.data.trackingNumber}
        </dd>
        {receipt && (
          <>
            <dt>{t('receipt.code')}</dt>
            <dd dir="ltr" data-testid="access-code">
              {receipt.accessCode}
            </dd>
          </>
        )}
      </dl>
      {/* the code is kept sealed after this first showing: a new tab or a reload says where to find it */}
      <p>{receipt ? t('receipt.keep') : t('receipt.codeElsewhere')}</p>
      <p>
        <strong>{t('receipt.due', { date: formatDate(c.data.dueAt, i18n.language) })}</strong>
      </p>
      <div className="buttons no-print">
        <button type="button" className="secondary" onClick={downloadPdf}>
          {t('receipt.pdf')}
        </button>
        <button type="button" className="secondary" onClick={() => window.print()}>
          {t('receipt.print')}
        </button>
        <Link className="button" href={`/cases/${id}`}>
          {t('receipt.open')}
        </Link>
      </div>
      {session.data && !session.data.account.hasPassword && (
        <p className="no-print">
          <Link href="/me">{t('receipt.createAccount')}</Link>
        </p>
      )}
    </section>
  );
}
