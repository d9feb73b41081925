/** The staff members citizens can meet: list, add, edit titles and services, deactivate, delete. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { useAction } from '../../../useAction.js';
import { ChoiceField, PickMany } from './fields.js';
import {
  ActiveToggle,
  AddButton,
  EditForm,
  fieldError,
  given,
  ManagedItem,
  type SetupOfficial,
  type SetupService,
} from './parts.js';

export type StaffMember = { id: string; displayName: string; email: string };
type Props = {
  placeId: string;
  officials: SetupOfficial[];
  services: SetupService[];
  staff: StaffMember[];
  changed: (message: string) => Promise<void>;
};

const titleIn = (o: SetupOfficial, lang: string) =>
  lang === 'ar' ? o.titleAr : lang === 'fr' ? o.titleFr : o.titleEn;

export function OfficialsPanel(props: Props) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="setup-off-h">
      <h2 id="setup-off-h">{t('setup.off.heading')}</h2>
      {props.officials.length === 0 ? (
        <p className="empty">{t('setup.off.empty')}</p>
      ) : (
        <ul className="case-list setup-list">
          {props.officials.map((o) => (
            <ManagedItem
              key={o.id}
              name={o.name}
              deleteLead={t('setup.off.deleteLead')}
              onDelete={async () => {
                await api(`/api/appointments/officials/${o.id}`, { method: 'DELETE' });
                await props.changed(t('setup.deleted'));
              }}
              form={(close) => <OfficialForm {...props} official={o} close={close} />}
              extra={
                <ActiveToggle
                  url={`/api/appointments/officials/${o.id}`}
                  active={o.active}
                  name={o.name}
                  changed={props.changed}
                />
              }
            >
              <p className="ticket-line">
                <strong>
                  <bdi>{o.name}</bdi>
                </strong>{' '}
                · <span dir="auto">{titleIn(o, i18n.language)}</span>{' '}
                {!o.active && <span className="tag warn">{t('setup.inactive')}</span>}
              </p>
              <p className="muted">
                {props.services
                  .filter((s) => o.serviceIds.includes(s.id))
                  .map((s) => localName(s, i18n.language))
                  .join(' · ') || '—'}
              </p>
            </ManagedItem>
          ))}
        </ul>
      )}
      <AddButton
        label={t('setup.off.add')}
        form={(close) => <OfficialForm {...props} official={null} close={close} />}
      />
    </section>
  );
}

function OfficialForm(props: Props & { official: SetupOfficial | null; close: () => void }) {
  const { t, i18n } = useTranslation();
  const o = props.official;
  const [v, setV] = useState({
    accountId: o?.accountId ?? '',
    titleAr: o?.titleAr ?? '',
    titleFr: o?.titleFr ?? '',
    titleEn: o?.titleEn ?? '',
    serviceIds: o?.serviceIds ?? [],
  });
  const {
    busy,
    error,
    run: submit,
  } = useAction({
    run: async () => {
      const body = {
        titleAr: given(v.titleAr),
        titleFr: given(v.titleFr),
        titleEn: given(v.titleEn),
        serviceIds: v.serviceIds,
      };
      if (o) await api(`/api/appointments/officials/${o.id}`, { method: 'PATCH', body });
      else
        await api('/api/appointments/officials', {
          method: 'POST',
          body: { ...body, institutionId: props.placeId, accountId: v.accountId || undefined },
        });
      props.close();
      await props.changed(t('setup.saved'));
    },
  });
  const err = (name: string) => fieldError(error, name, { 'assignee-invalid': 'accountId' });
  const taken = new Set(props.officials.map((x) => x.accountId));
  const candidates = props.staff.filter((s) => !taken.has(s.id));
  const title = (k: 'titleAr' | 'titleFr' | 'titleEn', dir: 'rtl' | 'ltr') => (
    <Field label={t(`setup.off.${k}`)} error={err(k)}>
      {(a) => (
        <input
          {...a}
          dir={dir}
          lang={k.slice(5).toLowerCase()}
          value={v[k]}
          onChange={(e) => setV({ ...v, [k]: e.target.value })}
        />
      )}
    </Field>
  );
  return (
    <EditForm
      title={o ? t('setup.off.editTitle', { name: o.name }) : t('setup.off.newTitle')}
      error={error}
      shownAtField={['accountId', 'titleAr', 'titleFr', 'titleEn', 'serviceIds'].some((f) => err(f))}
      busy={busy}
      onSubmit={submit}
      onCancel={props.close}
    >
      {!o && (
        <ChoiceField
          label={t('setup.off.person')}
          error={err('accountId')}
          value={v.accountId}
          onChange={(e) => setV({ ...v, accountId: e.target.value })}
          none={t('setup.off.choose')}
          items={candidates}
          option={(s) => `${s.displayName} (${s.email})`}
        />
      )}
      <div className="row">
        {title('titleAr', 'rtl')}
        {title('titleFr', 'ltr')}
        {title('titleEn', 'ltr')}
      </div>
      <PickMany
        legend={t('setup.off.services')}
        empty={t('setup.off.noServices')}
        items={props.services}
        chosen={v.serviceIds}
        onChange={(serviceIds) => setV({ ...v, serviceIds })}
        label={(s) => localName(s, i18n.language)}
      />
    </EditForm>
  );
}
