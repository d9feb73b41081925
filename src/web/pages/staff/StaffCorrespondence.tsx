import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type CallTask, type LetterBatch, type LetterSummary, type Notification } from '../../api.js';
import { Loading } from '../../components/Layout.js';
import { Loaded } from '../../components/Loaded.js';
import { formatDate, keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { useStaffContext } from './useStaff.js';

type Letter = LetterSummary;
type Batch = LetterBatch;
type Note = Notification;

/** The correspondence desk: calls to make (phone replies), letters to print and post, messages that failed. */
export default function StaffCorrespondence() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { institution, session } = useStaffContext();
  const base = institution ? `/api/institutions/${institution.id}` : '';
  const isAdmin = session.data?.memberships.some(
    (m) => m.institutionId === institution?.id && m.role === 'institution_admin',
  );
  const calls = useQuery({
    queryKey: keys.calls(base),
    queryFn: () => api<{ items: CallTask[] }>(`${base}/call-tasks`),
    enabled: !!institution && !isAdmin,
  });
  const letters = useQuery({
    queryKey: keys.letters(base),
    queryFn: () => api<{ items: Letter[] }>(`${base}/letters?status=queued`),
    enabled: !!institution && !isAdmin,
  });
  const batches = useQuery({
    queryKey: keys.batches(base),
    queryFn: () => api<{ items: Batch[] }>(`${base}/letter-batches`),
    enabled: !!institution && !isAdmin,
  });
  const dead = useQuery({
    queryKey: keys.deadLetters(base),
    queryFn: () => api<{ items: Note[] }>(`${base}/notifications?status=dead`),
    enabled: !!institution && !!isAdmin,
  });
  const action = useAction({
    run: (fn: () => Promise<unknown>) => fn(),
    invalidate: [keys.letters(base), keys.calls(base), keys.batches(base), keys.deadLetters(base)],
  });
  const { error, run } = action;
  if (!institution) return <Loading />;
  const tomorrowTen = () => {
    const d = new Date(Date.now() + 86_400_000);
    d.setUTCHours(9, 0, 0, 0);
    return d.toISOString();
  };
  return (
    <>
      <h1>{t('staff.mail.title', { body: localName(institution, lang) })}</h1>
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {isAdmin ? (
        <section aria-labelledby="dead-h">
          <h2 id="dead-h">{t('staff.mail.dead')}</h2>
          <Loaded query={dead} empty={t('staff.mail.noDead')}>
            {(data) => (
              <ul className="list">
                {data.items.map((n) => (
                  <li key={n.id}>
                    <span className="tag">{t(keyIn('channel.', n.channel))}</span> <bdi dir="ltr">{n.to}</bdi>{' '}
                    — <span dir="auto">{n.subject}</span>
                    <small className="muted"> {n.lastError}</small>
                    <button
                      type="button"
                      className="secondary"
                      onClick={() =>
                        run(() => api(`${base}/notifications/${n.id}/retry`, { method: 'POST' }))
                      }
                    >
                      {t('staff.mail.retry')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </Loaded>
        </section>
      ) : (
        <>
          <section aria-labelledby="calls-h">
            <h2 id="calls-h">{t('staff.mail.calls')}</h2>
            <Loaded query={calls} empty={t('staff.mail.noCalls')}>
              {(data) => (
                <ul className="case-list">
                  {data.items.map((c) => (
                    <li key={c.id}>
                      <p>
                        <a href={`tel:${c.phone}`}>
                          <bdi dir="ltr">{c.phone}</bdi>
                        </a>{' '}
                        <span className="tag">{t(keyIn('lang.', c.language))}</span>{' '}
                        <span className="muted">{formatDate(c.callAt, lang, true)}</span>
                      </p>
                      <details>
                        <summary>{t('staff.mail.script')}</summary>
                        <p className="pre" dir="auto">
                          {c.script}
                        </p>
                      </details>
                      <div className="buttons">
                        {(['reached', 'no_answer', 'wrong_number'] as const).map((o) => (
                          <button
                            key={o}
                            type="button"
                            className={o === 'reached' ? '' : 'secondary'}
                            onClick={() =>
                              run(() =>
                                api(`/api/call-tasks/${c.id}/outcome`, {
                                  method: 'POST',
                                  body: { outcome: o },
                                }),
                              )
                            }
                          >
                            {t(`staff.mail.outcome.${o}`)}
                          </button>
                        ))}
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            run(() =>
                              api(`/api/call-tasks/${c.id}/outcome`, {
                                method: 'POST',
                                body: { outcome: 'call_back', callBackAt: tomorrowTen() },
                              }),
                            )
                          }
                        >
                          {t('staff.mail.outcome.call_back')}
                        </button>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Loaded>
          </section>
          <section aria-labelledby="letters-h">
            <h2 id="letters-h">{t('staff.mail.letters')}</h2>
            {letters.data?.items.length ? (
              <>
                <ul className="list">
                  {letters.data.items.map((l) => (
                    <li key={l.id}>
                      <bdi dir="ltr">{l.reference}</bdi> — <span dir="auto">{l.recipientName}</span> (
                      {l.country}){' '}
                      <a href={`/api/letters/${l.id}/pdf`} target="_blank" rel="noreferrer">
                        PDF
                      </a>
                    </li>
                  ))}
                </ul>
                <button
                  type="button"
                  onClick={() => run(() => api(`${base}/letter-batches`, { method: 'POST' }))}
                >
                  {t('staff.mail.batchNow')}
                </button>
              </>
            ) : (
              <p className="empty">{t('staff.mail.noLetters')}</p>
            )}
            {!!batches.data?.items.length && (
              <>
                <h3>{t('staff.mail.batches')}</h3>
                <ul className="list">
                  {batches.data.items.map((b) => (
                    <li key={b.id}>
                      <span>{formatDate(b.createdAt, lang, true)}</span>{' '}
                      <a href={`/api/letter-batches/${b.id}/letters.pdf`} target="_blank" rel="noreferrer">
                        {t('staff.mail.letterPdf')}
                      </a>{' '}
                      <a href={`/api/letter-batches/${b.id}/cover.pdf`} target="_blank" rel="noreferrer">
                        {t('staff.mail.coverPdf')}
                      </a>{' '}
                      {b.postedAt ? (
                        <span className="tag ok">{t('staff.mail.posted')}</span>
                      ) : (
                        <button
                          type="button"
                          className="secondary"
                          onClick={() =>
                            run(() => api(`/api/letter-batches/${b.id}/posted`, { method: 'POST' }))
                          }
                        >
                          {t('staff.mail.markPosted')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}
