import { useTranslation } from 'react-i18next';
import type { TimelineEvent } from '../api.js';
import { formatDate } from '../i18n.js';
import { OnBehalf } from './MandateBits.js';
import { MessageWay } from './MessageWay.js';

/** The case's history in plain words, oldest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <time dateTime={e.at}>{formatDate(e.at, i18n.language, true)}</time>
          <p>
            <strong>{t(`event.${e.type}`, { defaultValue: e.type })}</strong>
            {/* the step up the person took: to whom */}
            {e.type === 'citizen_escalated' && [1, 2, 3].includes(e.data.level as number) && (
              <> · {t(`ladder.level.${e.data.level as 1 | 2 | 3}`)}</>
            )}
          </p>
          <OnBehalf e={e} />
          {e.reason && e.type !== 'reply_approved' && (
            <p className="pre" dir="auto">
              {e.reason}
            </p>
          )}
          <MessageWay e={e} />
        </li>
      ))}
    </ol>
  );
}
