import { useTranslation } from 'react-i18next';
import type { Attachment } from '../api.js';

/** A case's paper: a link that opens it or, while the antivirus has still to check it, its name and a tag. */
export function PaperLink({ caseId, file }: { caseId: string; file: Attachment }) {
  const { t } = useTranslation();
  if (file.scanStatus === 'pending')
    return (
      <>
        <bdi>{file.name}</bdi>
        <span className="tag warn" title={t('case.paperHeld.hint')}>
          {t('case.paperHeld')}
        </span>
      </>
    );
  return (
    <a href={`/api/cases/${caseId}/attachments/${file.id}`} target="_blank" rel="noreferrer">
      <bdi>{file.name}</bdi>
    </a>
  );
}
