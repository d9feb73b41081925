import { useQuery } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'wouter';
import { ApiError, api, type DocumentCheck, type VerifiedDocument } from '../api.js';
import { LineField } from '../components/Field.js';
import { Loading } from '../components/Layout.js';
import { formatDate, localName } from '../i18n.js';
import { keys } from '../query-keys.js';
import { asApiError } from '../useAction.js';

/** The sha256 of a file, computed here when the browser can: the paper itself need not leave the device. */
async function fingerprint(file: File): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

async function checkFile(code: string, file: File): Promise<DocumentCheck> {
  const sha256 = await fingerprint(file);
  if (sha256) return api<DocumentCheck>(`/api/verify/${code}/check`, { method: 'POST', body: { sha256 } });
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch(`/api/verify/${code}/check`, { method: 'POST', body: form });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(data);
  return data as DocumentCheck;
}

/** A code as the paper prints it (3-4-3), when it has the length of one. */
const printed = (code: string) =>
  /^[0-9A-Z]{10}$/.test(code) ? `${code.slice(0, 3)}-${code.slice(3, 7)}-${code.slice(7)}` : code;

/** Anyone checks a receipt or a reply letter by its code: the body, the date, the number, and the file itself. */
export default function Verify() {
  const params = useParams<{ code?: string }>();
  const code = params.code ?? null;
  return (
    <>
      <VerifyForm initial={code ? printed(code) : ''} />
      {code && <VerifiedRecord key={code} code={code} />}
    </>
  );
}

function VerifyForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [typed, setTyped] = useState(initial);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const clean = typed.replace(/[\s-]/g, '').toUpperCase();
    if (clean) navigate(`/verify/${encodeURIComponent(clean)}`);
  };
  return (
    <>
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <form onSubmit={submit} className="narrow" noValidate>
        <LineField
          label={t('verify.code')}
          hint={t('verify.codeHint')}
          dir="ltr"
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          onChange={setTyped}
          required
        />
        <button type="submit">{t('verify.submit')}</button>
      </form>
    </>
  );
}

function VerifiedRecord({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const record = useQuery({
    queryKey: keys.verifiedDocument(code),
    queryFn: () => api<VerifiedDocument>(`/api/verify/${encodeURIComponent(code)}`),
    retry: false,
  });
  if (record.isPending) return <Loading />;
  if (record.isError)
    return (
      <section aria-live="polite" className="alert error" role="alert">
        <h2>{t('verify.unknownTitle')}</h2>
        <p>{asApiError(record.error).message}</p>
      </section>
    );
  const d = record.data;
  return (
    <section aria-labelledby="verified-title" aria-live="polite">
      <div className={`alert ${d.authentic ? 'info' : 'error'}`} role="status">
        <h2 id="verified-title">{d.authentic ? t('verify.authentic') : t('verify.notAuthentic')}</h2>
        <p>{d.authentic ? t('verify.authenticHint') : t('verify.signatureInvalid')}</p>
      </div>
      <dl className="facts">
        <dt>{t('verify.kind')}</dt>
        <dd>{t(`verify.kind.${d.kind}`)}</dd>
        <dt>{t('verify.body')}</dt>
        <dd>{localName(d.institution, lang)}</dd>
        <dt>{t('verify.issuedAt')}</dt>
        <dd>{formatDate(d.issuedAt, lang, true)}</dd>
        <dt>{t('verify.tracking')}</dt>
        <dd>
          <bdi dir="ltr">{d.trackingNumber}</bdi>
        </dd>
        <dt>{t('verify.code')}</dt>
        <dd>
          <bdi dir="ltr">{d.displayCode}</bdi>
        </dd>
        <dt>{t('verify.sha256')}</dt>
        <dd>
          <code dir="ltr" className="hash">
            {d.sha256}
          </code>
        </dd>
      </dl>
      <p className="muted">{t('verify.noPersonalData')}</p>
      <CheckFile code={d.code} />
      <details>
        <summary>{t('verify.offline')}</summary>
        <p>{t('verify.offlineHint')}</p>
        <p>
          <a href="/.well-known/jisr-keys.json">/.well-known/jisr-keys.json</a>
        </p>
        <dl className="facts">
          <dt>{t('verify.keyId')}</dt>
          <dd>
            <code dir="ltr">{d.keyId}</code>
          </dd>
          <dt>{t('verify.signed')}</dt>
          <dd>
            <code dir="ltr" className="hash">
              {d.signed}
            </code>
          </dd>
          <dt>{t('verify.signature')}</dt>
          <dd>
            <code dir="ltr" className="hash">
              {d.signature}
            </code>
          </dd>
        </dl>
      </details>
    </section>
  );
}

/** Checks a PDF against the record: the same bytes, or not. */
function CheckFile({ code }: { code: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const [over, setOver] = useState(false);
  const [state, setState] = useState<
    | { step: 'idle' }
    | { step: 'checking'; name: string }
    | { step: 'done'; name: string; result: DocumentCheck }
    | { step: 'failed'; message: string }
  >({ step: 'idle' });
  const check = async (file: File | undefined) => {
    if (!file) return;
    // the file's name isolated from the sentence around it, whatever its script
    const name = `\u2068${file.name}\u2069`;
    setState({ step: 'checking', name });
    try {
      setState({ step: 'done', name, result: await checkFile(code, file) });
    } catch (e) {
      setState({ step: 'failed', message: asApiError(e).message });
    }
  };
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h3 id={`${id}-t`}>{t('verify.check.title')}</h3>
      <p id={`${id}-h`}>{t('verify.check.hint')}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the button inside does the same from the keyboard */}
      <div
        className={`dropzone${over ? ' over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void check(e.dataTransfer.files[0]);
        }}
      >
        <span>{t('verify.check.drop')}</span>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => input.current?.click()}
          aria-describedby={`${id}-h`}
          aria-busy={state.step === 'checking'}
        >
          {t('verify.check.choose')}
        </button>
        <input
          ref={input}
          type="file"
          accept="application/pdf"
          hidden
          aria-label={t('verify.check.choose')}
          onChange={(e) => {
            void check(e.target.files?.[0]);
            e.target.value = '';
          }}
          data-testid="verify-file"
        />
      </div>
      <div aria-live="polite">
        {state.step === 'checking' && <p role="status">{t('verify.check.checking', { name: state.name })}</p>}
        {state.step === 'done' && (
          <div className={`alert ${state.result.authentic ? 'info' : 'error'}`} role="status">
            <p>
              <strong>
                {state.result.authentic
                  ? t('verify.check.matches', { name: state.name })
                  : t('verify.check.altered', { name: state.name })}
              </strong>
            </p>
            {!state.result.authentic && <p>{t('verify.check.alteredHint')}</p>}
            <p className="muted">
              {t('verify.sha256')}:{' '}
              <code dir="ltr" className="hash">
                {state.result.sha256}
              </code>
            </p>
          </div>
        )}
        {state.step === 'failed' && (
          <p className="alert error" role="alert">
            {state.message}
          </p>
        )}
      </div>
    </section>
  );
}
