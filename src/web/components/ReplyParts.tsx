import { useTranslation } from 'react-i18next';
import { missingParts, type ReplyParts as Parts, type ReplyPartName } from '../../shared/reply-parts.js';

/** The heading of each part, in the reader's language. */
export const partHeading = {
  facts: 'reply.facts',
  legal_basis: 'reply.legalBasis',
  decision: 'reply.decision',
  contest: 'reply.contest',
} as const satisfies Record<ReplyPartName, string>;

/**
 * A reasoned reply part by part, each under its heading: the citizen's page shows the approved one; the
 * supervisor's check (`check`) marks each part present or missing.
 */
export function ReplyParts({ parts, check = false }: { parts: Parts; check?: boolean }) {
  const { t, i18n } = useTranslation();
  const missing = missingParts(parts);
  const title = (b: Parts['legalBases'][number]) =>
    i18n.language === 'ar' ? b.titleAr : i18n.language === 'en' ? b.titleEn : b.titleFr;
  const body: Record<ReplyPartName, React.ReactNode> = {
    facts: parts.facts && (
      <p className="pre" dir="auto">
        {parts.facts}
      </p>
    ),
    legal_basis: (
      <>
        {parts.legalBases.length > 0 && (
          <ul>
            {parts.legalBases.map((b) => (
              <li key={b.id}>
                <strong dir="auto">{b.citation}</strong> — <span dir="auto">{title(b)}</span>
              </li>
            ))}
          </ul>
        )}
        {parts.legalBasisText && (
          <p className="pre" dir="auto">
            {parts.legalBasisText}
          </p>
        )}
      </>
    ),
    decision: parts.decision && (
      <p className="pre" dir="auto">
        {parts.decision}
      </p>
    ),
    contest: (
      <>
        {parts.contest.how && (
          <p className="pre" dir="auto">
            {parts.contest.how}
          </p>
        )}
        {parts.contest.days && <p>{t('reply.contestDays', { count: parts.contest.days })}</p>}
      </>
    ),
  };
  return (
    <div className="reply-parts">
      {(Object.keys(partHeading) as ReplyPartName[]).map((name) => (
        <section key={name} className="reply-part">
          <h3>
            {t(partHeading[name])}
            {check && (
              <span className={missing.includes(name) ? 'tag late' : 'tag'}>
                {missing.includes(name) ? `✗ ${t('reply.check.missing')}` : `✓ ${t('reply.check.present')}`}
              </span>
            )}
          </h3>
          {body[name]}
        </section>
      ))}
    </div>
  );
}
