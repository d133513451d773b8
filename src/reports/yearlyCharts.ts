// The yearly report's charts, once for both renderings: the HTML places the
// figures in the page (yearlyHtml.ts), the PDF draws their SVG as vectors
// (yearlyPdf.ts). Same functions, data and titles, so the two cannot drift.
import { rateText } from '../domain/timeliness.ts';
import { barChart, monthChart } from '../web/chart.ts';
import type { Html } from '../web/view.ts';
import type { YearlyReport } from './yearly.ts';

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

export interface YearlyCharts {
  /** Section 一: done of planned, per sector. */
  completion: Html;
  /** Section 一: roster enterprises inspected at random at least once, per sector. */
  coverage: Html;
  /** Section 一: inspections finished and results published, month by month. */
  months: Html;
  /** Section 二: enterprises by how often they were drawn (Art. 15). */
  distribution: Html;
  /** Section 四: deadlines met on time, per step that had any come due. */
  timeliness: Html;
}

export function yearlyReportCharts(r: YearlyReport): YearlyCharts {
  const s = r.sectors;
  return {
    completion: barChart(
      '完成率（完成/计划）',
      s.map((x) => ({ label: x.name, value: x.done, max: x.planned, note: `${x.done}/${x.planned}` })),
    ),
    coverage: barChart(
      '名录覆盖率（至少抽查一次）',
      s.map((x) => ({ label: x.name, value: x.covered, max: x.roster, note: pct(x.covered, x.roster) })),
    ),
    months: monthChart('每月完成与公示', [
      { name: '完成检查', values: r.months.done },
      { name: '结果公示', values: r.months.published },
    ]),
    distribution: barChart(
      '企业数 · 按年度随机抽查次数',
      r.distribution.map((d) => ({
        label: d.label,
        value: d.enterprises,
        max: Math.max(...r.distribution.map((x) => x.enterprises)),
      })),
      true,
    ),
    timeliness: barChart(
      '及时率',
      r.timeliness
        .filter((t) => t.due > 0)
        .map((t) => ({ label: t.name.replace(/（.*）/, ''), value: t.onTime, max: t.due, note: rateText(t) })),
    ),
  };
}
