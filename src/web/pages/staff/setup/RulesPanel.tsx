/** Weekly opening hours and duty turns (rotas): list by weekday, add, edit, delete. */

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { formatDay, Time } from '../../../components/Appointments.js';
import { Field } from '../../../components/Field.js';
import { ErrorBox, Loading } from '../../../components/Layout.js';
import { localName } from '../../../i18n.js';
import { keys } from '../../../query-keys.js';
import { useAction } from '../../../useAction.js';
import { ChoiceField, NumberField } from './fields.js';
import {
  AddButton,
  EditForm,
  fieldError,
  ManagedItem,
  numberOf,
  orNull,
  ruleKinds,
  type SetupOfficial,
  type SetupRule,
  type SetupService,
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
    <section aria-labelledby="setup-rule-h">
      <h2 id="setup-rule-h">{t('setup.rule.heading')}</h2>
      <p className="muted">{t('setup.rule.lead')}</p>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorBox error={rules.error} retry={() => rules.refetch()} />
      ) : rules.data.items.length === 0 ? (
        <p className="empty">{t('setup.rule.empty')}</p>
      ) : (
        <ul className="case-list setup-list">
          {rules.data.items.map((r) => {
            const what = `${weekdayName(r.weekday, lang)} ${r.start}–${r.end}`;
            return (
              <ManagedItem
                key={r.id}
                name={what}
                deleteLead={t('setup.rule.deleteLead')}
                onDelete={async () => {
                  await api(`/api/appointments/rules/${r.id}`, { method: 'DELETE' });
                  await props.changed(t('setup.deleted'));
                }}
                form={(close) => <RuleForm {...props} rule={r} close={close} />}
              >
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
              </ManagedItem>
            );
          })}
        </ul>
      )}
      <AddButton
        label={t('setup.rule.add')}
        form={(close) => <RuleForm {...props} rule={null} close={close} />}
      />
    </section>
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
  } = useAction({
    run: async () => {
      const body = {
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
      };
      if (r) await api(`/api/appointments/rules/${r.id}`, { method: 'PATCH', body });
      else
        await api('/api/appointments/rules', {
          method: 'POST',
          body: { ...body, institutionId: props.placeId },
        });
      props.close();
      await props.changed(t('setup.saved'));
    },
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
        <Field label={t('setup.rule.kind')} error={err('kind')}>
          {(a) => (
            <select {...a} value={v.kind} onChange={set('kind')}>
              {ruleKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`setup.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <ChoiceField
          label={t('setup.rule.service')}
          error={err('serviceId')}
          value={v.serviceId}
          onChange={set('serviceId')}
          none={t('setup.allServices')}
          items={props.services}
          option={(s) => localName(s, lang)}
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
