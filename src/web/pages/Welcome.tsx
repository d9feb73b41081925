import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { type ApiError, api } from '../api.js';
import { useSignedIn } from '../session.js';

/**
 * The invited staff member's first visit: the link of the invitation e-mail carries the address and the
 * code in its fragment (never sent to the server); they choose a password and are signed in.
 */
export default function Welcome() {
  const { t } = useTranslation();
  const [link] = useState(() => new URLSearchParams(window.location.hash.slice(1)));
  const email = link.get('email') ?? '';
  const code = link.get('code') ?? '';
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  const ids = { password: useId(), again: useId(), err: useId(), again_err: useId() };
  const passwordError = error?.problem.errors?.find((e) => e.pointer === '/body/password')?.message;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    setMismatch(password !== again);
    if (password !== again) return;
    try {
      const res = await api<{ csrfToken: string }>('/api/auth/invitation', {
        method: 'POST',
        body: { email, code, password },
      });
      window.history.replaceState(null, '', '/welcome');
      await signedIn(res.csrfToken);
      navigate('/staff');
    } catch (err) {
      setError(err as ApiError);
    }
  };
  if (!email || !code)
    return (
      <section className="narrow">
        <h1>{t('welcome.title')}</h1>
        <p className="alert error" role="alert">
          {t('welcome.badLink')}
        </p>
      </section>
    );
  return (
    <section className="narrow">
      <h1>{t('welcome.title')}</h1>
      <p>
        {t('welcome.lead')} <bdi dir="ltr">{email}</bdi>
      </p>
      <form onSubmit={submit} noValidate>
        <input type="email" hidden readOnly autoComplete="username" value={email} />
        <div className="field">
          <label htmlFor={ids.password}>{t('welcome.password')}</label>
          <input
            id={ids.password}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!passwordError}
            aria-describedby={passwordError ? ids.err : undefined}
          />
          {passwordError && (
            <p id={ids.err} className="field-error">
              {passwordError}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.again}>{t('welcome.confirm')}</label>
          <input
            id={ids.again}
            type="password"
            dir="ltr"
            autoComplete="new-password"
            value={again}
            onChange={(e) => setAgain(e.target.value)}
            aria-invalid={mismatch}
            aria-describedby={mismatch ? ids.again_err : undefined}
          />
          {mismatch && (
            <p id={ids.again_err} className="field-error">
              {t('welcome.mismatch')}
            </p>
          )}
        </div>
        {error && !passwordError && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit">{t('welcome.submit')}</button>
      </form>
    </section>
  );
}
