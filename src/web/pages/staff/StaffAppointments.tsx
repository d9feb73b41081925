import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type Official, type StaffCalendar } from '../../api.js';
import { SignInRedirect } from '../../components/AccessGate.js';
import {
  addDays,
  type Booking,
  formatDay,
  MOROCCO_TZ,
  ModeTag,
  type Picked,
  SlotPicker,
  StatusTag,
  serviceName,
  Time,
  useServices,
  WithCode,
} from '../../components/Appointments.js';
import { Field } from '../../components/Field.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { keyIn, localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';
import { useStaffContext } from './useStaff.js';

type Calendar = StaffCalendar;
type OfficialRow = Official;
const FIGURE_ROLES = ['supervisor', 'institution_admin', 'auditor'];
const CALENDAR_ROLES = ['supervisor', 'institution_admin', 'reception_agent', 'auditor'];

/** The staff calendar: a day or a week of bookings and duty shifts; a booking moved with a reason. */
export default function StaffAppointments() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session, institution, membership } = useStaffContext();
  const [view, setView] = useState<'day' | 'week'>('day');
  // null: today, as the server counts it in Morocco
  const [date, setDate] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState('');
  const [officialId, setOfficialId] = useState('');
  const [moved, setMoved] = useState<string | null>(null);
  const ids = { date: useId(), svc: useId(), off: useId() };
  const instId = institution?.id;
  const roles = session.data?.memberships.filter((m) => m.institutionId === instId).map((m) => m.role) ?? [];
  const wholeService = roles.some((r) => CALENDAR_ROLES.includes(r));
  const services = useServices(instId, true);
  const officials = useQuery({
    queryKey: keys.officials(instId),
    queryFn: () => api<{ items: OfficialRow[] }>(`/api/appointments/officials?institutionId=${instId}`),
    enabled: !!instId && wholeService,
  });
  const params = new URLSearchParams({ institutionId: instId ?? '', view });
  if (date) params.set('date', date);
  if (serviceId) params.set('serviceId', serviceId);
  if (officialId) params.set('officialId', officialId);
  const cal = useQuery({
    queryKey: keys.calendarOf(params.toString()),
    queryFn: () => api<Calendar>(`/api/appointments/calendar?${params}`),
    enabled: !!instId,
  });
  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <SignInRedirect />;
  if (!institution || !membership) return <Loading />;
  const step = view === 'day' ? 1 : 7;
  const shown = date ?? cal.data?.from ?? '';
  const go = (n: number) => shown && setDate(addDays(shown, n));
  const days: string[] = [];
  if (cal.data) for (let d = cal.data.from; d <= cal.data.to; d = addDays(d, 1)) days.push(d);
  const officialList = (officials.data?.items ?? []).filter((o) => o.active);

  return (
    <>
      <h1>{t('appt.cal.title', { body: localName(institution, lang) })}</h1>
      <p className="links-row">
        <Link href="/staff/desk-queue">{t('appt.nav.deskQueue')}</Link>
        {roles.some((r) => FIGURE_ROLES.includes(r)) && (
          <Link href="/staff/appointments/figures">{t('appt.nav.figures')}</Link>
        )}
        {roles.includes('institution_admin') && (
          <Link href="/staff/appointments/setup">{t('setup.nav')}</Link>
        )}
      </p>
      <div className="toolbar">
        <fieldset className="tabs">
          <legend className="visually-hidden">{t('appt.cal.view')}</legend>
          {(['day', 'week'] as const).map((v) => (
            <button key={v} type="button" aria-pressed={view === v} onClick={() => setView(v)}>
              {t(`appt.cal.${v}`)}
            </button>
          ))}
        </fieldset>
        <div className="week-nav">
          <button type="button" className="secondary" onClick={() => go(-step)}>
            {t(view === 'day' ? 'appt.cal.prevDay' : 'appt.cal.prevWeek')}
          </button>
          <div className="field">
            <label htmlFor={ids.date}>{t('appt.cal.date')}</label>
            <input
              id={ids.date}
              type="date"
              dir="ltr"
              value={shown}
              onChange={(e) => e.target.value && setDate(e.target.value)}
            />
          </div>
          <button type="button" className="secondary" onClick={() => go(step)}>
            {t(view === 'day' ? 'appt.cal.nextDay' : 'appt.cal.nextWeek')}
          </button>
          <button type="button" className="linklike" onClick={() => setDate(null)}>
            {t('appt.cal.today')}
          </button>
        </div>
        <div className="row">
          <div className="field">
            <label htmlFor={ids.svc}>{t('appt.detail.service')}</label>
            <select id={ids.svc} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
              <option value="">{t('appt.desk.allServices')}</option>
              {(services.data?.items ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {serviceName(s, lang)}
                </option>
              ))}
            </select>
          </div>
          {wholeService && (
            <div className="field">
              <label htmlFor={ids.off}>{t('appt.detail.official')}</label>
              <select id={ids.off} value={officialId} onChange={(e) => setOfficialId(e.target.value)}>
                <option value="">{t('appt.cal.allOfficials')}</option>
                {officialList.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </div>
      <div aria-live="polite">
        {moved && (
          <p className="alert info" role="status">
            {moved}
          </p>
        )}
      </div>
      {cal.isPending ? (
        <Loading />
      ) : cal.isError ? (
        <ErrorBox error={cal.error} retry={() => cal.refetch()} />
      ) : (
        <>
          <p className="muted">{t(cal.data.scope === 'own' ? 'appt.cal.scopeOwn' : 'appt.cal.scopeAll')}</p>
          {days.map((d) => {
            const items = cal.data.items.filter((b) => b.day === d);
            const shifts = cal.data.shifts.filter((s) => s.date === d);
            const closed = cal.data.closures.find((c) => c.startDate <= d && d <= c.endDate);
            return (
              <section key={d} className="cal-day" aria-labelledby={`day-${d}`}>
                <h2 id={`day-${d}`}>
                  {formatDay(d, lang, { year: true })}{' '}
                  <span className="tag">
                    {t('appt.cal.bookings', { count: items.filter((b) => b.status !== 'cancelled').length })}
                  </span>
                </h2>
                {closed && (
                  <p className="alert late">
                    {t('appt.cal.closed', {
                      reason:
                        lang === 'ar' ? closed.reasonAr : lang === 'fr' ? closed.reasonFr : closed.reasonEn,
                    })}
                  </p>
                )}
                {shifts.length > 0 && (
                  <p className="muted shifts">
                    {t('appt.cal.shifts')}{' '}
                    {shifts.map((s, i) => (
                      <span key={`${s.kind}-${s.start}-${s.officialId ?? i}`}>
                        {i > 0 && ' · '}
                        <Time>{`${s.start}–${s.end}`}</Time> {t(keyIn('appt.shift.', s.kind))}
                        {s.officialName && (
                          <>
                            {' '}
                            (<bdi>{s.officialName}</bdi>)
                          </>
                        )}
                      </span>
                    ))}
                  </p>
                )}
                {items.length === 0 ? (
                  <p className="empty">{t('appt.cal.none')}</p>
                ) : (
                  <ul className="case-list">
                    {items.map((b) => (
                      <CalendarBooking key={b.id} booking={b} onMoved={setMoved} />
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
        </>
      )}
    </>
  );
}

function CalendarBooking({ booking, onMoved }: { booking: Booking; onMoved: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [moving, setMoving] = useState(false);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ids = { slotErr: useId(), title: useId() };
  const moveAction = useAction({
    run: (to: Picked) =>
      api<Booking>(`/api/appointments/${booking.id}/move`, {
        method: 'POST',
        body: {
          startsAt: to.startsAt,
          officialId: to.officialId ?? undefined,
          version: booking.version,
          reason: reason.trim(),
        },
      }),
    invalidate: [keys.calendar()],
    onDone: (b) => {
      onMoved(
        t('appt.cal.moved', {
          reference: b.reference,
          time: b.morocco.time,
          date: formatDay(b.morocco.date, lang),
        }),
      );
      setMoving(false);
    },
  });
  const { error } = moveAction;
  const future = new Date(booking.startsAt).getTime() > Date.now();
  const reasonError =
    error?.field('reason') ?? (tried && !reason.trim() ? t('appt.cal.reasonRequired') : undefined);
  const slotError = error?.field('startsAt') ?? (tried && !picked ? t('appt.book.pickTime') : undefined);
  const move = (e: React.FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!picked || !reason.trim()) return;
    moveAction.run(picked);
  };
  return (
    <li aria-labelledby={ids.title}>
      <p id={ids.title} className="ticket-line">
        <strong>
          <Time>{`${booking.morocco.time}`}</Time>
        </strong>{' '}
        <bdi dir="ltr" className="tracking nowrap">
          {booking.reference}
        </bdi>{' '}
        · <bdi>{booking.citizen?.name ?? '—'}</bdi> · {serviceName(booking.service, lang)}
        {booking.official && (
          <>
            {' '}
            · <bdi>{booking.official.name}</bdi>
          </>
        )}
      </p>
      <div className="meta">
        <StatusTag status={booking.status} />
        <ModeTag mode={booking.mode} />
        {booking.timeZone !== MOROCCO_TZ && (
          <span className="muted">
            {t('appt.cal.citizenTime', { zone: booking.timeZone })} <Time>{booking.local.time}</Time>
          </span>
        )}
      </div>
      {booking.note && (
        <p className="muted">
          <bdi>{booking.note}</bdi>
        </p>
      )}
      {booking.status === 'booked' && future && !moving && (
        <button type="button" className="secondary" onClick={() => setMoving(true)}>
          <WithCode text={(m) => t('appt.cal.move', { reference: m })} code={booking.reference} />
        </button>
      )}
      {moving && (
        <form className="panel" onSubmit={move} noValidate>
          <h3>
            <WithCode text={(m) => t('appt.cal.moveTitle', { reference: m })} code={booking.reference} />
          </h3>
          <SlotPicker
            serviceId={booking.serviceId}
            officialId={null}
            timeZone={MOROCCO_TZ}
            value={picked}
            onChange={setPicked}
            error={slotError}
            errorId={ids.slotErr}
          />
          <Field label={t('appt.cal.reason')} error={reasonError}>
            {(a) => (
              <textarea
                {...a}
                rows={3}
                maxLength={1000}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          {error && !error.field('reason') && !error.field('startsAt') && (
            <p className="alert error" role="alert">
              {error.message}
            </p>
          )}
          <div className="buttons">
            <button type="submit" {...moveAction.busyProps}>
              {t('appt.cal.confirmMove')}
            </button>
            <button type="button" className="secondary" onClick={() => setMoving(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
