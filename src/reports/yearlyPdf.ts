// The yearly report as a printable A4 PDF: the same sections and figures as
// the HTML, with bar charts drawn as vector shapes and the CJK font embedded.
import PDFDocument from 'pdfkit';
import { type CjkFont, useCjkFont } from '../documents/fonts.ts';
import { rateText } from '../domain/timeliness.ts';
import { LEVEL_NAMES } from '../workflows/inspection/types.ts';
import { DEFINITIONS, type YearlyReport } from './yearly.ts';
import { yearlyReportTitle } from './yearlyHtml.ts';

type Doc = PDFKit.PDFDocument;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '—');

function left(doc: Doc) {
  return doc.page.margins.left;
}
function width(doc: Doc) {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}
/** Start a new page when fewer than `h` points remain. */
function room(doc: Doc, h: number) {
  if (doc.y + h > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function heading(doc: Doc, text: string) {
  room(doc, 60);
  doc.moveDown(0.8).fontSize(13).text(text, left(doc)).moveDown(0.3).fontSize(9);
}

function grid(doc: Doc, head: string[], rows: string[][]) {
  if (!rows.length) {
    doc.text('（无）', left(doc));
    return;
  }
  const w = width(doc) / head.length;
  for (const [n, r] of [head, ...rows].entries()) {
    const h = Math.max(...r.map((c) => doc.heightOfString(c, { width: w - 6 }))) + 6;
    room(doc, h);
    const y = doc.y;
    r.forEach((c, k) => {
      const x = left(doc) + k * w;
      if (n === 0) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#888888').fillColor('#000000');
      else doc.rect(x, y, w, h).stroke('#888888');
      doc.text(c, x + 3, y + 3, { width: w - 6 });
    });
    doc.x = left(doc);
    doc.y = y + h;
  }
}

function bars(doc: Doc, title: string, data: { label: string; value: number; max: number; note: string }[]) {
  const rowH = 16;
  room(doc, data.length * rowH + 30);
  doc.moveDown(0.5).fontSize(10).text(title, left(doc)).fontSize(9);
  const labelW = 130;
  const span = width(doc) - labelW - 60;
  for (const b of data) {
    const y = doc.y + 2;
    const len = b.max > 0 ? (span * b.value) / b.max : 0;
    doc.fillColor('#000000').text(b.label, left(doc), y, { width: labelW - 6 });
    if (len > 0) doc.rect(left(doc) + labelW, y, len, rowH - 5).fill('#1565c0');
    doc.fillColor('#000000').text(b.note, left(doc) + labelW + len + 4, y);
    doc.x = left(doc);
    doc.y = y + rowH;
  }
}

function sections(doc: Doc, r: YearlyReport) {
  heading(doc, '一、计划执行与覆盖面（分行业）');
  grid(
    doc,
    ['行业', '计划', '完成', '已公示', '非随机', '名录企业', '已覆盖', '覆盖率'],
    r.sectors.map((x) =>
      [x.name, x.planned, x.done, x.published, x.other, x.roster, x.covered, pct(x.covered, x.roster)].map(String),
    ),
  );
  bars(
    doc,
    '完成率（完成/计划）',
    r.sectors.map((x) => ({ label: x.name, value: x.done, max: x.planned, note: `${x.done}/${x.planned}` })),
  );
  bars(
    doc,
    '名录覆盖率',
    r.sectors.map((x) => ({ label: x.name, value: x.covered, max: x.roster, note: pct(x.covered, x.roster) })),
  );
  heading(doc, '二、企业受检频次（第十五条）');
  const most = Math.max(...r.distribution.map((d) => d.enterprises));
  bars(
    doc,
    '企业数 · 按年度随机抽查次数',
    r.distribution.map((d) => ({ label: d.label, value: d.enterprises, max: most, note: String(d.enterprises) })),
  );
  doc.moveDown(0.5);
  grid(
    doc,
    ['达到上限的企业', '统一社会信用代码', '次数', '豁免原因'],
    r.atCap.map((e) => [e.name, e.creditCode, String(e.count), e.exemption ?? '—']),
  );
  heading(doc, '三、发现问题与后续处置');
  doc.text(`发现问题的检查 ${r.problems.inspections} 次，问题事项 ${r.problems.items} 项。`, left(doc)).moveDown(0.3);
  grid(
    doc,
    ['处置结果', '次数'],
    r.problems.byDecision.map((d) => [d.decision, String(d.count)]),
  );
  heading(doc, '四、各环节及时性');
  grid(
    doc,
    ['环节', '已完成', '按期', '逾期完成', '及时率', '延误中位数(天)', '未完成', '已逾期'],
    r.timeliness.map((t) =>
      [t.name, t.met, t.onTime, t.late, rateText(t), t.medianDelayDays?.toFixed(1) ?? '—', t.open, t.openOverdue].map(
        String,
      ),
    ),
  );
  bars(
    doc,
    '及时率',
    r.timeliness
      .filter((t) => t.due > 0)
      .map((t) => ({ label: t.name.replace(/（.*）/, ''), value: t.onTime, max: t.due, note: rateText(t) })),
  );
  heading(doc, '五、回避与督办');
  doc
    .text(
      `回避 ${r.recusals.total} 人次${r.recusals.byResolution.map((x) => `，${x.resolution} ${x.count}`).join('')}。`,
      left(doc),
    )
    .moveDown(0.3);
  grid(
    doc,
    ['督办层级', '环节', '次数'],
    r.escalations.map((e) => [LEVEL_NAMES[e.level as keyof typeof LEVEL_NAMES] ?? e.level, e.kind, String(e.count)]),
  );
  heading(doc, '说明');
  DEFINITIONS.forEach((d, k) => {
    doc.text(`${k + 1}. ${d}`, left(doc));
  });
}

export function renderYearlyReportPdf(r: YearlyReport, font: CjkFont): Promise<Buffer> {
  const title = yearlyReportTitle(r);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title, Author: '冷水滩区应急管理局' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  useCjkFont(doc, font);
  doc.font('cjk').fontSize(15).text(title, { align: 'center' });
  doc
    .moveDown(0.3)
    .fontSize(9)
    .text(`统计范围：${r.scope}　生成时间：${r.generatedAt.slice(0, 10)}`, { align: 'center' });
  sections(doc, r);
  doc.end();
  return done;
}
