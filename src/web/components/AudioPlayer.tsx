import type { SyntheticEvent } from 'react';

/**
 * A player for a voice message. A browser's recording (WebM) carries no duration: the player would show
 * 0:00 and no length until played through. Asked to seek far past the end once its metadata is in, the
 * browser finds the real end and says the duration; the player is then put back at the start.
 */
export function AudioPlayer({ src, label }: { src: string; label: string }) {
  const findLength = (e: SyntheticEvent<HTMLAudioElement>) => {
    const a = e.currentTarget;
    if (Number.isFinite(a.duration)) return;
    const back = () => {
      if (!Number.isFinite(a.duration)) return;
      a.removeEventListener('durationchange', back);
      a.currentTime = 0;
    };
    a.addEventListener('durationchange', back);
    a.currentTime = Number.MAX_SAFE_INTEGER;
  };
  return (
    // biome-ignore lint/a11y/useMediaCaption: a citizen's voice message; staff write down what it says beside it
    <audio controls preload="metadata" src={src} aria-label={label} onLoadedMetadata={findLength} />
  );
}
