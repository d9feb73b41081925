import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFileSize } from '../i18n.js';
import { shrinkImage } from '../shrink-image.js';

export const MAX_MB = 10;
const ALLOWED = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'];

/** Chooses papers: drag and drop, file picker or phone camera; checks type and size before upload. */
export function FilePicker({
  files,
  onChange,
  label,
}: {
  files: File[];
  onChange: (f: File[]) => void;
  /** What to add, when not the citizen's own papers (the desk scans the visitor's). */
  label?: string;
}) {
  const { t, i18n } = useTranslation();
  const [errors, setErrors] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const pick = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const add = async (list: FileList | null) => {
    if (!list) return;
    const ok: File[] = [];
    const errs: string[] = [];
    for (const chosen of Array.from(list)) {
      // a phone photo is scaled down first (see shrinkImage): the size checked and shown is the one sent
      const f = ALLOWED.includes(chosen.type) ? await shrinkImage(chosen) : chosen;
      if (!ALLOWED.includes(f.type)) errs.push(t('file.files.badType', { name: f.name }));
      else if (f.size > MAX_MB * 1024 * 1024)
        errs.push(t('file.files.tooLarge', { name: f.name, max: MAX_MB }));
      else ok.push(f);
    }
    setErrors(errs);
    onChange([...files, ...ok]);
  };
  return (
    <div>
      <p id={labelId}>{label ?? t('file.files.label', { max: MAX_MB })}</p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the two buttons inside do the same from the keyboard */}
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
          add(e.dataTransfer.files);
        }}
      >
        <span>{t('file.files.drop')}</span>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => pick.current?.click()}
          aria-describedby={labelId}
        >
          {t('file.files.choose')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => camera.current?.click()}>
          {t('file.files.camera')}
        </button>
        <input
          ref={pick}
          type="file"
          multiple
          accept={ALLOWED.join(',')}
          hidden
          onChange={(e) => add(e.target.files)}
          data-testid="file-input"
        />
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          onChange={(e) => add(e.target.files)}
        />
      </div>
      {errors.length > 0 && (
        <ul className="alert error" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
      {files.length === 0 ? (
        <p className="muted">{t('file.files.none')}</p>
      ) : (
        <ul className="files">
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}`}>
              <bdi>{f.name}</bdi>{' '}
              <small className="muted">
                (<bdi>{formatFileSize(f.size, i18n.language)}</bdi>)
              </small>{' '}
              <button
                type="button"
                className="linklike"
                onClick={() => onChange(files.filter((_, j) => j !== i))}
              >
                {t('file.files.remove', { name: f.name })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
