/** The staff members citizens can meet: list, add, edit titles and services, deactivate, delete. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';
import { ChoiceField, PickMany } from './fields.js';
import {
  ActiveToggle,
  EditForm,
  fieldError,
  given,
  SetupList,
  type SetupOfficial,
  type SetupService,
  useSave,
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
    <SetupList
      headingId="setup-off-h"
      heading={t('setup.off.heading')}
      items={props.officials}
      empty={t('setup.off.empty')}
      url="/api/appointments/officials"
      deleteLead={t('setup.off.deleteLead')}
      addLabel={t('setup.off.add')}
      changed={props.changed}
      name={(o) => o.name}
      extra={(o) => (
        <ActiveToggle
          url={`/api/appointments/officials/${o.id}`}
          active={o.active}
          name={o.name}
          changed={props.changed}
        />
      )}
      form={(o, close) => <OfficialForm {...props} official={o} close={close} />}
    >
      {(o) => (
        <>
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
        </>
      )}
    </SetupList>
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
  } = useSave({
    url: '/api/appointments/officials',
    id: o?.id,
    body: () => ({
      titleAr: given(v.titleAr),
      titleFr: given(v.titleFr),
      titleEn: given(v.titleEn),
      serviceIds: v.serviceIds,
    }),
    created: () => ({ institutionId: props.placeId, accountId: v.accountId || undefined }),
    close: props.close,
    saved: () => props.changed(t('setup.saved')),
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
