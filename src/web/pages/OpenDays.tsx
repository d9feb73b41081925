import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, type Institution } from '../api.js';
import { formatDay, Time } from '../components/Appointments.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { localName } from '../i18n.js';
import { useSession } from '../session.js';

type Texts = { ar: string | null; fr: string | null; en: string | null };
export type EventDay = {
  date: string;
  start: string;
  end: string;
  capacity: number;
  seatsLeft: number;
  labelAr: string | null;
  labelFr: string | null;
  labelEn: string | null;
  placeAr: string;
  placeFr: string;
  placeEn: string;
  address: string | null;
};
export type OpenEvent = {
  id: string;
  institutionId: string;
  code: string;
  titleAr: string;
  titleFr: string;
  titleEn: string;
  descriptionAr: string | null;
  descriptionFr: string | null;
  descriptionEn: string | null;
  startDate: string;
  endDate: string;
  services: { id: string; code: string; nameAr: string; nameFr: string; nameEn: string }[];
  days: EventDay[];
};
type Registration = {
  id: string;
  reference: string;
  eventId: string;
  day: string;
  serviceId: string | null;
  status: 'registered' | 'attended' | 'cancelled' | 'no_show';
  event?: { id: string; titleAr: string; titleFr: string; titleEn: string };
};

export const pick = (lang: string, x: Texts) =>
  (lang === 'ar' ? x.ar : lang === 'fr' ? x.fr : x.en) ?? x.fr ?? x.en ?? x.ar ?? '';
export const eventTitle = (e: { titleAr: string; titleFr: string; titleEn: string }, lang: string) =>
  pick(lang, { ar: e.titleAr, fr: e.titleFr, en: e.titleEn });

