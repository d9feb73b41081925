import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type RecoveryCodes, type TotpSetup } from '../../api.js';
import { CodeField, Field } from '../../components/Field.js';
import { Loading } from '../../components/Layout.js';
import { keys } from '../../query-keys.js';
import { useSession } from '../../session.js';
import { useAction } from '../../useAction.js';

/** Enrolment of the authenticator app: QR code, typed key, confirmation, recovery codes shown once. */
export default function StaffSecurity() {
  const { t } = useTranslation();
  const session = useSession();
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const begin = useAction({
    run: (proof?: { password: string; totp?: string; recoveryCode?: string }) =>
      api<TotpSetup>('/api/staff/totp/setup', { method: 'POST', body: proof }),
    onDone: setSetup,
  });
  const finish = useAction({
    run: () => api<RecoveryCodes>('/api/staff/totp/confirm', { method: 'POST', body: { code } }),
    invalidate: [keys.session()],
    onDone: (res) => setRecovery(res.recoveryCodes),
  });
  const error = begin.error ?? finish.error;
  if (session.isPending) return <Loading />;
  const enabled = session.data?.account.totpEnabled;
  const start = begin.run;
  const replace = (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const current = String(form.get('current') ?? '').trim();
    void start({
      password: String(form.get('password') ?? ''),
      ...(/^\d{6}$/.test(current) ? { totp: current } : { recoveryCode: current }),
    });
  };
  const confirm = (e: React.FormEvent) => {
    e.preventDefault();
    finish.run();
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
            <Field label={t('staff.security.password')}>
              {(control) => (
                <input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  aria-invalid={!!error}
                />
              )}
            </Field>
            <Field label={t('staff.security.currentCode')} error={error?.message} alert>
              {(control) => (
                <input
                  {...control}
                  name="current"
                  autoComplete="one-time-code"
                  dir="ltr"
                  maxLength={20}
                  required
                />
              )}
            </Field>
            <button type="submit" {...begin.busyProps}>
              {t('staff.security.replace')}
            </button>
          </form>
        </>
      ) : !setup ? (
        <button type="button" onClick={() => start()} {...begin.busyProps}>
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
            <CodeField
              label={t('staff.security.code')}
              error={error?.message}
              value={code}
              onChange={setCode}
            />
            <button
              type="submit"
              disabled={code.length !== 6 || finish.busy}
              aria-busy={finish.busyProps['aria-busy']}
            >
              {t('staff.security.confirm')}
            </button>
          </form>
        </>
      )}
    </section>
  );
}
