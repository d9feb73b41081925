import { useEffect, useRef } from 'react';

/** Records the form's step in the browser's history entry (a new entry for a step forward). */
export function markStep(step: number, how: 'push' | 'replace') {
  const state = { ...(history.state as object | null), jisrStep: step, jisrPushed: how === 'push' };
  if (how === 'push') history.pushState(state, '');
  else history.replaceState(state, '');
}

/** The browser's Back goes back one step, not out of the form: each step is an entry of the history. */
export function useBackToStep(onStep: (step: number) => void) {
  const latest = useRef(onStep);
  latest.current = onStep;
  useEffect(() => {
    const onPop = (e: PopStateEvent) => {
      const step = (e.state as { jisrStep?: number } | null)?.jisrStep;
      latest.current(typeof step === 'number' ? step : 0);
    };
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
}

/** Goes back one step: the same as the browser's Back when the previous step is the previous entry. */
export function stepBack(step: number, goTo: (step: number) => void) {
  const here = history.state as { jisrStep?: number; jisrPushed?: boolean } | null;
  if (here?.jisrPushed && here.jisrStep === step) history.back();
  else goTo(step - 1);
}
