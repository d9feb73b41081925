import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../api.js';
import { useSignedIn } from '../session.js';
import { CountrySelect } from './CountrySelect.js';

/** Sign in (or open an account) with a 6-digit code sent by e-mail: no password needed to file. */
export function EmailCodeSignIn({ onDone }: { onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const signedIn = useSignedIn();
  const [email, setEmail] = useState('');
  const [country, setCountry] = useState('FR');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { email: useId(), code: useId(), err: useId() };
  const send = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/email-code', {
        method: 'POST',
        body: { email, preferredLanguage: i18n.language, countryOfResidence: country },
      });
      setSent(true);
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const verify = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ csrfToken: string }>('/api/auth/verify-email', {
        method: 'POST',
        body: { email, code: code.trim() },
      });
      await signedIn(res.csrfToken);
      onDone?.();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const emailError = error?.field('email');
  return !sent ? (
    <form onSubmit={send} noValidate>
      <div className="field">
        <label htmlFor={ids.email}>{t('signin.email')}</label>
        <input
          id={ids.email}
          type="email"
          autoComplete="email"
          dir="ltr"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={!!emailError}
          aria-describedby={emailError ? ids.err : undefined}
        />
        {emailError && (
          <p id={ids.err} className="field-error">
            {emailError}
          </p>
        )}
      </div>
      <CountrySelect label={t('signin.country')} value={country} onChange={setCountry} />
      {error && !emailError && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {t('signin.sendCode')}
      </button>
    </form>
  ) : (
    <form onSubmit={verify} noValidate>
      <p role="status">{t('signin.codeSent', { email })}</p>
      <div className="field">
        <label htmlFor={ids.code}>{t('signin.code')}</label>
        <input
          id={ids.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          dir="ltr"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          value={code}
          onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          aria-invalid={!!error}
          aria-describedby={error ? ids.err : undefined}
        />
        {error && (
          <p id={ids.err} className="field-error" role="alert">
            {error.message}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy || code.length !== 6}>
        {t('signin.verify')}
      </button>
    </form>
  );
}
