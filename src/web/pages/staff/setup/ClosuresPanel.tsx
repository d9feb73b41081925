/** Closures and public holidays to come: list, add, edit, delete; the bookings a closure falls on. */

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type ClosureSet } from '../../../api.js';
import { formatDay } from '../../../components/Appointments.js';
import { Field } from '../../../components/Field.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { localName } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import { useAction } from '../../../useAction.js';
import { ChoiceField } from './fields.js';
import {
  AddButton,
  EditForm,
  fieldError,
  given,
  ManagedItem,
  orNull,
  type SetupClosure,
  type SetupService,
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
    <section aria-labelledby="setup-clo-h">
      <h2 id="setup-clo-h">{t('setup.clo.heading')}</h2>
      {hit.length > 0 && (
        <p className="alert late" role="alert">
          {t('setup.clo.affected', { count: hit.length, refs: hit.map((b) => b.reference).join(', ') })}{' '}
          <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
        </p>
      )}
      {closures.isPending ? (
        <Loading />
      ) : closures.isError ? (
        <ErrorBox error={closures.error} retry={() => closures.refetch()} />
      ) : closures.data.items.length === 0 ? (
        <p className="empty">{t('setup.clo.empty')}</p>
      ) : (
        <ul className="case-list setup-list">
          {closures.data.items.map((c) => {
            const service = props.services.find((s) => s.id === c.serviceId);
            return (
              <ManagedItem
                key={c.id}
                name={dates(c)}
                deleteLead={t('setup.clo.deleteLead')}
                onDelete={async () => {
                  await api(`/api/appointments/closures/${c.id}`, { method: 'DELETE' });
                  await props.changed(t('setup.deleted'));
                }}
                form={(close) => <ClosureForm {...props} closure={c} close={close} onSaved={saved} />}
              >
                <p className="ticket-line">
                  <strong>{dates(c)}</strong> <span className="tag">{t(`setup.clo.kind.${c.kind}`)}</span>
                </p>
                <p className="muted">
                  <span dir="auto">{reasonIn(c, lang)}</span> ·{' '}
                  {service ? localName(service, lang) : t('setup.allServices')}
                </p>
              </ManagedItem>
            );
          })}
        </ul>
      )}
      <AddButton
        label={t('setup.clo.add')}
        form={(close) => <ClosureForm {...props} closure={null} close={close} onSaved={saved} />}
      />
    </section>
  );
}

function ClosureForm(
  props: Props & { closure: SetupClosure | null; close: () => void; onSaved: (c: Saved) => Promise<void> },
) {
  const { t, i18n } = useTranslation();
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
  } = useAction({
    run: async () => {
      const body = {
        kind: v.kind,
        reasonAr: given(v.reasonAr),
        reasonFr: given(v.reasonFr),
        reasonEn: given(v.reasonEn),
        serviceId: orNull(v.serviceId),
        startDate: v.startDate || undefined,
        endDate: v.endDate || undefined,
      };
      const res = c
        ? await api<Saved>(`/api/appointments/closures/${c.id}`, { method: 'PATCH', body })
        : await api<Saved>('/api/appointments/closures', {
            method: 'POST',
            body: { ...body, institutionId: props.placeId },
          });
      props.close();
      await props.onSaved(res);
    },
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
        <Field label={t('setup.clo.kind')} error={err('kind')}>
          {(a) => (
            <select {...a} value={v.kind} onChange={set('kind')}>
              {(['closure', 'holiday'] as const).map((k) => (
                <option key={k} value={k}>
                  {t(`setup.clo.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ChoiceField
          label={t('setup.clo.service')}
          error={err('serviceId')}
          value={v.serviceId}
          onChange={set('serviceId')}
          none={t('setup.allServices')}
          items={props.services}
          option={(s) => localName(s, i18n.language)}
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
