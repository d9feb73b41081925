import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'wouter';
import { partsOf } from '../../shared/reply-parts.js';
import { type Attachment, api, type CaseView, type RatingAnswer, uploadFile } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { CaseAccesses } from '../components/CaseAccesses.js';
import { CaseSubject, StateBadge } from '../components/CaseBits.js';
import { CaseHops } from '../components/CaseHops.js';
import { CaseLadder } from '../components/CaseLadder.js';
import { Field } from '../components/Field.js';
import { FilePicker } from '../components/FilePicker.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { LegacyNote } from '../components/LegacyFiling.js';
import { mandateRef } from '../components/MandateBits.js';
import { PaperLink } from '../components/PaperLink.js';
import { ReplyParts } from '../components/ReplyParts.js';
import { Timeline } from '../components/Timeline.js';
import { useConfirm } from '../components/useConfirm.js';
import { VoiceRecorder } from '../components/VoiceRecorder.js';
import { formatDate, formatFileSize } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';

export default function CasePage() {
  const { id } = useParams<{ id: string }>();
  const { t, i18n } = useTranslation();
  const session = useSession();
  const c = useQuery({
    queryKey: keys.case(id),
    queryFn: () => api<CaseView>(`/api/cases/${id}`),
    enabled: !!session.data,
  });
  const files = useQuery({
    queryKey: keys.caseFiles(id),
    queryFn: () => api<{ items: Attachment[] }>(`/api/cases/${id}/attachments`),
    enabled: !!session.data,
  });
  const rating = useQuery({
    queryKey: keys.caseRating(id),
    queryFn: () => api<RatingAnswer>(`/api/cases/${id}/rating`),
    // the rating is the person's own: a relative acting under a mandate neither reads nor gives it
    enabled: !!session.data && !!c.data && !c.data.underMandate,
  });
  // every change of the case: the case (with its papers and rating) and the list of cases are read again
  const changed = [keys.case(id), keys.myCases()];
  const action = useAction({ run: (fn: () => Promise<unknown>) => fn(), invalidate: changed });
  const { error, busy, run } = action;
  const { ask, dialog } = useConfirm();
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (c.isPending) return <Loading />;
  if (c.isError) return <ErrorBox error={c.error} />;
  const k = c.data;
  const lang = i18n.language;
  const act = (action: string, reason?: string) =>
    api(`/api/cases/${id}/actions`, { method: 'POST', body: { action, version: k.version, reason } });
  const asked = [...k.timeline].reverse().find((e) => e.type === 'info_requested');
  const answer = [...k.timeline].reverse().find((e) => e.type === 'reply_approved');
  const can = (a: CaseView['availableActions'][number]) => k.availableActions.includes(a);

  return (
    <article>
      <p className="tracking">
        <bdi dir="ltr">{k.trackingNumber}</bdi>
      </p>
      <h1>
        <CaseSubject c={k} />
      </h1>
      <p>
        <StateBadge state={k.state} />{' '}
        <span className="muted">{t('case.filedOn', { date: formatDate(k.createdAt, lang) })}</span> ·{' '}
        <span className="muted">{t('cases.due', { date: formatDate(k.dueAt, lang) })}</span>
      </p>
      {k.underMandate && (
        <p className="alert info" id="under-mandate">
          {t('mandate.banner', { name: k.underMandate.forName, ref: mandateRef(k.underMandate.id) })}
        </p>
      )}
      {k.legacy && <LegacyNote legacy={k.legacy} />}
      {k.overdue && (
        <p className="alert late" role="status">
          {t('cases.lateLong', { date: formatDate(k.dueAt, lang) })}
        </p>
      )}
      {k.anonymisedAt && (
        <p className="alert info" role="status">
          {t('case.anonymised.notice', { date: formatDate(k.anonymisedAt, lang) })}
        </p>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}

      {can('citizen_reply') && asked && (
        <AnswerBox
          question={asked.reason ?? ''}
          busy={busy}
          onSend={(text, add) =>
            run(async () => {
              for (const f of add) await uploadFile(id, f, () => undefined);
              await act('citizen_reply', text);
            })
          }
        />
      )}

      {answer?.reason && (
        <section className="panel reply" aria-labelledby="reply-title">
          <h2 id="reply-title">{t('case.reply.title')}</h2>
          {/* part by part under its headings; a reply approved before the parts existed, as written */}
          {partsOf(answer.data) ? (
            <ReplyParts parts={partsOf(answer.data)!} />
          ) : (
            <p className="pre" dir="auto">
              {answer.reason}
            </p>
          )}
          {(!k.underMandate || k.underMandate.actions.includes('collect')) && (
            <p>
              <a id="reply-letter" className="button secondary" href={`/api/cases/${id}/reply.pdf`} download>
                {t('case.reply.letter')}
              </a>
            </p>
          )}
        </section>
      )}

      {['answered', 'ready', 'closed'].includes(k.state) &&
        !k.anonymisedAt &&
        rating.data &&
        (rating.data.rating ? (
          <p className="alert info">{t('case.rate.thanks', { score: rating.data.rating.score })}</p>
        ) : (
          <RateBox
            busy={busy}
            onSend={(score, comment) =>
              run(() =>
                api(`/api/cases/${id}/rating`, {
                  method: 'POST',
                  body: { score, ...(comment ? { comment } : {}) },
                }),
              )
            }
          />
        ))}

      {can('reopen') && (
        <ReasonBox
          title={t('case.reopen.title')}
          label={t('case.reopen.reason')}
          send={t('case.reopen.send')}
          busy={busy}
          onSend={(r) => run(() => act('reopen', r))}
        />
      )}

      {/* the way up is the person's own: a relative under a mandate does not take it */}
      {!k.underMandate && !k.anonymisedAt && <CaseLadder caseId={id} dueAt={k.dueAt} />}

      <CaseHops hops={k.hops} />

      <section aria-labelledby="tl-title">
        <h2 id="tl-title">{t('case.timeline')}</h2>
        <Timeline events={k.timeline} />
      </section>

      {!k.underMandate && <CaseAccesses caseId={id} />}

      <section aria-labelledby="docs-title">
        <h2 id="docs-title">{t('case.documents')}</h2>
        {files.data?.items.length ? (
          <ul className="files">
            {files.data.items.map((f) => (
              <li key={f.id}>
                <PaperLink caseId={id} file={f} />{' '}
                <small className="muted">
                  (<bdi>{formatFileSize(f.size, i18n.language)}</bdi>)
                </small>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('case.noDocuments')}</p>
        )}
      </section>

      {!['closed', 'withdrawn', 'referred'].includes(k.state) &&
        !k.anonymisedAt &&
        (!k.underMandate || k.underMandate.actions.includes('answer')) && (
          <ReasonBox
            title={t('case.message.label')}
            label={t('case.message.label')}
            send={t('case.message.send')}
            busy={busy}
            onSend={(text) => run(() => api(`/api/cases/${id}/messages`, { method: 'POST', body: { text } }))}
          />
        )}

      {can('withdraw') && (
        <p>
          <button
            type="button"
            className="danger"
            {...action.busyProps}
            onClick={() =>
              ask({
                title: t('case.withdrawConfirm'),
                label: t('case.withdraw'),
                danger: true,
                invalidate: changed,
                run: () => act('withdraw'),
              })
            }
          >
            {t('case.withdraw')}
          </button>
        </p>
      )}
      {dialog}
    </article>
  );
}

function AnswerBox({
  question,
  busy,
  onSend,
}: {
  question: string;
  busy: boolean;
  onSend: (text: string, files: File[]) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const id = useId();
  return (
    <section className="panel asked" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('case.asked.title')}</h2>
      <blockquote className="pre" dir="auto">
        {question}
      </blockquote>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onSend(text.trim(), files);
        }}
      >
        <Field id={id} label={t('case.asked.reply')}>
          {(control) => (
            <textarea {...control} rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
          )}
        </Field>
        <FilePicker files={files} onChange={setFiles} />
        <VoiceRecorder files={files} onChange={setFiles} />
        <button type="submit" disabled={busy || !text.trim()}>
          {t('case.asked.send')}
        </button>
      </form>
    </section>
  );
}

function ReasonBox(p: {
  title: string;
  label: string;
  send: string;
  busy: boolean;
  onSend: (text: string) => void;
}) {
  const [text, setText] = useState('');
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{p.title}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) {
            p.onSend(text.trim());
            setText('');
          }
        }}
      >
        <Field id={id} label={p.label}>
          {(control) => (
            <textarea {...control} rows={3} value={text} onChange={(e) => setText(e.target.value)} required />
          )}
        </Field>
        <button type="submit" disabled={p.busy || !text.trim()}>
          {p.send}
        </button>
      </form>
    </section>
  );
}

function RateBox({ busy, onSend }: { busy: boolean; onSend: (score: number, comment: string) => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const id = useId();
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('case.rate.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (score) onSend(score, comment.trim());
        }}
      >
        <fieldset>
          <legend>{t('case.rate.score')}</legend>
          <div className="stars">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n}>
                <input
                  type="radio"
                  name="score"
                  value={n}
                  checked={score === n}
                  onChange={() => setScore(n)}
                />
                <span aria-hidden="true">{n <= score ? '★' : '☆'}</span>
                <span className="visually-hidden">{t('case.rate.star', { count: n })}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Field id={id} label={t('case.rate.comment')} required={false}>
          {(control) => (
            <textarea {...control} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          )}
        </Field>
        <button type="submit" disabled={busy || !score}>
          {t('case.rate.send')}
        </button>
      </form>
    </section>
  );
}
