import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type RelatedCase, uploadFile } from '../../api.js';
import { StaffCaseLink, StateBadge } from '../../components/CaseBits.js';
import { FilePicker } from '../../components/FilePicker.js';
import { useConfirm } from '../../components/useConfirm.js';
import { formatDate } from '../../i18n.js';
import { keys } from '../../query-keys.js';
import { useAction } from '../../useAction.js';

type Related = RelatedCase;

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
  const related = useQuery({
    queryKey: keys.staffCaseRelated(caseId),
    queryFn: () => api<{ items: Related[] }>(`/api/cases/${caseId}/related`),
  });
  const { ask, dialog } = useConfirm(onDone);
  const merge = (into: Related) =>
    ask({
      title: t('staff.ws.mergeConfirm', { tracking: into.trackingNumber }),
      label: t('staff.ws.mergeInto', { tracking: into.trackingNumber }),
      invalidate: [keys.staffCase(caseId), keys.staffQueue()],
      run: async () => {
        await api(`/api/cases/${caseId}/merge`, { method: 'POST', body: { intoId: into.id, version } });
        return t('staff.ws.merged', { tracking: into.trackingNumber });
      },
    });
  const items = related.data?.items ?? [];
  return (
    <section aria-labelledby="rel-h">
      <h2 id="rel-h">{t('staff.ws.related')}</h2>
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
      {dialog}
    </section>
  );
}

/** Scanned papers added by staff (a letter received by post, a paper brought to the desk). */
export function StaffUpload({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const upload = useAction({
    run: async (chosen: File[]) => {
      try {
        for (const f of chosen) await uploadFile(caseId, f, setProgress);
      } finally {
        setProgress(null);
      }
    },
    invalidate: [keys.staffCase(caseId)],
    onDone: () => setFiles([]),
    successMessage: (_, chosen) => t('staff.ws.uploaded', { count: chosen.length, n: chosen.length }),
  });
  const { error, notice: done } = upload;
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
      <button
        type="button"
        disabled={!files.length || upload.busy}
        aria-busy={upload.busyProps['aria-busy']}
        onClick={() => upload.run(files)}
      >
        {t('staff.ws.upload')}
      </button>
    </details>
  );
}
