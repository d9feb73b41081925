/** Shared pieces of the appointment pages: types of the API, dates and zones, the slot picker. */

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type BookableService,
  type Booking,
  type Slot,
  type SlotsPage,
  type WallClock,
} from '../api.js';
import { localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { ErrorBox, Loading } from './Layout.js';

export type { Booking, Slot, SlotsPage } from '../api.js';

export const MOROCCO_TZ = 'Africa/Casablanca';

export type LocalView = WallClock;
export type Mode = 'in_person' | 'video';
export type Official = BookableService['officials'][number];
export type Service = BookableService;

const DAY = 86_400_000;

/** A date (`YYYY-MM-DD`) as the wall clock of a zone shows it at this moment. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}
export const moroccoToday = () => todayIn(MOROCCO_TZ);

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Monday of the week of a date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((d + 6) % 7));
}

const locale = (lang: string) => (lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB');

/** A calendar date in words: `mardi 11 août 2026`. */
export function formatDay(date: string, lang: string, opts: { year?: boolean; short?: boolean } = {}) {
  return new Intl.DateTimeFormat(locale(lang), {
    weekday: opts.short ? 'short' : 'long',
    day: 'numeric',
    month: opts.short ? 'short' : 'long',
    ...(opts.year ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || MOROCCO_TZ;
  } catch {
    return MOROCCO_TZ;
  }
}

/** Where Moroccans abroad mostly live, and Morocco itself. */
export const commonZones = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Berlin',
  'Europe/London',
  'America/Toronto',
  'America/New_York',
  'Asia/Dubai',
  'Asia/Riyadh',
  'Asia/Qatar',
  'Africa/Casablanca',
];

/** A zone as people read it: `Toronto — heure de l’Est nord-américain`. */
export function zoneLabel(tz: string, lang: string) {
  try {
    const name = new Intl.DateTimeFormat(locale(lang), { timeZone: tz, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')?.value;
    const city = tz.split('/').pop()!.replace(/_/g, ' ');
    return name ? `${city} — ${name}` : tz;
  } catch {
    return tz;
  }
}

export function TimeZoneSelect({ value, onChange }: { value: string; onChange: (tz: string) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const own = browserTimeZone();
  const zones = [...new Set([own, value, ...commonZones])];
  return (
    <div className="field narrow">
      <label htmlFor={id}>{t('appt.zone.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('appt.zone.hint')}
      </p>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={`${id}-hint`}
      >
        {zones.map((z) => (
          <option key={z} value={z}>
            {zoneLabel(z, i18n.language)}
          </option>
        ))}
      </select>
    </div>
  );
}

const SLOT = '\u0000';
/**
 * A translated sentence with a reference or ticket code in it, the code kept whole and left to right:
 * `text` is the sentence translated with the code replaced by `withCode`'s marker.
 */
export function WithCode({ text, code }: { text: (marker: string) => string; code: string }) {
  const [before, after = ''] = text(SLOT).split(SLOT);
  // one span: in a flex button, loose text would lose its spaces
  return (
    <span>
      {before}
      <bdi dir="ltr" className="nowrap">
        {code}
      </bdi>
      {after}
    </span>
  );
}

/** A time, kept left to right inside right-to-left text. */
export const Time = ({ children }: { children: string }) => <bdi dir="ltr">{children}</bdi>;

/** The time of a booking or slot in Morocco and, when the clock differs, where the citizen lives. */
export function When({
  morocco,
  local,
  withDate = true,
}: {
  morocco: LocalView;
  local: LocalView;
  withDate?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const same = local.offset === morocco.offset;
  return (
    <span className="when">
      {withDate && <span>{formatDay(morocco.date, lang, { year: true })} · </span>}
      <strong>
        <Time>{morocco.time}</Time>
      </strong>{' '}
      {t('appt.when.morocco')}
      {!same && (
        <>
          {' — '}
          <strong>
            <Time>{local.time}</Time>
          </strong>{' '}
          {local.date !== morocco.date && <span>({formatDay(local.date, lang, { short: true })}) </span>}
          {t('appt.when.local', { zone: local.timeZone })}
        </>
      )}
    </span>
  );
}

export function ModeTag({ mode }: { mode: Mode }) {
  const { t } = useTranslation();
  return <span className="tag">{t(`appt.mode.${mode}`)}</span>;
}

export function StatusTag({ status }: { status: Booking['status'] }) {
  const { t } = useTranslation();
  const cls =
    status === 'cancelled' || status === 'no_show' ? 'tag late' : status === 'booked' ? 'tag ok' : 'tag';
  return <span className={cls}>{t(`appt.status.${status}`)}</span>;
}

export const officialTitle = (o: { titleAr: string; titleFr: string; titleEn: string }, lang: string) =>
  lang === 'ar' ? o.titleAr : lang === 'fr' ? o.titleFr : o.titleEn;

export function useServices(institutionId: string | null | undefined, includeInactive = false) {
  return useQuery({
    queryKey: keys.servicesOf(institutionId, includeInactive),
    queryFn: () =>
      api<{ items: Service[] }>(
        `/api/appointments/services?institutionId=${institutionId}${includeInactive ? '&includeInactive=true' : ''}`,
      ),
    enabled: !!institutionId,
  });
}

export const serviceName = (
  s: { nameAr: string; nameFr: string; nameEn: string } | undefined,
  lang: string,
) => (s ? localName(s, lang) : '');

export type Picked = { startsAt: string; officialId: string | null; slot: Slot };

/**
 * A week of free times of a service: the days first, then the times of the chosen day, each in Morocco's
 * time and in the chosen zone. Radio buttons, so arrows move between them.
 */
export function SlotPicker(props: {
  serviceId: string;
  officialId?: string | null;
  timeZone: string;
  value: Picked | null;
  onChange: (v: Picked | null) => void;
  error?: string;
  errorId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // The first week starts on the server's today in Morocco (browsers' zone data for Morocco can be wrong).
  const [start, setStart] = useState<{ from: string; today: string } | null>(null);
  const [day, setDay] = useState<string | null>(null);
  const name = useId();
  const range = start ? `from=${start.from}&to=${addDays(start.from, 6)}&` : '';
  const slots = useQuery({
    queryKey: keys.slotsOf(props.serviceId, props.officialId ?? '', props.timeZone, start?.from ?? 'today'),
    queryFn: () =>
      api<SlotsPage>(
        `/api/appointments/services/${props.serviceId}/slots?${range}timeZone=${encodeURIComponent(props.timeZone)}${props.officialId ? `&officialId=${props.officialId}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });
  if (slots.isPending) return <Loading />;
  if (slots.isError) return <ErrorBox error={slots.error} retry={() => slots.refetch()} />;
  // one choice per start time (the server seats the citizen with any official when none is named)
  const byStart = new Map<string, Slot>();
  const weekEnd = addDays(start?.from ?? slots.data.from, 6);
  for (const s of slots.data.items)
    if (s.seatsLeft > 0 && s.morocco.date <= weekEnd && !byStart.has(s.startsAt)) byStart.set(s.startsAt, s);
  const days = new Map<string, Slot[]>();
  for (const s of byStart.values()) days.set(s.morocco.date, [...(days.get(s.morocco.date) ?? []), s]);
  const chosenDay = day && days.has(day) ? day : ([...days.keys()][0] ?? null);
  const times = chosenDay ? (days.get(chosenDay) ?? []) : [];
  const differs = times.some((s) => s.local.offset !== s.morocco.offset);
  const hintId = `${name}-hint`;
  const today = start?.today ?? slots.data.from;
  const from = start?.from ?? slots.data.from;
  const to = addDays(from, 6);
  const horizonEnd = addDays(today, slots.data.service.horizonDays);
  const pick = (s: Slot) =>
    props.onChange({ startsAt: s.startsAt, officialId: props.officialId ? s.officialId : null, slot: s });
  const move = (n: number) => {
    setStart({ from: addDays(from, n), today });
    setDay(null);
  };
  const describedBy = props.error && props.errorId ? props.errorId : undefined;
  return (
    <div className="slot-picker" aria-busy={slots.isFetching}>
      <div className="week-nav">
        <button type="button" className="secondary" disabled={from <= today} onClick={() => move(-7)}>
          {t('appt.slots.prevWeek')}
        </button>
        <p className="week-label" aria-live="polite">
          {t('appt.slots.week', {
            from: formatDay(from, lang, { short: true }),
            to: formatDay(to, lang, { short: true }),
          })}
        </p>
        <button type="button" className="secondary" disabled={to >= horizonEnd} onClick={() => move(7)}>
          {t('appt.slots.nextWeek')}
        </button>
      </div>
      {days.size === 0 ? (
        <p className="empty">{t('appt.slots.none')}</p>
      ) : (
        <>
          <fieldset aria-describedby={describedBy}>
            <legend>{t('appt.slots.day')}</legend>
            <div className="chips days">
              {[...days.entries()].map(([d, list]) => (
                <label key={d} className="chip">
                  <input
                    type="radio"
                    name={`${name}-day`}
                    value={d}
                    checked={d === chosenDay}
                    onChange={() => setDay(d)}
                  />
                  <span>
                    {formatDay(d, lang, { short: true })}
                    <small>{t('appt.slots.free', { count: list.length })}</small>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {chosenDay && (
            <fieldset
              aria-describedby={[differs ? hintId : '', describedBy ?? ''].join(' ').trim() || undefined}
            >
              <legend>{t('appt.slots.times', { day: formatDay(chosenDay, lang) })}</legend>
              {differs && (
                <p className="hint" id={hintId}>
                  {t('appt.slots.columns', { zone: props.timeZone })}
                </p>
              )}
              <div className="chips times">
                {times.map((s) => {
                  const same = s.local.offset === s.morocco.offset;
                  return (
                    <label key={s.startsAt} className="chip">
                      <input
                        type="radio"
                        name={`${name}-time`}
                        value={s.startsAt}
                        checked={props.value?.startsAt === s.startsAt}
                        onChange={() => pick(s)}
                      />
                      <span>
                        <strong>
                          <Time>{s.morocco.time}</Time>
                        </strong>
                        <span className="visually-hidden"> {t('appt.when.morocco')}</span>
                        {!same && (
                          <small>
                            <Time>{s.local.time}</Time>
                            {s.local.date !== s.morocco.date &&
                              ` (${formatDay(s.local.date, lang, { short: true })})`}
                            <span className="visually-hidden">
                              {' '}
                              {t('appt.when.local', { zone: s.local.timeZone })}
                            </span>
                          </small>
                        )}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          )}
        </>
      )}
      {props.error && (
        <p className="field-error" id={props.errorId} role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}
