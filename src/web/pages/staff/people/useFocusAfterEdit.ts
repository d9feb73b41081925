import { type RefObject, useEffect, useRef } from 'react';

export type FocusAfterEdit = {
  /** Where focus goes back after an inline form closes. */
  returnFocus: RefObject<string | null>;
  setFirst: (el: HTMLInputElement | HTMLSelectElement | null) => void;
};

/** Moves focus into an inline form when it opens (`editingKey` set), and back where it was when it closes. */
export function useFocusAfterEdit(editingKey: string | undefined): FocusAfterEdit {
  const returnFocus = useRef<string | null>(null);
  const firstInput = useRef<HTMLInputElement | HTMLSelectElement | null>(null);
  const setFirst = (el: HTMLInputElement | HTMLSelectElement | null) => {
    firstInput.current = el;
  };
  useEffect(() => {
    if (editingKey) firstInput.current?.focus();
    else if (returnFocus.current) {
      document.getElementById(returnFocus.current)?.focus();
      returnFocus.current = null;
    }
  }, [editingKey]);
  return { returnFocus, setFirst };
}
