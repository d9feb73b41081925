import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../i18n.js';
import { AudioPlayer } from './AudioPlayer.js';

/** The longest recording: five minutes, stopped there. */
export const VOICE_LIMIT_SECONDS = 5 * 60;

/** What the browser records in, best first: Opus in WebM (Chromium, Firefox), AAC in MP4 (Safari). */
const FORMATS = [
  { mime: 'audio/webm;codecs=opus', ext: 'webm' },
  { mime: 'audio/webm', ext: 'webm' },
  { mime: 'audio/mp4', ext: 'm4a' },
  { mime: 'audio/ogg;codecs=opus', ext: 'ogg' },
];

/** Recording is offered only where the browser can do it (MediaRecorder and a microphone API). */
export const canRecordVoice = () =>
  typeof window !== 'undefined' &&
  typeof window.MediaRecorder !== 'undefined' &&
  !!navigator.mediaDevices?.getUserMedia;

const clock = (seconds: number, lang: string) =>
  `${formatNumber(Math.floor(seconds / 60), lang)}:${formatNumber(Math.floor(seconds % 60), lang).padStart(2, formatNumber(0, lang))}`;

/**
 * Records a voice message to send with the papers: the consent line, start and stop (stopped at the time
 * limit, shown), then a player to hear it again and a button to delete it. The recording is one of the
 * `files` (sent as a paper, checked by the server like every paper); taken out of the list, it is gone here
 * too. Nothing is shown where the browser cannot record.
 */
export function VoiceRecorder({ files, onChange }: { files: File[]; onChange: (f: File[]) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [state, setState] = useState<'idle' | 'starting' | 'recording'>('idle');
  const [elapsed, setElapsed] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const recorder = useRef<MediaRecorder | null>(null);
  const recording = useRef<File | null>(null);
  const [url, setUrl] = useState<string | null>(null);
  const filesRef = useRef(files);
  filesRef.current = files;
  const kept = recording.current && files.includes(recording.current) ? recording.current : null;

  useEffect(
    () => () => {
      for (const tr of recorder.current?.stream.getTracks() ?? []) tr.stop();
    },
    [],
  );
  useEffect(() => {
    if (!kept && url) {
      URL.revokeObjectURL(url);
      setUrl(null);
    }
  }, [kept, url]);
  useEffect(() => {
    if (state !== 'recording') return;
    const started = Date.now();
    const timer = setInterval(() => {
      const s = (Date.now() - started) / 1000;
      setElapsed(s);
      if (s >= VOICE_LIMIT_SECONDS) {
        setNotice(t('voice.limitReached'));
        recorder.current?.stop();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [state, t]);

  if (!canRecordVoice()) return null;

  const start = async () => {
    setError(null);
    setNotice(null);
    setState('starting');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      setState('idle');
      setError(t('voice.denied'));
      return;
    }
    const format = FORMATS.find((f) => MediaRecorder.isTypeSupported(f.mime));
    const rec = new MediaRecorder(stream, format ? { mimeType: format.mime } : undefined);
    const chunks: Blob[] = [];
    rec.ondataavailable = (e) => {
      if (e.data.size) chunks.push(e.data);
    };
    rec.onstop = () => {
      for (const tr of stream.getTracks()) tr.stop();
      const type = (rec.mimeType || format?.mime || 'audio/webm').split(';')[0]!;
      const ext = FORMATS.find((f) => f.mime.startsWith(type))?.ext ?? 'webm';
      const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
      const file = new File(chunks, `voice-message-${stamp}.${ext}`, { type });
      const others = filesRef.current.filter((f) => f !== recording.current);
      recording.current = file;
      setUrl(URL.createObjectURL(file));
      setState('idle');
      setNotice((n) => n ?? t('voice.recorded'));
      onChange([...others, file]);
    };
    recorder.current = rec;
    setElapsed(0);
    rec.start(1000);
    setState('recording');
    setNotice(t('voice.started'));
  };

  const remove = () => {
    onChange(files.filter((f) => f !== recording.current));
    recording.current = null;
    setNotice(t('voice.deleted'));
  };

  const limit = clock(VOICE_LIMIT_SECONDS, i18n.language);
  return (
    <section className="voice" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('voice.title')}</h3>
      <p>{t('voice.hint', { limit })}</p>
      <p className="muted" id={`${id}-consent`}>
        {t('voice.consent')}
      </p>
      {state === 'recording' ? (
        <p>
          <span className="tag warn" role="timer" aria-live="off">
            {t('voice.recording', { elapsed: clock(elapsed, i18n.language), limit })}
          </span>{' '}
          <button type="button" onClick={() => recorder.current?.stop()}>
            {t('voice.stop')}
          </button>
        </p>
      ) : kept && url ? (
        <div className="voice-take">
          <AudioPlayer src={url} label={t('voice.listen')} />{' '}
          <button type="button" className="secondary" onClick={remove}>
            {t('voice.delete')}
          </button>{' '}
          <button type="button" className="linklike" onClick={start} aria-describedby={`${id}-consent`}>
            {t('voice.again')}
          </button>
        </div>
      ) : (
        <p>
          <button
            type="button"
            className="secondary"
            onClick={start}
            disabled={state === 'starting'}
            aria-describedby={`${id}-consent`}
          >
            {t('voice.start')}
          </button>
        </p>
      )}
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
      <div aria-live="polite" className="visually-hidden">
        {notice}
      </div>
    </section>
  );
}
