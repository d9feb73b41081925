import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearch } from 'wouter';
import { api, type SignedIn } from '../api.js';
import { EmailCodeSignIn } from '../components/EmailCodeSignIn.js';
import { LineField } from '../components/Field.js';
import { ProviderSignIn, useProviderError } from '../components/IdentityProviders.js';
import { useSignedIn } from '../session.js';
import { safeReturnPath } from '../staff-access.js';
import { useAction } from '../useAction.js';

export default function SignIn() {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'password' | 'code'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState<string | null>(null);
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  // where the visitor was going when the page asked them to sign in
  const search = new URLSearchParams(useSearch());
  const next = safeReturnPath(search.get('next'));
  // a sign-in through an identity provider that was refused comes back here with its reason
  const providerError = useProviderError(search.get('oidcError'));
  const ids = { err: useId() };
  const login = useAction({
    run: () =>
      api<SignedIn>('/api/auth/login', {
        method: 'POST',
        body: {
          email,
          password,
          ...(totp ? (/^\d{6}$/.test(totp) ? { totp } : { recoveryCode: totp }) : {}),
        },
      }),
    onDone: async (res) => {
      await signedIn(res.csrfToken);
      navigate(next ?? (res.account.kind === 'staff' ? '/staff' : '/cases'), { replace: true });
    },
    // a second factor is asked for: its field appears
    onError: (e) => {
      if ((e.problem as { secondFactor?: string }).secondFactor && totp === null) setTotp('');
    },
  });
  const { error } = login;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    login.run();
  };
  return (
    <section className="narrow">
      <h1>{t('signin.title')}</h1>
      {providerError && (
        <p className="alert error" role="alert">
          {providerError}
        </p>
      )}
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
          <LineField
            label={t('signin.email')}
            type="email"
            dir="ltr"
            autoComplete="username"
            value={email}
            onChange={setEmail}
            required
          />
          <LineField
            label={t('signin.password')}
            type="password"
            dir="ltr"
            autoComplete="current-password"
            value={password}
            onChange={setPassword}
            required
            // the refusal below is about the address and the password together
            aria-invalid={!!error}
            aria-describedby={error ? ids.err : undefined}
          />
          {totp !== null && (
            <LineField
              label={t('signin.totp')}
              dir="ltr"
              autoComplete="one-time-code"
              value={totp}
              onChange={(v) => setTotp(v.trim())}
            />
          )}
          {error && (
            <p id={ids.err} className="alert error" role="alert">
              {error.message}
            </p>
          )}
          <button type="submit" {...login.busyProps}>
            {t('signin.submit')}
          </button>
        </form>
      ) : (
        <EmailCodeSignIn onDone={() => navigate(next ?? '/cases', { replace: true })} />
      )}
      <ProviderSignIn next={next} />
    </section>
  );
}
