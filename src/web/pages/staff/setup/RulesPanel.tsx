/** Weekly opening hours and duty turns (rotas): list by weekday, add, edit, delete. */

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { formatDay, Time } from '../../../components/Appointments.js';
import { Field, OptionField } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import { ChoiceField, NumberField, ServiceChoice } from './fields.js';
import {
  EditForm,
  fieldError,
  numberOf,
  orNull,
  ruleKinds,
  SetupList,
  type SetupOfficial,
  type SetupRule,
  type SetupService,
  useSave,
  weekdayName,
  weekdays,
} from './parts.js';

type Props = {
  placeId: string;
  services: SetupService[];
  officials: SetupOfficial[];
  changed: (message: string) => Promise<void>;
};

export function RulesPanel(props: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rules = useQuery({
    queryKey: keys.setupRules(props.placeId),
    queryFn: () => api<{ items: SetupRule[] }>(`/api/appointments/rules?institutionId=${props.placeId}`),
  });
  const serviceName = (id: string | null) => {
    const s = props.services.find((x) => x.id === id);
    return s ? localName(s, lang) : t('setup.allServices');
  };
  const officialName = (id: string | null) => props.officials.find((o) => o.id === id)?.name;
  return (
    <SetupList
      headingId="setup-rule-h"
      heading={t('setup.rule.heading')}
      intro={<p className="muted">{t('setup.rule.lead')}</p>}
      items={rules.data?.items}
      query={rules}
      empty={t('setup.rule.empty')}
      url="/api/appointments/rules"
      deleteLead={t('setup.rule.deleteLead')}
      addLabel={t('setup.rule.add')}
      changed={props.changed}
      name={(r) => `${weekdayName(r.weekday, lang)} ${r.start}–${r.end}`}
      form={(r, close) => <RuleForm {...props} rule={r} close={close} />}
    >
      {(r) => (
        <>
          <p className="ticket-line">
            <strong>
              {weekdayName(r.weekday, lang)} <Time>{`${r.start}–${r.end}`}</Time>
            </strong>{' '}
            <span className="tag">{t(`setup.kind.${r.kind}`)}</span>
          </p>
          <p className="muted">
            {serviceName(r.serviceId)}
            {officialName(r.officialId) && (
              <>
                {' · '}
                <bdi>{officialName(r.officialId)}</bdi>
              </>
            )}
            {r.capacity !== null && ` · ${t('setup.rule.seats', { capacity: r.capacity })}`}
            {r.everyWeeks > 1 &&
              ` · ${t('setup.rule.rota', {
                count: r.everyWeeks,
                date: r.anchorDate ? formatDay(r.anchorDate, lang, { year: true }) : '—',
              })}`}
            {(r.validFrom || r.validTo) &&
              ` · ${t('setup.rule.valid', {
                from: r.validFrom ? formatDay(r.validFrom, lang, { short: true }) : '…',
                to: r.validTo ? formatDay(r.validTo, lang, { short: true }) : '…',
              })}`}
          </p>
        </>
      )}
    </SetupList>
  );
}

function RuleForm(props: Props & { rule: SetupRule | null; close: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = props.rule;
  const [v, setV] = useState({
    weekday: String(r?.weekday ?? 1),
    start: r?.start ?? '',
    end: r?.end ?? '',
    kind: r?.kind ?? 'office',
    serviceId: r?.serviceId ?? '',
    officialId: r?.officialId ?? '',
    capacity: r?.capacity === null || r?.capacity === undefined ? '' : String(r.capacity),
    everyWeeks: String(r?.everyWeeks ?? 1),
    anchorDate: r?.anchorDate ?? '',
    validFrom: r?.validFrom ?? '',
    validTo: r?.validTo ?? '',
  });
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) =>
    setV({ ...v, [k]: e.target.value });
  const {
    busy,
    error,
    run: submit,
  } = useSave({
    url: '/api/appointments/rules',
    id: r?.id,
    body: () => ({
      weekday: numberOf(v.weekday),
      start: v.start || undefined,
      end: v.end || undefined,
      kind: v.kind,
      serviceId: orNull(v.serviceId),
      officialId: orNull(v.officialId),
      capacity: v.capacity.trim() === '' ? null : Number(v.capacity),
      everyWeeks: numberOf(v.everyWeeks),
      anchorDate: orNull(v.anchorDate),
      validFrom: orNull(v.validFrom),
      validTo: orNull(v.validTo),
    }),
    created: () => ({ institutionId: props.placeId }),
    close: props.close,
    saved: () => props.changed(t('setup.saved')),
  });
  const types = { 'appointment-official-unknown': 'officialId', 'appointment-service-unknown': 'serviceId' };
  const err = (name: string) => fieldError(error, name, types);
  const names = Object.keys(v);
  const date = (k: 'anchorDate' | 'validFrom' | 'validTo', label: string, hint?: string) => (
    <Field label={label} hint={hint} error={err(k)}>
      {(a) => <input {...a} type="date" dir="ltr" value={v[k]} onChange={set(k)} />}
    </Field>
  );
  return (
    <EditForm
      title={
        r
          ? t('setup.rule.editTitle', { what: `${weekdayName(r.weekday, lang)} ${r.start}–${r.end}` })
          : t('setup.rule.newTitle')
      }
      error={error}
      shownAtField={names.some((f) => err(f))}
      busy={busy}
      onSubmit={submit}
      onCancel={props.close}
    >
      <div className="row">
        <Field label={t('setup.rule.weekday')} error={err('weekday')}>
          {(a) => (
            <select {...a} value={v.weekday} onChange={set('weekday')}>
              {weekdays.map((d) => (
                <option key={d} value={d}>
                  {weekdayName(d, lang)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('setup.rule.start')} error={err('start')}>
          {(a) => <input {...a} type="time" dir="ltr" value={v.start} onChange={set('start')} />}
        </Field>
        <Field label={t('setup.rule.end')} error={err('end')}>
          {(a) => <input {...a} type="time" dir="ltr" value={v.end} onChange={set('end')} />}
        </Field>
      </div>
      <div className="row">
        <OptionField
          label={t('setup.rule.kind')}
          error={err('kind')}
          value={v.kind}
          onChange={(kind) => setV({ ...v, kind: kind as typeof v.kind })}
          options={ruleKinds}
          text={(k) => t(`setup.kind.${k}`)}
        />
        <ServiceChoice
          label={t('setup.rule.service')}
          error={err('serviceId')}
          value={v.serviceId}
          onChange={set('serviceId')}
          services={props.services}
        />
        <ChoiceField
          label={t('setup.rule.official')}
          error={err('officialId')}
          value={v.officialId}
          onChange={set('officialId')}
          none={t('setup.rule.noOfficial')}
          items={props.officials}
          option={(o) => o.name}
        />
      </div>
      <NumberField
        label={t('setup.rule.capacity')}
        hint={t('setup.rule.capacityHint')}
        error={err('capacity')}
        value={v.capacity}
        onChange={set('capacity')}
      />
      <div className="row">
        <NumberField
          label={t('setup.rule.everyWeeks')}
          error={err('everyWeeks')}
          value={v.everyWeeks}
          onChange={set('everyWeeks')}
        />
        {date('anchorDate', t('setup.rule.anchor'), t('setup.rule.anchorHint'))}
      </div>
      <div className="row">
        {date('validFrom', t('setup.rule.validFrom'))}
        {date('validTo', t('setup.rule.validTo'))}
      </div>
    </EditForm>
  );
}
