import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  api,
  type Institution,
  type MyRegistration,
  type OpenDay,
  type Registration as RegistrationAnswer,
} from '../api.js';
import { formatDay, Time } from '../components/Appointments.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { Field } from '../components/Field.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { useConfirm } from '../components/useConfirm.js';
import { localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';

export type { EventDay } from '../api.js';

type Texts = { ar: string | null; fr: string | null; en: string | null };
export type OpenEvent = OpenDay;
/** A registration, with its open day's title in my list. */
type Registration = RegistrationAnswer & { event?: MyRegistration['event'] };

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
    queryKey: keys.openDays(),
    queryFn: () => api<{ items: OpenEvent[] }>('/api/appointments/events'),
  });
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const mine = useQuery({
    queryKey: keys.myRegistrations(),
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
  const session = useSession();
  const citizen = session.data?.account.kind === 'citizen';
  const [date, setDate] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<Registration | null>(null);
  const registration = useAction({
    run: () =>
      api<Registration>(`/api/appointments/events/${event.id}/registrations`, {
        method: 'POST',
        body: { date, serviceId: serviceId || undefined, language: lang },
      }),
    invalidate: [keys.myRegistrations(), keys.openDays()],
    onDone: (r) => setDone(r),
  });
  const { error } = registration;
  const ids = { title: useId(), err: useId(), day: useId() };
  const register = (e: React.FormEvent) => {
    e.preventDefault();
    if (!date) {
      setMissing(true);
      return;
    }
    registration.run();
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
          <Field className="narrow" label={t('appt.open.service')} required={false}>
            {(control) => (
              <select {...control} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
                <option value="">{t('appt.open.anyService')}</option>
                {event.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localName(s, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
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
          <button type="submit" {...registration.busyProps}>
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
  const [message, setMessage] = useState<string | null>(null);
  const { ask, dialog } = useConfirm(setMessage);
  const cancel = (id: string) =>
    ask({
      title: t('appt.open.cancelConfirm'),
      label: t('appt.open.confirmCancel'),
      cancelLabel: t('appt.detail.keep'),
      danger: true,
      invalidate: [keys.myRegistrations(), keys.openDays()],
      run: async () => {
        await api(`/api/appointments/event-registrations/${id}/cancel`, { method: 'POST', body: {} });
        return t('appt.open.cancelled');
      },
    });
  return (
    <section aria-labelledby="my-regs" className="panel">
      <h2 id="my-regs">{t('appt.open.mine')}</h2>
      {message && (
        <p className="alert info" role="status">
          {message}
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
              {r.status === 'registered' && (
                <button type="button" className="secondary" onClick={() => cancel(r.id)}>
                  {t('appt.open.cancel')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {dialog}
    </section>
  );
}
