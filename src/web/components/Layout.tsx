import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { api } from '../api.js';
import { type Lang, languages, setLanguage, type WebKey } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { mayOpen, type StaffPage } from '../staff-access.js';
import { useAction } from '../useAction.js';

/** The staff menu, in order: each entry shows only for those who may open it. */
const staffLinks: [StaffPage, string, WebKey][] = [
  ['queue', '/staff', 'staff.nav.queue'],
  ['desk', '/staff/desk', 'staff.nav.desk'],
  ['appointments', '/staff/appointments', 'appt.nav.calendar'],
  ['deskQueue', '/staff/desk-queue', 'appt.nav.deskQueue'],
  ['oversight', '/staff/oversight', 'staff.nav.oversight'],
  ['satisfaction', '/staff/satisfaction', 'sat.nav'],
  ['stalled', '/staff/stalled', 'staff.nav.stalled'],
  ['admin', '/staff/admin', 'staff.nav.admin'],
  ['people', '/staff/admin/people', 'people.nav'],
  ['messages', '/staff/messages', 'staff.nav.messages'],
  ['setup', '/staff/appointments/setup', 'setup.nav'],
  ['correspondence', '/staff/correspondence', 'staff.nav.mail'],
  ['security', '/staff/security', 'staff.nav.security'],
];

/**
 * The window's title names the page: its main heading, then the product (« Suivre un dossier — Jisr »), kept
 * in step as pages and languages change, so that tabs, history and screen readers say where one is.
 */
function usePageTitle(product: string) {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const update = () => {
      const h1 = main.querySelector('h1')?.textContent?.trim();
      const title = h1 ? `${h1} — ${product}` : product;
      if (document.title !== title) document.title = title;
    };
    update();
    const watch = new MutationObserver(update);
    watch.observe(main, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [product]);
}

export function Layout({ children }: { children: ReactNode }) {
  const { t, i18n } = useTranslation();
  usePageTitle(t('app.name'));
  const session = useSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const signedIn = session.data?.account.kind === 'citizen';
  const staff = session.data?.account.kind === 'staff';
  const signOutAction = useAction({
    run: async () => {
      await api('/api/auth/logout', { method: 'POST' });
      qc.setQueryData(keys.session(), null);
    },
    invalidate: [keys.all()],
    onDone: () => navigate('/'),
  });
  const signOut = () => signOutAction.run();
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
          {staffLinks
            .filter(([page]) => mayOpen(session.data, page))
            .map(([page, href, label]) => (
              <Link key={page} href={href}>
                {t(label)}
              </Link>
            ))}
          {signedIn || staff ? (
            <>
              {signedIn && <Link href="/cases">{t('nav.myCases')}</Link>}
              {signedIn && <Link href="/mandates">{t('mandate.nav')}</Link>}
              {signedIn && <Link href="/me">{t('nav.profile')}</Link>}
              <button type="button" className="linklike" onClick={signOut} {...signOutAction.busyProps}>
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
        <p>
          <Link href="/figures">{t('fig.nav')}</Link> · <Link href="/open-data">{t('od.title')}</Link>
        </p>
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
