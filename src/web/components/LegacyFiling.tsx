import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../i18n.js';
import { TextField } from './FormField.js';

/** A paper file registered late, as typed in a filing form ("this request was already filed on paper"). */
export type LegacyDraft = { reference: string; filedOn: string; service: string };
export const noLegacy: LegacyDraft = { reference: '', filedOn: '', service: '' };

/** Today in Morocco (YYYY-MM-DD): the latest day a paper file can have been filed. */
const moroccanToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Africa/Casablanca' }).format(new Date());

/** What is missing from the paper file's details, by field (`legacy.reference`, `legacy.filedOn`). */
export function legacyProblems(d: LegacyDraft | null | undefined, t: TFunction): Record<string, string> {
  if (!d) return {};
  const out: Record<string, string> = {};
  if (!d.reference.trim()) out['legacy/reference'] = t('legacy.missingReference');
  if (!d.filedOn) out['legacy/filedOn'] = t('legacy.missingDate');
  else if (d.filedOn > moroccanToday()) out['legacy/filedOn'] = t('legacy.future');
  else if (d.filedOn < '1990-01-01') out['legacy/filedOn'] = t('legacy.tooOld');
  return out;
}

/** What the API takes for a paper file, or nothing for a request born here. */
export function legacyBody(d: LegacyDraft | null | undefined) {
  if (!d) return undefined;
  return {
    reference: d.reference.trim(),
    filedOn: d.filedOn,
    ...(d.service.trim() ? { service: d.service.trim() } : {}),
  };
}

/**
 * "This request was already filed on paper": a box that reveals the old reference, the day it was first filed
 * and the service that received it. `fieldError` takes `legacy/reference`, `legacy/filedOn`, `legacy/service`.
 */
export function LegacyFields({
  value,
  onChange,
  fieldError,
}: {
  value: LegacyDraft | null | undefined;
  onChange: (v: LegacyDraft | null) => void;
  fieldError: (name: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const ids = { hint: useId(), ref: useId(), date: useId(), service: useId() };
  const set = (patch: Partial<LegacyDraft>) => onChange({ ...(value ?? noLegacy), ...patch });
  return (
    <fieldset className="legacy-filing">
      <legend>{t('legacy.legend')}</legend>
      <div className="checks">
        <label>
          <input
            type="checkbox"
            checked={!!value}
            aria-describedby={ids.hint}
            onChange={(e) => onChange(e.target.checked ? noLegacy : null)}
          />
          {t('legacy.toggle')}
        </label>
      </div>
      <p id={ids.hint} className="hint">
        {t('legacy.hint')}
      </p>
      {value && (
        <>
          <TextField
            id={ids.ref}
            label={t('legacy.reference')}
            value={value.reference}
            onChange={(v) => set({ reference: v })}
            error={fieldError('legacy/reference')}
            maxLength={80}
            required
          />
          <TextField
            id={ids.date}
            type="date"
            label={t('legacy.filedOn')}
            value={value.filedOn}
            onChange={(v) => set({ filedOn: v })}
            error={fieldError('legacy/filedOn')}
            required
          />
          <TextField
            id={ids.service}
            label={t('legacy.service')}
            value={value.service}
            onChange={(v) => set({ service: v })}
            error={fieldError('legacy/service')}
            maxLength={120}
          />
        </>
      )}
    </fieldset>
  );
}

/** "7 years ago", "3 months ago", in the reader's language (counted on the reader's clock). */
export function ageText(iso: string, lang: string, now = new Date()): string {
  const locale = lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB';
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const days = Math.floor((now.getTime() - new Date(iso).getTime()) / 86_400_000);
  if (days >= 365) return rtf.format(-Math.floor(days / 365), 'year');
  if (days >= 30) return rtf.format(-Math.floor(days / 30), 'month');
  return rtf.format(-days, 'day');
}

/** A reference kept in its own direction inside a sentence (Latin letters and slashes in Arabic text). */
export const isolated = (s: string) => `\u2068${s}\u2069`;

/** "Paper file first filed on 12 March 2019 (ref. …), 7 years ago", on a case's page. */
export function LegacyNote({
  legacy,
}: {
  legacy: { reference: string; filedOn: string; service: string | null };
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // the paper day at noon in Morocco: its date reads the same in every time zone
  const day = `${legacy.filedOn}T12:00:00+01:00`;
  return (
    <p className="alert info legacy-note" data-testid="legacy-note">
      <span dir="auto">
        {t('legacy.note', {
          date: formatDate(day, lang),
          reference: isolated(legacy.reference),
          age: ageText(`${legacy.filedOn}T00:00:00+01:00`, lang),
        })}
      </span>
      {legacy.service && (
        <>
          {' '}
          <span dir="auto">{t('legacy.receivedBy', { service: legacy.service })}</span>
        </>
      )}
    </p>
  );
}
