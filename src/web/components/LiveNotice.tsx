/**
 * A polite live region for what just happened ("Saved."): always in the page, so that screen readers hear the
 * text when it appears.
 */
export function LiveNotice({ text, className }: { text: string | null | undefined; className?: string }) {
  return (
    <div aria-live="polite" className={className}>
      {text && (
        <p className="alert info" role="status">
          {text}
        </p>
      )}
    </div>
  );
}
