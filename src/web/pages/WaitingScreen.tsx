import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'wouter';
import { api, type WaitingScreen as Screen } from '../api.js';
import { appointments as texts } from '../locales/appointments.js';
import { keys } from '../query-keys.js';

const REFRESH_MS = 4000;

/**
 * The waiting-room screen, for a television: the tickets called and their counters, the next ones, in
 * Arabic and French side by side, in large type. Ticket codes and counters only: no names.
 */
export default function WaitingScreen() {
  const { institutionId } = useParams<{ institutionId: string }>();
  const screen = useQuery({
    queryKey: keys.waitingScreen(institutionId),
    queryFn: () => api<Screen>(`/api/appointments/queue/screen/${institutionId}`),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: true,
    retry: true,
  });
  const data = screen.data;
  useEffect(() => {
    if (data) document.title = `${data.labels.fr.title} — ${data.institution.nameFr}`;
  }, [data]);
  const side = (lang: 'ar' | 'fr') => {
    const l = data!.labels[lang];
    return (
      <section
        lang={lang}
        dir={lang === 'ar' ? 'rtl' : 'ltr'}
        className="screen-side"
        aria-labelledby={`screen-${lang}`}
      >
        <h2 id={`screen-${lang}`}>
          {l.title}
          <span className="screen-body">
            {lang === 'ar' ? data!.institution.nameAr : data!.institution.nameFr}
          </span>
        </h2>
        <p className="screen-label">{l.nowServing}</p>
        {data!.called.length === 0 ? (
          <p className="screen-empty">{texts[lang]['appt.screen.empty']}</p>
        ) : (
          <table className="screen-table">
            <thead>
              <tr>
                <th scope="col">{l.ticket}</th>
                <th scope="col">{l.counter}</th>
              </tr>
            </thead>
            <tbody>
              {data!.called.map((c, i) => (
                <tr key={`${c.ticket}-${c.calledAt}`} className={i === 0 ? 'latest' : undefined}>
                  <td>
                    <bdi dir="ltr">{c.ticket}</bdi>
                  </td>
                  <td>
                    <bdi dir="auto">{c.counter}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="screen-label">{l.next}</p>
        <p className="screen-next">
          {data!.next.length === 0
            ? '—'
            : data!.next.map((n) => (
                <bdi key={n} dir="ltr">
                  {n}
                </bdi>
              ))}
        </p>
        <p className="screen-waiting">{l.waiting}</p>
      </section>
    );
  };
  return (
    <main id="main" className="screen">
      <h1 className="visually-hidden">
        <span lang="ar">{texts.ar['appt.screen.title']}</span> /{' '}
        <span lang="fr">{texts.fr['appt.screen.title']}</span>
      </h1>
      {!data ? (
        <p className="screen-empty" role="status">
          <span lang="ar">{texts.ar['appt.screen.loading']}</span> ·{' '}
          <span lang="fr">{texts.fr['appt.screen.loading']}</span>
        </p>
      ) : (
        <>
          <div className="screen-announce" role="status" aria-live="polite" data-testid="screen-announcement">
            {data.announcement ? (
              <>
                <p lang="ar" dir="rtl">
                  {data.announcement.ar}
                </p>
                <p lang="fr" dir="ltr">
                  {data.announcement.fr}
                </p>
              </>
            ) : (
              <p>
                <span lang="ar">{texts.ar['appt.screen.empty']}</span> ·{' '}
                <span lang="fr">{texts.fr['appt.screen.empty']}</span>
              </p>
            )}
          </div>
          <div className="screen-grid">
            {side('ar')}
            {side('fr')}
          </div>
          {screen.isError && (
            <p className="screen-offline">
              <span lang="ar">{texts.ar['appt.screen.offline']}</span> ·{' '}
              <span lang="fr">{texts.fr['appt.screen.offline']}</span>
            </p>
          )}
        </>
      )}
    </main>
  );
}
