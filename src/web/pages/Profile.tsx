import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { type ApiError, api } from '../api.js';
import { SignInRedirect } from '../components/AccessGate.js';
import { ChannelPreferences } from '../components/ChannelPreferences.js';
import { CountrySelect } from '../components/CountrySelect.js';
import { Loading } from '../components/Layout.js';
import { type Lang, languages, setLanguage } from '../i18n.js';
import { useSession } from '../session.js';

type Profile = {
  givenNameAr: string | null;
  familyNameAr: string | null;
  givenNameLatin: string | null;
  familyNameLatin: string | null;
  birthDate: string | null;
  cin: string | null;
  countryOfResidence: string;
  phone: string | null;
  preferredLanguage: Lang;
};
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
    queryKey: ['profile'],
    queryFn: () => api<Profile>('/api/me/profile'),
    enabled: session.data?.account.kind === 'citizen',
  });
  const [form, setForm] = useState<Profile | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  const [password, setPassword] = useState('');
  const ids = { birth: useId(), lang: useId(), pw: useId() };
  useEffect(() => {
    if (profile.data && !form) setForm(profile.data);
  }, [profile.data, form]);
  if (session.isPending) return <Loading />;
  if (!session.data) return <SignInRedirect />;
  if (!form) return <Loading />;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved('');
    try {
      const editable = [...textFields, 'birthDate', 'countryOfResidence', 'preferredLanguage'] as const;
      const body = Object.fromEntries(editable.map((k) => [k, form[k] === '' ? null : form[k]]));
      const updated = await api<Profile>('/api/me/profile', { method: 'PATCH', body });
      setForm(updated);
      await setLanguage(updated.preferredLanguage);
      setSaved(t('profile.saved'));
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const setPw = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api('/api/me/password', { method: 'POST', body: { password } });
      setSaved(t('profile.password.saved'));
      setPassword('');
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const remove = async () => {
    if (!window.confirm(t('profile.data.deleteConfirm'))) return;
    try {
      await api('/api/me', { method: 'DELETE' });
      qc.setQueryData(['session'], null);
      navigate('/');
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <>
      <h1>{t('profile.title')}</h1>
      {saved && (
        <p className="alert info" role="status">
          {saved}
        </p>
      )}
      {error && !error.problem.errors?.length && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <form onSubmit={save} noValidate className="narrow">
        {textFields.map((f) => {
          const err = error?.field(f);
          return (
            <div className="field" key={f}>
              <label htmlFor={`p-${f}`}>{t(`profile.${f}`)}</label>
              {f === 'phone' && (
                <p className="hint" id="p-phone-hint">
                  {t('profile.phoneHint')}
                </p>
              )}
              <input
                id={`p-${f}`}
                value={form[f] ?? ''}
                dir={f === 'phone' || f === 'cin' ? 'ltr' : f.endsWith('Ar') ? 'rtl' : 'auto'}
                lang={f.endsWith('Ar') ? 'ar' : undefined}
                type={f === 'phone' ? 'tel' : 'text'}
                onChange={(e) => setForm({ ...form, [f]: e.target.value })}
                aria-invalid={!!err}
                aria-describedby={
                  [f === 'phone' ? 'p-phone-hint' : '', err ? `p-${f}-err` : ''].filter(Boolean).join(' ') ||
                  undefined
                }
              />
              {err && (
                <p className="field-error" id={`p-${f}-err`}>
                  {err}
                </p>
              )}
            </div>
          );
        })}
        <div className="field">
          <label htmlFor={ids.birth}>{t('profile.birthDate')}</label>
          <input
            id={ids.birth}
            type="date"
            dir="ltr"
            value={form.birthDate ?? ''}
            onChange={(e) => setForm({ ...form, birthDate: e.target.value })}
          />
        </div>
        <CountrySelect
          label={t('profile.country')}
          value={form.countryOfResidence}
          onChange={(v) => setForm({ ...form, countryOfResidence: v })}
        />
        <div className="field">
          <label htmlFor={ids.lang}>{t('profile.language')}</label>
          <select
            id={ids.lang}
            value={form.preferredLanguage}
            onChange={(e) => setForm({ ...form, preferredLanguage: e.target.value as Lang })}
          >
            {languages.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`lang.${l}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('common.save')}</button>
      </form>

      {session.data.account.hasPassword === false && (
        <section className="panel narrow" aria-labelledby="pw-title">
          <h2 id="pw-title">{t('profile.password.title')}</h2>
          <p>{t('profile.password.lead')}</p>
          <form onSubmit={setPw}>
            <div className="field">
              <label htmlFor={ids.pw}>{t('profile.password.label')}</label>
              <input
                id={ids.pw}
                type="password"
                dir="ltr"
                autoComplete="new-password"
                minLength={10}
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </div>
            <button type="submit" disabled={password.length < 10}>
              {t('common.save')}
            </button>
          </form>
        </section>
      )}

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
    </>
  );
}
