import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { api, downloadTrackedReply, type TrackedCase } from '../api.js';
import { CaseSubject, StateBadge } from '../components/CaseBits.js';
import { CaseHops } from '../components/CaseHops.js';
import { LineField } from '../components/Field.js';
import { Timeline } from '../components/Timeline.js';
import { formatDate, localName } from '../i18n.js';
import { useAction } from '../useAction.js';

type Tracked = TrackedCase;

export default function Track() {
  const params = useParams<{ number?: string }>();
  const { t, i18n } = useTranslation();
  const [number, setNumber] = useState(params.number ?? '');
  const [code, setCode] = useState('');
  const [result, setResult] = useState<Tracked | null>(null);
  const [answeredNow, setAnsweredNow] = useState(false);
  const ids = { err: useId() };
  const lookup = useAction({
    run: () =>
      api<Tracked>('/api/track', { method: 'POST', body: { trackingNumber: number, accessCode: code } }),
    onDone: setResult,
  });
  // the reply letter, a PDF saved by the browser: its refusal is shown in the same place
  const letter = useAction({ run: (tracked: Tracked) => downloadTrackedReply(tracked.trackingNumber, code) });
  const error = lookup.error ?? letter.error;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    letter.reset();
    setResult(null);
    setAnsweredNow(false);
    lookup.run();
  };
  return (
    <>
      <h1>{t('track.title')}</h1>
      <form onSubmit={submit} className="narrow" noValidate>
        <LineField
          label={t('track.number')}
          hint={t('track.numberHint')}
          dir="ltr"
          autoCapitalize="characters"
          value={number}
          onChange={setNumber}
          required
        />
        <LineField
          label={t('track.code')}
          dir="ltr"
          autoCapitalize="characters"
          autoComplete="off"
          value={code}
          onChange={setCode}
          required
          // the refusal below the form is about the number and the code together
          aria-invalid={!!error}
          aria-describedby={error ? ids.err : undefined}
        />
        {error && (
          <p id={ids.err} className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" {...lookup.busyProps}>
          {t('track.submit')}
        </button>
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
                onClick={() => letter.run(result)}
                {...letter.busyProps}
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
          <CaseHops hops={result.hops} />
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
  const id = useId();
  const answer = useAction({
    run: () =>
      api<Tracked>('/api/track/answer', {
        method: 'POST',
        body: { trackingNumber: props.tracked.trackingNumber, accessCode: props.code, text },
      }),
    onDone: props.onAnswered,
  });
  const { error } = answer;
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    answer.run();
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
      <button type="submit" disabled={answer.busy || !text.trim()} aria-busy={answer.busyProps['aria-busy']}>
        {t('track.answer.send')}
      </button>
      <p className="muted">
        {t('track.answer.papers')} <Link href={`/signin?next=${next}`}>{t('track.answer.signin')}</Link>
      </p>
    </form>
  );
}
