import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ApiError, api, uploadFile } from '../../api.js';
import { StaffCaseLink, StateBadge } from '../../components/CaseBits.js';
import { FilePicker } from '../../components/FilePicker.js';
import { formatDate } from '../../i18n.js';

type Related = {
  id: string;
  trackingNumber: string;
  subject: string;
  kind: string;
  state: string;
  createdAt: string;
  likelyDuplicate: boolean;
};

/** The requester's other cases; a likely duplicate can be merged into the case that carries on. */
export function RelatedCases({
  caseId,
  version,
  canMerge,
  onDone,
}: {
  caseId: string;
  version: number;
  canMerge: boolean;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const related = useQuery({
    queryKey: ['staff-case', caseId, 'related'],
    queryFn: () => api<{ items: Related[] }>(`/api/cases/${caseId}/related`),
  });
  const merge = async (into: Related) => {
    if (!window.confirm(t('staff.ws.mergeConfirm', { tracking: into.trackingNumber }))) return;
    setError(null);
    try {
      await api(`/api/cases/${caseId}/merge`, { method: 'POST', body: { intoId: into.id, version } });
      onDone(t('staff.ws.merged', { tracking: into.trackingNumber }));
    } catch (e) {
      setError(e as ApiError);
    }
  };
  const items = related.data?.items ?? [];
  return (
    <section aria-labelledby="rel-h">
      <h2 id="rel-h">{t('staff.ws.related')}</h2>
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      {related.isPending ? null : items.length === 0 ? (
        <p className="muted">{t('staff.ws.noRelated')}</p>
      ) : (
        <ul className="case-list">
          {items.map((r) => (
            <li key={r.id} className={r.likelyDuplicate ? 'late' : ''}>
              <StaffCaseLink c={r} />
              <div className="meta">
                <StateBadge state={r.state} staff />
                {r.likelyDuplicate && <span className="tag warn">{t('staff.ws.likelyDuplicate')}</span>}
                <span className="muted">{formatDate(r.createdAt, i18n.language)}</span>
                {r.likelyDuplicate && canMerge && (
                  <button type="button" className="secondary" onClick={() => merge(r)}>
                    {t('staff.ws.mergeInto', { tracking: r.trackingNumber })}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Scanned papers added by staff (a letter received by post, a paper brought to the desk). */
export function StaffUpload({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const send = async () => {
    setError(null);
    setDone('');
    try {
      for (const f of files) await uploadFile(caseId, f, setProgress);
      setDone(t('staff.ws.uploaded', { count: files.length, n: files.length }));
      setFiles([]);
      await qc.invalidateQueries({ queryKey: ['staff-case', caseId] });
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setProgress(null);
    }
  };
  return (
    <details className="queue-filters">
      <summary>{t('staff.ws.addPapers')}</summary>
      <FilePicker files={files} onChange={setFiles} />
      {progress !== null && <progress max={100} value={progress} aria-label={t('staff.ws.addPapers')} />}
      {error && (
        <p className="alert error" role="alert">
          {error.message}
        </p>
      )}
      <p role="status">{done}</p>
      <button type="button" disabled={!files.length || progress !== null} onClick={send}>
        {t('staff.ws.upload')}
      </button>
    </details>
  );
}
