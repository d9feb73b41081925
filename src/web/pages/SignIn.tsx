import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { type ApiError, api } from '../api.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { useSignedIn } from '../session.js';
import { safeReturnPath } from '../staff-access.js';

export default function SignIn() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'password' | 'code'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  // where the visitor was going when the page asked them to sign in
  const next = safeReturnPath(new URLSearchParams(useSearch()).get('next'));
  const ids = { email: useId(), password: useId(), err: useId() };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api<{ csrfToken: string; account: { kind: string } }>('/api/auth/login', {
        method: 'POST',
        body: {
          email,
          password,
          ...(totp ? (/^\d{6}$/.test(totp) ? { totp } : { recoveryCode: totp }) : {}),
        },
      });
      await signedIn(res.csrfToken);
      navigate(next ?? (res.account.kind === 'staff' ? '/staff' : '/cases'), { replace: true });
    } catch (err) {
      const e = err as ApiError;
      if ((e.problem as { secondFactor?: string }).secondFactor && totp === null) setTotp('');
      setError(e);
    }
  };
  return (
    <section className="narrow">
      <h1>{t('signin.title')}</h1>
      <div className="tabs">
        <button type="button" aria-pressed={mode === 'password'} onClick={() => setMode('password')}>
          {t('signin.withPassword')}
        </button>
        <button type="button" aria-pressed={mode === 'code'} onClick={() => setMode('code')}>
          {t('signin.withCode')}
        </button>
      </div>
      {mode === 'password' ? (
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={ids.email}>{t('signin.email')}</label>
            <input
              id={ids.email}
              type="email"
              dir="ltr"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
            />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('signin.password')}</label>
            <input
              id={ids.password}
              type="password"
              dir="ltr"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              aria-invalid={!!error}
              aria-describedby={error ? ids.err : undefined}
            />
          </div>
          {totp !== null && (
            <div className="field">
              <label htmlFor={`${ids.password}-totp`}>{t('signin.totp')}</label>
              <input
                id={`${ids.password}-totp`}
                dir="ltr"
                autoComplete="one-time-code"
                value={totp}
                onChange={(e) => setTotp(e.target.value.trim())}
              />
            </div>
          )}
          {error && (
            <p id={ids.err} className="alert error" role="alert">
              {error.message}
            </p>
          )}
          <button type="submit">{t('signin.submit')}</button>
        </form>
      ) : (
        <EmailCodeSignIn onDone={() => navigate(next ?? '/cases', { replace: true })} />
      )}
    </section>
  );
}
