// The dashboard's chart of writes to Outlook per hour (accepted, throttled, failed), drawn on the server as SVG: no
// script, scales with the page, and described for screen readers (title, description, and the same numbers as a
// table next to it).
import type { HourActivity } from '../store/index.ts';
import { html, type SafeHtml } from './html.ts';

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 44;
const BOTTOM = 24;
const TOP = 10;

export function activityChart(hours: readonly HourActivity[]): SafeHtml {
  const totals = hours.map((h) => h.succeeded + h.throttled + h.failed);
  const max = niceCeiling(Math.max(1, ...totals));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, hours.length);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => (value / max) * plotHeight;
  const sum = (key: 'succeeded' | 'throttled' | 'failed') => hours.reduce((total, h) => total + h[key], 0);
  const bars = hours.map((hour, index) => {
    const x = LEFT + index * slot + (slot - barWidth) / 2;
    let base = HEIGHT - BOTTOM;
    const segments = (['succeeded', 'throttled', 'failed'] as const).map((key) => {
      const height = y(hour[key]);
      base -= height;
      return height > 0
        ? html`<rect class="${key}" x="${x.toFixed(1)}" y="${base.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}"></rect>`
        : '';
    });
    const label =
      index % 3 === 0
        ? html`<text x="${(x + barWidth / 2).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="middle">${hour.hour.slice(11, 16)}</text>`
        : '';
    return html`${segments}${label}`;
  });
  const ticks = [0, max / 2, max].map(
    (value) =>
      html`<text x="${LEFT - 6}" y="${(HEIGHT - BOTTOM - y(value) + 4).toFixed(1)}" text-anchor="end">${formatTick(value)}</text>`,
  );
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc">
  <title id="chart-title">Writes to Outlook per hour (UTC)</title>
  <desc id="chart-desc">${sum('succeeded')} writes accepted, ${sum('throttled')} throttled, ${sum('failed')} failed over the last ${hours.length} hours.</desc>
  <line class="axis" x1="${LEFT}" y1="${HEIGHT - BOTTOM}" x2="${WIDTH}" y2="${HEIGHT - BOTTOM}"></line>
  <line class="axis" x1="${LEFT}" y1="${TOP}" x2="${LEFT}" y2="${HEIGHT - BOTTOM}"></line>
  ${ticks}${bars}
</svg>
<ul class="legend" aria-hidden="true">
  <li><span class="succeeded"></span>Accepted</li><li><span class="throttled"></span>Throttled (retried)</li><li><span class="failed"></span>Failed</li>
</ul>`;
}

/** The numbers behind the chart, for anyone who cannot see it (inside a <details>, no script needed). */
export function activityTable(hours: readonly HourActivity[]): SafeHtml {
  const rows = hours.map(
    (h) =>
      html`<tr><th scope="row">${h.hour.slice(0, 10)} ${h.hour.slice(11, 16)}</th><td class="num">${h.succeeded}</td><td class="num">${h.throttled}</td><td class="num">${h.failed}</td></tr>`,
  );
  return html`<details><summary>The same numbers as a table</summary>
<div class="table-wrap"><table>
  <caption>Writes to Outlook per hour (UTC)</caption>
  <thead><tr><th scope="col">Hour</th><th scope="col" class="num">Accepted</th><th scope="col" class="num">Throttled</th><th scope="col" class="num">Failed</th></tr></thead>
  <tbody>${rows}</tbody>
</table></div></details>`;
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
