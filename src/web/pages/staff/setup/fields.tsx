/** Fields shared by the forms of the appointments setup page, beyond the plain labelled control of `parts`. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookableService } from '../../../api.js';
import { Field } from '../../../components/Field.js';
import { localName } from '../../../i18n.js';

/** A whole number of minutes, days or people, typed in a short field. */
export function NumberField(props: {
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
}) {
  return (
    <Field label={props.label} error={props.error} hint={props.hint}>
      {(a) => (
        <input
          {...a}
          type="number"
          inputMode="numeric"
          dir="ltr"
          className="short"
          value={props.value}
          onChange={props.onChange}
        />
      )}
    </Field>
  );
}

/** A choice of one line of a list, or of none (the empty first option: all services, no department…). */
export function ChoiceField<T extends { id: string }>(props: {
  label: string;
  error?: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  /** What the empty first option says. */
  none: string;
  items: T[];
  option: (item: T) => ReactNode;
}) {
  return (
    <Field label={props.label} error={props.error}>
      {(a) => (
        <select {...a} value={props.value} onChange={props.onChange}>
          <option value="">{props.none}</option>
          {props.items.map((item) => (
            <option key={item.id} value={item.id}>
              {props.option(item)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Checkboxes that pick some lines of another list (the services of an official, the officials of a service). */
export function PickMany<T extends { id: string }>(props: {
  legend: string;
  /** Said instead of the checkboxes when there is nothing to pick. */
  empty: string;
  items: T[];
  chosen: string[];
  onChange: (ids: string[]) => void;
  label: (item: T) => ReactNode;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <div className="checks">
          {props.items.map((item) => (
            <label key={item.id}>
              <input
                type="checkbox"
                checked={props.chosen.includes(item.id)}
                onChange={(e) =>
                  props.onChange(
                    e.target.checked ? [...props.chosen, item.id] : props.chosen.filter((x) => x !== item.id),
                  )
                }
              />
              {props.label(item)}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** The choice of one service, or of all (what a rule or a closure applies to). */
export function ServiceChoice(props: {
  label: string;
  error?: string;
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  services: BookableService[];
}) {
  const { t, i18n } = useTranslation();
  return (
    <ChoiceField
      label={props.label}
      error={props.error}
      value={props.value}
      onChange={props.onChange}
      none={t('setup.allServices')}
      items={props.services}
      option={(s) => localName(s, i18n.language)}
    />
  );
}
