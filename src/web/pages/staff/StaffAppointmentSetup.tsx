import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { api, type Department } from '../../api.js';
import { SignInRedirect } from '../../components/AccessGate.js';
import { ErrorBox, Loading } from '../../components/Layout.js';
import { LiveNotice } from '../../components/LiveNotice.js';
import { localName } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useRefresh } from '../../useAction.js';
import { ClosuresPanel } from './setup/ClosuresPanel.js';
import { OfficialsPanel, type StaffMember } from './setup/OfficialsPanel.js';
import type { SetupOfficial, SetupService } from './setup/parts.js';
import { RotaPanel } from './setup/RotaPanel.js';
import { RulesPanel } from './setup/RulesPanel.js';
import { ServicesPanel } from './setup/ServicesPanel.js';
import { useStaffContext } from './useStaff.js';

const parts = ['services', 'officials', 'rules', 'closures', 'rota'] as const;
type Part = (typeof parts)[number];

/**
 * The institution admin's setup of appointments: services, officials, weekly hours and duty turns,
 * closures, and the rota they make. For an agency, also for each of its annexes.
 */
export default function StaffAppointmentSetup() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const refresh = useRefresh();
  const { session, institutions, membership, institution } = useStaffContext();
  const [part, setPart] = useState<Part>('services');
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [status, announce] = useState('');
  const placeField = useId();
  const admin =
    !!membership &&
    session.data?.memberships.some(
      (m) => m.institutionId === membership.institutionId && m.role === 'institution_admin',
    );
  const here = placeId ?? institution?.id ?? '';
  const enabled = !!here && !!admin;
  const services = useQuery({
    queryKey: keys.setupServices(here),
    queryFn: () =>
      api<{ items: SetupService[] }>(`/api/appointments/services?institutionId=${here}&includeInactive=true`),
    enabled,
  });
  const officials = useQuery({
    queryKey: keys.setupOfficials(here),
    queryFn: () => api<{ items: SetupOfficial[] }>(`/api/appointments/officials?institutionId=${here}`),
    enabled,
  });
  const departments = useQuery({
    queryKey: keys.setupDepartments(here),
    queryFn: () => api<{ items: Department[] }>(`/api/institutions/${here}/departments`),
    enabled,
  });
  const staff = useQuery({
    queryKey: keys.setupStaff(membership?.institutionId),
    queryFn: () => api<{ items: StaffMember[] }>(`/api/institutions/${membership!.institutionId}/staff`),
    enabled: !!membership && !!admin,
  });

  if (session.isPending) return <Loading />;
  if (session.data?.account.kind !== 'staff') return <SignInRedirect />;
  if (!institution || !membership) return <Loading />;
  if (!admin)
    return (
      <>
        <h1>{t('setup.title')}</h1>
        <p className="alert error" role="alert">
          {t('setup.adminOnly')}
        </p>
      </>
    );
  const places = [
    institution,
    ...(institutions.data?.items ?? []).filter((i) => i.parentId === institution.id),
  ];
  const changed = async (message: string) => {
    announce(message);
    await refresh([keys.setup(here), keys.services()]);
  };
  // one row per person, even with several roles
  const people = [...new Map((staff.data?.items ?? []).map((s) => [s.id, s])).values()];
  const loading = services.isPending || officials.isPending || departments.isPending;
  const failed = services.error ?? officials.error ?? departments.error;
  const shared = {
    placeId: here,
    services: services.data?.items ?? [],
    officials: officials.data?.items ?? [],
    changed,
  };
  return (
    <>
      <h1>{t('setup.title')}</h1>
      <p className="muted">
        {localName(institution, lang)} · {t('setup.lead')}
      </p>
      <p className="links-row">
        <Link href="/staff/appointments">{t('appt.nav.calendar')}</Link>
      </p>
      {places.length > 1 && (
        <div className="field narrow">
          <label htmlFor={placeField}>{t('setup.place')}</label>
          <select
            id={placeField}
            value={here}
            onChange={(e) => {
              setPlaceId(e.target.value);
              announce('');
            }}
          >
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {localName(p, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      <fieldset className="tabs setup-tabs">
        <legend className="visually-hidden">{t('setup.parts')}</legend>
        {parts.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={part === p}
            onClick={() => {
              setPart(p);
              announce('');
            }}
          >
            {t(`setup.tab.${p}`)}
          </button>
        ))}
      </fieldset>
      <LiveNotice text={status} className="setup-status" />
      {loading ? (
        <Loading />
      ) : failed ? (
        <ErrorBox error={failed} />
      ) : part === 'services' ? (
        <ServicesPanel {...shared} departments={departments.data?.items ?? []} />
      ) : part === 'officials' ? (
        <OfficialsPanel {...shared} staff={people} />
      ) : part === 'rules' ? (
        <RulesPanel {...shared} />
      ) : part === 'closures' ? (
        <ClosuresPanel {...shared} />
      ) : (
        <RotaPanel placeId={here} services={shared.services} />
      )}
    </>
  );
}
