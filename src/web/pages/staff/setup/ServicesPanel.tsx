/** The services citizens can book: list, add, edit, deactivate, delete. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Department } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { ChoiceField, NumberField, PickMany } from './fields.js';
import {
  ActiveToggle,
  EditForm,
  fieldError,
  given,
  numberOf,
  orNull,
  SetupList,
  type SetupOfficial,
  type SetupService,
  useSave,
} from './parts.js';

type Props = {
  placeId: string;
  services: SetupService[];
  officials: SetupOfficial[];
  departments: Department[];
  changed: (message: string) => Promise<void>;
};

export function ServicesPanel(props: Props) {
  const { t, i18n } = useTranslation();
  return (
    <SetupList
      headingId="setup-svc-h"
      heading={t('setup.svc.heading')}
      items={props.services}
      empty={t('setup.svc.empty')}
      url="/api/appointments/services"
      deleteLead={t('setup.svc.deleteLead')}
      addLabel={t('setup.svc.add')}
      changed={props.changed}
      name={(s) => localName(s, i18n.language)}
      extra={(s, name) => (
        <ActiveToggle
          url={`/api/appointments/services/${s.id}`}
          active={s.active}
          name={name}
          changed={props.changed}
        />
      )}
      form={(s, close) => <ServiceForm {...props} service={s} close={close} />}
    >
      {(s, name) => (
        <>
          <p className="ticket-line">
            <strong dir="auto">{name}</strong>{' '}
            <bdi dir="ltr" className="muted">
              {s.code}
            </bdi>{' '}
            {!s.active && <span className="tag warn">{t('setup.inactive')}</span>}
          </p>
          <p className="muted">
            {t('setup.svc.summary', {
              slot: s.slotMinutes,
              buffer: s.bufferMinutes,
              capacity: s.capacity,
            })}
            {' · '}
            {s.modes.map((m) => t(`appt.mode.${m}`)).join(', ')}
            {s.officials.length > 0 && (
              <>
                {' · '}
                {s.officials.map((o) => (
                  <bdi key={o.id}>{o.name} </bdi>
                ))}
              </>
            )}
          </p>
        </>
      )}
    </SetupList>
  );
}

function ServiceForm(props: Props & { service: SetupService | null; close: () => void }) {
  const { t, i18n } = useTranslation();
  const s = props.service;
  const [v, setV] = useState({
    code: s?.code ?? '',
    nameAr: s?.nameAr ?? '',
    nameFr: s?.nameFr ?? '',
    nameEn: s?.nameEn ?? '',
    departmentId: s?.departmentId ?? '',
    bookWith: s?.bookWith ?? 'window',
    slotMinutes: String(s?.slotMinutes ?? 20),
    bufferMinutes: String(s?.bufferMinutes ?? 0),
    capacity: String(s?.capacity ?? 1),
    modes: s?.modes ?? ['in_person'],
    minNoticeMinutes: String(s?.minNoticeMinutes ?? 120),
    horizonDays: String(s?.horizonDays ?? 60),
    videoRoomBase: s?.videoRoomBase ?? '',
    officialIds: s ? props.officials.filter((o) => o.serviceIds.includes(s.id)).map((o) => o.id) : [],
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const {
    busy,
    error,
    run: submit,
  } = useSave({
    url: '/api/appointments/services',
    id: s?.id,
    body: () => ({
      nameAr: given(v.nameAr),
      nameFr: given(v.nameFr),
      nameEn: given(v.nameEn),
      departmentId: orNull(v.departmentId),
      bookWith: v.bookWith,
      slotMinutes: numberOf(v.slotMinutes),
      bufferMinutes: numberOf(v.bufferMinutes),
      capacity: numberOf(v.capacity),
      modes: v.modes,
      minNoticeMinutes: numberOf(v.minNoticeMinutes),
      horizonDays: numberOf(v.horizonDays),
      videoRoomBase: v.modes.includes('video') ? orNull(v.videoRoomBase) : null,
      officialIds: v.officialIds,
    }),
    created: () => ({ institutionId: props.placeId, code: given(v.code.trim()) }),
    close: props.close,
    saved: () => props.changed(t('setup.saved')),
  });
  const err = (name: string) => fieldError(error, name, { 'appointment-code-taken': 'code' });
  const fields = ['code', 'nameAr', 'nameFr', 'nameEn', 'departmentId', 'bookWith', 'slotMinutes'].concat([
    'bufferMinutes',
    'capacity',
    'modes',
    'minNoticeMinutes',
    'horizonDays',
    'videoRoomBase',
    'officialIds',
  ]);
  const text = (k: 'nameAr' | 'nameFr' | 'nameEn', dir: 'rtl' | 'ltr') => (
    <Field label={t(`setup.svc.${k}`)} error={err(k)}>
      {(a) => <input {...a} dir={dir} lang={k.slice(4).toLowerCase()} value={v[k]} onChange={set(k)} />}
    </Field>
  );
  const number = (
    k: 'slotMinutes' | 'bufferMinutes' | 'capacity' | 'minNoticeMinutes' | 'horizonDays',
    label: string,
    hint?: string,
  ) => <NumberField label={label} error={err(k)} hint={hint} value={v[k]} onChange={set(k)} />;
  return (
    <EditForm
      title={s ? t('setup.svc.editTitle', { name: localName(s, i18n.language) }) : t('setup.svc.newTitle')}
      error={error}
      shownAtField={fields.some((f) => err(f))}
      busy={busy}
      onSubmit={submit}
      onCancel={props.close}
    >
      {!s && (
        <Field label={t('setup.svc.code')} hint={t('setup.svc.codeHint')} error={err('code')}>
          {(a) => <input {...a} dir="ltr" autoComplete="off" value={v.code} onChange={set('code')} />}
        </Field>
      )}
      <div className="row">
        {text('nameAr', 'rtl')}
        {text('nameFr', 'ltr')}
        {text('nameEn', 'ltr')}
      </div>
      <ChoiceField
        label={t('setup.svc.department')}
        error={err('departmentId')}
        value={v.departmentId}
        onChange={set('departmentId')}
        none={t('setup.svc.noDepartment')}
        items={props.departments}
        option={(d) => localName(d, i18n.language)}
      />
      <fieldset>
        <legend>{t('setup.svc.bookWith')}</legend>
        <div className="checks">
          {(['window', 'official'] as const).map((b) => (
            <label key={b}>
              <input
                type="radio"
                name={`book-with-${s?.id ?? 'new'}`}
                checked={v.bookWith === b}
                onChange={() => setV({ ...v, bookWith: b })}
              />
              {t(`setup.svc.bookWith.${b}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="row">
        {number('slotMinutes', t('setup.svc.slot'))}
        {number('bufferMinutes', t('setup.svc.buffer'))}
        {number('capacity', t('setup.svc.capacity'), t('setup.svc.capacityHint'))}
      </div>
      <fieldset aria-describedby={err('modes') ? `modes-${s?.id ?? 'new'}-e` : undefined}>
        <legend>{t('setup.svc.modes')}</legend>
        <div className="checks">
          {(['in_person', 'video'] as const).map((m) => (
            <label key={m}>
              <input
                type="checkbox"
                checked={v.modes.includes(m)}
                onChange={(e) =>
                  setV({ ...v, modes: e.target.checked ? [...v.modes, m] : v.modes.filter((x) => x !== m) })
                }
              />
              {t(`appt.mode.${m}`)}
            </label>
          ))}
        </div>
        {err('modes') && (
          <p className="field-error" id={`modes-${s?.id ?? 'new'}-e`}>
            {err('modes')}
          </p>
        )}
      </fieldset>
      {v.modes.includes('video') && (
        <Field label={t('setup.svc.video')} hint={t('setup.svc.videoHint')} error={err('videoRoomBase')}>
          {(a) => (
            <input
              {...a}
              type="url"
              dir="ltr"
              placeholder="https://"
              value={v.videoRoomBase}
              onChange={set('videoRoomBase')}
            />
          )}
        </Field>
      )}
      <div className="row">
        {number('minNoticeMinutes', t('setup.svc.notice'))}
        {number('horizonDays', t('setup.svc.horizon'))}
      </div>
      <PickMany
        legend={t('setup.svc.officials')}
        empty={t('setup.svc.noOfficials')}
        items={props.officials}
        chosen={v.officialIds}
        onChange={(officialIds) => setV({ ...v, officialIds })}
        label={(o) => <bdi>{o.name}</bdi>}
      />
    </EditForm>
  );
}
