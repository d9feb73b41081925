import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CaseEscalations } from '../api.js';
import { formatDate } from '../i18n.js';
import { keys } from '../query-keys.js';
import { Field } from './Field.js';
import { useConfirm } from './useConfirm.js';

const LEVELS = [1, 2, 3] as const;
type Level = (typeof LEVELS)[number];
/** Working days a step is given to answer (the platform's rule, see workflow/escalation-ladder.ts). */
const WAIT_DAYS = 10;

/**
 * The person's way up their case: the body's supervisors, the territorial overseer, then the referral file
 * for the Mediator of the Kingdom. Each step as done, open (with the form), opening on a date, or later;
 * the referral file's downloads once it is made. Shown once there are grounds (overdue, or an answer to
 * contest) or a step was taken.
 */
export function CaseLadder({ caseId, dueAt }: { caseId: string; dueAt: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const id = useId();
  const [statement, setStatement] = useState('');
  const { ask, dialog } = useConfirm(() => setStatement(''));
  const q = useQuery({
    queryKey: keys.caseEscalations(caseId),
    queryFn: () => api<CaseEscalations>(`/api/cases/${caseId}/escalations`),
  });
  if (!q.data) return null;
  const { steps, next, referralReady } = q.data;
  if (!steps.length && !next?.grounds.length) return null;
  const done = new Map(steps.map((s) => [s.level, s]));
  const grounds = next?.grounds[0];
  const nextLevel = next?.level as Level | undefined;
  const ok = statement.trim().length >= 10;

  return (
    <section className="panel ladder" aria-labelledby={`${id}-h`} id="case-ladder">
      <h2 id={`${id}-h`}>{t('ladder.title')}</h2>
      <p className="muted">{t('ladder.intro', { days: WAIT_DAYS })}</p>
      <ol className="ladder-steps">
        {LEVELS.map((level) => {
          const step = done.get(level);
          const isNext = next?.level === level;
          return (
            <li key={level} className={step ? 'done' : isNext ? 'next' : 'later'}>
              <strong>{t(`ladder.level.${level}`)}</strong>{' '}
              <span className="muted">
                {step
                  ? t('ladder.done', { date: formatDate(step.at, lang) })
                  : isNext && next.grounds.length && !next.open
                    ? t('ladder.opensOn', { date: formatDate(next.availableFrom, lang) })
                    : isNext && next.open
                      ? t('ladder.openNow')
                      : t('ladder.later')}
              </span>
            </li>
          );
        })}
      </ol>

      {next?.open && grounds && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!ok) return;
            ask({
              title: t(`ladder.send.${nextLevel!}`),
              message: t('ladder.confirm'),
              label: t(`ladder.send.${nextLevel!}`),
              invalidate: [keys.case(caseId), keys.myCases()],
              run: () =>
                api(`/api/cases/${caseId}/escalations`, {
                  method: 'POST',
                  body: { level: next.level, grounds, statement: statement.trim() },
                }),
            });
          }}
        >
          <p>
            {grounds === 'overdue'
              ? t('ladder.grounds.overdue', { date: formatDate(dueAt, lang) })
              : t('ladder.grounds.contest')}
          </p>
          <Field id={`${id}-words`} label={t('ladder.statement')} hint={t('ladder.statementHint')} required>
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={2000}
                value={statement}
                onChange={(e) => setStatement(e.target.value)}
                required
              />
            )}
          </Field>
          <button type="submit" disabled={!ok}>
            {t(`ladder.send.${nextLevel!}`)}
          </button>
        </form>
      )}

      {referralReady && (
        <div className="referral" id="referral-file">
          <h3>{t('ladder.referral.title')}</h3>
          <p>{t('ladder.referral.how')}</p>
          <p>
            <a className="button" href={`/api/cases/${caseId}/referral.pdf`} download>
              {t('ladder.referral.pdf')}
            </a>{' '}
            <a className="button secondary" href={`/api/cases/${caseId}/referral.json`} download>
              {t('ladder.referral.json')}
            </a>
          </p>
        </div>
      )}
      {dialog}
    </section>
  );
}
