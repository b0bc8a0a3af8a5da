import { html } from 'hono/html';

/**
 * Charts drawn on the server as inline SVG: no chart library, no script, nothing the strict CSP
 * forbids (colours come from the stylesheet's classes). Each chart has a title and a description
 * for screen readers; the numbers are also in a table beside it.
 */

export interface Series {
  name: string;
  /** A class of console.css that colours it (`series-1` … `series-4`). */
  className: string;
  values: readonly number[];
}

const width = 720;
const height = 220;
const margin = { top: 12, right: 8, bottom: 28, left: 40 };

/** A round top for the axis: 1, 2, 5 × 10^n at or above the largest value. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

/** Grouped bars per day: one bar per series. */
export function groupedBarChart(title: string, labels: readonly string[], series: readonly Series[]) {
  const top = niceMax(Math.max(0, ...series.flatMap((each) => each.values)));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const slot = plotWidth / Math.max(1, labels.length);
  const barWidth = Math.max(2, (slot * 0.8) / Math.max(1, series.length));
  const y = (value: number) => margin.top + plotHeight - (value / top) * plotHeight;
  const every = Math.ceil(labels.length / 10);
  return html`<figure class="chart">
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${idOf(title)}">
      <title id="${idOf(title)}">${title}</title>
      ${[0, 0.5, 1].map(
        (
          share,
        ) => html`<line class="axis" x1="${margin.left}" x2="${width - margin.right}" y1="${y(top * share)}" y2="${y(top * share)}" />
          <text class="tick" x="${margin.left - 6}" y="${y(top * share) + 4}" text-anchor="end">${Math.round(top * share)}</text>`,
      )}
      ${labels.map((label, index) =>
        series.map((each, seriesIndex) => {
          const value = each.values[index] ?? 0;
          const x = margin.left + index * slot + slot * 0.1 + seriesIndex * barWidth;
          return html`<rect class="${each.className}" x="${x.toFixed(1)}" y="${y(value).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(margin.top + plotHeight - y(value)).toFixed(1)}"><title>${label} · ${each.name}: ${value}</title></rect>`;
        }),
      )}
      ${labels.map((label, index) =>
        index % every === 0
          ? html`<text class="tick" x="${(margin.left + index * slot + slot / 2).toFixed(1)}" y="${height - 8}" text-anchor="middle">${label.slice(5)}</text>`
          : '',
      )}
    </svg>
    <figcaption>${series.map((each) => html`<span class="legend ${each.className}">${each.name}</span>`)}</figcaption>
  </figure>`;
}

/** Horizontal bars, largest first: a ranking (handoff reasons, error codes). */
export function rankingChart(title: string, items: ReadonlyArray<{ label: string; count: number }>) {
  if (items.length === 0) return html`<p class="empty">Nothing in this period.</p>`;
  const top = Math.max(...items.map((item) => item.count));
  const rowHeight = 26;
  const labelWidth = 260;
  const barSpace = width - labelWidth - 60;
  return html`<figure class="chart">
    <svg viewBox="0 0 ${width} ${items.length * rowHeight + 8}" role="img" aria-labelledby="${idOf(title)}">
      <title id="${idOf(title)}">${title}</title>
      ${items.map(
        (
          item,
          index,
        ) => html`<text class="label" x="0" y="${index * rowHeight + 18}">${item.label.slice(0, 40)}</text>
          <rect class="series-3" x="${labelWidth}" y="${index * rowHeight + 5}" width="${Math.max(2, (item.count / top) * barSpace).toFixed(1)}" height="${rowHeight - 10}" />
          <text class="tick" x="${labelWidth + Math.max(2, (item.count / top) * barSpace) + 6}" y="${index * rowHeight + 18}">${item.count}</text>`,
      )}
    </svg>
  </figure>`;
}

function idOf(title: string): string {
  return `chart-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
