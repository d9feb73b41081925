/** Closures and public holidays to come: list, add, edit, delete; the bookings a closure falls on. */

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type ClosureSet } from '../../../api.js';
import { formatDay } from '../../../components/Appointments.js';
import { Field, OptionField } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import { ServiceChoice } from './fields.js';
import {
  EditForm,
  fieldError,
  given,
  orNull,
  type SetupClosure,
  SetupList,
  type SetupService,
  useSave,
} from './parts.js';

type Props = {
  placeId: string;
  services: SetupService[];
  changed: (message: string) => Promise<void>;
};
type Saved = ClosureSet;

const reasonIn = (c: SetupClosure, lang: string) =>
  lang === 'ar' ? c.reasonAr : lang === 'fr' ? c.reasonFr : c.reasonEn;

export function ClosuresPanel(props: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // After a save: the bookings that fall on the closed days, for the desk to move.
  const [hit, setHit] = useState<Saved['affectedBookings']>([]);
  const closures = useQuery({
    queryKey: keys.setupClosures(props.placeId),
    queryFn: () =>
      api<{ items: SetupClosure[] }>(`/api/appointments/closures?institutionId=${props.placeId}`),
  });
  const dates = (c: SetupClosure) =>
    c.startDate === c.endDate
      ? formatDay(c.startDate, lang, { year: true })
      : t('setup.clo.dates', {
          from: formatDay(c.startDate, lang, { short: true }),
          to: formatDay(c.endDate, lang, { short: true, year: true }),
        });
  const saved = async (c: Saved) => {
    setHit(c.affectedBookings);
    await props.changed(t('setup.saved'));
  };
  return (
    <SetupList
      headingId="setup-clo-h"
      heading={t('setup.clo.heading')}
      intro={
        hit.length > 0 && (
          <p className="alert late" role="alert">
            {t('setup.clo.affected', { count: hit.length, refs: hit.map((b) => b.reference).join(', ') })}{' '}
            <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
          </p>
        )
      }
      items={closures.data?.items}
      query={closures}
      empty={t('setup.clo.empty')}
      url="/api/appointments/closures"
      deleteLead={t('setup.clo.deleteLead')}
      addLabel={t('setup.clo.add')}
      changed={props.changed}
      name={dates}
      form={(c, close) => <ClosureForm {...props} closure={c} close={close} onSaved={saved} />}
    >
      {(c, name) => {
        const service = props.services.find((s) => s.id === c.serviceId);
        return (
          <>
            <p className="ticket-line">
              <strong>{name}</strong> <span className="tag">{t(`setup.clo.kind.${c.kind}`)}</span>
            </p>
            <p className="muted">
              <span dir="auto">{reasonIn(c, lang)}</span> ·{' '}
              {service ? localName(service, lang) : t('setup.allServices')}
            </p>
          </>
        );
      }}
    </SetupList>
  );
}

function ClosureForm(
  props: Props & { closure: SetupClosure | null; close: () => void; onSaved: (c: Saved) => Promise<void> },
) {
  const { t } = useTranslation();
  const c = props.closure;
  const [v, setV] = useState({
    kind: c?.kind ?? 'closure',
    serviceId: c?.serviceId ?? '',
    startDate: c?.startDate ?? '',
    endDate: c?.endDate ?? '',
    reasonAr: c?.reasonAr ?? '',
    reasonFr: c?.reasonFr ?? '',
    reasonEn: c?.reasonEn ?? '',
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const {
    busy,
    error,
    run: submit,
  } = useSave<Saved>({
    url: '/api/appointments/closures',
    id: c?.id,
    body: () => ({
      kind: v.kind,
      reasonAr: given(v.reasonAr),
      reasonFr: given(v.reasonFr),
      reasonEn: given(v.reasonEn),
      serviceId: orNull(v.serviceId),
      startDate: v.startDate || undefined,
      endDate: v.endDate || undefined,
    }),
    created: () => ({ institutionId: props.placeId }),
    close: props.close,
    saved: props.onSaved,
  });
  const err = (name: string) => fieldError(error, name, { 'appointment-service-unknown': 'serviceId' });
  const reason = (k: 'reasonAr' | 'reasonFr' | 'reasonEn', dir: 'rtl' | 'ltr') => (
    <Field label={t(`setup.clo.${k}`)} error={err(k)}>
      {(a) => <input {...a} dir={dir} lang={k.slice(6).toLowerCase()} value={v[k]} onChange={set(k)} />}
    </Field>
  );
  const date = (k: 'startDate' | 'endDate', label: string) => (
    <Field label={label} error={err(k)}>
      {(a) => <input {...a} type="date" dir="ltr" value={v[k]} onChange={set(k)} />}
    </Field>
  );
  return (
    <EditForm
      title={
        c
          ? t('setup.clo.editTitle', {
              dates: c.startDate === c.endDate ? c.startDate : `${c.startDate} – ${c.endDate}`,
            })
          : t('setup.clo.newTitle')
      }
      error={error}
      shownAtField={Object.keys(v).some((f) => err(f))}
      busy={busy}
      onSubmit={submit}
      onCancel={props.close}
    >
      <div className="row">
        <OptionField
          label={t('setup.clo.kind')}
          error={err('kind')}
          value={v.kind}
          onChange={(kind) => setV({ ...v, kind: kind as typeof v.kind })}
          options={['closure', 'holiday'] as const}
          text={(k) => t(`setup.clo.kind.${k}`)}
        />
        <ServiceChoice
          label={t('setup.clo.service')}
          error={err('serviceId')}
          value={v.serviceId}
          onChange={set('serviceId')}
          services={props.services}
        />
      </div>
      <div className="row">
        {date('startDate', t('setup.clo.start'))}
        {date('endDate', t('setup.clo.end'))}
      </div>
      <div className="row">
        {reason('reasonAr', 'rtl')}
        {reason('reasonFr', 'ltr')}
        {reason('reasonEn', 'ltr')}
      </div>
    </EditForm>
  );
}
