import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import { api, type SignedIn } from '../api.js';
import { LineField } from '../components/Field.js';
import { useSignedIn } from '../session.js';
import { useAction } from '../useAction.js';

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
  const [, navigate] = useLocation();
  const signedIn = useSignedIn();
  const accept = useAction({
    run: () => api<SignedIn>('/api/auth/invitation', { method: 'POST', body: { email, code, password } }),
    onDone: async (res) => {
      window.history.replaceState(null, '', '/welcome');
      await signedIn(res.csrfToken);
      navigate('/staff');
    },
  });
  const { error } = accept;
  const passwordError = error?.problem.errors?.find((e) => e.pointer === '/body/password')?.message;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setMismatch(password !== again);
    if (password !== again) {
      accept.reset();
      return;
    }
    accept.run();
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
        <LineField
          label={t('welcome.password')}
          error={passwordError}
          type="password"
          dir="ltr"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
        <LineField
          label={t('welcome.confirm')}
          error={mismatch ? t('welcome.mismatch') : undefined}
          type="password"
          dir="ltr"
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
        />
        {error && !passwordError && (
          <p className="alert error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" {...accept.busyProps}>
          {t('welcome.submit')}
        </button>
      </form>
    </section>
  );
}
