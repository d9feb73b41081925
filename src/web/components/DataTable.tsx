/** A table of rows under column headings, in a frame that scrolls when the table is wider than the screen. */
import type { ReactNode } from 'react';

export function DataTable<T>(props: {
  /** The column headings (each one differs from the others). */
  columns: string[];
  rows: T[];
  /** The `<tr>` of one row. */
  row: (item: T) => ReactNode;
  caption?: string;
  /** Whether the caption shows; otherwise only screen readers read it. */
  captionShown?: boolean;
  /** A class of the table besides `table`. */
  className?: string;
  /** The name of the frame: the frame then takes the keyboard, to scroll. */
  label?: string;
}) {
  const table = (
    <table className={props.className ? `table ${props.className}` : 'table'}>
      {props.caption && (
        <caption className={props.captionShown ? undefined : 'visually-hidden'}>{props.caption}</caption>
      )}
      <thead>
        <tr>
          {props.columns.map((c) => (
            <th scope="col" key={c}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.rows.map((r) => props.row(r))}</tbody>
    </table>
  );
  return props.label ? (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a phone scrolls; the keyboard must reach it
    <section className="table-wrap" tabIndex={0} aria-label={props.label}>
      {table}
    </section>
  ) : (
    <div className="table-wrap">{table}</div>
  );
}
