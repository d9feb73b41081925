import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Attachment, api } from '../../../api.js';
import { keys } from '../../../query-keys.js';
import { useAction } from '../../../useAction.js';

/** Staff write down what a voice message says (or correct what was written); kept with the attachment. */
export function Transcribe({ caseId, file }: { caseId: string; file: Attachment }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState(file.transcription ?? '');
  const [open, setOpen] = useState(false);
  const save = useAction({
    run: (value: string) =>
      api(`/api/cases/${caseId}/attachments/${file.id}/transcription`, {
        method: 'PUT',
        body: { text: value },
      }),
    invalidate: [keys.staffCase(caseId), keys.staffCaseFiles(caseId)],
    onDone: () => setOpen(false),
    successMessage: () => t('voice.saved'),
  });
  return (
    <>
      <details className="transcribe" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t(file.transcription ? 'voice.transcribeAgain' : 'voice.transcribe')}</summary>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) save.run(text.trim());
          }}
        >
          <label htmlFor={id}>{t('voice.transcriptionLabel')}</label>
          <textarea
            id={id}
            rows={4}
            dir="auto"
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
          />
          {save.error && (
            <p className="alert error" role="alert">
              {save.error.message}
            </p>
          )}
          <button type="submit" disabled={!text.trim() || save.busy} aria-busy={save.busyProps['aria-busy']}>
            {t('voice.save')}
          </button>
        </form>
      </details>
      <p role="status">{save.notice}</p>
    </>
  );
}
