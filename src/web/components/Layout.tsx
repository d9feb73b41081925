import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api.js';
import { type Lang, languages, setLanguage } from '../i18n.js';
import { useSession } from '../session.js';

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const signedIn = session.data?.account.kind === 'citizen';
  const staff = session.data?.account.kind === 'staff';
  const roles = session.data?.memberships.map((m) => m.role) ?? [];
  const overseer = (session.data?.scopes.length ?? 0) > 0;
  const signOut = async () => {
    await api('/api/auth/logout', { method: 'POST' });
    qc.setQueryData(['session'], null);
    await qc.invalidateQueries();
    navigate('/');
  };
  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="top">
        <div className="wrap top-row">
          <Link href="/" className="brand">
            <img src="/icon.svg" alt="" width="32" height="32" />
            <span>{t('app.name')}</span>
            {/* the visible name comes first in the link's name (WCAG 2.5.3, label in name) */}
            <span className="visually-hidden"> · {t('nav.home')}</span>
          </Link>
          <label className="lang">
            <span className="visually-hidden">{t('nav.language')}</span>
            <select value={i18n.language} onChange={(e) => setLanguage(e.target.value as Lang)}>
              {languages.map((l) => (
                <option key={l} value={l} lang={l}>
                  {t(`lang.${l}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <nav className="wrap nav" aria-label={t('app.name')}>
          <Link href="/guides">{t('nav.guides')}</Link>
          <Link href="/track">{t('nav.track')}</Link>
          {!staff && <Link href="/appointments">{t('appt.nav.book')}</Link>}
          {staff && (
            <>
              <Link href="/staff">{t('staff.nav.queue')}</Link>
              <Link href="/staff/desk">{t('staff.nav.desk')}</Link>
              <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
              <Link href="/staff/desk-queue">{t('appt.nav.deskQueue')}</Link>
              {(overseer ||
                roles.some((r) => r === 'supervisor' || r === 'institution_admin' || r === 'auditor')) && (
                <Link href="/staff/oversight">{t('staff.nav.oversight')}</Link>
              )}
              {roles.some((r) => r === 'supervisor' || r === 'institution_admin' || r === 'auditor') && (
                <Link href="/staff/stalled">{t('staff.nav.stalled')}</Link>
              )}
              {roles.includes('institution_admin') && <Link href="/staff/admin">{t('staff.nav.admin')}</Link>}
              {roles.includes('institution_admin') && (
                <Link href="/staff/admin/people">{t('people.nav')}</Link>
              )}
              {roles.includes('institution_admin') && (
                <Link href="/staff/messages">{t('staff.nav.messages')}</Link>
              )}
              {roles.includes('institution_admin') && (
                <Link href="/staff/appointments/setup">{t('setup.nav')}</Link>
              )}
              <Link href="/staff/correspondence">{t('staff.nav.mail')}</Link>
              <Link href="/staff/security">{t('staff.nav.security')}</Link>
            </>
          )}
          {signedIn || staff ? (
            <>
              {signedIn && <Link href="/cases">{t('nav.myCases')}</Link>}
              {signedIn && <Link href="/me">{t('nav.profile')}</Link>}
              <button type="button" className="linklike" onClick={signOut}>
                {t('nav.signOut')}
              </button>
            </>
          ) : (
            <Link href="/signin">{t('nav.signIn')}</Link>
          )}
        </nav>
      </header>
      <main id="main" className="wrap" tabIndex={-1}>
        {children}
      </main>
      <footer className="wrap foot">
        <p>{t('footer.about')}</p>
      </footer>
    </>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useTranslation();
  const detail = error instanceof Error && error.message ? error.message : t('common.error');
  return (
    <div className="alert error" role="alert">
      <p>{detail}</p>
      {retry && (
        <button type="button" onClick={retry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
