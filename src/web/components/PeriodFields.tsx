import { Field } from './Field.js';

export type Period = { from: string; to: string };

/** Two date fields, the start and the end of a period (days as `YYYY-MM-DD`); an emptied field changes nothing. */
export function PeriodFields(props: {
  period: Period;
  labels: { from: string; to: string };
  /** Shown under the end: the period ends before it starts. */
  error?: string | null;
  onChange: (period: Period) => void;
}) {
  const day = (key: keyof Period) => (e: { target: { value: string } }) => {
    if (e.target.value) props.onChange({ ...props.period, [key]: e.target.value });
  };
  return (
    <div className="row">
      <Field label={props.labels.from}>
        {(a) => <input {...a} type="date" dir="ltr" value={props.period.from} onChange={day('from')} />}
      </Field>
      <Field label={props.labels.to} error={props.error}>
        {(a) => <input {...a} type="date" dir="ltr" value={props.period.to} onChange={day('to')} />}
      </Field>
    </div>
  );
}
