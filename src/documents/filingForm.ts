// 《冷水滩区"双随机、一公开"涉企检查登记备案表》 as a printable HTML page
// (A4, one copy per holder). Issue 7 replaces this with a PDF; the content
// and the three copies are the same.
import { FILING_COPY_HOLDER } from '../domain/glossary.ts';
import { type Html, html } from '../web/view.ts';

export interface FilingFormData {
  formNo: string;
  unitName: string;
  origin: string;
  drawId: string | null;
  drawDigest: string | null;
  enterprise: { name: string; creditCode: string; address: string };
  inspectors: { name: string; certificateNo: string }[];
  experts: { name: string }[];
  items: { name: string; legalBasis: string }[];
  window: { start: string; end: string };
  filedOn: string;
}

/** The form's three copies (Art. 14), in the glossary's words. */
export const COPY_HOLDERS = Object.entries(FILING_COPY_HOLDER) as [keyof typeof FILING_COPY_HOLDER, string][];

function copy(d: FilingFormData, holder: string): Html {
  const rows: [string, string][] = [
    ['备案编号', d.formNo],
    ['检查单位', d.unitName],
    ['检查方式', d.origin],
    ['抽取记录', d.drawId ? `${d.drawId}（校验值 ${d.drawDigest ?? ''}）` : '非随机检查（第八条）'],
    ['检查对象', `${d.enterprise.name}（统一社会信用代码 ${d.enterprise.creditCode}）`],
    ['地址', d.enterprise.address],
    ['执法检查人员', d.inspectors.map((i) => `${i.name}（执法证号 ${i.certificateNo}）`).join('；')],
    ['专家', d.experts.map((e) => e.name).join('；') || '无'],
    ['检查事项', d.items.map((i) => `${i.name}（${i.legalBasis}）`).join('；')],
    ['检查时间段', `${d.window.start} 至 ${d.window.end}`],
    ['备案日期', d.filedOn],
  ];
  return html`<section class="copy"><h1>冷水滩区“双随机、一公开”涉企检查登记备案表</h1><p class="holder">${holder}</p><table>${rows.map(
    ([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`,
  )}</table></section>`;
}

export function renderFilingForm(d: FilingFormData): string {
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>登记备案表 ${d.formNo}</title>
<style>@page{size:A4;margin:20mm}body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif}
.copy{page-break-after:always}h1{font-size:18pt;text-align:center}.holder{text-align:right}
table{width:100%;border-collapse:collapse}th,td{border:1px solid #000;padding:6px;text-align:left}th{width:25%}</style></head>
<body>${COPY_HOLDERS.map(([, label]) => copy(d, label))}</body></html>`.markup;
}
