// The yearly report as HTML: the console page's body, or a standalone file
// (`ssj report yearly --out report.html`). Charts are inline SVG, the same
// figures the PDF draws (yearlyCharts.ts).

import { rateText } from '../domain/timeliness.ts';
import { type Child, type Html, html, table } from '../web/html.ts';
import { LEVEL_NAMES } from '../workflows/inspection/types.ts';
import { DEFINITIONS, type YearlyReport } from './yearly.ts';
import { yearlyReportCharts } from './yearlyCharts.ts';

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');
const days = (d: number | null) => (d === null ? '—' : `${d.toFixed(1)} 天`);

export function yearlyReportTitle(r: YearlyReport): string {
  return `${r.year} 年度“双随机、一公开”工作报告 · ${r.scope}`;
}

export function renderYearlyReportBody(r: YearlyReport): Html {
  const s = r.sectors;
  const sum = (k: 'planned' | 'done' | 'published' | 'other' | 'roster' | 'covered') => s.reduce((n, x) => n + x[k], 0);
  const sectorRows: Child[][] = s.map((x) =>
    [
      x.name,
      x.planned,
      x.done,
      x.published,
      pct(x.done, x.planned),
      x.other,
      x.roster,
      x.covered,
      pct(x.covered, x.roster),
    ].map((c) => String(c)),
  );
  sectorRows.push(
    [
      '合计',
      sum('planned'),
      sum('done'),
      sum('published'),
      pct(sum('done'), sum('planned')),
      sum('other'),
      sum('roster'),
      sum('covered'),
      pct(sum('covered'), sum('roster')),
    ].map((c) => html`<b>${String(c)}</b>`),
  );
  const charts = yearlyReportCharts(r);
  return html`<p>统计范围：${r.scope}；生成时间 ${r.generatedAt.slice(0, 16).replace('T', ' ')} UTC</p>
<h2>一、计划执行与覆盖面（分行业）</h2>
${table(['行业', '计划', '完成', '已公示', '完成率', '非随机检查', '名录企业', '已覆盖', '覆盖率'], sectorRows)}
${charts.completion}
${charts.coverage}
${charts.months}
<h2>二、企业受检频次（第十五条）</h2>
${charts.distribution}
${table(
  ['企业', '统一社会信用代码', '随机抽查次数', '不受上限约束的原因'],
  r.atCap.map((e) => [
    e.name,
    e.creditCode,
    String(e.count),
    e.exemption ?? (e.count > 4 ? '—（超出上限，请核查）' : '已达上限，不再抽取'),
  ]),
)}
<h2>三、发现问题与后续处置</h2>
<p>发现问题的检查 ${r.problems.inspections} 次，问题事项 ${r.problems.items} 项。</p>
${table(
  ['处置结果', '次数'],
  r.problems.byDecision.map((d) => [d.decision, String(d.count)]),
)}
<h2>四、各环节及时性</h2>
${table(
  ['环节', '已完成', '按期', '逾期完成', '及时率', '延误中位数', '未完成', '其中已逾期'],
  r.timeliness.map((t) => [
    t.name,
    String(t.met),
    String(t.onTime),
    String(t.late),
    rateText(t),
    days(t.medianDelayDays),
    String(t.open),
    String(t.openOverdue),
  ]),
)}
${charts.timeliness}
<h2>五、回避与督办</h2>
<p>回避 ${r.recusals.total} 人次${r.recusals.byResolution.length ? `（${r.recusals.byResolution.map((x) => `${x.resolution} ${x.count}`).join('，')}）` : ''}。</p>
${table(
  ['督办层级', '环节', '次数'],
  r.escalations.map((e) => [LEVEL_NAMES[e.level as keyof typeof LEVEL_NAMES] ?? e.level, e.kind, String(e.count)]),
)}
<h2>说明</h2><ol>${DEFINITIONS.map((d) => html`<li>${d}</li>`)}</ol>`;
}

export function renderYearlyReportHtml(r: YearlyReport): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${yearlyReportTitle(r)}</title>
<style>body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;max-width:1000px;margin:0 auto;padding:16px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #999;padding:4px 6px;text-align:left}svg{display:block;margin:12px 0}</style>
</head><body><h1>${yearlyReportTitle(r)}</h1>${renderYearlyReportBody(r)}</body></html>`.markup;
}