/** Open days: the days, places and seats left; registration for one day; the citizen's registrations. */
export default function OpenDays() {
  const { t } = useTranslation();
  const session = useSession();
  const citizen = session.data?.account.kind === 'citizen';
  const events = useQuery({
    queryKey: ['open-days'],
    queryFn: () => api<{ items: OpenEvent[] }>('/api/appointments/events'),
  });
  const institutions = useQuery({
    queryKey: ['institutions'],
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const mine = useQuery({
    queryKey: ['my-registrations'],
    queryFn: () => api<{ items: Registration[] }>('/api/appointments/event-registrations'),
    enabled: citizen,
  });
  if (events.isPending) return <Loading />;
  if (events.isError) return <ErrorBox error={events.error} retry={() => events.refetch()} />;
  const active = (mine.data?.items ?? []).filter((r) => r.status !== 'cancelled');
  return (
    <>
      <h1>{t('appt.open.title')}</h1>
      <p className="lead">{t('appt.open.lead')}</p>
      {citizen && active.length > 0 && <MyRegistrations items={active} events={events.data.items} />}
      {events.data.items.length === 0 ? (
        <p className="empty">{t('appt.open.none')}</p>
      ) : (
        events.data.items.map((e) => (
          <EventCard
            key={e.id}
            event={e}
            body={institutions.data?.items.find((i) => i.id === e.institutionId)}
            registered={active.filter((r) => r.eventId === e.id)}
          />
        ))
      )}
      {!session.data && (
        <section className="panel" aria-labelledby="open-signin">
          <h2 id="open-signin">{t('appt.open.signinTitle')}</h2>
          <p>{t('appt.book.signinLead')}</p>
          <EmailCodeSignIn />
        </section>
      )}
    </>
  );
}

function EventCard({
  event,
  body,
  registered,
}: {
  event: OpenEvent;
  body?: Institution;
  registered: Registration[];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const session = useSession();
  const citizen = session.data?.account.kind === 'citizen';
  const [date, setDate] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<Registration | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { title: useId(), svc: useId(), err: useId(), day: useId() };
  const register = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!date) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await api<Registration>(`/api/appointments/events/${event.id}/registrations`, {
        method: 'POST',
        body: { date, serviceId: serviceId || undefined, language: lang },
      });
      setDone(r);
      await qc.invalidateQueries({ queryKey: ['my-registrations'] });
      await qc.invalidateQueries({ queryKey: ['open-days'] });
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const dayError = missing && !date ? t('appt.open.pickDay') : (error?.field('date') ?? null);
  return (
    <section className="card event" aria-labelledby={ids.title}>
      <h2 id={ids.title}>{eventTitle(event, lang)}</h2>
      {body && <p className="eyebrow">{localName(body, lang)}</p>}
      <p>{pick(lang, { ar: event.descriptionAr, fr: event.descriptionFr, en: event.descriptionEn })}</p>
      <form onSubmit={register} noValidate>
        <fieldset aria-describedby={dayError ? ids.err : undefined}>
          <legend>{t('appt.open.days')}</legend>
          <div className="radios">
            {event.days.map((d) => {
              const label = pick(lang, { ar: d.labelAr, fr: d.labelFr, en: d.labelEn });
              return (
                <label key={d.date} className={label ? 'highlight' : undefined}>
                  <input
                    type="radio"
                    name={`${ids.day}-date`}
                    value={d.date}
                    checked={date === d.date}
                    disabled={d.seatsLeft === 0}
                    onChange={() => {
                      setDate(d.date);
                      setMissing(false);
                    }}
                  />
                  <span>
                    <strong>{formatDay(d.date, lang)}</strong>
                    {label && <span className="tag warn">{label}</span>}
                    <br />
                    {/* one fact per line: a Latin address never runs into the Arabic seat count */}
                    <small className="day-facts">
                      <span>
                        <Time>{`${d.start}–${d.end}`}</Time> {t('appt.when.morocco')}
                      </span>
                      <span>
                        {pick(lang, { ar: d.placeAr, fr: d.placeFr, en: d.placeEn })}
                        {d.address && (
                          <>
                            {lang === 'ar' ? '، ' : ', '}
                            <bdi>{d.address}</bdi>
                          </>
                        )}
                      </span>
                      <span className="seats">{t('appt.open.seatsLeft', { count: d.seatsLeft })}</span>
                    </small>
                  </span>
                </label>
              );
            })}
          </div>
          {dayError && (
            <p className="field-error" id={ids.err}>
              {dayError}
            </p>
          )}
        </fieldset>
        {event.services.length > 0 && (
          <div className="field narrow">
            <label htmlFor={ids.svc}>
              {t('appt.open.service')} <span className="muted">({t('common.optional')})</span>
            </label>
            <select id={ids.svc} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
              <option value="">{t('appt.open.anyService')}</option>
              {event.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {localName(s, lang)}
                </option>
              ))}
            </select>
          </div>
        )}
        {error && !error.field('date') && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        {done && (
          <p className="alert info" role="status">
            {t('appt.open.registered', { date: formatDay(done.day, lang) })}{' '}
            <bdi dir="ltr" className="tracking nowrap" data-testid="registration-reference">
              {done.reference}
            </bdi>
          </p>
        )}
        {registered.length > 0 && !done && (
          <p className="muted">{t('appt.open.already', { count: registered.length })}</p>
        )}
        {citizen && (
          <button type="submit" disabled={busy}>
            {t('appt.open.register')}
          </button>
        )}
      </form>
    </section>
  );
}

function MyRegistrations({ items, events }: { items: Registration[]; events: OpenEvent[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const cancel = async (id: string) => {
    setError(null);
    try {
      await api(`/api/appointments/event-registrations/${id}/cancel`, { method: 'POST', body: {} });
      setConfirming(null);
      setMessage(t('appt.open.cancelled'));
      await qc.invalidateQueries({ queryKey: ['my-registrations'] });
      await qc.invalidateQueries({ queryKey: ['open-days'] });
    } catch (e) {
      setError(e as ApiError);
    }
  };
  return (
    <section aria-labelledby="my-regs" className="panel">
      <h2 id="my-regs">{t('appt.open.mine')}</h2>
      {message && (
        <p className="alert info" role="status">
          {message}
        </p>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <ul className="list">
        {items.map((r) => {
          const ev = r.event ?? events.find((e) => e.id === r.eventId);
          return (
            <li key={r.id}>
              <span>
                <bdi dir="ltr" className="tracking nowrap">
                  {r.reference}
                </bdi>{' '}
                — {ev ? eventTitle(ev, lang) : ''} — {formatDay(r.day, lang)}
              </span>
              {r.status === 'registered' &&
                (confirming === r.id ? (
                  <span className="confirm-inline">
                    <span>{t('appt.open.cancelConfirm')}</span>
                    <button type="button" className="danger" onClick={() => cancel(r.id)}>
                      {t('appt.open.confirmCancel')}
                    </button>
                    <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                      {t('appt.detail.keep')}
                    </button>
                  </span>
                ) : (
                  <button type="button" className="secondary" onClick={() => setConfirming(r.id)}>
                    {t('appt.open.cancel')}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
