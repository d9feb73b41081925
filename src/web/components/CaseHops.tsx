import { useTranslation } from 'react-i18next';
import type { CaseView } from '../api.js';
import { formatDate, keyIn, localName } from '../i18n.js';

type Hop = CaseView['hops'][number];

/**
 * "Where is my file": each body and department that held the file, oldest first, as an ordered list of
 * steps; the step where the file is now is marked (`aria-current="step"`). Written with logical properties,
 * so that the line of steps runs on the right in Arabic. Staff (`staff`) see the same steps with the internal
 * reasons of the moves.
 */
export function CaseHops({ hops, staff = false }: { hops: Hop[]; staff?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!hops.length) return null;
  return (
    <section aria-labelledby="hops-title">
      <h2 id="hops-title">{staff ? t('staff.ws.hops') : t('case.hops.title')}</h2>
      {!staff && <p className="muted">{t('case.hops.intro')}</p>}
      <ol className="hops">
        {hops.map((h) => {
          const current = h.until === null;
          return (
            <li
              key={`${h.from}-${h.institution.id}-${h.department?.id ?? ''}`}
              className={current ? 'current' : undefined}
              aria-current={current ? 'step' : undefined}
            >
              <p className="hop-body">
                <strong>
                  <bdi>{localName(h.institution, lang)}</bdi>
                </strong>
                {current && <span className="tag ok">{t('case.hops.now')}</span>}
              </p>
              <p className="hop-department">
                {h.department ? <bdi>{localName(h.department, lang)}</bdi> : t('case.hops.noDepartment')}
              </p>
              <p className="hop-time">
                {h.until === null
                  ? t('case.hops.since', { date: formatDate(h.from, lang) })
                  : t('case.hops.period', {
                      from: formatDate(h.from, lang),
                      until: formatDate(h.until, lang),
                    })}{' '}
                · <span className="hop-days">{t('case.hops.days', { count: h.workingDays })}</span>
              </p>
              <p className="hop-reason">
                {h.reason ? t(keyIn('case.hops.reason.', h.reason)) : t('case.hops.reason.filed')}
              </p>
              {h.reasonText && (
                <p className="pre hop-words" dir="auto">
                  {h.reasonText}
                </p>
              )}
              {h.internalReason && (
                <p className="hop-internal">{t('case.hops.internal', { reason: h.internalReason })}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
