import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { missingParts, partsOf } from '../../../../shared/reply-parts.js';
import type { TimelineEvent } from '../../../api.js';
import { partHeading, ReplyParts } from '../../../components/ReplyParts.js';

/** The last draft of the reply among a case's events (the staff's timeline). */
export function lastDraft(timeline: TimelineEvent[]) {
  return [...timeline].reverse().find((e) => e.type === 'reply_drafted') ?? null;
}

/**
 * The supervisor's check before approving: the draft part by part, each marked present or missing; the
 * approve button stays disabled, with the reason, while a part is missing (the server refuses it too).
 */
export function ReplyCheck(props: { timeline: TimelineEvent[]; busy: boolean; onApprove: () => void }) {
  const { t, i18n } = useTranslation();
  const reasonId = useId();
  const draft = lastDraft(props.timeline);
  const parts = partsOf(draft?.data);
  const missing = missingParts(parts);
  const names = missing.map((p) => t(partHeading[p])).join(i18n.language === 'ar' ? '، ' : ', ');
  return (
    <section aria-labelledby="check-h" className="panel reply-check">
      <h2 id="check-h">{t('reply.check.title')}</h2>
      {parts ? (
        <ReplyParts parts={parts} check />
      ) : (
        <>
          <p>{t('reply.check.plain')}</p>
          {draft?.reason && (
            <p className="pre" dir="auto">
              {draft.reason}
            </p>
          )}
          <ul>
            {missing.map((p) => (
              <li key={p}>
                {t(partHeading[p])} <span className="tag late">✗ {t('reply.check.missing')}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {missing.length > 0 && (
        <p className="alert info" id={reasonId}>
          {t('reply.check.blocked', { parts: names })}
        </p>
      )}
      <div className="buttons">
        <button
          type="button"
          disabled={missing.length > 0 || props.busy}
          aria-describedby={missing.length ? reasonId : undefined}
          onClick={props.onApprove}
        >
          {t('action.approve_reply')}
        </button>
      </div>
    </section>
  );
}
