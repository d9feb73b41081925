import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { type ApiError, api } from '../../api.js';
import { SignInRedirect } from '../../components/AccessGate.js';
import {
  type Booking,
  formatDay,
  ModeTag,
  StatusTag,
  serviceName,
  Time,
  useServices,
  WithCode,
} from '../../components/Appointments.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { localName } from '../../i18n.js';
import { eventTitle, type OpenEvent } from '../OpenDays.js';
import { useStaffContext } from './useStaff.js';

export type Ticket = {
  id: string;
  day: string;
  number: number;
  code: string;
  kind: 'appointment' | 'walk_in' | 'event';
  status: 'waiting' | 'called' | 'done' | 'no_show';
  serviceId: string | null;
  appointmentId: string | null;
  eventRegistrationId: string | null;
  visitorName: string | null;
  counter: string | null;
  checkedInAt: string;
  checkedInClock: string;
  calledAt: string | null;
  calledClock: string | null;
  finishedAt: string | null;
  waitMinutes: number | null;
  outcome: string | null;
  outcomeNote: string | null;
  version: number;
  calledByName?: string | null;
};
type QueueState = {
  institutionId: string;
  day: string;
  waiting: Ticket[];
  called: Ticket[];
  done: number;
  noShows: number;
};
const outcomes = ['served', 'file_incomplete', 'redirected', 'follow_up', 'left'] as const;
const REFRESH_MS = 8000;

