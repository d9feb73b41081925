import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api } from '../api.js';
import { useAction } from '../useAction.js';
import {
  type Booking,
  ModeTag,
  officialTitle,
  type Picked,
  SlotPicker,
  StatusTag,
  serviceName,
  When,
} from './Appointments.js';
import { ConfirmDialog } from './ConfirmDialog.js';

/**
 * One booking as its citizen sees it, with the calendar file, and choosing another time or cancelling
 * (after a confirmation). Signed in, or from the link of an e-mail (`token`).
 */
export function BookingDetail({
  booking,
  token,
  initialAction,
  onChange,
}: {
  booking: Booking;
  token?: string;
  initialAction?: 'reschedule' | 'cancel' | null;
  onChange: (b: Booking) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const changeable = booking.status === 'booked' && new Date(booking.startsAt).getTime() > Date.now();
  const [panel, setPanel] = useState<'reschedule' | 'cancel' | null>(
    changeable ? (initialAction ?? null) : null,
  );
  const [picked, setPicked] = useState<Picked | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const ids = { err: useId(), title: useId() };
  const statusRef = useRef<HTMLParagraphElement>(null);
  const base = token
    ? `/api/appointments/manage/${encodeURIComponent(token)}`
    : `/api/appointments/${booking.id}`;

  const action = useAction({
    run: ({ path, body }: { path: string; body: unknown; message: string }) =>
      api<Booking>(`${base}/${path}`, { method: 'POST', body }),
    onDone: (b, { message }) => {
      onChange(b);
      setPanel(null);
      setPicked(null);
      setDone(message);
      requestAnimationFrame(() => statusRef.current?.focus());
    },
  });
  const { error, busy } = action;
  const run = (path: string, body: unknown, message: string) => action.run({ path, body, message });
  const close = () => {
    setPanel(null);
    action.reset();
  };
  const reschedule = (e: React.FormEvent) => {
    e.preventDefault();
    if (!picked) {
      setMissing(true);
      return;
    }
    run(
      'reschedule',
      {
        startsAt: picked.startsAt,
        officialId: picked.officialId ?? undefined,
        ...(token ? {} : { version: booking.version }),
      },
      t('appt.detail.moved'),
    );
  };

  return (
    <section aria-labelledby={ids.title} className="booking">
      <h2 id={ids.title} className="visually-hidden">
        {t('appt.detail.facts')}
      </h2>
      {done && (
        <p className="alert info" role="status" tabIndex={-1} ref={statusRef}>
          {done}
        </p>
      )}
      <dl className="facts">
        <dt>{t('appt.detail.reference')}</dt>
        <dd>
          <bdi dir="ltr" className="tracking nowrap" data-testid="booking-reference">
            {booking.reference}
          </bdi>
        </dd>
        <dt>{t('appt.detail.service')}</dt>
        <dd>{serviceName(booking.service, lang)}</dd>
        <dt>{t('appt.detail.when')}</dt>
        <dd data-testid="booking-when">
          <When morocco={booking.morocco} local={booking.local} />
        </dd>
        <dt>{t('appt.detail.how')}</dt>
        <dd>
          <ModeTag mode={booking.mode} />
          {booking.mode === 'video' &&
            (booking.videoUrl ? (
              <p>
                {t('appt.detail.videoLink')}{' '}
                <a href={booking.videoUrl} rel="noreferrer" target="_blank">
                  <bdi dir="ltr">{booking.videoUrl}</bdi>
                </a>
              </p>
            ) : (
              <p className="muted">{t('appt.detail.videoLater')}</p>
            ))}
        </dd>
        {booking.official && (
          <>
            <dt>{t('appt.detail.official')}</dt>
            <dd>
              <bdi>{booking.official.name}</bdi> — {officialTitle(booking.official, lang)}
            </dd>
          </>
        )}
        <dt>{t('appt.detail.status')}</dt>
        <dd>
          <StatusTag status={booking.status} />
        </dd>
        {booking.caseId && !token && (
          <>
            <dt>{t('appt.detail.case')}</dt>
            <dd>
              <Link href={`/cases/${booking.caseId}`}>{t('appt.detail.openCase')}</Link>
            </dd>
          </>
        )}
      </dl>
      {!token && booking.status !== 'cancelled' && (
        <p>
          <a className="button secondary" href={`/api/appointments/${booking.id}/calendar.ics`} download>
            {t('appt.detail.ics')}
          </a>
        </p>
      )}
      {error && !panel && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {changeable && !panel && (
        <div className="buttons">
          <button type="button" onClick={() => setPanel('reschedule')}>
            {t('appt.detail.reschedule')}
          </button>
          <button type="button" className="danger" onClick={() => setPanel('cancel')}>
            {t('appt.detail.cancel')}
          </button>
        </div>
      )}
      {panel === 'reschedule' && (
        <form className="panel" onSubmit={reschedule} noValidate>
          <h2>{t('appt.detail.rescheduleTitle')}</h2>
          <SlotPicker
            serviceId={booking.serviceId}
            officialId={booking.officialId && booking.official ? booking.officialId : null}
            timeZone={booking.timeZone}
            value={picked}
            onChange={(p) => {
              setPicked(p);
              setMissing(false);
            }}
            error={missing ? t('appt.book.pickTime') : (error?.field('startsAt') ?? error?.message)}
            errorId={ids.err}
          />
          <div className="buttons">
            <button type="submit" {...action.busyProps}>
              {t('appt.detail.confirmReschedule')}
            </button>
            <button type="button" className="secondary" onClick={close}>
              {t('appt.detail.keep')}
            </button>
          </div>
        </form>
      )}
      {panel === 'cancel' && (
        <ConfirmDialog
          title={t('appt.detail.cancelTitle')}
          message={t('appt.detail.cancelConfirm')}
          confirmLabel={t('appt.detail.confirmCancel')}
          cancelLabel={t('appt.detail.keep')}
          danger
          busy={busy}
          error={error?.message}
          onConfirm={() => run('cancel', {}, t('appt.detail.cancelled'))}
          onCancel={close}
        />
      )}
    </section>
  );
}
