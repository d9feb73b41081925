import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../../api.js';
import {
  type Booking,
  ModeTag,
  StatusTag,
  serviceName,
  Time,
  WithCode,
} from '../../../components/Appointments.js';
import { useAction } from '../../../useAction.js';

/** A booking of the day: check-in for an in-person one, "did not come" once it has started. */
export function ExpectedVisitor({
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
  const noShowAction = useAction({
    run: () => api(`/api/appointments/${booking.id}/no-show`, { method: 'POST', body: {} }),
    onDone: () => onDone(),
    onError,
  });
  const noShow = () => noShowAction.run();
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
            <button type="button" className="danger" onClick={noShow} {...noShowAction.busyProps}>
              <WithCode text={(m) => t('appt.desk.markNoShow', { reference: m })} code={booking.reference} />
            </button>
          )}
        </div>
      )}
    </li>
  );
}
