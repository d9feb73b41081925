import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type FollowUpList } from '../../api.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { formatDate, formatNumber } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

type Item = FollowUpList['items'][number];

/** The follow-ups of low ratings at a body: those to do (oldest first) and those done; a supervisor closes one. */
export function FollowUps({ institutionId, mayClose }: { institutionId: string; mayClose: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [closing, setClosing] = useState<Item | null>(null);
  const [note, setNote] = useState('');
  const noteId = useId();
  const list = useQuery({
    queryKey: [...keys.followUps(institutionId), status],
    queryFn: () => api<FollowUpList>(`/api/institutions/${institutionId}/follow-ups?status=${status}`),
  });
  const close = useAction({
    run: (item: Item) =>
      api(`/api/institutions/${institutionId}/follow-ups/${item.id}/done`, {
        method: 'POST',
        body: { outcomeNote: note },
      }),
    invalidate: [keys.followUps(institutionId)],
    onDone: () => {
      setClosing(null);
      setNote('');
    },
    successMessage: t('fu.closedNotice'),
  });
  return (
    <section aria-labelledby="fu-h">
      <h2 id="fu-h">{t('fu.title')}</h2>
      <fieldset className="tabs">
        <legend className="visually-hidden">{t('fu.status')}</legend>
        {(['open', 'done'] as const).map((s) => (
          <button key={s} type="button" aria-pressed={status === s} onClick={() => setStatus(s)}>
            {t(`fu.${s}`)}
          </button>
        ))}
      </fieldset>
      <LiveNotice text={close.notice} />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty">{t(status === 'open' ? 'fu.none' : 'fu.noneDone')}</p>
      ) : (
        <ul className="case-list" data-testid="follow-ups">
          {list.data.items.map((f) => (
            <li key={f.id}>
              <Link href={`/staff/cases/${f.caseId}`}>
                <span className="tracking">
                  <bdi dir="ltr">{f.trackingNumber}</bdi>
                </span>{' '}
                <strong>
                  <bdi>{f.subject}</bdi>
                </strong>
              </Link>
              <div className="meta">
                <span className="tag late">{t('sat.scoreOf', { score: formatNumber(f.score, lang) })}</span>
                <span className="muted">
                  {t('fu.opened')} {formatDate(f.openedAt, lang)}
                </span>
              </div>
              {f.doneAt ? (
                <p>
                  <span className="muted">
                    {t('fu.closedBy', { name: f.doneByName ?? '—', date: formatDate(f.doneAt, lang) })}
                  </span>
                  <br />
                  <bdi>{f.outcomeNote}</bdi>
                </p>
              ) : (
                mayClose && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      close.reset();
                      setNote('');
                      setClosing(f);
                    }}
                  >
                    {t('fu.markDone')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
      )}
      {closing && (
        <ConfirmDialog
          title={t('fu.confirmTitle', { tracking: closing.trackingNumber })}
          message={t('fu.confirmMessage')}
          confirmLabel={t('fu.confirm')}
          busy={close.busy}
          error={close.error ? (close.error.field('outcomeNote') ?? close.error.message) : null}
          onConfirm={() => close.run(closing)}
          onCancel={() => setClosing(null)}
        >
          <div className="field">
            <label htmlFor={noteId}>{t('fu.outcome')}</label>
            <textarea
              id={noteId}
              rows={4}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              aria-invalid={close.error?.field('outcomeNote') ? true : undefined}
            />
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}
