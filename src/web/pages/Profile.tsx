import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { api, type CitizenProfile } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { ChannelPreferences } from '../components/ChannelPreferences.js';
import { CountrySelect } from '../components/CountrySelect.js';
import { Field, LineField, OptionField } from '../components/Field.js';
import { IdentityPanel } from '../components/IdentityPanel.js';
import { labelIn, useProviderError, useProviders } from '../components/IdentityProviders.js';
import { Loading } from '../components/Layout.js';
import { useConfirm } from '../components/useConfirm.js';
import { type Lang, languages, setLanguage } from '../i18n.js';
import { keys } from '../query-keys.js';
import { useSession } from '../session.js';
import { useAction } from '../useAction.js';

type Profile = CitizenProfile;
const textFields = [
  'givenNameAr',
  'familyNameAr',
  'givenNameLatin',
  'familyNameLatin',
  'cin',
  'phone',
] as const;

export default function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const profile = useQuery({
    queryKey: keys.profile(),
    queryFn: () => api<Profile>('/api/me/profile'),
    enabled: session.data?.account.kind === 'citizen',
  });
  const [form, setForm] = useState<Profile | null>(null);
  const [saved, setSaved] = useState('');
  const [password, setPassword] = useState('');
  const saveProfile = useAction({
    run: async (f: Profile) => {
      const editable = [...textFields, 'birthDate', 'countryOfResidence', 'preferredLanguage'] as const;
      const body = Object.fromEntries(editable.map((k) => [k, f[k] === '' ? null : f[k]]));
      const updated = await api<Profile>('/api/me/profile', { method: 'PATCH', body });
      setForm(updated);
      await setLanguage(updated.preferredLanguage);
      setSaved(t('profile.saved'));
    },
    invalidate: [keys.session()],
  });
  const savePassword = useAction({
    run: () => api('/api/me/password', { method: 'POST', body: { password } }),
    onDone: () => {
      setSaved(t('profile.password.saved'));
      setPassword('');
    },
    invalidate: [keys.session()],
  });
  const { ask, dialog } = useConfirm();
  const error = saveProfile.error ?? savePassword.error;
  // back from linking an identity provider: what happened
  const search = new URLSearchParams(useSearch());
  const providerError = useProviderError(search.get('oidcError'));
  const linked = useProviders().data?.find((p) => p.id === search.get('linked'));
  const i18nLang = useTranslation().i18n.language;
  useEffect(() => {
    if (profile.data && !form) setForm(profile.data);
  }, [profile.data, form]);
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (!form) return <Loading />;
  const save = (e: React.FormEvent) => {
    e.preventDefault();
    setSaved('');
    saveProfile.run(form);
  };
  const setPw = (e: React.FormEvent) => {
    e.preventDefault();
    savePassword.run();
  };
  const remove = () =>
    ask({
      title: t('profile.data.deleteConfirm'),
      label: t('profile.data.delete'),
      danger: true,
      run: async () => {
        await api('/api/me', { method: 'DELETE' });
        qc.setQueryData(keys.session(), null);
        navigate('/');
      },
    });
  return (
    <>
      <h1>{t('profile.title')}</h1>
      {(saved || linked) && (
        <p className="alert info" role="status">
          {saved || t('idp.linkedNotice', { provider: labelIn(linked!.label, i18nLang) })}
        </p>
      )}
      {providerError && (
        <p className="alert error" role="alert">
          {providerError}
        </p>
      )}
      {error && !error.problem.errors?.length && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <form onSubmit={save} noValidate className="narrow">
        {textFields.map((f) => (
          <Field
            key={f}
            id={`p-${f}`}
            label={t(`profile.${f}`)}
            hint={f === 'phone' ? t('profile.phoneHint') : undefined}
            error={error?.field(f)}
          >
            {(control) => (
              <input
                {...control}
                value={form[f] ?? ''}
                dir={f === 'phone' || f === 'cin' ? 'ltr' : f.endsWith('Ar') ? 'rtl' : 'auto'}
                lang={f.endsWith('Ar') ? 'ar' : undefined}
                type={f === 'phone' ? 'tel' : 'text'}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <LineField
          label={t('profile.birthDate')}
          type="date"
          dir="ltr"
          value={form.birthDate ?? ''}
          onChange={(birthDate) => setForm({ ...form, birthDate })}
        />
        <CountrySelect
          label={t('profile.country')}
          value={form.countryOfResidence}
          onChange={(v) => setForm({ ...form, countryOfResidence: v })}
        />
        <OptionField
          label={t('profile.language')}
          value={form.preferredLanguage}
          onChange={(l) => setForm({ ...form, preferredLanguage: l as Lang })}
          options={languages}
          text={(l) => t(`lang.${l}`)}
          lang={(l) => l}
        />
        <button type="submit" {...saveProfile.busyProps}>
          {t('common.save')}
        </button>
      </form>

      {session.data.account.hasPassword === false && (
        <section className="panel narrow" aria-labelledby="pw-title">
          <h2 id="pw-title">{t('profile.password.title')}</h2>
          <p>{t('profile.password.lead')}</p>
          <form onSubmit={setPw}>
            <LineField
              label={t('profile.password.label')}
              type="password"
              dir="ltr"
              autoComplete="new-password"
              minLength={10}
              value={password}
              onChange={setPassword}
            />
            <button
              type="submit"
              disabled={password.length < 10 || savePassword.busy}
              aria-busy={savePassword.busyProps['aria-busy']}
            >
              {t('common.save')}
            </button>
          </form>
        </section>
      )}

      <IdentityPanel onNotice={setSaved} />

      <ChannelPreferences />

      <section className="panel narrow" aria-labelledby="data-title">
        <h2 id="data-title">{t('profile.data.title')}</h2>
        <p>{t('profile.data.lead')}</p>
        <p>
          <a className="button secondary" href="/api/me/export" download="jisr-my-data.json">
            {t('profile.data.export')}
          </a>
        </p>
        <button type="button" className="danger" onClick={remove}>
          {t('profile.data.delete')}
        </button>
      </section>
      {dialog}
    </>
  );
}
