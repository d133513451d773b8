// Charts rendered on the server by Apache ECharts (its SSR mode) to SVG: no
// script reaches the browser, a page prints as it shows, and the same SVG
// goes into the yearly report. ECharts escapes every text it draws.
import { createHash } from 'node:crypto';
import * as echarts from 'echarts';
import { esc } from '../shared/escape.ts';
import { type Html, trusted } from './view.ts';

// Unquoted: ECharts writes it inside a double-quoted style attribute.
const FONT = 'Microsoft YaHei, PingFang SC, Noto Sans CJK SC, sans-serif';
const GREEN = '#2e7d32';
const RED = '#c62828';
const BLUE = '#1565c0';

/**
 * One chart as SVG. Always disposed: a chart left open keeps zrender's timer,
 * and the process with it, alive. Element ids (zr<N>-…, numbered per process)
 * are renamed after the chart's content, so the same chart is the same bytes.
 */
function render(option: echarts.EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    const svg = chart.renderToSVGString();
    const id = createHash('sha256').update(JSON.stringify(option)).digest('hex').slice(0, 8);
    // Its class names (cls-N) are counted across the process too: numbered again within this chart.
    const classes = new Map<string, number>();
    const renamed = svg
      .replace(/\bcls-\d+\b/g, (c) => `cls-${classes.get(c) ?? classes.set(c, classes.size).size - 1}`)
      .replace(/zr\d+-/g, `c${id}-`);
    // Its hover styles (a CDATA <style>) mean nothing in a static chart, and a CSS parser chokes on them.
    return renamed.replace(/<style[^>]*>[\s\S]*?<\/style>\s*/g, '');
  } finally {
    chart.dispose();
  }
}

/** The SVG with its title inside (what a screen reader says), in a figure. */
const figure = (title: string, svg: string): Html =>
  trusted(
    `<figure class="chart">${svg.replace(/^<svg([^>]*)>/, (_m, attrs: string) => `<svg role="img"${attrs}><title>${esc(title)}</title>`)}</figure>`,
    'echarts-svg',
  );

/**
 * Horizontal bars with their notes: green at ≥ 90% of their max and red below
 * (a target met or not), or all blue when `neutral` (plain counts).
 */
export function barChart(
  title: string,
  bars: { label: string; value: number; max: number; note?: string }[],
  neutral = false,
): Html {
  const height = 50 + Math.max(1, bars.length) * 30;
  const ratio = (b: { value: number; max: number }) => (b.max > 0 ? b.value / b.max : 0);
  const svg = render(
    {
      title: { text: title, textStyle: { fontSize: 14 } },
      grid: { left: 10, right: 110, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'value', show: false, max: neutral ? undefined : 1 },
      yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.label), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          data: bars.map((b) => ({
            value: neutral ? b.value : ratio(b),
            itemStyle: { color: neutral ? BLUE : ratio(b) >= 0.9 ? GREEN : RED },
            label: { show: true, position: 'right', formatter: b.note ?? String(b.value) },
          })),
        },
      ],
    },
    560,
    height,
  );
  return figure(title, svg);
}

/** A trend by month: one line per series, the months on the axis (1月 … 12月). */
export function monthChart(title: string, series: { name: string; values: number[] }[], unit = ''): Html {
  const months = Array.from({ length: 12 }, (_, k) => `${k + 1}月`);
  const svg = render(
    {
      title: { text: title, textStyle: { fontSize: 14 } },
      legend: { top: 0, right: 0, data: series.map((s) => s.name) },
      grid: { left: 10, right: 20, top: 60, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: `{value}${unit}` } },
      series: series.map((s) => ({ type: 'line', name: s.name, data: s.values, label: { show: true } })),
    },
    560,
    280,
  );
  return figure(title, svg);
}

/** Coverage of the roster per sector: enterprises inspected at random at least once, of those on the roster. */
export function coverageChart(title: string, sectors: { name: string; covered: number; roster: number }[]): Html {
  return barChart(
    title,
    sectors.map((x) => ({
      label: x.name,
      value: x.covered,
      max: x.roster,
      note: `${x.roster ? Math.round((100 * x.covered) / x.roster) : 0}%（${x.covered}/${x.roster}）`,
    })),
    true,
  );
}
