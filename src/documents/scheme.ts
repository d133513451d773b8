// 检查方案 (Art. 13): "the unit writes a practicable inspection scheme that
// fixes the process, the content and the time window". Built from the plan
// and the draw: a draft text that pre-fills the console's scheme form, and a
// printable PDF with the fixed parts and the scheme as submitted.
import PDFDocument from 'pdfkit';
import { type CjkFont, useCjkFont } from './fonts.ts';

export interface SchemeData {
  reference: string; // FA-<inspection id>
  unitName: string;
  plan: { title: string; year: number; roundNo: number } | null;
  origin: string;
  draw: { id: string; digest: string } | null;
  enterprise: { name: string; creditCode: string; address: string; sector: string };
  inspectors: { name: string; certificateNo: string }[];
  experts: { name: string; employer: string }[];
  items: { code: string; name: string; content: string; legalBasis: string }[];
  window: { start: string; end: string };
  /** The scheme text as submitted by the unit; null before it is. */
  submitted: string | null;
}

/** The process every inspection follows (Art. 13, 14, 17, 18, 19). */
export const PROCESS_STEPS = [
  '检查前：检查人员确认与检查对象无利害关系，有利害关系的依法回避（第十四条）；登记备案表已报区优化办备案。',
  '检查人员在本方案规定的时间段内自主确定具体检查日期（第十三条），不得妨碍企业正常生产经营活动（第十九条）。',
  '现场检查：出示行政执法证件，告知检查依据和事项，按下列检查事项逐项检查并如实记录。',
  '当场反馈检查结果（谁检查、谁反馈），请企业填写《冷水滩区涉企检查满意度反馈卡》；检查结束后将反馈卡扫描件报区优化办（第十七条）。',
  '检查结束后七个工作日内将抽查结果录入省双随机平台，并在“信用永州”网站公开（第十七条）。',
  '发现违法行为的，依法作出行政处罚、移送其他行政机关或司法机关等决定，并依法公示（第十八条）。',
];

export function schemeDraft(d: SchemeData): string {
  const lines = [
    `一、检查依据：${d.plan ? `${d.plan.title}（第 ${d.plan.roundNo} 轮）` : d.origin}${d.draw ? `，随机抽取记录 ${d.draw.id}` : ''}。`,
    `二、检查对象：${d.enterprise.name}（${d.enterprise.creditCode}），${d.enterprise.address}。`,
    `三、检查人员：${d.inspectors.map((i) => `${i.name}（执法证号 ${i.certificateNo}）`).join('、')}${d.experts.length ? `；专家：${d.experts.map((e) => e.name).join('、')}` : ''}。`,
    '四、检查内容：',
    ...d.items.map((it, k) => `  ${k + 1}. ${it.name}：${it.content}（依据：${it.legalBasis}）`),
    `五、检查时间段：${d.window.start} 至 ${d.window.end}，具体日期由检查人员在时间段内自主确定。`,
    '六、检查流程：',
    ...PROCESS_STEPS.map((s, k) => `  ${k + 1}. ${s}`),
  ];
  return lines.join('\n');
}

type Doc = PDFKit.PDFDocument;

function field(doc: Doc, label: string, value: string) {
  doc.fontSize(10).text(`${label}：`, { continued: true }).text(value).moveDown(0.2);
}

function heading(doc: Doc, text: string) {
  doc.moveDown(0.5).fontSize(12).text(text).moveDown(0.2).fontSize(10);
}

export function renderSchemePdf(d: SchemeData, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: `检查方案 ${d.reference}`, Author: '冷水滩区应急管理局' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  useCjkFont(doc, font);
  doc.font('cjk').fontSize(16).text(`${d.enterprise.name}“双随机、一公开”检查方案`, { align: 'center' });
  doc.moveDown(0.3).fontSize(10).text(`方案编号：${d.reference}`, { align: 'right' }).moveDown(0.4);
  heading(doc, '一、检查依据');
  field(doc, '检查单位', d.unitName);
  field(doc, '年度计划', d.plan ? `${d.plan.title}（第 ${d.plan.roundNo} 轮）` : d.origin);
  field(doc, '抽取记录', d.draw ? `${d.draw.id}　校验值 ${d.draw.digest}` : '非随机检查（第八条）');
  heading(doc, '二、检查对象');
  field(doc, '企业', `${d.enterprise.name}（统一社会信用代码 ${d.enterprise.creditCode}）`);
  field(doc, '行业', d.enterprise.sector);
  field(doc, '地址', d.enterprise.address);
  heading(doc, '三、检查人员');
  for (const i of d.inspectors) doc.text(`${i.name}　行政执法证号 ${i.certificateNo}`);
  for (const e of d.experts) doc.text(`${e.name}（专家，${e.employer}）`);
  heading(doc, '四、检查内容');
  d.items.forEach((it, k) => {
    doc
      .text(`${k + 1}. ${it.name}（${it.code}）`)
      .text(`    ${it.content}`)
      .text(`    依据：${it.legalBasis}`);
  });
  heading(doc, '五、检查时间段');
  doc.text(`${d.window.start} 至 ${d.window.end}。检查人员在此时间段内自主确定具体检查日期（第十三条）。`);
  heading(doc, '六、检查流程');
  PROCESS_STEPS.forEach((s, k) => {
    doc.text(`${k + 1}. ${s}`);
  });
  heading(doc, '七、具体安排（检查单位提交的方案）');
  // The draft repeats the sections above; print the submitted text only where the unit changed it.
  const submitted = d.submitted?.trim();
  doc.text(!submitted ? '（尚未提交）' : submitted === schemeDraft(d).trim() ? '按上述方案执行。' : submitted);
  doc.moveDown(2).text('检查单位（盖章）：                    负责人（签字）：');
  doc.end();
  return done;
}
