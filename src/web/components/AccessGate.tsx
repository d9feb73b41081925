import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Redirect, useLocation, useSearch } from 'wouter';
import type { WebKey } from '../i18n.js';
import { useSession } from '../session.js';
import { mayOpen, type StaffPage } from '../staff-access.js';
import { ErrorBox, Loading } from './Layout.js';

/** Sends a signed-out visitor to the sign-in form, which brings them back here afterwards. */
export function SignInRedirect() {
  const [location] = useLocation();
  const search = useSearch();
  const here = location + (search ? `?${search}` : '');
  return <Redirect to={`/signin?next=${encodeURIComponent(here)}`} replace />;
}

/** Why a page does not open for this person, and where to go instead. */
export function Refusal({ staff, why }: { staff: boolean; why?: WebKey }) {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <h1>{t('access.refused.title')}</h1>
      <p role="alert">{t(staff ? (why ?? 'access.refused.role') : 'access.refused.staffOnly')}</p>
      <p>
        <Link href={staff ? '/staff' : '/'}>
          {t(staff ? 'access.refused.toQueue' : 'access.refused.toHome')}
        </Link>
      </p>
    </section>
  );
}

/**
 * A staff page as the route table shows it: loading while the session is read, the sign-in form for a
 * visitor, a clear refusal for a role the page is not for, the second-factor setup when it is required and
 * missing, and only then the page. `why` names the refusal's reason when the page has its own.
 */
export function staffPage(page: StaffPage, Page: ComponentType, why?: WebKey) {
  return function GuardedStaffPage() {
    const session = useSession();
    if (session.isPending) return <Loading />;
    if (session.isError) return <ErrorBox error={session.error} retry={() => session.refetch()} />;
    if (!session.data) return <SignInRedirect />;
    const account = session.data.account;
    if (account.kind !== 'staff') return <Refusal staff={false} />;
    if (page !== 'security' && account.totpRequired && !account.totpEnabled)
      return <Redirect to="/staff/security" replace />;
    if (!mayOpen(session.data, page)) return <Refusal staff why={why} />;
    return <Page />;
  };
}
