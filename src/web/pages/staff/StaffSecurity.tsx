import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api } from '../../api.js';
import { Loading } from '../../components/Layout.js';
import { useSession } from '../../session.js';

/** Enrolment of the authenticator app: QR code, typed key, confirmation, recovery codes shown once. */
export default function StaffSecurity() {
  const { t } = useTranslation();
  const session = useSession();
  const qc = useQueryClient();
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const id = useId();
  if (session.isPending) return <Loading />;
  const enabled = session.data?.account.totpEnabled;
  const start = async (proof?: { password: string; totp?: string; recoveryCode?: string }) => {
    setError(null);
    try {
      setSetup(await api('/api/staff/totp/setup', { method: 'POST', body: proof }));
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const replace = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const current = String(form.get('current') ?? '').trim();
    void start({
      password: String(form.get('password') ?? ''),
      ...(/^\d{6}$/.test(current) ? { totp: current } : { recoveryCode: current }),
    });
  };
  const confirm = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const res = await api<{ recoveryCodes: string[] }>('/api/staff/totp/confirm', {
        method: 'POST',
        body: { code },
      });
      setRecovery(res.recoveryCodes);
      await qc.invalidateQueries({ queryKey: ['session'] });
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <section className="narrow">
      <h1>{t('staff.security.title')}</h1>
      {recovery ? (
        <>
          <p className="alert info" role="status">
            {t('staff.security.enabled')}
          </p>
          <p>{t('staff.security.recovery')}</p>
          <ul className="codes" dir="ltr">
            {recovery.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ul>
        </>
      ) : enabled && !setup ? (
        <>
          <p className="alert info">{t('staff.security.enabled')}</p>
          <h2>{t('staff.security.replace')}</h2>
          <p>{t('staff.security.replaceLead')}</p>
          <form onSubmit={replace} aria-label={t('staff.security.replace')}>
            <div className="field">
              <label htmlFor={`${id}-password`}>{t('staff.security.password')}</label>
              <input
                id={`${id}-password`}
                name="password"
                type="password"
                autoComplete="current-password"
                required
                aria-invalid={!!error}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-current`}>{t('staff.security.currentCode')}</label>
              <input
                id={`${id}-current`}
                name="current"
                autoComplete="one-time-code"
                dir="ltr"
                maxLength={20}
                required
                aria-invalid={!!error}
                aria-describedby={error ? `${id}-error` : undefined}
              />
              {error && (
                <p className="field-error" role="alert" id={`${id}-error`}>
                  {error.message}
                </p>
              )}
            </div>
            <button type="submit">{t('staff.security.replace')}</button>
          </form>
        </>
      ) : !setup ? (
        <button type="button" onClick={() => start()}>
          {t('staff.security.start')}
        </button>
      ) : (
        <>
          <p>{t('staff.security.lead')}</p>
          <img
            className="qr"
            alt="QR"
            width="224"
            height="224"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
          />
          <p>
            {t('staff.security.key')}: <code dir="ltr">{setup.secret}</code>
          </p>
          <form onSubmit={confirm}>
            <div className="field">
              <label htmlFor={id}>{t('staff.security.code')}</label>
              <input
                id={id}
                inputMode="numeric"
                autoComplete="one-time-code"
                dir="ltr"
                maxLength={6}
                value={code}
                onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                aria-invalid={!!error}
              />
              {error && (
                <p className="field-error" role="alert">
                  {error.message}
                </p>
              )}
            </div>
            <button type="submit" disabled={code.length !== 6}>
              {t('staff.security.confirm')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
