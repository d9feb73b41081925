import { api } from '../../../api.js';
import type { Confirm } from './types.js';

/**
 * A button of a row that asks first, in the confirmation dialog (titled like the button's name for screen
 * readers), then posts to `url` and says what was done.
 */
export function AskButton(props: {
  /** The words on the button. */
  label: string;
  /** The name of the button, which is also the title of the dialog. */
  name: string;
  message: string;
  confirmLabel: string;
  /** The dialog warns that it cannot be undone easily. */
  danger?: boolean;
  /** The button itself looks dangerous. */
  dangerButton?: boolean;
  url: string;
  done: string;
  ask: (c: Confirm) => void;
}) {
  return (
    <button
      type="button"
      className={props.dangerButton ? 'danger' : 'secondary'}
      aria-label={props.name}
      onClick={() =>
        props.ask({
          title: props.name,
          message: props.message,
          label: props.confirmLabel,
          danger: props.danger,
          run: async () => {
            await api(props.url, { method: 'POST' });
            return props.done;
          },
        })
      }
    >
      {props.label}
    </button>
  );
}
