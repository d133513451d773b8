// The yearly report as a printable A4 PDF: the same sections and figures as
// the HTML, its ECharts charts drawn from their SVG as vector shapes, and the
// CJK font embedded (the charts' texts too, so they show and copy as text).
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { type CjkFont, useCjkFont } from '../documents/fonts.ts';
import { rateText } from '../domain/timeliness.ts';
import type { Html } from '../web/view.ts';
import { LEVEL_NAMES } from '../workflows/inspection/types.ts';
import { DEFINITIONS, type YearlyReport } from './yearly.ts';
import { yearlyReportCharts } from './yearlyCharts.ts';
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

/**
 * ECharts rings a label in white beneath its fill (`paint-order="stroke"`).
 * svg-to-pdfkit knows no paint-order and would stroke the ring over the
 * glyphs, hiding them: in the PDF the labels go without their ring.
 */
function withoutHalos(svg: string): string {
  return svg.replace(/<text\b[^>]*\spaint-order="stroke"[^>]*>/g, (tag) =>
    tag.replace(/\s(?:stroke|stroke-width|stroke-miterlimit|paint-order)="[^"]*"/g, ''),
  );
}

/**
 * A chart as the HTML shows it (an ECharts figure): its SVG drawn as vectors
 * at the text width, its aspect ratio kept, on a new page when it does not
 * fit. Its texts are set in the embedded CJK font, which useCjkFont
 * registered as 'cjk' (bold ones, the titles, stroked a little thicker).
 */
function chart(doc: Doc, figure: Html) {
  const svg = withoutHalos(/<svg[\s>][\s\S]*<\/svg>/.exec(figure.markup)?.[0] ?? '');
  const open = /^<svg[^>]*>/.exec(svg)?.[0] ?? '';
  const size = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)"`).exec(open)?.[1]);
  const [svgW, svgH] = [size('width'), size('height')];
  if (!(svgW > 0 && svgH > 0)) throw new Error('yearly report PDF: a chart without an <svg width height>');
  const w = width(doc);
  const h = (w * svgH) / svgW;
  doc.moveDown(0.5);
  room(doc, h);
  const y = doc.y;
  SVGtoPDF(doc, svg, left(doc), y, {
    width: w,
    height: h,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family, bold, _italic, face) => {
      face.fauxBold = bold;
      return 'cjk';
    },
  });
  doc.font('cjk').fontSize(9).fillColor('#000000');
  doc.x = left(doc);
  doc.y = y + h;
}

function sections(doc: Doc, r: YearlyReport) {
  const charts = yearlyReportCharts(r);
  heading(doc, '一、计划执行与覆盖面（分行业）');
  grid(
    doc,
    ['行业', '计划', '完成', '已公示', '非随机', '名录企业', '已覆盖', '覆盖率'],
    r.sectors.map((x) =>
      [x.name, x.planned, x.done, x.published, x.other, x.roster, x.covered, pct(x.covered, x.roster)].map(String),
    ),
  );
  chart(doc, charts.completion);
  chart(doc, charts.coverage);
  chart(doc, charts.months);
  heading(doc, '二、企业受检频次（第十五条）');
  chart(doc, charts.distribution);
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
  chart(doc, charts.timeliness);
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
