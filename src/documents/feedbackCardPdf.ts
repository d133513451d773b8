// 《冷水滩区涉企检查满意度反馈卡》: a blank card pre-filled with the
// inspection's reference, so the scan that comes back matches its inspection.
import PDFDocument from 'pdfkit';
import { type CjkFont, useCjkFont } from './fonts.ts';

export interface FeedbackCardData {
  reference: string; // e.g. FK-00042, printed large and in the footer
  workflowId: string;
  unitName: string;
  enterpriseName: string;
  creditCode: string;
  inspectors: string[];
  date: string | null;
}

const QUESTIONS: [string, string[]][] = [
  ['检查人员是否出示行政执法证件', ['是', '否']],
  ['检查是否妨碍企业正常生产经营（第十九条）', ['否', '是']],
  ['检查人员是否索取或收受财物、谋取其他利益（第十九条）', ['否', '是']],
  ['检查结果是否当场向企业反馈（谁检查、谁反馈）', ['是', '否']],
  ['对本次检查的总体评价', ['满意', '基本满意', '不满意']],
];

export function renderFeedbackCardPdf(d: FeedbackCardData, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `满意度反馈卡 ${d.reference}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  useCjkFont(doc, font);
  doc.font('cjk').fontSize(16).text('冷水滩区涉企检查满意度反馈卡', { align: 'center' });
  doc.moveDown(0.4).fontSize(12).text(`反馈卡编号：${d.reference}`, { align: 'right' });
  doc.moveDown(0.6).fontSize(11);
  for (const [k, v] of [
    ['检查单位', d.unitName],
    ['被检查企业', `${d.enterpriseName}（${d.creditCode}）`],
    ['检查人员', d.inspectors.join('、')],
    ['检查日期', d.date ?? '________'],
  ])
    doc.text(`${k}：${v}`).moveDown(0.2);
  doc.moveDown(0.6);
  QUESTIONS.forEach(([q, options], k) => {
    doc
      .text(`${k + 1}. ${q}`)
      .moveDown(0.1)
      .text(`    ${options.map((o) => `□ ${o}`).join('      ')}`)
      .moveDown(0.5);
  });
  doc.text(`${QUESTIONS.length + 1}. 意见和建议：`).moveDown(0.3);
  for (let i = 0; i < 4; i++) doc.text('_'.repeat(70)).moveDown(0.3);
  doc.moveDown(1).text('企业负责人（签字）：______________        日期：______________');
  doc
    .moveDown(1)
    .fontSize(9)
    .text(
      `填写后请检查组带回扫描，由检查单位报送区优化办（lstyhb@163.com）。流程编号 ${d.workflowId} · ${d.reference}`,
    );
  doc.end();
  return done;
}