/** The desk on the day: check-in, tickets, calling the next visitor to a counter, the outcome. */
export default function StaffDeskQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const qc = useQueryClient();
  const { session, institution } = useStaffContext();
  const instId = institution?.id;
  const queue = useQuery({
    queryKey: ['desk-queue', instId],
    queryFn: () => api<QueueState>(`/api/appointments/queue?institutionId=${instId}`),
    enabled: !!instId,
    refetchInterval: REFRESH_MS,
  });
  const expected = useQuery({
    queryKey: ['desk-expected', instId],
    queryFn: () =>
      api<{ from: string; items: Booking[] }>(`/api/appointments/calendar?institutionId=${instId}&view=day`),
    enabled: !!instId,
    refetchInterval: REFRESH_MS * 4,
  });
  const services = useServices(instId, true);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: ['desk-queue', instId] });
    await qc.invalidateQueries({ queryKey: ['desk-expected', instId] });
    await qc.invalidateQueries({ queryKey: ['desk-event-day'] });
  };
  /** Checks a visitor in; answers whether it worked. */
  const checkIn = async (body: Record<string, unknown>, who: string) => {
    setError(null);
    setMessage(null);
    try {
      const ticket = await api<Ticket>('/api/appointments/queue/check-in', {
        method: 'POST',
        body: { institutionId: instId, ...body },
      });
      const name = who || ticket.visitorName;
      setMessage(
        name
          ? t('appt.desk.ticketIssued', { ticket: ticket.code, name })
          : t('appt.desk.ticketGiven', { ticket: ticket.code }),
      );
      // the form is cleared at once; the lists follow
      void refresh();
      return true;
    } catch (e) {
      setError(e as ApiError);
      return false;
    }
  };

  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <SignInRedirect />;
  if (!institution) return <Loading />;
  const svcName = (id: string | null) =>
    id
      ? serviceName(
          services.data?.items.find((s) => s.id === id),
          lang,
        )
      : t('appt.desk.anyService');

  return (
    <>
      <h1>{t('appt.desk.title', { body: localName(institution, lang) })}</h1>
      <p className="links-row">
        <a href={`/screen/${institution.id}`} target="_blank" rel="noreferrer">
          {t('appt.desk.openScreen')}
        </a>
        <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
      </p>
      <div aria-live="polite">
        {message && (
          <p className="alert info ticket-issued" role="status" data-testid="desk-message">
            {message}
          </p>
        )}
      </div>
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}

      <div className="desk-grid">
        <CheckInByReference onCheckIn={(reference) => checkIn({ reference }, '')} error={error} />
        <WalkIn
          services={services.data?.items ?? []}
          onCheckIn={(name, serviceId) => checkIn({ walkIn: { name, serviceId: serviceId || null } }, name)}
        />
      </div>

      <CallNext
        institutionId={institution.id}
        services={services.data?.items ?? []}
        onDone={async (text) => {
          setError(null);
          setMessage(text);
          await refresh();
        }}
        onError={setError}
      />

      <section aria-labelledby="desk-counters">
        <h2 id="desk-counters">{t('appt.desk.atCounters')}</h2>
        {queue.isPending ? (
          <Loading />
        ) : queue.isError ? (
          <ErrorBox error={queue.error} retry={() => queue.refetch()} />
        ) : queue.data.called.length === 0 ? (
          <p className="empty">{t('appt.desk.nobodyCalled')}</p>
        ) : (
          <ul className="case-list">
            {queue.data.called.map((tk) => (
              <CalledTicket key={tk.id} ticket={tk} serviceLabel={svcName(tk.serviceId)} onDone={refresh} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="desk-waiting">
        <h2 id="desk-waiting">
          {t('appt.desk.waiting')}{' '}
          {queue.data && (
            <span className="tag">{t('appt.desk.waitingCount', { count: queue.data.waiting.length })}</span>
          )}
        </h2>
        {queue.data &&
          (queue.data.waiting.length === 0 ? (
            <p className="empty">{t('appt.desk.nobodyWaiting')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">{t('appt.desk.waiting')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('appt.desk.ticket')}</th>
                    <th scope="col">{t('appt.desk.visitor')}</th>
                    <th scope="col">{t('appt.desk.kind')}</th>
                    <th scope="col">{t('appt.detail.service')}</th>
                    <th scope="col">{t('appt.desk.arrived')}</th>
                  </tr>
                </thead>
                <tbody>
                  {queue.data.waiting.map((tk) => (
                    <tr key={tk.id}>
                      <td>
                        <bdi dir="ltr" className="tracking nowrap">
                          {tk.code}
                        </bdi>
                      </td>
                      <td>
                        <bdi>{tk.visitorName ?? '—'}</bdi>
                      </td>
                      <td>{t(`appt.kind.${tk.kind}`)}</td>
                      <td>{svcName(tk.serviceId)}</td>
                      <td>
                        <Time>{tk.checkedInClock}</Time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        {queue.data && (
          <p className="muted">
            {t('appt.desk.doneCount', { count: queue.data.done })} ·{' '}
            {t('appt.desk.noShowCount', { count: queue.data.noShows })}
          </p>
        )}
      </section>

      <section aria-labelledby="desk-expected">
        <h2 id="desk-expected">{t('appt.desk.expected')}</h2>
        {expected.isPending ? (
          <Loading />
        ) : expected.isError ? (
          <ErrorBox error={expected.error} retry={() => expected.refetch()} />
        ) : expected.data.items.filter((b) => b.status !== 'cancelled').length === 0 ? (
          <p className="empty">{t('appt.desk.noneExpected')}</p>
        ) : (
          <ul className="case-list">
            {expected.data.items
              .filter((b) => b.status !== 'cancelled')
              .map((b) => (
                <ExpectedVisitor
                  key={b.id}
                  booking={b}
                  onCheckIn={checkIn}
                  onDone={refresh}
                  onError={setError}
                />
              ))}
          </ul>
        )}
      </section>

      <OpenDayList institutionId={institution.id} onCheckIn={checkIn} />
      <VisitorLog institutionId={institution.id} />
    </>
  );
}

function CheckInByReference({
  onCheckIn,
  error,
}: {
  onCheckIn: (reference: string) => Promise<boolean>;
  error: ApiError | null;
}) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [tried, setTried] = useState(false);
  const ids = { ref: useId(), hint: useId(), err: useId() };
  const fieldError =
    error?.field('reference') ?? (tried && reference.trim().length < 5 ? t('appt.desk.referenceHint') : null);
  return (
    <form
      className="panel"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (reference.trim().length < 5) return;
        if (await onCheckIn(reference.trim())) {
          setReference('');
          setTried(false);
        }
      }}
    >
      <h2>{t('appt.desk.checkInBooked')}</h2>
      <div className="field">
        <label htmlFor={ids.ref}>{t('appt.desk.reference')}</label>
        <p className="hint" id={ids.hint}>
          {t('appt.desk.referenceHint')}
        </p>
        <input
          id={ids.ref}
          dir="ltr"
          autoComplete="off"
          value={reference}
          onChange={(e) => setReference(e.target.value)}
          aria-invalid={!!fieldError}
          aria-describedby={`${ids.hint}${fieldError ? ` ${ids.err}` : ''}`}
        />
        {fieldError && (
          <p className="field-error" id={ids.err}>
            {fieldError}
          </p>
        )}
      </div>
      <button type="submit">{t('appt.desk.checkIn')}</button>
    </form>
  );
}

function WalkIn({
  services,
  onCheckIn,
}: {
  services: { id: string; nameAr: string; nameFr: string; nameEn: string; active: boolean }[];
  onCheckIn: (name: string, serviceId: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const [name, setName] = useState('');
  const [serviceId, setServiceId] = useState('');
  const [tried, setTried] = useState(false);
  const ids = { name: useId(), svc: useId(), err: useId() };
  const nameError = tried && !name.trim() ? t('appt.desk.nameRequired') : null;
  return (
    <form
      className="panel"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!name.trim()) return;
        if (await onCheckIn(name.trim(), serviceId)) {
          setName('');
          setTried(false);
        }
      }}
    >
      <h2>{t('appt.desk.walkIn')}</h2>
      <div className="field">
        <label htmlFor={ids.name}>{t('appt.desk.walkInName')}</label>
        <input
          id={ids.name}
          value={name}
          dir="auto"
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!nameError}
          aria-describedby={nameError ? ids.err : undefined}
        />
        {nameError && (
          <p className="field-error" id={ids.err}>
            {nameError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor={ids.svc}>{t('appt.detail.service')}</label>
        <select id={ids.svc} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
          <option value="">{t('appt.desk.anyService')}</option>
          {services
            .filter((s) => s.active)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {serviceName(s, i18n.language)}
              </option>
            ))}
        </select>
      </div>
      <button type="submit">{t('appt.desk.issueTicket')}</button>
    </form>
  );
}

const COUNTER_KEY = 'jisr-desk-counter';

function CallNext({
  institutionId,
  services,
  onDone,
  onError,
}: {
  institutionId: string;
  services: { id: string; nameAr: string; nameFr: string; nameEn: string; active: boolean }[];
  onDone: (message: string) => Promise<void>;
  onError: (e: ApiError) => void;
}) {
  const { t, i18n } = useTranslation();
  const [counter, setCounter] = useState(() => localStorage.getItem(COUNTER_KEY) ?? '');
  const [serviceId, setServiceId] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { counter: useId(), svc: useId(), err: useId() };
  const counterError = tried && !counter.trim() ? t('appt.desk.counterRequired') : null;
  return (
    <form
      className="panel call-next"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setTried(true);
        if (!counter.trim()) return;
        localStorage.setItem(COUNTER_KEY, counter.trim());
        setBusy(true);
        try {
          const res = await api<{ ticket: Ticket | null }>('/api/appointments/queue/call-next', {
            method: 'POST',
            body: { institutionId, counter: counter.trim(), serviceId: serviceId || undefined },
          });
          await onDone(
            res.ticket
              ? t(res.ticket.visitorName ? 'appt.desk.called' : 'appt.desk.calledNoName', {
                  ticket: res.ticket.code,
                  counter: counter.trim(),
                  name: res.ticket.visitorName,
                })
              : t('appt.desk.nobodyWaiting'),
          );
        } catch (err) {
          onError(err as ApiError);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>{t('appt.desk.callTitle')}</h2>
      <div className="row">
        <div className="field">
          <label htmlFor={ids.counter}>{t('appt.desk.counter')}</label>
          <input
            id={ids.counter}
            className="short"
            value={counter}
            maxLength={20}
            onChange={(e) => setCounter(e.target.value)}
            aria-invalid={!!counterError}
            aria-describedby={counterError ? ids.err : undefined}
          />
          {counterError && (
            <p className="field-error" id={ids.err}>
              {counterError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.svc}>{t('appt.desk.forService')}</label>
          <select id={ids.svc} value={serviceId} onChange={(e) => setServiceId(e.target.value)}>
            <option value="">{t('appt.desk.allServices')}</option>
            {services
              .filter((s) => s.active)
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {serviceName(s, i18n.language)}
                </option>
              ))}
          </select>
        </div>
      </div>
      <button type="submit" className="big" disabled={busy}>
        {t('appt.desk.callNext')}
      </button>
    </form>
  );
}

function CalledTicket({
  ticket,
  serviceLabel,
  onDone,
}: {
  ticket: Ticket;
  serviceLabel: string;
  onDone: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<string>('served');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { outcome: useId(), note: useId(), err: useId(), title: useId() };
  const post = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/appointments/queue/tickets/${ticket.id}/${path}`, { method: 'POST', body });
      await onDone();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li aria-labelledby={ids.title}>
      <p id={ids.title} className="ticket-line">
        <bdi dir="ltr" className="tracking nowrap">
          {ticket.code}
        </bdi>{' '}
        → {t('appt.desk.counterN', { counter: ticket.counter ?? '' })} ·{' '}
        <bdi>{ticket.visitorName ?? '—'}</bdi> · {t(`appt.kind.${ticket.kind}`)} · {serviceLabel}
        {ticket.waitMinutes !== null && <> · {t('appt.desk.waited', { count: ticket.waitMinutes })}</>}
      </p>
      <form
        className="row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          post('finish', { outcome, note: note.trim() || undefined });
        }}
      >
        <div className="field">
          <label htmlFor={ids.outcome}>{t('appt.desk.outcome', { ticket: ticket.code })}</label>
          <select id={ids.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {t(`appt.outcome.${o}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.note}>
            {t('appt.desk.note')} <span className="muted">({t('common.optional')})</span>
          </label>
          <input
            id={ids.note}
            value={note}
            maxLength={1000}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={!!error?.field('note')}
            aria-describedby={error ? ids.err : undefined}
          />
        </div>
        <div className="buttons">
          <button type="submit" disabled={busy}>
            <WithCode text={(m) => t('appt.desk.finish', { ticket: m })} code={ticket.code} />
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => post('no-show', {})}>
            <WithCode text={(m) => t('appt.desk.didNotCome', { ticket: m })} code={ticket.code} />
          </button>
        </div>
      </form>
      {error && (
        <p className="field-error" id={ids.err} role="alert">
          {error.message}
        </p>
      )}
    </li>
  );
}

function ExpectedVisitor({
  booking,
  onCheckIn,
  onDone,
  onError,
}: {
  booking: Booking;
  onCheckIn: (body: Record<string, unknown>, who: string) => Promise<boolean>;
  onDone: () => Promise<void>;
  onError: (e: ApiError) => void;
}) {
  const { t, i18n } = useTranslation();
  const started = new Date(booking.startsAt).getTime() <= Date.now();
  const noShow = async () => {
    try {
      await api(`/api/appointments/${booking.id}/no-show`, { method: 'POST', body: {} });
      await onDone();
    } catch (e) {
      onError(e as ApiError);
    }
  };
  const name = booking.citizen?.name ?? '';
  return (
    <li>
      <p className="ticket-line">
        <strong>
          <Time>{booking.morocco.time}</Time>
        </strong>{' '}
        <bdi dir="ltr" className="tracking nowrap">
          {booking.reference}
        </bdi>{' '}
        · <bdi>{name}</bdi> · {serviceName(booking.service, i18n.language)} <ModeTag mode={booking.mode} />{' '}
        <StatusTag status={booking.status} />
      </p>
      {booking.status === 'booked' && (booking.mode === 'in_person' || started) && (
        <div className="buttons">
          {booking.mode === 'in_person' && (
            <button type="button" onClick={() => onCheckIn({ appointmentId: booking.id }, name)}>
              <WithCode text={(m) => t('appt.desk.checkInWho', { reference: m })} code={booking.reference} />
            </button>
          )}
          {started && (
            <button type="button" className="danger" onClick={noShow}>
              <WithCode text={(m) => t('appt.desk.markNoShow', { reference: m })} code={booking.reference} />
            </button>
          )}
        </div>
      )}
    </li>
  );
}

type DayList = {
  eventId: string;
  date: string;
  capacity: number;
  registered: number;
  attended: number;
  items: {
    id: string;
    reference: string;
    status: string;
    citizen: { id: string; name: string };
    serviceCode: string | null;
    ticket: string | null;
  }[];
};

/** The list of a day of an open day, for the desk, with check-in. */
function OpenDayList({
  institutionId,
  onCheckIn,
}: {
  institutionId: string;
  onCheckIn: (body: Record<string, unknown>, who: string) => Promise<boolean>;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [choice, setChoice] = useState('');
  const ids = { sel: useId() };
  const events = useQuery({
    queryKey: ['open-days', institutionId],
    queryFn: () => api<{ items: OpenEvent[] }>(`/api/appointments/events?institutionId=${institutionId}`),
  });
  const [eventId, date] = choice.split('|');
  const list = useQuery({
    queryKey: ['desk-event-day', eventId, date],
    queryFn: () => api<DayList>(`/api/appointments/events/${eventId}/days/${date}/registrations`),
    enabled: !!eventId && !!date,
  });
  if (!events.data || events.data.items.length === 0) return null;
  return (
    <section aria-labelledby="desk-open-days">
      <h2 id="desk-open-days">{t('appt.desk.openDayList')}</h2>
      <div className="field narrow">
        <label htmlFor={ids.sel}>{t('appt.desk.openDay')}</label>
        <select id={ids.sel} value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">{t('appt.desk.chooseDay')}</option>
          {events.data.items.flatMap((e) =>
            e.days.map((d) => (
              <option key={`${e.id}|${d.date}`} value={`${e.id}|${d.date}`}>
                {eventTitle(e, lang)} — {formatDay(d.date, lang)}
              </option>
            )),
          )}
        </select>
      </div>
      {choice &&
        (list.isPending ? (
          <Loading />
        ) : list.isError ? (
          <ErrorBox error={list.error} retry={() => list.refetch()} />
        ) : (
          <>
            <p>
              {t('appt.desk.dayCounts', {
                registered: list.data.registered,
                capacity: list.data.capacity,
                attended: list.data.attended,
              })}
            </p>
            {list.data.items.length === 0 ? (
              <p className="empty">{t('appt.desk.noRegistration')}</p>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t('appt.desk.openDayList')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('appt.detail.reference')}</th>
                      <th scope="col">{t('appt.desk.visitor')}</th>
                      <th scope="col">{t('appt.detail.service')}</th>
                      <th scope="col">{t('appt.desk.ticket')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((r) => (
                      <tr key={r.id}>
                        <td>
                          <bdi dir="ltr">{r.reference}</bdi>
                        </td>
                        <td>
                          <bdi>{r.citizen.name}</bdi>
                        </td>
                        <td>
                          <bdi dir="ltr">{r.serviceCode ?? '—'}</bdi>
                        </td>
                        <td>
                          {r.ticket ? (
                            <bdi dir="ltr">{r.ticket}</bdi>
                          ) : r.status === 'registered' ? (
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => onCheckIn({ eventRegistrationId: r.id }, r.citizen.name)}
                            >
                              <WithCode
                                text={(m) => t('appt.desk.checkInWho', { reference: m })}
                                code={r.reference}
                              />
                            </button>
                          ) : (
                            t(`appt.regStatus.${r.status}`)
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ))}
    </section>
  );
}

/** The visitor log of the day: every visitor, their wait, who received them, the outcome. */
function VisitorLog({ institutionId }: { institutionId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const log = useQuery({
    queryKey: ['desk-log', institutionId],
    queryFn: () =>
      api<{ day: string; items: Ticket[] }>(`/api/appointments/queue/log?institutionId=${institutionId}`),
    enabled: open,
  });
  return (
    <details className="panel" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('appt.desk.log')}</summary>
      {open &&
        (log.isPending ? (
          <Loading />
        ) : log.isError ? (
          <ErrorBox error={log.error} retry={() => log.refetch()} />
        ) : log.data.items.length === 0 ? (
          <p className="empty">{t('appt.desk.logEmpty')}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t('appt.desk.log')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('appt.desk.ticket')}</th>
                  <th scope="col">{t('appt.desk.visitor')}</th>
                  <th scope="col">{t('appt.desk.arrived')}</th>
                  <th scope="col">{t('appt.desk.wait')}</th>
                  <th scope="col">{t('appt.desk.counter')}</th>
                  <th scope="col">{t('appt.desk.outcomeCol')}</th>
                </tr>
              </thead>
              <tbody>
                {log.data.items.map((tk) => (
                  <tr key={tk.id}>
                    <td>
                      <bdi dir="ltr">{tk.code}</bdi>
                    </td>
                    <td>
                      <bdi>{tk.visitorName ?? '—'}</bdi>
                    </td>
                    <td>
                      <Time>{tk.checkedInClock}</Time>
                    </td>
                    <td>
                      {tk.waitMinutes === null ? '—' : t('appt.desk.minutes', { count: tk.waitMinutes })}
                    </td>
                    <td>
                      <bdi>{tk.counter ?? '—'}</bdi>
                      {tk.calledByName && (
                        <>
                          {' '}
                          (<bdi>{tk.calledByName}</bdi>)
                        </>
                      )}
                    </td>
                    <td>
                      {tk.status === 'done' && tk.outcome
                        ? t(`appt.outcome.${tk.outcome}`)
                        : t(`appt.ticketStatus.${tk.status}`)}
                      {tk.outcomeNote && (
                        <>
                          {' — '}
                          <bdi>{tk.outcomeNote}</bdi>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </details>
  );
}
