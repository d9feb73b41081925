import { useTranslation } from 'react-i18next';
import type { Mandate, TimelineEvent } from '../api.js';
import { formatDate, keyIn, localName } from '../i18n.js';

/**
 * A mandate's short reference, readable over the phone: "M-1A2B3C4D", kept left to right inside Arabic text
 * (between the isolate marks LRI and PDI).
 */
export const mandateRef = (id: string) => `\u2066M-${id.slice(0, 8).toUpperCase()}\u2069`;

/** "by X for Y, under mandate M" under a timeline entry a relative wrote for the person. */
export function OnBehalf({ e }: { e: TimelineEvent }) {
  const { t } = useTranslation();
  if (!e.onBehalf) return null;
  return (
    <p className="muted on-behalf">
      {t('mandate.onBehalf', {
        actor: e.actor?.name ?? '—',
        person: e.onBehalf.name ?? '—',
        ref: mandateRef(e.onBehalf.mandateId),
      })}
    </p>
  );
}

/** What a mandate is for, which acts, between which dates, its state and the procuration. */
export function MandateSummary({ m }: { m: Mandate }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <p>
        <span className={`tag ${m.status === 'active' ? 'ok' : m.status === 'pending' ? 'warn' : ''}`}>
          {t(keyIn('mandate.status.', m.status))}
        </span>{' '}
        <span className="muted">{t('mandate.ref', { ref: mandateRef(m.id) })}</span>
      </p>
      <p>
        {m.case ? (
          <bdi>{t('mandate.scopeCase', { tracking: m.case.trackingNumber })}</bdi>
        ) : m.category ? (
          t('mandate.scopeCategory', { name: localName(m.category, lang) })
        ) : null}
      </p>
      <p>{m.actions.map((a) => t(keyIn('mandate.action.', a))).join(' · ')}</p>
      <p className="muted">
        {t('mandate.period', { from: formatDate(m.validFrom, lang), until: formatDate(m.validUntil, lang) })}
      </p>
      {m.requiresProcuration && (
        <p className="muted">
          {m.verified ? t('mandate.verified', { by: m.verified.by }) : t('mandate.unverified')}
        </p>
      )}
    </>
  );
}
