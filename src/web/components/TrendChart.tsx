/**
 * A month-by-month chart drawn as SVG in the page (no outside service), with the same figures as a table
 * beside it for screen readers and for anyone who prefers numbers. A month without enough cases is a gap,
 * said in the table. Time runs left to right in every language, as in printed Arabic statistics.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export type TrendPoint = { month: string; value: number | null };

const W = 640;
const H = 220;
const PAD = { top: 16, right: 16, bottom: 40, left: 64 };

export function monthLabel(month: string, lang: string, style: 'short' | 'long' = 'short'): string {
  const locale = lang === 'ar' ? 'ar-MA-u-nu-latn' : lang === 'fr' ? 'fr-FR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, {
    month: style,
    year: style === 'long' ? 'numeric' : '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${month}-01T00:00:00Z`));
}

export function TrendChart(props: {
  title: string;
  points: TrendPoint[];
  kind: 'bar' | 'line';
  /** The largest value of the scale (a share: 1); else the largest point, rounded up. */
  max?: number;
  format: (v: number) => string;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const shown = props.points.filter((p) => p.value !== null);
  const top = props.max ?? niceCeiling(Math.max(1, ...shown.map((p) => p.value!)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(1, props.points.length);
  const x = (i: number) => PAD.left + step * i + step / 2;
  const y = (v: number) => PAD.top + innerH - (v / top) * innerH;
  const line = props.points
    .map((p, i) => (p.value === null ? null : `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`))
    .reduce<string[][]>(
      (runs, pt) => {
        if (pt === null) runs.push([]);
        else runs.at(-1)!.push(pt);
        return runs;
      },
      [[]],
    )
    .filter((r) => r.length);
  const labelEvery = Math.ceil(props.points.length / 6);
  return (
    <figure className="trend">
      <figcaption id={titleId}>{props.title}</figcaption>
      {shown.length ? (
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} className="trend-chart">
          <title>{props.title}</title>
          {[0, 0.5, 1].map((f) => (
            <g key={f}>
              <line x1={PAD.left} x2={W - PAD.right} y1={y(top * f)} y2={y(top * f)} className="grid" />
              <text x={PAD.left - 8} y={y(top * f) + 6} textAnchor="end" className="axis">
                {props.format(top * f)}
              </text>
            </g>
          ))}
          {props.kind === 'bar'
            ? props.points.map((p, i) =>
                p.value === null ? null : (
                  <rect
                    key={p.month}
                    x={x(i) - step * 0.35}
                    width={step * 0.7}
                    y={y(p.value)}
                    height={Math.max(0, PAD.top + innerH - y(p.value))}
                    className="bar"
                  />
                ),
              )
            : line.map((run) => <polyline key={run[0]} points={run.join(' ')} className="line" />)}
          {props.kind === 'line' &&
            props.points.map((p, i) =>
              p.value === null ? null : (
                <circle key={p.month} cx={x(i)} cy={y(p.value)} r={3.5} className="dot" />
              ),
            )}
          {props.points.map((p, i) =>
            i % labelEvery ? null : (
              <text key={p.month} x={x(i)} y={H - 10} textAnchor="middle" className="axis">
                {monthLabel(p.month, i18n.language)}
              </text>
            ),
          )}
        </svg>
      ) : (
        <p className="muted">{t('fig.chart.empty')}</p>
      )}
      <details>
        <summary>{t('fig.chart.table')}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('fig.month')}</th>
                <th scope="col">{t('fig.value')}</th>
              </tr>
            </thead>
            <tbody>
              {props.points.map((p) => (
                <tr key={p.month}>
                  <th scope="row">{monthLabel(p.month, i18n.language, 'long')}</th>
                  <td>{p.value === null ? t('fig.tooFew') : props.format(p.value)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/** 1, 2 or 5 times a power of ten, at least `v`: a scale whose lines read well. */
function niceCeiling(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * p).find((c) => c >= v) ?? 10 * p;
}
