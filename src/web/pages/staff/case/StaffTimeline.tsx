import { useTranslation } from 'react-i18next';
import { partsOf } from '../../../../shared/reply-parts.js';
import type { CaseView } from '../../../api.js';
import { OnBehalf } from '../../../components/MandateBits.js';
import { MessageWay } from '../../../components/MessageWay.js';
import { ReplyParts } from '../../../components/ReplyParts.js';
import { formatDate } from '../../../i18n.js';

/** The case's history as staff see it, internal entries marked. */
export function StaffTimeline({ timeline }: { timeline: CaseView['timeline'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section aria-labelledby="tl-h">
      <h2 id="tl-h">{t('case.timeline')}</h2>
      <ol className="timeline">
        {timeline.map((e) => (
          <li key={e.id} className={e.visibility === 'internal' ? 'internal' : ''}>
            <time dateTime={e.at}>{formatDate(e.at, lang, true)}</time>
            <p>
              {/* staff wording: "the person answered", not "you answered" */}
              <strong>{t([`staff.event.${e.type}`, `event.${e.type}`], { defaultValue: e.type })}</strong>
              {e.actor?.name && <span className="muted"> · {e.actor.name}</span>}
              {e.visibility === 'internal' && <span className="tag warn">{t('staff.ws.internal')}</span>}
            </p>
            <OnBehalf e={e} />
            {/* a draft or an approved reply, part by part under its headings; other words as written */}
            {partsOf(e.data) ? (
              <ReplyParts parts={partsOf(e.data)!} />
            ) : (
              e.reason && (
                <p className="pre" dir="auto">
                  {e.reason}
                </p>
              )
            )}
            <MessageWay e={e} />
          </li>
        ))}
      </ol>
    </section>
  );
}
