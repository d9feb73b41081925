import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SignedIn } from '../api.js';
import { useSignedIn } from '../session.js';
import { useAction } from '../useAction.js';
import { CountrySelect } from './CountrySelect.js';
import { CodeField, Field } from './Field.js';

/** Sign in (or open an account) with a 6-digit code sent by e-mail: no password needed to file. */
export function EmailCodeSignIn({ onDone }: { onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [country, setCountry] = useState('FR');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const sendCode = useAction({
    run: () =>
      api('/api/auth/email-code', {
        method: 'POST',
        body: { email, preferredLanguage: i18n.language, countryOfResidence: country },
      }),
    onDone: () => setSent(true),
  });
  const verifyCode = useAction({
    run: () =>
      api<SignedIn>('/api/auth/verify-email', {
        method: 'POST',
        body: { email, code: code.trim() },
      }),
    onDone: async (res) => {
      await signedIn(res.csrfToken);
      onDone?.();
    },
  });
  const error = sendCode.error ?? verifyCode.error;
  const send = (e: React.FormEvent) => {
    e.preventDefault();
    sendCode.run();
  };
  const verify = (e: React.FormEvent) => {
    e.preventDefault();
    verifyCode.run();
  };
  const emailError = error?.field('email');
  return !sent ? (
    <form onSubmit={send} noValidate>
      <Field label={t('signin.email')} error={emailError}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            dir="ltr"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <CountrySelect label={t('signin.country')} value={country} onChange={setCountry} />
      {error && !emailError && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" {...sendCode.busyProps}>
        {t('signin.sendCode')}
      </button>
    </form>
  ) : (
    <form onSubmit={verify} noValidate>
      <p role="status">{t('signin.codeSent', { email })}</p>
      <CodeField
        label={t('signin.code')}
        error={error?.message}
        pattern="[0-9]{6}"
        required
        value={code}
        onChange={setCode}
      />
      <button
        type="submit"
        disabled={verifyCode.busy || code.length !== 6}
        aria-busy={verifyCode.busyProps['aria-busy']}
      >
        {t('signin.verify')}
      </button>
    </form>
  );
}
