import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearch } from 'wouter';
import { api, type CaseList, type Institution } from '../api.js';
import {
  type Booking,
  browserTimeZone,
  type Mode,
  officialTitle,
  type Picked,
  SlotPicker,
  serviceName,
  TimeZoneSelect,
  useServices,
  When,
} from '../components/Appointments.js';
import { BookingChannels } from '../components/BookingChannels.js';
import { BookingDetail } from '../components/BookingDetail.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { Field } from '../components/Field.js';
import { ErrorBox, Loading } from '../components/Layout.js';
import { localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction, useRefresh } from '../useAction.js';

const closedStates = ['closed', 'rejected', 'referred', 'withdrawn'];

/** Book an appointment: body → service → in person or video → a free time → (a case) → book. */
export default function Appointments() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefresh();
  const search = new URLSearchParams(useSearch());
  const session = useSession();
  const citizen = session.data?.account.kind === 'citizen';
  const staff = session.data?.account.kind === 'staff';
  const institutions = useQuery({
    queryKey: keys.institutions(),
    queryFn: () => api<{ items: Institution[] }>('/api/institutions'),
  });
  const wanted = search.get('institution');
  const [chosenInstitution, setInstitution] = useState<string>('');
  const institution =
    institutions.data?.items.find((i) => i.id === chosenInstitution) ??
    (chosenInstitution === '' && wanted
      ? institutions.data?.items.find((i) => i.id === wanted || i.code === wanted)
      : undefined);
  const services = useServices(institution?.id);
  const [serviceId, setServiceId] = useState('');
  const [mode, setMode] = useState<Mode>('in_person');
  const [officialId, setOfficialId] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [caseId, setCaseId] = useState('');
  const [note, setNote] = useState('');
  // null: the citizen's preferences apply, also if they change them later
  const [channels, setChannels] = useState<string[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [booked, setBooked] = useState<Booking | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const booking = useAction({
    run: (body: Record<string, unknown>) => api<Booking>('/api/appointments', { method: 'POST', body }),
    invalidate: [keys.myAppointments()],
    onDone: (b) => {
      setBooked(b);
      requestAnimationFrame(() => doneRef.current?.focus());
    },
    onError: async (err) => {
      // the time was just taken: show the times as they are now
      if (err.problem?.status === 409) {
        setPicked(null);
        await refresh([keys.slots()]);
      }
    },
  });
  const { error, busy } = booking;
  const ids = { slotErr: useId() };
  const cases = useQuery({
    queryKey: keys.myCasesForAppointments(),
    queryFn: () => api<CaseList>('/api/cases?limit=100'),
    enabled: citizen,
  });

  if (institutions.isPending) return <Loading />;
  if (institutions.isError)
    return <ErrorBox error={institutions.error} retry={() => institutions.refetch()} />;

  const service = services.data?.items.find((s) => s.id === serviceId);
  const modes = service?.modes ?? [];
  const effectiveMode: Mode = modes.includes(mode) ? mode : (modes[0] ?? 'in_person');
  const openCases = (cases.data?.items ?? []).filter(
    (c) =>
      !closedStates.includes(c.state) &&
      institution &&
      (c.institutionId === institution.id || c.institutionId === institution.parentId),
  );

  const reset = (level: 'institution' | 'service' | 'slot') => {
    if (level === 'institution') setServiceId('');
    if (level !== 'slot') setOfficialId('');
    setPicked(null);
    booking.reset();
  };

  const book = (e: React.FormEvent) => {
    e.preventDefault();
    if (!service || !picked) {
      setMissing(true);
      requestAnimationFrame(() => document.getElementById(ids.slotErr)?.scrollIntoView({ block: 'center' }));
      return;
    }
    booking.run({
      serviceId: service.id,
      startsAt: picked.startsAt,
      officialId: picked.officialId ?? (officialId || undefined),
      mode: effectiveMode,
      caseId: caseId || undefined,
      timeZone,
      language: lang,
      note: note.trim() || undefined,
      channels: channels ?? undefined,
    });
  };

  if (booked)
    return (
      <section className="receipt">
        <h1 ref={doneRef} tabIndex={-1}>
          {t('appt.done.title')}
        </h1>
        <p className="alert info" role="status">
          {t('appt.done.lead', { email: session.data?.account.email ?? '' })}
        </p>
        <BookingDetail booking={booked} onChange={setBooked} />
        <p>
          <Link href="/appointments/mine">{t('appt.nav.mine')}</Link>
        </p>
      </section>
    );

  const slotError = missing && !picked ? t('appt.book.pickTime') : error?.field('startsAt');
  const generalError =
    error && !error.field('startsAt') && !error.field('note') && !error.field('channels')
      ? error.message
      : null;

  return (
    <>
      <h1>{t('appt.book.title')}</h1>
      <p className="lead">{t('appt.book.lead')}</p>
      <p className="links-row">
        {citizen && <Link href="/appointments/mine">{t('appt.nav.mine')}</Link>}
        <Link href="/open-days">{t('appt.nav.openDays')}</Link>
      </p>
      {staff && <p className="alert info">{t('appt.book.staffNotice')}</p>}
      <form onSubmit={book} noValidate>
        <Field className="narrow" label={t('appt.book.body')}>
          {(control) => (
            <select
              {...control}
              value={institution?.id ?? ''}
              onChange={(e) => {
                setInstitution(e.target.value);
                reset('institution');
              }}
            >
              <option value="">{t('appt.book.chooseBody')}</option>
              {[...institutions.data.items]
                .sort((a, b) => localName(a, lang).localeCompare(localName(b, lang), lang))
                .map((i) => (
                  <option key={i.id} value={i.id}>
                    {localName(i, lang)}
                  </option>
                ))}
            </select>
          )}
        </Field>

        {institution &&
          (services.isPending ? (
            <Loading />
          ) : services.isError ? (
            <ErrorBox error={services.error} retry={() => services.refetch()} />
          ) : services.data.items.length === 0 ? (
            <p className="empty">{t('appt.book.noService')}</p>
          ) : (
            <fieldset>
              <legend>{t('appt.book.service')}</legend>
              <div className="radios">
                {services.data.items.map((s) => (
                  <label key={s.id}>
                    <input
                      type="radio"
                      name="service"
                      value={s.id}
                      checked={serviceId === s.id}
                      onChange={() => {
                        setServiceId(s.id);
                        reset('service');
                      }}
                    />
                    <span>
                      {serviceName(s, lang)}{' '}
                      <small className="muted">
                        {t('appt.book.length', { count: s.slotMinutes })}
                        {s.modes.includes('video') ? ` · ${t('appt.book.videoToo')}` : ''}
                      </small>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}

        {service && (
          <>
            <fieldset>
              <legend>{t('appt.book.mode')}</legend>
              <div className="radios">
                {(['in_person', 'video'] as const)
                  .filter((m) => modes.includes(m))
                  .map((m) => (
                    <label key={m}>
                      <input
                        type="radio"
                        name="mode"
                        value={m}
                        checked={effectiveMode === m}
                        onChange={() => setMode(m)}
                      />
                      <span>
                        {t(`appt.mode.${m}`)} <small className="muted">{t(`appt.mode.${m}Hint`)}</small>
                      </span>
                    </label>
                  ))}
              </div>
            </fieldset>
            {service.bookWith === 'official' && service.officials.length > 0 && (
              <Field className="narrow" label={t('appt.book.official')}>
                {(control) => (
                  <select
                    {...control}
                    value={officialId}
                    onChange={(e) => {
                      setOfficialId(e.target.value);
                      reset('slot');
                    }}
                  >
                    <option value="">{t('appt.book.anyOfficial')}</option>
                    {service.officials.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name} — {officialTitle(o, lang)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <h2>{t('appt.book.when')}</h2>
            <TimeZoneSelect
              value={timeZone}
              onChange={(z) => {
                setTimeZone(z);
                setPicked(null);
              }}
            />
            <SlotPicker
              serviceId={service.id}
              officialId={officialId || null}
              timeZone={timeZone}
              value={picked}
              onChange={(p) => {
                setPicked(p);
                setMissing(false);
              }}
              error={slotError}
              errorId={ids.slotErr}
            />
          </>
        )}

        {service && picked && (
          <section aria-labelledby="appt-review" className="panel">
            <h2 id="appt-review">{t('appt.book.review')}</h2>
            <dl className="facts">
              <dt>{t('appt.book.body')}</dt>
              <dd>{institution && localName(institution, lang)}</dd>
              <dt>{t('appt.detail.service')}</dt>
              <dd>{serviceName(service, lang)}</dd>
              <dt>{t('appt.detail.how')}</dt>
              <dd>{t(`appt.mode.${effectiveMode}`)}</dd>
              <dt>{t('appt.detail.when')}</dt>
              <dd data-testid="review-when">
                <When morocco={picked.slot.morocco} local={picked.slot.local} />
              </dd>
            </dl>
            {citizen && (
              <>
                <Field className="narrow" label={t('appt.book.case')} required={false}>
                  {(control) => (
                    <select {...control} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
                      <option value="">{t('appt.book.noCase')}</option>
                      {openCases.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.trackingNumber} — {c.subject}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <Field
                  className="narrow"
                  label={t('appt.book.note')}
                  required={false}
                  error={error?.field('note')}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      rows={3}
                      maxLength={1000}
                      value={note}
                      onChange={(e) => setNote(e.target.value)}
                    />
                  )}
                </Field>
                <BookingChannels value={channels} onChange={setChannels} error={error?.field('channels')} />
              </>
            )}
          </section>
        )}
        {generalError && (
          <p className="alert error" role="alert">
            {generalError}
          </p>
        )}
        {service && citizen && (
          <div className="buttons">
            <button type="submit" {...booking.busyProps}>
              {busy ? t('appt.book.booking') : t('appt.book.submit')}
            </button>
          </div>
        )}
      </form>
      {service && picked && !session.data && (
        <section className="panel" aria-labelledby="appt-signin">
          <h2 id="appt-signin">{t('appt.book.signinTitle')}</h2>
          <p>{t('appt.book.signinLead')}</p>
          <EmailCodeSignIn />
        </section>
      )}
    </>
  );
}
