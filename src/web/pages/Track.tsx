import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { type ApiError, api, downloadTrackedReply, type TimelineEvent } from '../api.js';
import { CaseSubject, StateBadge } from '../components/CaseBits.js';
import { Timeline } from '../components/Timeline.js';
import { formatDate, localName } from '../i18n.js';

type Tracked = {
  id: string;
  trackingNumber: string;
  institution: { nameAr: string; nameFr: string; nameEn: string };
  subject: string;
  state: string;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  anonymisedAt: string | null;
  timeline: TimelineEvent[];
};

export default function Track() {
  const params = useParams<{ number?: string }>();
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState(params.number ?? '');
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Tracked | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [answeredNow, setAnsweredNow] = useState(false);
  const ids = { n: useId(), c: useId(), err: useId() };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    setAnsweredNow(false);
    try {
      setResult(
        await api<Tracked>('/api/track', {
          method: 'POST',
          body: { trackingNumber: number, accessCode: code },
        }),
      );
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h1>{t('track.title')}</h1>
      <form onSubmit={submit} className="narrow" noValidate>
        <div className="field">
          <label htmlFor={ids.n}>{t('track.number')}</label>
          <p className="hint" id={`${ids.n}-h`}>
            {t('track.numberHint')}
          </p>
          <input
            id={ids.n}
            dir="ltr"
            autoCapitalize="characters"
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            aria-describedby={`${ids.n}-h`}
            required
          />
        </div>
        <div className="field">
          <label htmlFor={ids.c}>{t('track.code')}</label>
          <input
            id={ids.c}
            dir="ltr"
            autoCapitalize="characters"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
            aria-invalid={!!error}
            aria-describedby={error ? ids.err : undefined}
          />
        </div>
        {error && (
          <p id={ids.err} className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit">{t('track.submit')}</button>
      </form>
      {result && (
        <section aria-live="polite" aria-labelledby="tracked-title">
          <p className="tracking">
            <bdi dir="ltr">{result.trackingNumber}</bdi>
          </p>
          <h2 id="tracked-title">
            <CaseSubject c={result} />
          </h2>
          <p>
            <StateBadge state={result.state} /> · {localName(result.institution, i18n.language)} ·{' '}
            {t('cases.due', { date: formatDate(result.dueAt, i18n.language) })}
          </p>
          {result.overdue && (
            <p className="alert late">
              {t('cases.lateLong', { date: formatDate(result.dueAt, i18n.language) })}
            </p>
          )}
          {result.anonymisedAt && (
            <p className="alert info" role="status">
              {t('case.anonymised.notice', { date: formatDate(result.anonymisedAt, i18n.language) })}
            </p>
          )}
          {result.timeline.some((e) => e.type === 'reply_approved') && !result.anonymisedAt && (
            <p>
              <button
                type="button"
                className="secondary"
                onClick={() => downloadTrackedReply(result.trackingNumber, code).catch(setError)}
              >
                {t('case.reply.letter')}
              </button>
            </p>
          )}
          {result.state === 'awaiting_citizen' && (
            <TrackedAnswer
              tracked={result}
              code={code}
              onAnswered={(r) => {
                setResult(r);
                setAnsweredNow(true);
              }}
            />
          )}
          {answeredNow && (
            <p className="alert info" role="status">
              {t('track.answer.sent')}
            </p>
          )}
          <Timeline events={result.timeline} />
        </section>
      )}
    </>
  );
}

/** The answer box of a case waiting for its citizen: text with the secret code, or papers after signing in. */
function TrackedAnswer(props: { tracked: Tracked; code: string; onAnswered: (t: Tracked) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [sending, setSending] = useState(false);
  const id = useId();
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setSending(true);
    try {
      props.onAnswered(
        await api<Tracked>('/api/track/answer', {
          method: 'POST',
          body: { trackingNumber: props.tracked.trackingNumber, accessCode: props.code, text },
        }),
      );
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSending(false);
    }
  };
  const next = encodeURIComponent(`/cases/${props.tracked.id}`);
  return (
    <form className="panel" onSubmit={send} aria-labelledby={`${id}-t`} noValidate>
      <h3 id={`${id}-t`}>{t('track.answer.title')}</h3>
      <div className="field">
        <label htmlFor={id}>{t('track.answer.label')}</label>
        <textarea
          id={id}
          rows={5}
          dir="auto"
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-err` : undefined}
        />
      </div>
      {error && (
        <p id={`${id}-err`} className="alert error" role="alert">
          {error.field('text') ?? error.message}
        </p>
      )}
      <button type="submit" disabled={sending || !text.trim()}>
        {t('track.answer.send')}
      </button>
      <p className="muted">
        {t('track.answer.papers')} <Link href={`/signin?next=${next}`}>{t('track.answer.signin')}</Link>
      </p>
    </form>
  );
}
