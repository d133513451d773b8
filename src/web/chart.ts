// A small server-rendered SVG bar chart: no script, prints well, works in any browser.
import { esc } from './html.ts';

/** Bars are green at ≥ 90% of their max and red below (a target met or not), or all blue when `neutral` (plain counts). */
export function barChart(
  title: string,
  bars: { label: string; value: number; max: number; note?: string }[],
  neutral = false,
): string {
  const w = 560;
  const rowH = 26;
  const labelW = 200;
  const h = bars.length * rowH + 30;
  const body = bars
    .map((b, i) => {
      const y = 24 + i * rowH;
      const len = b.max > 0 ? Math.round(((w - labelW - 80) * b.value) / b.max) : 0;
      return `<text x="0" y="${y + 14}" font-size="13">${esc(b.label)}</text>
        <rect x="${labelW}" y="${y}" width="${len}" height="18" fill="${neutral ? '#1565c0' : b.value / (b.max || 1) >= 0.9 ? '#2e7d32' : '#c62828'}"/>
        <text x="${labelW + len + 6}" y="${y + 14}" font-size="13">${esc(b.note ?? String(b.value))}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(title)}" width="${w}" height="${h}" xmlns="http://www.w3.org/2000/svg"><text x="0" y="14" font-size="14" font-weight="bold">${esc(title)}</text>${body}</svg>`;
}
